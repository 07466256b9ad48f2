import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../../../api/test/support/test-app';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium when installed, otherwise the one shipped in the @sparticuz/chromium npm package. */
export async function launchBrowser(): Promise<Browser> {
  if (existsSync(DEBIAN_CHROMIUM)) {
    return chromium.launch({
      executablePath: DEBIAN_CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }
  const sparticuz = (await import('@sparticuz/chromium')).default;
  return chromium.launch({ executablePath: await sparticuz.executablePath(), args: sparticuz.args });
}

export const WEB_DIST = resolve(__dirname, '../../dist');

/** The real API serving the built web UI (npm test builds it first). */
export async function startWebApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  if (!existsSync(resolve(WEB_DIST, 'index.html'))) throw new Error(`web UI not built: run npm run build (missing ${WEB_DIST})`);
  return startTestApp({ WEB_DIST_DIR: WEB_DIST, ...overrides });
}

/**
 * The real app serving the web UI and one Chromium, started before a describe block's tests and
 * closed after them. Read `env.t` and `env.browser` inside tests.
 */
export function useWebApp(overrides: Record<string, string> = {}): { readonly t: TestApp; readonly browser: Browser } {
  const env = {} as { t: TestApp; browser: Browser };
  beforeAll(async () => {
    [env.t, env.browser] = await Promise.all([startWebApp(overrides), launchBrowser()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.t?.close();
  });
  return env;
}
