import type { Page } from 'playwright-core';
import { DEMO } from '../../api/test/support/test-app';
import { useWebApp } from './support/browser';
import { logIn } from './support/session';

const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 }, phone: false },
  { name: '375 px phone', viewport: { width: 375, height: 740 }, phone: true },
];

async function liveSession(page: Page, url: string, email: string): Promise<void> {
  await logIn(page, url, email);
  await page.getByTestId('current-user').waitFor();
  await page.waitForSelector('[data-testid="connection-status"][data-state="connected"]', { timeout: 15000 });
}

/**
 * 緊急の相談があります (seed 004): a provider raises it on its page; the on-call coordinator of its
 * area, on whatever page, gets the banner live and acknowledges it; the provider sees who did.
 */
describe.each(VIEWPORTS)('urgent contact in the browser ($name)', ({ viewport, phone }) => {
  const env = useWebApp();

  it('reaches the on-call coordinator live, who acknowledges it; the provider sees by whom', async () => {
    const { t, browser } = env;
    // the centre of 宇城市: 中村 holds the on-call phone at every hour
    const coordinatorToken = (await t.login(DEMO.coordinator)).accessToken;
    const rota = (await t.request('GET', '/api/oncall/rotas/organisation', { token: coordinatorToken })).body;
    const nakamura = rota.candidates.find((c: { name: string }) => c.name.includes('中村')).userId;
    const pattern = [0, 1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => ['day', 'night'].map((shift) => ({ weekday, shift, userId: nakamura })));
    const saved = await t.request('PUT', '/api/oncall/rotas/organisation', { token: coordinatorToken, body: { phone: '090-0000-1111', dayStarts: '09:00', nightStarts: '17:30', pattern } });
    expect(saved.status).toBe(204);

    const providerContext = await browser.newContext({ locale: 'ja-JP', viewport, isMobile: phone, hasTouch: phone });
    const coordinatorContext = await browser.newContext({ locale: 'ja-JP', viewport, isMobile: phone, hasTouch: phone });
    try {
      const provider = await providerContext.newPage();
      const coordinator = await coordinatorContext.newPage();
      await Promise.all([liveSession(provider, t.url, DEMO.providerStaff), liveSession(coordinator, t.url, DEMO.coordinator)]);

      // the provider's page (through the menu on a phone)
      const menu = provider.getByRole('button', { name: 'メニュー' });
      if (await menu.isVisible()) await menu.click();
      await provider.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '緊急の相談', exact: true }).click();
      await provider.getByRole('heading', { level: 1, name: '緊急の相談' }).waitFor();
      const summary = '利用者が興奮して職員一人では対応困難';
      await provider.getByLabel('相談の内容（200字まで・氏名は書かない）').fill(summary);
      await provider.getByRole('button', { name: '緊急の相談があります' }).click();
      expect(await provider.getByTestId('urgent-sent').textContent()).toMatch(/^当番に通知しました：.*中村/);
      const entry = provider.getByTestId('urgent-contact').filter({ hasText: summary });
      await entry.waitFor();
      expect(await entry.getAttribute('data-acknowledged')).toBe('false');
      expect(await entry.textContent()).toContain('確認待ち');

      // the coordinator, on the home page, gets the banner live (de-identified: the provider and the summary only)
      const banner = coordinator.getByTestId('alert-banner').filter({ hasText: summary });
      await banner.waitFor({ timeout: 15000 });
      expect(await banner.getByTestId('alert-banner-text').textContent()).toBe(`【緊急の相談】短期入所事業所 うきさと：${summary}`);
      await banner.getByRole('button', { name: '確認しました' }).click();
      await banner.waitFor({ state: 'detached' });

      // the provider sees who acknowledged it
      await provider.reload();
      const acknowledged = provider.locator('[data-testid="urgent-contact"][data-acknowledged="true"]').filter({ hasText: summary });
      await acknowledged.waitFor({ timeout: 15000 });
      expect(await acknowledged.textContent()).toMatch(/中村 恵さんが.+に確認しました/);
    } finally {
      await providerContext.close();
      await coordinatorContext.close();
    }
  });
});
