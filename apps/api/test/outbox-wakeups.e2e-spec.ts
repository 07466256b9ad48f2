import { postRequest } from './support/emergency';
import { DEMO, nextEvent, startTestApp, type TestApp } from './support/test-app';
import { createUnit, today } from './support/units';

/**
 * The sequencer tells which kinds of event it numbered (`sequenced:<event>`), so that the outbox's
 * consumers of some kinds are not woken for the others, and webhooks' passes are spaced: a vacancy
 * write costs the push dispatcher nothing, and a burst of them a few webhook passes, not one each.
 * Polls are ten minutes apart here, so every pass seen is one a notification started.
 */
describe('who the outbox wakes', () => {
  let t: TestApp;
  const metricsToken = 'metrics-token-for-the-test-0123456789';

  beforeAll(async () => {
    t = await startTestApp({ PUSH_POLL_INTERVAL_MS: '600000', WEBHOOK_POLL_INTERVAL_MS: '600000', RELAY_POLL_INTERVAL_MS: '60000', METRICS_TOKEN: metricsToken });
  });
  afterAll(() => t.close());

  /** The transaction that last wrote the push dispatcher's row (its lease is taken by every pass). */
  const pushPassMark = async () => (await t.db.query(`SELECT xmin::text AS x FROM push_dispatch`))[0].x as string;
  const metric = async (name: string) => {
    const r = await t.request('GET', '/api/metrics', { headers: { authorization: `Bearer ${metricsToken}` } });
    return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(r.body)?.[1]);
  };
  const webhookPasses = () => metric('akiwa_webhook_passes_total');
  const settle = () => new Promise((r) => setTimeout(r, 600));

  it('vacancy writes do not wake the push dispatcher; a request for a provider does', async () => {
    const staff = (await t.login(DEMO.providerStaff)).accessToken;
    const coordinator = (await t.login(DEMO.coordinator)).accessToken;
    const unit = await createUnit(t, staff);
    const board = t.socket(staff);
    await nextEvent(board, 'session:ready');
    await settle();
    const before = await pushPassMark();
    let version = 1;
    for (let i = 0; i < 5; i++) {
      const heard = nextEvent(board, 'vacancy:changed');
      const r = await t.request('POST', `/api/units/${unit.id}/vacancies/adjust`, { token: staff, body: { night: today(), gender: 'any', delta: i % 2 ? -1 : 1, expectedVersion: version } });
      expect(r.status).toBe(200);
      version = r.body.vacancyVersion;
      await heard; // sequenced and relayed: its NOTIFY has gone out
    }
    await settle();
    expect(await pushPassMark()).toBe(before);

    const received = nextEvent(board, 'request:received');
    await postRequest(t, coordinator, { needs: { categories: ['intellectual'], supportLevel: 4 } });
    await received;
    const deadline = Date.now() + 5000;
    while ((await pushPassMark()) === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await pushPassMark()).not.toBe(before);
    board.disconnect();
  });

  it('a burst of twenty vacancy writes starts a few webhook passes, not twenty', async () => {
    const staff = (await t.login(DEMO.providerStaff)).accessToken;
    const unit = await createUnit(t, staff);
    await settle();
    const before = await webhookPasses();
    let version = 1;
    const started = Date.now();
    for (let i = 0; i < 20; i++) {
      const r = await t.request('POST', `/api/units/${unit.id}/vacancies/adjust`, { token: staff, body: { night: today(), gender: 'any', delta: i % 2 ? -1 : 1, expectedVersion: version } });
      expect(r.status).toBe(200);
      version = r.body.vacancyVersion;
    }
    const burstMs = Date.now() - started;
    await settle();
    const passes = (await webhookPasses()) - before;
    expect(passes).toBeGreaterThanOrEqual(1); // woken at all
    // at most one every 250 ms over the burst, plus the last one after it
    expect(passes).toBeLessThanOrEqual(Math.ceil(burstMs / 250) + 2);
    expect(passes).toBeLessThan(10);
  });

  it("the writer's instance sequences each write once and reads back none of them, its own NOTIFYs notwithstanding", async () => {
    const staff = (await t.login(DEMO.providerStaff)).accessToken;
    const unit = await createUnit(t, staff);
    await settle();
    const [runs, reads] = [await metric('akiwa_relay_sequencer_runs'), await metric('akiwa_relay_reads')];
    let version = 1;
    for (let i = 0; i < 10; i++) {
      const r = await t.request('POST', `/api/units/${unit.id}/vacancies/adjust`, { token: staff, body: { night: today(), gender: 'any', delta: i % 2 ? -1 : 1, expectedVersion: version } });
      expect(r.status).toBe(200);
      version = r.body.vacancyVersion;
      await settle(); // its NOTIFYs (written, sequenced) have come and gone
    }
    expect((await metric('akiwa_relay_sequencer_runs')) - runs).toBe(10);
    expect((await metric('akiwa_relay_reads')) - reads).toBe(0);
  });
});
