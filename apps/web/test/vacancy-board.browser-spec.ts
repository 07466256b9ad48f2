import { DEMO } from '../../api/test/support/test-app';
import { useWebApp } from './support/browser';
import { openAs } from './support/session';

describe('live vacancy board', () => {
  const env = useWebApp();

  it("shows a provider's change of tonight's free beds on a coordinator's board within 1 s, without reload", async () => {
    // the provider on a phone, the coordinator at a desk
    const provider = await openAs(env.browser, env.t.url, DEMO.providerStaff, '/provider/vacancies', { width: 390, height: 844 });
    const board = await openAs(env.browser, env.t.url, DEMO.coordinator, '/coordinator/vacancies');

    const card = provider.getByTestId('unit-card').first();
    await card.waitFor();
    const unitId = (await card.getAttribute('data-unit-id'))!;
    const tonight = card.getByTestId('tonight-free').first();
    const before = Number(await tonight.textContent().then((s) => s!.replace(/\D/g, '')));

    const row = board.locator(`[data-testid="vacancy-row"][data-unit-id="${unitId}"]`);
    await row.waitFor();
    const available = row.getByTestId('vacancy-available');
    const shown = Number((await available.textContent())!.replace(/\D/g, ''));
    const navigations: string[] = [];
    board.on('framenavigated', (f) => navigations.push(f.url()));

    const clickedAt = Date.now();
    await card.getByRole('button', { name: '空き床を1増やす' }).first().click();
    await board.waitForFunction(
      ([id, expected]) => {
        const el = document.querySelector(`[data-testid="vacancy-row"][data-unit-id="${id}"] [data-testid="vacancy-available"]`);
        return el && Number(el.textContent!.replace(/\D/g, '')) === expected;
      },
      [unitId, shown + 1] as const,
      { timeout: 1000, polling: 'raf' },
    );
    const elapsed = Date.now() - clickedAt;
    expect(elapsed).toBeLessThanOrEqual(1000);
    expect(await row.getAttribute('data-changed')).toBe('true');
    expect(navigations).toEqual([]); // no reload
    expect(Number((await tonight.textContent())!.replace(/\D/g, ''))).toBe(before + 1);

    // the change is real: the API agrees
    const { accessToken } = await env.t.login(DEMO.coordinator);
    const v = await env.t.request('GET', `/api/units/${unitId}/vacancies`, { token: accessToken });
    const tonightRows = v.body.nights.filter((n: { night: string }) => n.night === v.body.nights[0].night);
    expect(tonightRows.reduce((s: number, n: { free: number; held: number }) => s + n.free - n.held, 0)).toBe(shown + 1);
  });

  it('marks stale vacancy data on the board', async () => {
    const board = await openAs(env.browser, env.t.url, DEMO.coordinator, '/coordinator/vacancies');
    await board.getByTestId('vacancy-row').first().waitFor();
    const freshness = await board.getByTestId('freshness').evaluateAll((els) => els.map((e) => e.getAttribute('data-freshness')));
    expect(freshness).toContain('fresh');
    expect(freshness).toContain('stale'); // the demo data has units confirmed days ago
  });
});
