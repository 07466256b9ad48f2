import type { EscalationDelays } from '@akiwa/contracts';
import { DEMO } from '../../api/test/support/test-app';
import { useWebApp } from './support/browser';
import { openAs } from './support/session';

const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: '375 px', viewport: { width: 375, height: 740 } },
];

/** The region's escalation delays on the 当番表 screen: refused when out of bounds (naming the field), saved, who changed them last. */
describe.each(VIEWPORTS)('escalation delays form ($name)', ({ viewport }) => {
  const env = useWebApp();

  it('sets the region’s delays, refuses nonsense by field, and shows who changed them last', async () => {
    const { t, browser } = env;
    const page = await openAs(browser, t.url, DEMO.coordinator, '/coordinator/oncall', viewport);
    try {
      const form = page.getByTestId('escalation-delays');
      await form.getByRole('heading', { name: 'エスカレーションの時間（宇城圏域）' }).waitFor();
      const changedBy = form.getByTestId('delays-changed-by');
      expect(await changedBy.textContent()).toBe('まだ変更されていません（既定の時間）。');
      const unseen = form.getByLabel('「確認しました」がないとき、事業所の職員に再通知するまで（分）');
      const noOffer = form.getByLabel('申し出がないとき、センターの当番に通知するまで（分）');
      expect([await unseen.inputValue(), await noOffer.inputValue()]).toEqual(['', '']);

      // out of bounds: refused by the server, the error under that field, nothing saved
      await unseen.fill('0');
      await noOffer.fill('10');
      await form.getByRole('button', { name: 'エスカレーションの時間を保存' }).click();
      const error = form.locator('.field--invalid .field-error');
      await error.waitFor();
      expect(await error.textContent()).toMatch(/分数/);
      expect(await form.locator('.field--invalid').getByLabel('「確認しました」がないとき、事業所の職員に再通知するまで（分）').count()).toBe(1);

      await unseen.fill('3');
      await form.getByRole('button', { name: 'エスカレーションの時間を保存' }).click();
      await form.getByText('エスカレーションの時間を保存しました。').waitFor();
      expect(await changedBy.textContent()).toMatch(/^最終変更：拠点コーディネーター 中村 恵（.+）$/);
      const token = (await t.login(DEMO.coordinator)).accessToken;
      expect((await t.request<EscalationDelays>('GET', '/api/oncall/escalation-delays', { token })).body).toMatchObject({ unseenMinutes: 3, noOfferMinutes: 10 });

      // kept: a fresh load shows the saved values and the change
      await page.reload();
      await form.waitFor();
      await page.waitForFunction(() => (document.querySelector('input[name="unseenMinutes"]') as HTMLInputElement | null)?.value === '3');
      expect(await noOffer.inputValue()).toBe('10');
      expect(await changedBy.textContent()).toMatch(/^最終変更：拠点コーディネーター 中村 恵/);

      // blank: back to the defaults
      await unseen.fill('');
      await noOffer.fill('');
      await form.getByRole('button', { name: 'エスカレーションの時間を保存' }).click();
      await form.getByText('エスカレーションの時間を保存しました。').waitFor();
      expect((await t.request<EscalationDelays>('GET', '/api/oncall/escalation-delays', { token })).body).toMatchObject({ unseenMinutes: null, noOfferMinutes: null });
    } finally {
      await page.context().close();
    }
  });
});
