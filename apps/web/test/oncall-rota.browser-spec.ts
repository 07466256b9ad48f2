import type { Page } from 'playwright-core';
import { serviceNight, shiftAt } from '@akiwa/domain';
import { postRequest } from '../../api/test/support/emergency';
import { DEMO } from '../../api/test/support/test-app';
import { useWebApp } from './support/browser';
import { logIn } from './support/session';

const NAKAMURA = '拠点コーディネーター 中村 恵';
const MATSUMOTO = '相談支援専門員 松本 聡';

async function openFromMenu(page: Page, name: string): Promise<void> {
  const menu = page.getByRole('button', { name: 'メニュー' });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name, exact: true }).click();
}

/** The coordinator edits the 当番表 (weekly pattern, then one shift in the calendar); the provider's card names that person. */
describe('on-call rota', () => {
  const env = useWebApp();

  it('is edited as a pattern and a calendar, and the on-call name and phone appear on the provider’s request card', async () => {
    const { t, browser } = env;
    const coordinatorContext = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
    const providerContext = await browser.newContext({ locale: 'ja-JP', viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    try {
      const coordinator = await coordinatorContext.newPage();
      await logIn(coordinator, t.url, DEMO.coordinator);
      await coordinator.getByTestId('current-user').waitFor();
      await openFromMenu(coordinator, '当番表');
      await coordinator.getByRole('heading', { level: 1, name: '当番表' }).waitFor();
      await coordinator.getByTestId('rota-calendar').waitFor();

      // weekly pattern: 松本 holds every shift; the on-call phone
      await coordinator.getByLabel('当番携帯の電話番号').fill('090-3333-4444');
      for (const weekday of ['日', '月', '火', '水', '木', '金', '土', '祝']) {
        for (const shift of ['日中', '夜間']) await coordinator.getByLabel(`${weekday} ${shift}`, { exact: true }).selectOption({ label: MATSUMOTO });
      }
      await coordinator.getByRole('button', { name: '保存する' }).click();
      await coordinator.getByText('当番表を保存しました。').waitFor();

      // the calendar: the shift running now goes to 中村 for this date only
      const now = shiftAt({ dayStarts: '09:00', nightStarts: '17:30' }, new Date());
      if (now.date.slice(0, 7) !== serviceNight(new Date(), 0).slice(0, 7)) await coordinator.getByRole('button', { name: '前の月' }).click();
      const cell = coordinator.locator(`.rota-day[data-date="${now.date}"] [data-shift="${now.shift}"]`);
      await cell.locator('select').selectOption({ label: NAKAMURA });
      await coordinator.waitForSelector(`.rota-day[data-date="${now.date}"] [data-shift="${now.shift}"][data-source="exception"]`);
      expect(await cell.textContent()).toContain('変更');

      // the provider's request card
      const token = (await t.login(DEMO.coordinator)).accessToken;
      const request = await postRequest(t, token);
      const provider = await providerContext.newPage();
      await logIn(provider, t.url, DEMO.providerStaff);
      await provider.getByTestId('current-user').waitFor();
      await provider.goto(`${t.url}/provider/requests`);
      const card = provider.locator(`[data-testid="inbox-item"][data-request-id="${request.id}"]`);
      await card.waitFor();
      const line = card.getByTestId('oncall');
      await line.waitFor();
      expect(await line.getByTestId('oncall-name').textContent()).toBe(`当番：${NAKAMURA}（宇城圏域基幹相談支援センター）`);
      expect(await line.getByRole('link').getAttribute('href')).toBe('tel:09033334444');
    } finally {
      await coordinatorContext.close();
      await providerContext.close();
    }
  });
});
