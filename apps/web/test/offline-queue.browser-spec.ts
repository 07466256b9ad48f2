import type { UnitVacancies } from '@akiwa/contracts';
import { serviceNight } from '@akiwa/domain';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO } from '../../api/test/support/test-app';
import { useWebApp } from './support/browser';
import { logIn } from './support/session';

const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 }, phone: false },
  { name: '375 px phone', viewport: { width: 375, height: 740 }, phone: true },
];

/** What this browser keeps in IndexedDB for the vacancy screen (the app's own store, opened the way the app opens it). */
function keptChanges(page: Page): Promise<{ id: string; sent: unknown; refused: unknown }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('akiwa-offline', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('vacancy-changes', { keyPath: 'id' });
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('vacancy-changes').objectStore('vacancy-changes').getAll();
          all.onsuccess = () => (open.result.close(), resolve(all.result));
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

/** Waits (up to 20 s) until `read` gives `expected`, then checks it: the last value read is what fails the test. */
async function until<T>(read: () => Promise<T>, expected: T): Promise<void> {
  let value = await read();
  for (let i = 0; i < 80 && JSON.stringify(value) !== JSON.stringify(expected); i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  expect(value).toEqual(expected);
}

/**
 * The phone vacancy screen's offline queue outlives the tab (issue 12): a tap made offline is kept
 * in IndexedDB, the tab is closed, a new one opened, the network returns — the change reaches the
 * server once and the screen shows it. A tap whose answer was lost is sent again by the next page
 * with the same Idempotency-Key and body and still counts once; one the server refuses by then (a
 * colleague came first) is said so on the screen.
 */
describe.each(VIEWPORTS)('the vacancy screen’s offline queue ($name)', ({ viewport, phone }) => {
  const env = useWebApp();
  let context: BrowserContext;
  let staff: string;
  let unitId: string;
  const night = serviceNight(new Date());

  const server = async (): Promise<{ free: number; version: number }> => {
    const r = await env.t.request<UnitVacancies>('GET', `/api/units/${unitId}/vacancies?from=${night}&to=${night}`, { token: staff });
    return { free: r.body.nights.filter((n) => n.night === night).reduce((sum, n) => sum + n.free, 0), version: r.body.vacancyVersion };
  };
  const openVacancies = async (): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(`${env.t.url}/provider/vacancies`);
    return page;
  };
  const button = (page: Page, name: '空き床を1増やす' | '空き床を1減らす') =>
    page.locator(`[data-testid="unit-card"][data-unit-id="${unitId}"]`).getByRole('button', { name });
  const showsFigure = (page: Page, free: number) =>
    page.waitForFunction(([id, n]) => document.querySelector(`[data-testid="unit-card"][data-unit-id="${id}"] [data-testid="tonight-free"]`)?.textContent === String(n), [unitId, free] as const, {
      timeout: 20000,
    });

  beforeAll(async () => {
    context = await env.browser.newContext({ viewport, locale: 'ja-JP', isMobile: phone, hasTouch: phone });
    staff = (await env.t.login(DEMO.providerStaff)).accessToken;
    const page = await context.newPage();
    await logIn(page, env.t.url, DEMO.providerStaff);
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${env.t.url}/provider/vacancies`);
    // the worker serves the app shell when a page is opened offline
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20000 });
    unitId = (await page.getByTestId('unit-card').first().getAttribute('data-unit-id'))!;
    await page.close();
  });
  afterAll(() => context?.close());

  it('sends a tap made offline once, after its tab was closed and a new one opened, and the screen shows it', async () => {
    const before = await server();
    const page = await openVacancies();
    await showsFigure(page, before.free);
    await context.setOffline(true);
    await button(page, '空き床を1増やす').click();
    await showsFigure(page, before.free + 1);
    await page.getByTestId('waiting-changes').waitFor();
    expect((await keptChanges(page)).map((c) => c.sent)).toEqual([null]);
    await page.close();

    // a new tab, still offline: the app shell opens, nothing is sent yet
    const again = await openVacancies();
    await again.locator('#root').waitFor();
    expect(await server()).toEqual(before);
    await context.setOffline(false);
    // the session resumes by itself; the kept tap goes out and the screen shows the server's figure
    await showsFigure(again, before.free + 1);
    await again.waitForFunction(() => !document.querySelector('[data-testid="waiting-changes"]'));
    await until(server, { free: before.free + 1, version: before.version + 1 });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // nothing more arrives later
    expect(await server()).toEqual({ free: before.free + 1, version: before.version + 1 });
    expect(await keptChanges(again)).toEqual([]);
    expect(await again.getByTestId('refused-changes').count()).toBe(0);
    await again.close();
  });

  it('counts a tap whose answer was lost once, although the next tab sends it again', async () => {
    const before = await server();
    const page = await openVacancies();
    await showsFigure(page, before.free);
    // the request reaches the server; its answer never reaches the page
    await page.route('**/api/units/*/vacancies/adjust', async (route) => {
      await route.fetch().catch(() => undefined);
      await route.abort('connectionreset').catch(() => undefined);
    });
    await button(page, '空き床を1減らす').click();
    await until(server, { free: before.free - 1, version: before.version + 1 });
    expect((await keptChanges(page)).map((c) => c.sent)).toEqual([expect.objectContaining({ delta: -1, expectedVersion: before.version })]);
    await page.close();

    const again = await openVacancies();
    await showsFigure(again, before.free - 1);
    await until(async () => (await keptChanges(again)).length, 0);
    expect(await server()).toEqual({ free: before.free - 1, version: before.version + 1 });
    expect(await again.getByTestId('refused-changes').count()).toBe(0);
    await showsFigure(again, before.free - 1);
    await again.close();
  });

  it('says so when a kept change is refused by the time it can be sent (a colleague came first)', async () => {
    const before = await server();
    const page = await openVacancies();
    await showsFigure(page, before.free);
    // sent, but lost on the way: it never reached the server
    await page.route('**/api/units/*/vacancies/adjust', (route) => route.abort('connectionreset'));
    await button(page, '空き床を1増やす').click();
    await until(async () => (await keptChanges(page)).filter((c) => c.sent).length, 1);
    await page.close();
    // a colleague's −1 meanwhile
    const colleague = await env.t.request('POST', `/api/units/${unitId}/vacancies/adjust`, {
      token: staff,
      body: { night, gender: 'any', delta: -1, expectedVersion: before.version },
    });
    expect([200, 201]).toContain(colleague.status);

    const again = await openVacancies();
    const refused = again.getByTestId('refused-change');
    await refused.waitFor({ timeout: 20000 });
    expect(await refused.textContent()).toContain('他の職員が先に更新したため、反映されませんでした');
    expect(await refused.getAttribute('data-status')).toBe('409');
    await showsFigure(again, before.free - 1);
    expect(await server()).toEqual({ free: before.free - 1, version: before.version + 1 });
    await refused.getByRole('button', { name: '閉じる' }).click();
    await refused.waitFor({ state: 'detached' });
    expect(await keptChanges(again)).toEqual([]);
    await again.close();
  });
});
