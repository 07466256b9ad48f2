import { useWebApp } from './support/browser';
import { logIn } from './support/session';
import { DEMO } from '../../api/test/support/test-app';

/** The installable app: a valid manifest (name 空き輪, icons), a service worker in control, and the shell offline. */
const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 }, phone: false },
  { name: '375 px phone', viewport: { width: 375, height: 740 }, phone: true },
];

describe.each(VIEWPORTS)('installable app (PWA) ($name)', ({ viewport, phone }) => {
  const env = useWebApp();

  it('registers the service worker, has a valid manifest, and opens offline from the shell', async () => {
    const { t, browser } = env;
    const context = await browser.newContext({ locale: 'ja-JP', viewport, isMobile: phone, hasTouch: phone });
    try {
      const page = await context.newPage();
      await page.goto(`${t.url}/login`);
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
      expect(scope).toBe(`${t.url}/`);

      // the manifest as Chromium reads it: no errors, the name, standalone, icons that load
      const cdp = await context.newCDPSession(page);
      const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[]; data?: string };
      expect(manifest.url).toBe(`${t.url}/manifest.webmanifest`);
      expect(manifest.errors).toEqual([]);
      const data = JSON.parse(manifest.data!);
      expect(data).toMatchObject({ short_name: '空き輪', display: 'standalone', start_url: '/' });
      for (const icon of data.icons as { src: string; type: string }[]) {
        const res = await fetch(new URL(icon.src, t.url));
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toContain('image/png');
      }
      const installability = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
      // test contexts are incognito (Chromium never installs there); nothing else may object: no icon, manifest or worker errors
      expect(installability.installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);

      // the shell opens offline once the worker controls the page
      await page.reload();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await logIn(page, t.url, DEMO.providerStaff);
      await page.getByTestId('current-user').waitFor();
      await context.setOffline(true);
      await page.reload();
      await page.locator('#root').waitFor();
      expect(await page.title()).toContain('空き輪');
      await context.setOffline(false);
    } finally {
      await context.close();
    }
  });
});
