import type { VacancyChangedEvent } from '@akiwa/contracts';
import { OutboxRelay } from '../src/events/outbox-relay.service';
import { DEMO, nextEvent, startTestApp, type TestApp } from './support/test-app';
import { createUnit, today } from './support/units';

/**
 * The relay's connections can be reset at any moment (a failover, an idle timeout in a proxy, an
 * operator's pg_terminate_backend). One reset while a relay connection is checked out used to be an
 * unhandled 'error' event that ended the process (seen in CI as `read ECONNRESET`). The relay must
 * shrug it off and keep delivering.
 */
describe('outbox relay under connection resets', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('survives its connections being terminated mid-transaction and keeps delivering', async () => {
    t = await startTestApp();
    const relay = t.app.get(OutboxRelay);
    const until = Date.now() + 4000;
    let killed = 0;
    const passes = (async () => {
      while (Date.now() < until) await relay.wake();
    })();
    // only connections that are in the middle of something: a checked-out client, not an idle one
    const killing = (async () => {
      while (Date.now() < until) {
        const rows = await t.owner(
          `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'akiwa-relay' AND state IN ('active', 'idle in transaction')`,
        );
        killed += rows.filter((r) => r.done).length;
      }
    })();
    await Promise.all([passes, killing]);
    expect(killed).toBeGreaterThan(0);

    const staff = (await t.login(DEMO.providerStaff)).accessToken;
    const coordinator = (await t.login(DEMO.coordinator)).accessToken;
    const unit = await createUnit(t, staff, { municipalityCode: '43213' });
    const board = t.socket(coordinator);
    await nextEvent(board, 'session:ready');
    expect(await board.timeout(2000).emitWithAck('vacancies:subscribe', { municipalityCode: '43213' })).toMatchObject({ ok: true });
    const heard = nextEvent<VacancyChangedEvent>(board, 'vacancy:changed', 10000);
    const r = await t.request('POST', `/api/units/${unit.id}/vacancies/adjust`, { token: staff, body: { night: today(), gender: 'any', delta: 1, expectedVersion: 1 } });
    expect(r.status).toBe(200);
    expect((await heard).unitId).toBe(unit.id);
  });
});
