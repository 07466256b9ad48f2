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
});
