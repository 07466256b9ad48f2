import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { postRequest } from '../../api/test/support/emergency';
import { DEMO } from '../../api/test/support/test-app';
import { useWebApp } from './support/browser';
import { logIn } from './support/session';

/** axe-core's own bundle, injected into each page (the npm package's browser build). */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 740 } } as const;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe on the page as it is and answers the serious and critical violations, readably. */
async function seriousViolations(page: Page): Promise<string[]> {
  // evaluated through the DevTools protocol, which the page's Content-Security-Policy (script-src 'self') does not govern
  await page.evaluate(AXE_SOURCE);
  const violations: Violation[] = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ').trim() ?? v.help}`));
}

/** Every page of the app, for each role, at desktop width and on a 375 px phone: no serious or critical axe violation. */
describe('accessibility (axe-core) of every page', () => {
  const env = useWebApp();
  let requestId: string;
  let unitId: string;

  beforeAll(async () => {
    const { accessToken: coord } = await env.t.login(DEMO.coordinator);
    requestId = (await postRequest(env.t, coord)).id;
    const { accessToken: staff } = await env.t.login(DEMO.providerStaff);
    const units = (await env.t.request('GET', '/api/units', { token: staff })).body;
    unitId = (Array.isArray(units) ? units : units.items)[0].id;
  });

  const pages: Record<string, { email: string | null; paths: () => string[] }> = {
    visitor: { email: null, paths: () => ['/login', '/no-such-page'] },
    provider: {
      email: DEMO.providerStaff,
      paths: () => ['/provider', '/provider/vacancies', `/provider/vacancies/units/${unitId}`, '/provider/vacancies/units/new', '/provider/requests', '/provider/trial-stays'],
    },
    coordinator: {
      email: DEMO.coordinator,
      paths: () => ['/coordinator', '/coordinator/vacancies', '/coordinator/requests', '/coordinator/requests/new', `/coordinator/requests/${requestId}`, '/coordinator/trial-stays'],
    },
    municipality: { email: DEMO.officer, paths: () => ['/municipality', '/municipality/reports', '/municipality/audit'] },
    admin: { email: DEMO.admin, paths: () => ['/admin', '/admin/organisations', '/admin/users', '/admin/audit'] },
  };

  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    for (const [role, spec] of Object.entries(pages)) {
      it(`${role} pages at ${viewportName} width have no serious or critical violation`, async () => {
        const context: BrowserContext = await env.browser.newContext({ viewport, locale: 'ja-JP', hasTouch: viewportName === 'phone' });
        const page = await context.newPage();
        if (spec.email) {
          await logIn(page, env.t.url, spec.email);
          await page.getByTestId('current-user').waitFor();
        }
        const found: string[] = [];
        for (const path of spec.paths()) {
          await page.goto(`${env.t.url}${path}`);
          await page.locator('h1').first().waitFor();
          await page.waitForLoadState('networkidle');
          found.push(...(await seriousViolations(page)).map((v) => `${path}: ${v}`));
        }
        await context.close();
        expect(found).toEqual([]);
      });
    }
  }
});
