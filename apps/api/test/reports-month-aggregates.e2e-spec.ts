import { ReportRepository, type ReportFilter, type RequestAggregates } from '../src/reports/report.repository';
import { postRequest } from './support/emergency';
import { FY, writeReportFixture } from './support/report-fixture';
import { DEMO, startTestApp, type TestApp } from './support/test-app';

/**
 * The report's per-month aggregates (migration ReportMonthAggregates1765872000000) stay exact: over
 * the fixture year, and again after writes to an old month and to the current one, every figure read
 * from them (whole months) equals the same figure computed from the raw rows, medians and p90s
 * included; a refreshed month leaves nothing in the change log.
 */
describe('reports: per-month aggregates stay exact after writes', () => {
  let t: TestApp;
  let repo: ReportRepository;
  let coordinator: string;
  let centre: string;

  beforeAll(async () => {
    t = await startTestApp();
    repo = t.app.get(ReportRepository);
    const c = await t.login(DEMO.coordinator);
    coordinator = c.accessToken;
    centre = c.user.organisation.id;
    const [{ id: kumamoto }] = await t.db.query(`SELECT id FROM organisations WHERE name = '熊本市基幹相談支援センター'`);
    await writeReportFixture(t.db, { uki: centre, kumamoto }, c.user.id);
  });
  afterAll(() => t.close());

  const prefecture = async () => (await t.db.query(`SELECT code FROM municipalities WHERE prefecture_code = '43' ORDER BY code`)).map((r: { code: string }) => r.code);
  const year = (fy: number, over: Partial<ReportFilter>): ReportFilter => ({
    personCodes: null,
    organisationId: null,
    areaCodes: [],
    from: `${fy}-04-01`,
    to: `${fy + 1}-04-01`,
    asOf: new Date(`${fy + 1}-04-01T00:00:00+09:00`),
    ...over,
  });
  // tables whose row order is the statement's own choice are compared as sets
  const canonical = (a: RequestAggregates) =>
    Object.fromEntries(
      Object.entries(a).map(([k, v]) => [k, Array.isArray(v) && !['unmetStatements', 'contracted'].includes(k) ? [...v].map((x) => JSON.stringify(x)).sort() : v]),
    );
  const sameAsRows = async (f: ReportFilter) => {
    const fromMonths = await repo.requests(f);
    expect(canonical(fromMonths)).toEqual(canonical(await repo.requestsFromRows(f)));
    return fromMonths;
  };
  const filters = async (fy: number) => [
    year(fy, { personCodes: ['43213'] }),
    year(fy, { personCodes: await prefecture() }),
    year(fy, { organisationId: centre }),
    { ...year(fy, { personCodes: await prefecture() }), from: `${fy}-05-01`, to: `${fy}-06-01` },
  ];

  it('equals the raw rows over the fixture year, for a municipality, a prefecture, a centre and one month', async () => {
    for (const f of await filters(FY)) await sameAsRows(f);
    const total = (await repo.requests(year(FY, { personCodes: await prefecture() }))).byMonth.reduce((a, r) => a + r.n, 0);
    expect(total).toBeGreaterThan(20);
    expect(await t.db.query(`SELECT * FROM report_month_changes WHERE month >= $1 AND month < $2`, [`${FY}-04-01`, `${FY + 1}-04-01`])).toEqual([]);
  });

  it('stays exact after an old month changes: a request cancelled, a decline and an acknowledgement added', async () => {
    const [old] = await t.db.query(
      `SELECT e.id, e.municipality_code, x.organisation_id FROM emergency_requests e JOIN request_recipients x ON x.request_id = e.id
       WHERE e.status <> 'cancelled' AND e.created_at >= '2025-04-01T00:00+09:00' AND e.created_at < '2026-03-01T00:00+09:00'
         AND NOT EXISTS (SELECT 1 FROM request_responses d WHERE d.request_id = e.id AND d.organisation_id = x.organisation_id)
         AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.request_id = e.id AND o.organisation_id = x.organisation_id)
       ORDER BY e.created_at LIMIT 1`,
    );
    expect(old).toBeDefined();
    const mine = year(FY, { personCodes: [old.municipality_code] });
    const before = await repo.requests(mine);
    await t.db.query(`UPDATE emergency_requests SET status = 'cancelled', closed_at = created_at + interval '3 hours' WHERE id = $1`, [old.id]);
    const [user] = await t.db.query(`SELECT id FROM users WHERE organisation_id = $1 LIMIT 1`, [old.organisation_id]);
    const [anyUser] = await t.db.query(`SELECT id FROM users ORDER BY email LIMIT 1`);
    await t.db.query(
      `INSERT INTO request_responses(request_id, organisation_id, reason, responded_by, at)
       SELECT request_id, organisation_id, 'staffing', $3, notified_at + interval '17 minutes' FROM request_recipients WHERE request_id = $1 AND organisation_id = $2`,
      [old.id, old.organisation_id, user?.id ?? anyUser.id],
    );
    const after = await sameAsRows(mine);
    expect(after).not.toEqual(before);
    expect(after.toAnswer.n).toBe(before.toAnswer.n + 1);
    for (const f of await filters(FY)) await sameAsRows(f);
  });

  it('stays exact for the current month after a request is posted through the API', async () => {
    const japan = new Date(Date.now() + 9 * 3600_000);
    const fy = japan.getUTCMonth() >= 3 ? japan.getUTCFullYear() : japan.getUTCFullYear() - 1;
    const f = year(fy, { organisationId: centre });
    const before = await sameAsRows(f);
    await postRequest(t, coordinator);
    const after = await sameAsRows(f);
    const n = (a: RequestAggregates) => a.byMonth.reduce((x, r) => x + r.n, 0);
    expect(n(after)).toBe(n(before) + 1);
    for (const g of await filters(fy)) await sameAsRows(g);
  });
});
