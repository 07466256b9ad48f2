import type { ConsoleMessage, Page } from 'playwright-core';
import { DEMO } from '../../../api/test/support/test-app';
import { useWebApp } from '../support/browser';
import { logIn } from '../support/session';

/**
 * The web app works under the Content-Security-Policy the API sends (script-src 'self', no inline
 * scripts or styles): every role logs in, navigates through its menu, and the browser reports no
 * violation.
 */
describe('the web app under its Content-Security-Policy', () => {
  const env = useWebApp();

  const watch = async (page: Page) => {
    const violations: string[] = [];
    page.on('console', (m: ConsoleMessage) => {
      if (/Content[- ]Security[- ]Policy/i.test(m.text())) violations.push(m.text());
    });
    // the DOM event fires for every violation, also for those the console does not repeat
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __csp: string[] }).__csp ??= [];
        (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    return async () => [...violations, ...((await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])) as string[])];
  };

  it.each([
    [DEMO.admin, { width: 1280, height: 800 }],
    [DEMO.coordinator, { width: 1280, height: 800 }],
    [DEMO.providerStaff, { width: 375, height: 740 }],
    [DEMO.officer, { width: 1280, height: 800 }],
  ])('%s logs in and visits every menu item without a CSP violation', async (email, viewport) => {
    const context = await env.browser.newContext({ locale: 'ja-JP', viewport });
    const page = await context.newPage();
    const violations = await watch(page);
    const response = await page.goto(`${env.t.url}/`);
    expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
    await logIn(page, env.t.url, email);
    await page.getByTestId('current-user').waitFor();
    await page.waitForSelector('[data-testid="connection-status"][data-state="connected"]', { timeout: 10000 });
    // the bundled Noto Sans JP is loaded (a font blocked by CSP would fall back silently)
    expect(await page.evaluate(async () => (await document.fonts.load('16px "Noto Sans JP"', '空き輪')).length)).toBeGreaterThan(0);
    const hrefs = await page.evaluate(() =>
      [...document.querySelectorAll('nav a[href^="/"]')].map((a) => a.getAttribute('href')!).filter((h, i, all) => all.indexOf(h) === i),
    );
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) {
      await page.goto(`${env.t.url}${href}`);
      await page.getByTestId('current-user').waitFor();
      await page.waitForLoadState('networkidle');
    }
    expect(await violations()).toEqual([]);
    await context.close();
  });

  it('blocks an injected inline script (the policy is enforced, not just sent)', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const violations = await watch(page);
    await page.goto(`${env.t.url}/`);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.appendChild(s);
    });
    await page.waitForFunction(() => ((window as unknown as { __csp?: string[] }).__csp ?? []).length > 0);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    expect((await violations()).join(' ')).toContain('script-src');
    await context.close();
  });
});
