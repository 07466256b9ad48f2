import { DEMO } from '../../api/test/support/test-app';
import { createUnit, setRange, today } from '../../api/test/support/units';
import { startReceiver, type Receiver } from '../../api/test/support/webhook-receiver';
import { seriousViolations } from './support/axe';
import { useWebApp } from './support/browser';
import { openAs } from './support/session';

const PHONE = { width: 375, height: 740 };

/**
 * Webhook (admin): register an endpoint (the secret shown once), see it stopped with its last error
 * after a failed delivery, resume it, delete it; desktop and phone.
 */
describe('webhooks (admin)', () => {
  // one failed attempt stops an endpoint, so the test sees the stopped state at once
  const env = useWebApp({ WEBHOOK_ALLOW_LOOPBACK: 'true', WEBHOOK_DISABLE_AFTER_FAILURES: '1', WEBHOOK_TIMEOUT_MS: '2000' });
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
    receiver.answer = 500;
  });
  afterAll(() => receiver?.close());

  for (const [label, viewport, area, code] of [
    ['desktop', { width: 1280, height: 800 }, '宇城市', '43213'],
    ['phone', PHONE, '宇土市', '43211'],
  ] as const) {
    it(`registers an endpoint, shows it stopped with its last error, resumes and deletes it (${label})`, async () => {
      const page = await openAs(env.browser, env.t.url, DEMO.admin, '/admin/webhooks', viewport);
      const form = page.getByTestId('webhook-form');
      await form.waitFor();

      // nothing given: both fields named, in Japanese; then the server's refusal of plain http under the URL
      await form.getByRole('button', { name: '登録する' }).click();
      await form.getByText('送信先 URL を入力してください').waitFor();
      await form.getByText('地域を選んでください').last().waitFor();
      await form.getByLabel('地域').selectOption({ label: area });
      await form.getByLabel('送信先 URL').fill('http://hooks.example.jp/akiwa');
      await form.getByRole('button', { name: '登録する' }).click();
      await form.getByText('「URL」は https:// で始まる必要があります').waitFor();

      const name = `県 医療情報システム ${label}`;
      await form.getByLabel('送信先 URL').fill(`${receiver.url}?${label}`);
      await form.getByLabel('名称').fill(name);
      await form.getByRole('button', { name: '登録する' }).click();
      const secret = (await page.getByTestId('webhook-secret').textContent())!.trim();
      expect(secret).toMatch(/^whsec_/);
      const row = page.getByTestId('webhook-list').getByRole('row').filter({ hasText: name });
      await row.getByText('有効').waitFor();
      expect(await page.getByTestId('webhook-list').textContent()).not.toContain(secret);

      // a vacancy change in the area: the receiver answers 500, the endpoint stops
      const before = receiver.got.length;
      const staff = (await env.t.login(DEMO.providerStaff)).accessToken;
      const unit = await createUnit(env.t, staff, { municipalityCode: code });
      await setRange(env.t, staff, unit.id, today(), today(), 1);
      await receiver.until(before + 1);
      await page.reload();
      await row.getByText('停止中').waitFor();
      await row.getByText('HTTP 500').waitFor();
      if (viewport === PHONE) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
      }
      expect(await seriousViolations(page)).toEqual([]);

      receiver.answer = 200;
      await row.getByRole('button', { name: `${name} を再開する` }).click();
      await row.getByText('有効').waitFor();
      await receiver.until(before + 2); // the pending delivery goes out once resumed
      receiver.answer = 500;

      page.once('dialog', (d) => void d.accept());
      await row.getByRole('button', { name: `${name} を削除する` }).click();
      await row.waitFor({ state: 'detached' });
      await page.context().close();
    });
  }
});
