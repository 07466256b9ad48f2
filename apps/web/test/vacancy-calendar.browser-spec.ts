import type { Page } from 'playwright-core';
import { DEMO } from '../../api/test/support/test-app';
import { seriousViolations } from './support/axe';
import { useWebApp } from './support/browser';
import { openAs } from './support/session';

const PHONE = { width: 375, height: 740 };

/** The board's day-by-day calendar (日ごとの空き): units down, nights across, ○/△/×/?/停. */
describe('vacancy calendar on the board', () => {
  const env = useWebApp();

  async function openCalendar(page: Page): Promise<void> {
    await page.getByRole('button', { name: '日ごとの空き' }).click();
    await page.getByTestId('calendar-row').first().waitFor();
  }
  const marks = (page: Page) =>
    page.getByTestId('calendar-cell').evaluateAll((cells) => cells.map((c) => ({ unit: c.closest('tr')!.getAttribute('data-unit-id')!, night: c.getAttribute('data-night')!, mark: c.getAttribute('data-mark')! })));

  it("shows ○ / △ / × across providers and updates live when a provider taps − on a phone", async () => {
    const provider = await openAs(env.browser, env.t.url, DEMO.providerStaff, '/provider/vacancies', { width: 390, height: 844 });
    const board = await openAs(env.browser, env.t.url, DEMO.coordinator, '/coordinator/vacancies');
    await openCalendar(board);

    const all = await marks(board);
    const unitsWith = (mark: string) => new Set(all.filter((c) => c.mark === mark).map((c) => c.unit));
    expect(unitsWith('free').size).toBeGreaterThan(0);
    expect(unitsWith('few').size).toBeGreaterThan(0);
    expect(unitsWith('full').size).toBeGreaterThan(0);
    expect(new Set(all.map((c) => c.unit)).size).toBeGreaterThan(1); // across providers

    const card = provider.getByTestId('unit-card').first();
    await card.waitFor();
    const unitId = (await card.getAttribute('data-unit-id'))!;
    const tonightCell = board.locator(`[data-testid="calendar-row"][data-unit-id="${unitId}"] [data-testid="calendar-cell"]`).first();
    // the demo's うきさと has 2 of 4 beds free tonight: ○; one fewer leaves one bed: △
    expect(await tonightCell.getAttribute('data-mark')).toBe('free');
    const navigations: string[] = [];
    board.on('framenavigated', (f) => navigations.push(f.url()));

    await card.getByRole('button', { name: '空き床を1減らす' }).first().click();
    await board.waitForFunction(
      (id) => document.querySelector(`[data-testid="calendar-row"][data-unit-id="${id}"] [data-testid="calendar-cell"]`)?.getAttribute('data-mark') === 'few',
      unitId,
      { timeout: 5000 },
    );
    expect(navigations).toEqual([]); // live, no reload
    expect(await board.locator(`[data-testid="calendar-row"][data-unit-id="${unitId}"]`).getAttribute('data-changed')).toBe('true');
    await provider.context().close();
    await board.context().close();
  });

  it('on a 375 px phone the month scrolls inside its box with the unit column held in place', async () => {
    const page = await openAs(env.browser, env.t.url, DEMO.coordinator, '/coordinator/vacancies', PHONE);
    await openCalendar(page);
    await page.getByRole('button', { name: '1か月' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="calendar-row"]:first-child [data-testid="calendar-cell"]').length === 31);

    const sizes = await page.evaluate(() => {
      const box = document.querySelector('[data-testid="vacancy-calendar"]') as HTMLElement;
      return { page: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth, inner: box.scrollWidth, outer: box.clientWidth };
    });
    expect(sizes.page).toBeLessThanOrEqual(sizes.viewport); // the page itself never scrolls sideways
    expect(sizes.inner).toBeGreaterThan(sizes.outer); // the calendar does, inside its box

    const unitHeader = page.locator('[data-testid="calendar-row"] th').first();
    const firstNight = page.getByTestId('calendar-cell').first();
    const before = { unit: (await unitHeader.boundingBox())!, night: (await firstNight.boundingBox())! };
    await page.getByTestId('vacancy-calendar').evaluate((box) => {
      box.scrollLeft = 400;
    });
    await page.waitForFunction(() => (document.querySelector('[data-testid="vacancy-calendar"]') as HTMLElement).scrollLeft > 0);
    const after = { unit: (await unitHeader.boundingBox())!, night: (await firstNight.boundingBox())! };
    expect(after.unit.x).toBe(before.unit.x); // the unit column stays (position: sticky)
    expect(after.night.x).toBeLessThan(before.night.x - 100); // the nights move under it

    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('a tap on a ○ opens a new emergency request pre-filled with that unit’s area and night', async () => {
    const page = await openAs(env.browser, env.t.url, DEMO.coordinator, '/coordinator/vacancies', PHONE);
    await openCalendar(page);
    const cell = page.locator('[data-testid="calendar-cell"][data-mark="free"]').nth(1);
    const night = (await cell.getAttribute('data-night'))!;
    const unitId = (await cell.evaluate((c) => c.closest('tr')!.getAttribute('data-unit-id')))!;
    const { accessToken } = await env.t.login(DEMO.coordinator);
    const unit = (await env.t.request('GET', `/api/units/${unitId}`, { token: accessToken })).body;

    await cell.getByRole('link').click();
    await page.waitForURL(/\/coordinator\/requests\/new\?/);
    await page.getByTestId('request-prefill').waitFor();
    expect(await page.getByTestId('request-prefill').textContent()).toContain(unit.name);
    expect(await page.locator('select[name="municipalityCode"]').inputValue()).toBe(unit.municipalityCode);
    expect(await page.locator('input[name="from"]').inputValue()).toBe(night);
    await page.context().close();
  });
});
