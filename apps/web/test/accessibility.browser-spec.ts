import type { BrowserContext } from 'playwright-core';
import { postRequest } from '../../api/test/support/emergency';
import { DEMO } from '../../api/test/support/test-app';
import { seriousViolations } from './support/axe';
import { useWebApp } from './support/browser';
import { logIn } from './support/session';

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 740 } } as const;

/** Every page of the app, for each role, at desktop width and on a 375 px phone: no serious or critical axe violation. */
describe('accessibility (axe-core) of every page', () => {
  const env = useWebApp();
  let requestId: string;
  let unitId: string;
  let providerOrganisationId: string;

  beforeAll(async () => {
    const { accessToken: coord } = await env.t.login(DEMO.coordinator);
    requestId = (await postRequest(env.t, coord)).id;
    const { accessToken: staff } = await env.t.login(DEMO.providerStaff);
    const units = (await env.t.request('GET', '/api/units', { token: staff })).body;
    unitId = (Array.isArray(units) ? units : units.items)[0].id;
    providerOrganisationId = (Array.isArray(units) ? units : units.items)[0].organisationId;
    // the admissions status is on screen too: 受入停止中 with its reason and end, 夜間受入不可
    const pausedUntil = new Date(Date.now() + 24 * 3_600_000).toISOString();
    await env.t.request('PUT', `/api/units/${unitId}/admissions`, { token: staff, body: { pausedUntil, pauseReason: '感染症（インフルエンザ）発生のため', nightAdmission: false } });
  });

  const pages: Record<string, { email: string | null; paths: () => string[] }> = {
    visitor: { email: null, paths: () => ['/login', '/no-such-page'] },
    provider: {
      email: DEMO.providerStaff,
      paths: () => ['/provider', '/provider/vacancies', `/provider/vacancies/units/${unitId}`, '/provider/vacancies/units/new', '/provider/requests', '/provider/trial-stays', '/provider/profile'],
    },
    coordinator: {
      email: DEMO.coordinator,
      paths: () => ['/coordinator', '/coordinator/vacancies', '/coordinator/requests', '/coordinator/requests/new', `/coordinator/requests/${requestId}`, '/coordinator/trial-stays', `/profiles/${providerOrganisationId}`],
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
