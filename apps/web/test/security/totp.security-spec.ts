import type { Page } from 'playwright-core';
import { totpCode } from '../../../api/test/support/totp';
import { DEMO } from '../../../api/test/support/test-app';
import { useWebApp } from '../support/browser';
import { logIn } from '../support/session';

/** Scans nothing: reads the key shown beside the QR code, enters the app's code, keeps the recovery codes. */
async function enrol(page: Page): Promise<string> {
  await page.getByTestId('mfa-qr').waitFor();
  const secret = (await page.getByTestId('mfa-secret').textContent())!.trim();
  await page.getByLabel('確認コード（6桁）').fill(totpCode(secret));
  await page.getByRole('button', { name: '確認して有効にする' }).click();
  const codes = page.getByTestId('recovery-codes').getByRole('listitem');
  await codes.first().waitFor();
  expect(await codes.count()).toBe(10);
  await page.getByRole('button', { name: '控えました' }).click();
  return secret;
}

describe('security: two factors in the browser', () => {
  // MFA required as in production: every login without it is sent to enrolment first
  const env = useWebApp({ MFA_ENFORCEMENT: 'required' });

  it('forces enrolment at login (QR code, code, recovery codes shown once), then asks for a code at every login', async () => {
    const context = await env.browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await logIn(page, env.t.url, DEMO.coordinator);
    const restricted = page.getByTestId('restricted-session');
    await restricted.waitFor();
    expect(await restricted.getAttribute('data-restriction')).toBe('mfa_enrolment');
    await page.getByRole('button', { name: '二要素認証を設定する' }).click();
    const secret = await enrol(page);
    await page.getByTestId('current-user').waitFor({ timeout: 10000 });
    await page.waitForSelector('[data-testid="connection-status"][data-state="connected"]', { timeout: 10000 });

    // the account page shows it on
    await page.goto(`${env.t.url}/account`);
    expect(await page.getByTestId('mfa-state').getAttribute('data-enabled')).toBe('true');

    await page.getByRole('button', { name: 'ログアウト' }).first().click();
    await logIn(page, env.t.url, DEMO.coordinator);
    await page.getByRole('heading', { name: '確認コードの入力' }).waitFor();
    await page.getByLabel('確認コード', { exact: true }).fill('000000');
    await page.getByRole('button', { name: '確認する' }).click();
    await page.getByRole('alert').filter({ hasText: '確認コードが正しくありません' }).waitFor();
    // the next step's code: the one used at enrolment may not be replayed
    await page.getByLabel('確認コード', { exact: true }).fill(totpCode(secret, 1));
    await page.getByRole('button', { name: '確認する' }).click();
    await page.getByTestId('current-user').waitFor({ timeout: 10000 });
    expect(await page.getByTestId('current-user').getAttribute('data-role')).toBe('coordinator');
    await context.close();
  });
});
