import { DEMO } from '../../api/test/support/test-app';
import { useWebApp } from './support/browser';
import { logIn } from './support/session';

describe('logging in through the real UI', () => {
  const env = useWebApp();

  it.each([
    [DEMO.admin, 'admin', '組織管理'],
    [DEMO.coordinator, 'coordinator', '緊急依頼'],
    [DEMO.providerStaff, 'provider_staff', '緊急依頼受信箱'],
    [DEMO.officer, 'municipal_officer', '集計・年次検証'],
  ])('%s lands on the home of role %s, with its navigation and a live connection', async (email, role, navItem) => {
    const context = await env.browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await logIn(page, env.t.url, email);
    const user = page.getByTestId('current-user');
    await user.waitFor();
    expect(await user.getAttribute('data-role')).toBe(role);
    const nav = page.getByRole('navigation', { name: 'メインメニュー' });
    expect(await nav.getByRole('link', { name: navItem }).count()).toBeGreaterThan(0);
    await page.waitForSelector('[data-testid="connection-status"][data-state="connected"]', { timeout: 10000 });
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    await context.close();
  });

  it('shows the Japanese error for a wrong password, and the page keeps the user after a reload', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await logIn(page, env.t.url, DEMO.coordinator, 'wrong-password');
    await page.getByRole('alert').filter({ hasText: 'メールアドレスまたはパスワードが正しくありません' }).waitFor();
    await logIn(page, env.t.url, DEMO.coordinator);
    await page.getByTestId('current-user').waitFor();
    await page.reload();
    await page.getByTestId('current-user').waitFor();
    expect(await page.getByTestId('current-user').getAttribute('data-role')).toBe('coordinator');
    await context.close();
  });

  it('keeps the session in a second tab and across tabs refreshing at once', async () => {
    const context = await env.browser.newContext();
    const first = await context.newPage();
    await logIn(first, env.t.url, DEMO.coordinator);
    await first.getByTestId('current-user').waitFor();
    // two more tabs start at the same moment: both resume from the one stored refresh token
    const [second, third] = await Promise.all([context.newPage(), context.newPage()]);
    await Promise.all([second.goto(`${env.t.url}/coordinator/vacancies`), third.goto(`${env.t.url}/coordinator`)]);
    for (const page of [first, second, third]) {
      await page.getByTestId('current-user').waitFor({ timeout: 10000 });
    }
    await first.reload();
    await first.getByTestId('current-user').waitFor({ timeout: 10000 });
    await context.close();
  });

  it('switches to English, and works on a phone-sized screen with the menu button', async () => {
    const context = await env.browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await logIn(page, env.t.url, DEMO.providerStaff);
    await page.getByTestId('current-user').waitFor();
    // on a phone the navigation and account tools fold behind the menu button
    expect(await page.getByRole('button', { name: 'English' }).isVisible()).toBe(false);
    await page.getByRole('button', { name: 'メニュー' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const nav = page.getByRole('navigation', { name: 'Main menu' });
    await nav.getByRole('link', { name: 'Request inbox' }).waitFor({ state: 'visible' });
    // nothing overflows sideways on a phone
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await context.close();
  });
});
