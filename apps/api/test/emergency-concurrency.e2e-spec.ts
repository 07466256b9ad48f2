import { DEMO, startTestApp, type HttpResult, type TestApp } from './support/test-app';
import { bookingViolations, postRequest } from './support/emergency';
import { createUnit, inDays, setRange, today, vacancies } from './support/units';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];

/** Never double-book: the database decides, whatever the interleaving. */
describe('emergency concurrency', () => {
  let t: TestApp;
  let coordinator: string;
  let staff: string;
  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent' });
    coordinator = (await t.login(DEMO.coordinator)).accessToken;
    staff = (await t.login(DEMO.providerStaff)).accessToken;
  });
  afterAll(() => t.close());

  it('200 concurrent accepts, confirmations and vacancy edits against ONE free bed place exactly one request', async () => {
    const unit = await createUnit(t, staff, { categories: ['intractable_disease'], specialNeeds: ['severe_behavioural'], capacity: 4 });
    await setRange(t, staff, unit.id, today(), inDays(1), 1);
    const needs = { categories: ['intractable_disease' as const], specialNeeds: ['severe_behavioural' as const] };
    const requests = await Promise.all(Array.from({ length: 30 }, () => postRequest(t, coordinator, { needs, nights: 2 })));
    for (const r of requests) expect(r.matchedProviders).toBe(1);

    const offers: { requestId: string; offerId: string }[] = [];
    const results: HttpResult[] = [];
    const record = (r: HttpResult) => (results.push(r), r);
    const accept = async () => {
      const req = pick(requests);
      const r = record(await t.request('POST', `/api/emergency-requests/${req.id}/accept`, { token: staff, body: { unitId: unit.id } }));
      if (r.status === 201) {
        const offerId = r.body.response.offer.id;
        offers.push({ requestId: req.id, offerId });
        record(await t.request('POST', `/api/emergency-requests/${req.id}/confirm`, { token: coordinator, body: { offerId } }));
      }
    };
    const confirm = async () => {
      await sleep(Math.random() * 150);
      const o = offers.length ? pick(offers) : null;
      const req = o && Math.random() < 0.7 ? o.requestId : pick(requests).id; // sometimes another request's offer: 404
      record(await t.request('POST', `/api/emergency-requests/${req}/confirm`, { token: coordinator, body: { offerId: o?.offerId ?? '00000000-0000-4000-8000-000000000000' } }));
    };
    const edit = async () => {
      await sleep(Math.random() * 100);
      const { vacancyVersion } = await vacancies(t, staff, unit.id);
      const body = { from: today(), to: inDays(1), gender: 'any', free: 1, expectedVersion: vacancyVersion };
      record(
        Math.random() < 0.5
          ? await t.request('PUT', `/api/units/${unit.id}/vacancies/range`, { token: staff, body })
          : await t.request('POST', `/api/units/${unit.id}/vacancies/confirm`, { token: staff, body: { expectedVersion: vacancyVersion } }),
      );
    };
    const ops = [...Array(80).fill(accept), ...Array(60).fill(confirm), ...Array(60).fill(edit)].sort(() => Math.random() - 0.5);
    await Promise.all(ops.map((op) => op()));

    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(new Set(statuses.filter((s) => ![200, 201, 404, 409].includes(s)))).toEqual(new Set());
    const placed = await t.db.query(`SELECT id FROM emergency_requests WHERE id = ANY($1::uuid[]) AND status = 'placed'`, [requests.map((r) => r.id)]);
    expect(placed).toHaveLength(1);
    const rows = await t.db.query(`SELECT night::text, free, held FROM vacancies WHERE unit_id = $1 AND night <= $2 ORDER BY night`, [unit.id, inDays(1)]);
    expect(rows).toEqual([
      { night: today(), free: 1, held: 1 },
      { night: inDays(1), free: 1, held: 1 },
    ]);
    expect(await bookingViolations(t.db)).toEqual([]);
    // capacity errors are named as such
    const refused = results.filter((r) => r.status === 409 && r.body.code === 'capacity_exceeded');
    expect(refused.length).toBeGreaterThan(0);
  });

  it('two providers’ offers for one request: racing confirmations and withdrawals yield one placement, the other bed given back', async () => {
    const shiranui = (await t.login('staff@shiranui-en.example')).accessToken;
    const needs = { categories: ['intractable_disease' as const], specialNeeds: ['medical_care' as const] };
    const u1 = await createUnit(t, staff, { categories: ['intractable_disease'], specialNeeds: ['medical_care'] });
    const u2 = await createUnit(t, shiranui, { categories: ['intractable_disease'], specialNeeds: ['medical_care'] });
    await setRange(t, staff, u1.id, today(), today(), 1);
    await setRange(t, shiranui, u2.id, today(), today(), 1);
    for (let round = 0; round < 5; round++) {
      const req = await postRequest(t, coordinator, { needs });
      expect(req.matchedProviders).toBe(2);
      const a1 = await t.request('POST', `/api/emergency-requests/${req.id}/accept`, { token: staff, body: { unitId: u1.id } });
      const a2 = await t.request('POST', `/api/emergency-requests/${req.id}/accept`, { token: shiranui, body: { unitId: u2.id } });
      expect([a1.status, a2.status]).toEqual([201, 201]);
      const [o1, o2] = [a1.body.response.offer.id, a2.body.response.offer.id];
      const results = await Promise.all([
        ...Array.from({ length: 20 }, (_, i) => t.request('POST', `/api/emergency-requests/${req.id}/confirm`, { token: coordinator, body: { offerId: i % 2 ? o1 : o2 } })),
        t.request('POST', `/api/offers/${o1}/withdraw`, { token: staff }),
        t.request('POST', `/api/offers/${o2}/withdraw`, { token: shiranui }),
        t.request('POST', `/api/emergency-requests/${req.id}/cancel`, { token: coordinator }),
      ]);
      expect(results.filter((r) => r.status >= 500)).toEqual([]);
      const confirmed = results.slice(0, 20).filter((r) => r.status === 200);
      const [row] = await t.db.query(`SELECT status FROM emergency_requests WHERE id = $1`, [req.id]);
      expect(confirmed.length).toBe(row.status === 'placed' ? 1 : 0);
      expect(await bookingViolations(t.db)).toEqual([]);
      // give the placed bed back for the next round
      await t.db.query(`UPDATE offers SET status = 'released' WHERE request_id = $1 AND status = 'confirmed'`, [req.id]);
      await t.db.query(`UPDATE vacancies SET held = 0 WHERE unit_id = ANY($1::uuid[])`, [[u1.id, u2.id]]);
      await t.db.query(`UPDATE emergency_requests SET status = 'cancelled' WHERE id = $1`, [req.id]);
    }
  });
});
