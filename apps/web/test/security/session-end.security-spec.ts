import { DEMO } from '../../../api/test/support/test-app';
import { useWebApp } from '../support/browser';
import { logIn } from '../support/session';

describe('security: the web app follows the server when a session ends', () => {
  const env = useWebApp();

  it('returns to the login page with a message when an admin deactivates the user, and keeps the refresh token out of JavaScript', async () => {
    const context = await env.browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await logIn(page, env.t.url, DEMO.otherProviderStaff);
    await page.getByTestId('current-user').waitFor();
    await page.waitForSelector('[data-testid="connection-status"][data-state="connected"]', { timeout: 10000 });

    // the refresh token is an httpOnly cookie: invisible to scripts, absent from storage
    expect(await page.evaluate(() => document.cookie)).not.toContain('akiwa_refresh');
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toMatch(/[A-Za-z0-9_-]{40}/);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'akiwa_refresh')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth' });

    const admin = await env.t.login(DEMO.admin);
    const me = (await env.t.login(DEMO.otherProviderStaff)).user;
    const off = await env.t.request('PATCH', `/api/admin/users/${me.id}`, { token: admin.accessToken, body: { active: false } });
    expect(off.status).toBe(200);
    const notice = page.getByTestId('session-ended');
    await notice.waitFor({ timeout: 5000 });
    expect(await notice.getAttribute('data-reason')).toBe('deactivated');
    expect(await notice.textContent()).toContain('アカウントが無効になった');
    await page.getByLabel('メールアドレス').waitFor();
    await context.close();
  });

  it('lets an admin require two factors of an organisation from its row', async () => {
    const context = await env.browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await logIn(page, env.t.url, DEMO.admin);
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${env.t.url}/admin/organisations`);
    const row = page.getByRole('row').filter({ hasText: '宇城圏域基幹相談支援センター' });
    const box = row.getByRole('checkbox', { name: 'この組織の全員に二要素認証を必須にする' });
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/admin/organisations/') && r.request().method() === 'PATCH' && r.ok()),
      box.click(),
    ]);
    const admin = await env.t.login(DEMO.admin);
    const list = await env.t.request('GET', '/api/admin/organisations?limit=200', { token: admin.accessToken });
    expect(list.body.items.find((o: { name: string }) => o.name === '宇城圏域基幹相談支援センター')?.mfaRequired).toBe(true);
    expect((await env.t.login(DEMO.coordinator)).restriction).toBe('mfa_enrolment');
    await context.close();
  });
});
