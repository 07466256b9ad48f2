import type { TrialPersonView, TrialStayView } from '@akiwa/contracts';
import { addDays, nightsBetween } from '@akiwa/domain';
import { DEMO, startTestApp, type HttpResult, type TestApp, UNGATED } from './support/test-app';
import { createUnit, inDays, today } from './support/units';

/**
 * Overlapping bookings of one room serialise on the room: no deadlock, and every loser is told at
 * once which nights are taken. (Without the room lock, two overlapping inserts wait on each other in
 * the exclusion constraint until PostgreSQL's deadlock detector kills one, a second later.)
 */
describe('concurrent trial bookings of one room', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ ...UNGATED, LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent' });
  });
  afterAll(() => t.close());

  /** Deadlocks counted in this test's database. Backends report their counters when they exit, so the app's pooled ones are ended first. */
  async function deadlocks(): Promise<number> {
    await t.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    for (let i = 0; i < 100; i++) {
      const [{ others }] = await t.db.query(`SELECT count(*)::int AS others FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
      if (!others) break;
      await new Promise((r) => setImmediate(r));
    }
    const [{ n }] = await t.db.query(`SELECT pg_stat_clear_snapshot(), (SELECT deadlocks::int FROM pg_stat_database WHERE datname = current_database()) AS n`);
    return n;
  }

  it('answers 90 parallel overlapping bookings without a deadlock; each loser gets 409 naming the nights taken, and is reported how long after its winner', async () => {
    const misumi = (await t.login('staff@misumi-gh.example')).accessToken;
    const coord = (await t.login(DEMO.coordinator)).accessToken;
    const room = await createUnit(t, misumi, { serviceType: 'group_home_care', trialOk: true, emergencyOk: false, categories: ['psychiatric'], roomGender: 'either', capacity: 1 });
    expect((await t.request('PUT', `/api/trial-stays/units/${room.id}/offer`, { token: misumi, body: { houseRules: '', whatToBring: '', openings: [{ from: today(), to: inDays(40) }] } })).status).toBe(200);
    // the persons first, ten at a time (the setup is not what is measured)
    const persons: TrialPersonView[] = [];
    for (let batch = 0; batch < 9; batch++) {
      const made = await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          t.request('POST', '/api/trial-persons', {
            token: coord,
            body: { displayName: `並行${batch * 10 + j}`, ageBand: '30-49', gender: 'male', municipalityCode: '43213', categories: ['psychiatric'], supportLevel: 2, specialNeeds: [] },
          }),
        ),
      );
      for (const r of made) {
        expect(r.status).toBe(201);
        persons.push(r.body);
      }
    }
    const before = await deadlocks();

    const started = performance.now();
    const results = await Promise.all(
      persons.map(async (p, i) => {
        const from = inDays(1 + ((i * 7) % 20));
        const to = addDays(from, 1 + (i % 5));
        const r: HttpResult<TrialStayView & { nights: string[] }> = await t.request('POST', '/api/trial-stays', { token: coord, body: { unitId: room.id, personId: p.id, from, to } });
        return { ...r, from, to, at: performance.now() - started };
      }),
    );

    expect((await deadlocks()) - before).toBe(0);
    expect(results.filter((r) => r.status !== 201 && r.status !== 409).map((r) => [r.status, r.body])).toEqual([]);
    const winners = results.filter((r) => r.status === 201);
    const losers = results.filter((r) => r.status === 409);
    expect(winners.length).toBeGreaterThan(0);
    expect(losers.length).toBeGreaterThan(0);
    const winnerOf = new Map<string, (typeof results)[number]>();
    for (const w of winners) for (const n of nightsBetween(w.from, addDays(w.to, -1))) winnerOf.set(n, w);
    const lags: number[] = [];
    for (const l of losers) {
      expect(l.body.details[0]).toMatchObject({ field: 'from', code: 'already_booked' });
      // the nights named are requested nights that a winner holds (a winner that came later may hold more)
      const requested = nightsBetween(l.from, addDays(l.to, -1));
      expect(l.body.nights.length).toBeGreaterThan(0);
      expect(l.body.nights.filter((n: string) => !requested.includes(n) || !winnerOf.has(n))).toEqual([]);
      const winner = winnerOf.get(l.body.nights[0])!;
      lags.push(l.at - winner.at);
    }
    lags.sort((a, b) => a - b);
    const worst = lags[lags.length - 1];
    const p95 = lags[Math.floor(lags.length * 0.95)];
    console.log(`90 parallel bookings: ${winners.length} won, ${losers.length} refused; loser answered after its winner: p95 ${p95.toFixed(0)} ms, worst ${worst.toFixed(0)} ms; all answered in ${Math.max(...results.map((r) => r.at)).toFixed(0)} ms`);
    // The 100 ms target is judged by the benchmark `trial-booking-race` (bench/benchmarks/
    // trial-booking-race.js: p99 of this same lag over several rounds, on an idle machine), not here:
    // on the shared 2-core machine under the full suite a loser's HTTP answer also queues behind
    // everything else running (seen up to 1.9 s at a load average of 30), so any bound would test the
    // machine. What the room lock guarantees is asserted above: no deadlock, and every loser refused
    // with the nights named.
    expect(lags.length).toBe(losers.length);
  });
});
