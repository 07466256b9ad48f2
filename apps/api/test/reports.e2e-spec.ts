import ExcelJS from 'exceljs';
import type { AnnualReport } from '@akiwa/contracts';
import { AS_OF, FY, LEVELS, writeReportFixture, type Fixture, type FxRequest } from './support/report-fixture';
import { DEMO, startTestApp, type TestApp } from './support/test-app';

/**
 * The annual report over a fixture year that crosses 31 March: every figure is computed here from
 * the raw rows the fixture wrote and must equal the API's; small numbers are withheld; an officer
 * reads only their own municipality (and their 圏域 once it agrees to share).
 */
const T = 3;
/**
 * What the API may publish for a raw count: null (「3未満」) when it is small, else the count itself or
 * 'withheld' (「秘匿」, complementary suppression). Which cells are complements is the rule's choice;
 * that it leaves no row or column to subtraction is checked from the report itself below.
 */
const sup = (n: number): unknown => (n > 0 && n < T ? null : { asymmetricMatch: (x: unknown) => x === n || x === 'withheld', toAsymmetricMatcher: () => `${n} or 'withheld'` });
const withheld = (x: unknown) => x === null || x === 'withheld';
/** A part of a small total is published as small even when it is 0 (else 「3未満」 = 「3未満」 + 「3未満」 would say 1 + 1). */
const supPart = (n: number, ...totals: number[]) => (totals.some((t) => t > 0 && t < T) ? null : sup(n));
const JST = 9 * 3600_000;
const jstMonth = (d: Date) => new Date(d.getTime() + JST).toISOString().slice(0, 7);
const inFy = (d: Date) => d >= new Date('2025-03-31T15:00:00Z') && d < new Date('2026-03-31T15:00:00Z');
const minutes = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 60_000;
const round1 = (x: number) => Math.round(x * 10) / 10;
function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const v = [...values].sort((a, b) => a - b);
  const pos = p * (v.length - 1);
  const lo = Math.floor(pos);
  return v[lo] + (v[Math.min(lo + 1, v.length - 1)] - v[lo]) * (pos - lo);
}
const stats = (values: number[]) => ({
  n: sup(values.length),
  medianMinutes: values.length < T ? null : round1(percentile(values, 0.5)!),
  p90Minutes: values.length < T ? null : round1(percentile(values, 0.9)!),
});
const count = <T>(xs: T[], pred: (x: T) => boolean) => xs.filter(pred).length;
const needsOf = (q: FxRequest) => [...q.categories, ...q.specialNeeds, ...(q.child ? ['child'] : [])];

describe('reports: the annual verification over a fixture year', () => {
  let t: TestApp;
  let fx: Fixture;
  let officer: string;
  let otherOfficer: string;
  let coordinator: string;
  let admin: string;
  let ukiCentre: string;
  let report: AnnualReport;

  beforeAll(async () => {
    t = await startTestApp();
    const [a, o, c] = await Promise.all([t.login(DEMO.admin), t.login(DEMO.officer), t.login(DEMO.coordinator)]);
    admin = a.accessToken;
    officer = o.accessToken;
    coordinator = c.accessToken;
    ukiCentre = c.user.organisation.id;
    const [{ id: kumamoto }] = await t.db.query(`SELECT id FROM organisations WHERE name = '熊本市基幹相談支援センター'`);
    fx = await writeReportFixture(t.db, { uki: ukiCentre, kumamoto }, c.user.id);
    // an officer of 宇土市, the neighbour in the same 圏域
    const org = await t.request('POST', '/api/admin/organisations', { token: admin, body: { name: '宇土市 福祉課', kind: 'municipality', municipalityCode: '43211' } });
    await t.request('POST', '/api/admin/users', {
      token: admin,
      body: { email: 'officer@city.uto.example', displayName: '宇土市 担当', role: 'municipal_officer', organisationId: org.body.id, password: 'a-long-password-1' },
    });
    otherOfficer = (await t.login('officer@city.uto.example', 'a-long-password-1')).accessToken;
    const r = await t.request('GET', `/api/reports/annual?fiscalYear=${FY}`, { token: officer });
    expect(r.status).toBe(200);
    report = r.body;
  });
  afterAll(() => t.close());

  /** 宇城市's persons' requests of 令和7年度. */
  const mine = () => fx.requests.filter((q) => q.code === '43213' && inFy(q.createdAt));
  const outcomeOf = (q: FxRequest) => {
    if (q.status !== 'placed') return q.status;
    const placedWith = fx.providers.find((p) => p.id === q.offers.find((o) => o.status === 'confirmed')!.org)!;
    return `placed_${placedWith.level[q.code]}`;
  };

  it('names the period 令和7年度 beside the Western dates and says the ledger has no registrations', () => {
    expect(report.period).toEqual({ from: '2025-04-01', to: '2026-04-01', fiscalYear: 2025, label: '令和7年度（2025年4月1日〜2026年3月31日）' });
    expect(report.scope).toEqual({ kind: 'municipality', code: '43213', name: '宇城市' });
    expect(report.registrantsAvailable).toBe(false);
    expect(report.suppressBelow).toBe(T);
  });

  it('counts requests by month and outcome, with 31 March in the year and 1 April in the next', () => {
    const reqs = mine();
    expect(reqs.some((q) => q.createdAt.toISOString() === '2026-03-31T14:59:00.000Z')).toBe(true);
    expect(reqs.some((q) => q.createdAt.toISOString() === '2026-03-31T15:00:00.000Z')).toBe(false);
    const outcomes = ['placed_municipality', 'placed_region', 'placed_prefecture', 'unplaced', 'cancelled', 'open'];
    const months = ['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'];
    expect(report.requests.byMonth).toEqual(
      months.map((month) => {
        const inMonth = reqs.filter((q) => jstMonth(q.createdAt) === month);
        const column = (o: string) => count(reqs, (q) => outcomeOf(q) === o);
        return { month, total: sup(inMonth.length), outcomes: Object.fromEntries(outcomes.map((o) => [o, supPart(count(inMonth, (q) => outcomeOf(q) === o), inMonth.length, column(o))])) };
      }),
    );
    expect(reqs.length).toBeGreaterThanOrEqual(T);
    expect(report.requests.total).toBe(reqs.length);
    expect(report.requests.byOutcome).toEqual(Object.fromEntries(outcomes.map((o) => [o, sup(count(reqs, (q) => outcomeOf(q) === o))])));
    expect(report.requests.byUrgency).toEqual(Object.fromEntries(['emergency', 'watch', 'normal'].map((u) => [u, sup(count(reqs, (q) => q.urgency === u))])));
    const needs = ['physical', 'intellectual', 'psychiatric', 'intractable_disease', 'child', 'medical_care', 'severe_behavioural', 'severe_physical'];
    expect(report.requests.byNeed).toEqual(Object.fromEntries(needs.map((n) => [n, sup(count(reqs, (q) => needsOf(q).includes(n)))])));
  });

  it('measures the time to a first offer and to placement (median, p90), placements by service type and nights', () => {
    const reqs = mine();
    const firstOffer = reqs.filter((q) => q.offers.length).map((q) => minutes(q.createdAt, new Date(Math.min(...q.offers.map((o) => o.createdAt.getTime())))));
    const placed = reqs.filter((q) => q.status === 'placed');
    expect(report.requests.toFirstOffer).toEqual(stats(firstOffer));
    expect(report.requests.toPlacement).toEqual(stats(placed.map((q) => minutes(q.createdAt, q.closedAt!))));
    const byType = new Map<string, FxRequest[]>();
    for (const q of placed) {
      const type = fx.providers.find((p) => p.id === q.offers.find((o) => o.status === 'confirmed')!.org)!.serviceType;
      byType.set(type, [...(byType.get(type) ?? []), q]);
    }
    expect(report.requests.placementsByServiceType).toEqual(
      [...byType]
        .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
        .map(([serviceType, qs]) => ({ serviceType, placements: sup(qs.length), nights: qs.length < T ? 'withheld' : sup(qs.reduce((s, q) => s + q.nights, 0)) })),
    );
    // the headline figures are not small: shown as they are, whatever was withheld around them
    expect(placed.length).toBeGreaterThanOrEqual(T);
    expect(report.requests.placements).toBe(placed.length);
    expect(report.requests.nightsPlaced).toBe(placed.reduce((s, q) => s + q.nights, 0));
    expect(report.status).toEqual([
      expect.objectContaining({ municipalityCode: '43213', municipalityName: '宇城市', registrants: null, emergencyProtections: placed.length }),
    ]);
  });

  it('shows where the system failed people: unmet needs per level, declines, contracted providers', () => {
    const reqs = mine();
    const unmet = reqs.flatMap((q) => LEVELS.filter((l, i) => i <= LEVELS.indexOf(q.scope) && !q.recipients.some((x) => x.scope === l)).map((level) => ({ q, level })));
    const needs = ['physical', 'intellectual', 'psychiatric', 'intractable_disease', 'child', 'medical_care', 'severe_behavioural', 'severe_physical'];
    expect(report.failures.unmetByNeed).toEqual(
      needs
        .map((need) => ({ need, levels: Object.fromEntries(LEVELS.map((l) => [l, sup(count(unmet, (u) => u.level === l && needsOf(u.q).includes(need)))])) }))
        .filter((row) => Object.values(row.levels).some((v) => v !== 0)),
    );
    expect(report.failures.unplaced).toEqual(sup(count(reqs, (q) => q.status === 'unplaced')));
    const statementCount = report.failures.statements.reduce((s, x) => s + (x.count ?? 0), 0);
    expect(statementCount).toBeLessThanOrEqual(unmet.length);
    const area = { municipality: '宇城市', region: '宇城圏域', prefecture: '熊本県' } as const;
    for (const s of report.failures.statements) {
      const n = count(unmet, (u) => u.level === s.level && [...u.q.categories].sort().join() === [...s.categories].sort().join() && u.q.child === s.child && [...u.q.specialNeeds].sort().join() === [...s.specialNeeds].sort().join());
      expect(s.areaName).toBe(area[s.level]);
      expect(s.count).toEqual(sup(n));
      expect(s.sentence.ja).toMatch(new RegExp(`^${area[s.level]}内に.+を受け入れる事業所なし：(${n}|3未満)件$`));
    }
    expect(report.failures.statements.length).toBe(new Set(unmet.map((u) => `${u.level}|${[...u.q.categories].sort()}|${u.q.child}|${[...u.q.specialNeeds].sort()}`)).size);

    const reasons = ['full', 'medical_care', 'staffing', 'gender', 'other'];
    const declines = reqs.flatMap((q) => q.declines.map((d) => ({ ...d, q })));
    expect(report.failures.declinesByProvider).toEqual(
      fx.providers
        .filter((p) => declines.some((d) => d.org === p.id))
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((p) => ({
          organisationId: p.id,
          organisationName: p.name,
          reasons: Object.fromEntries(reasons.map((x) => [x, supPart(count(declines, (d) => d.org === p.id && d.reason === x), count(declines, (d) => d.org === p.id))])),
          total: sup(count(declines, (d) => d.org === p.id)),
        })),
    );
    expect(report.failures.declinesByCategory).toEqual(
      ['physical', 'intellectual', 'psychiatric', 'intractable_disease'].map((category) => ({
        category,
        reasons: Object.fromEntries(reasons.map((x) => [x, supPart(count(declines, (d) => d.q.categories.includes(category) && d.reason === x), count(declines, (d) => d.q.categories.includes(category)))])),
        total: sup(count(declines, (d) => d.q.categories.includes(category))),
      })),
    );
    const contracted = fx.providers.filter((p) => reqs.some((q) => q.contracted === p.id)).sort((a, b) => a.name.localeCompare(b.name));
    expect(report.failures.contracted).toEqual(
      contracted.map((p) => {
        const qs = reqs.filter((q) => q.contracted === p.id);
        const placedWith = (q: FxRequest) => q.offers.some((o) => o.status === 'confirmed' && o.org === p.id);
        return {
          organisationId: p.id,
          organisationName: p.name,
          requests: sup(qs.length),
          placedWithIt: sup(count(qs, placedWith)),
          declined: sup(count(qs, (q) => q.declines.some((d) => d.org === p.id))),
          notPlacedWithIt: sup(count(qs, (q) => ['placed', 'unplaced'].includes(q.status) && !placedWith(q))),
        };
      }),
    );
  });

  it('measures provider engagement as of the year end: fresh figures for the night in progress, their age, silent providers, time to acknowledge and to answer', () => {
    const units = fx.units.filter((u) => u.code === '43213');
    const ages = units.filter((u) => u.lastConfirmed).map((u) => (AS_OF.getTime() - u.lastConfirmed!.getTime()) / 3600_000);
    expect(report.engagement.asOf).toBe(AS_OF.toISOString());
    expect(report.engagement.units).toBe(units.length);
    expect(report.engagement.confirmedWithin24h).toBeCloseTo(count(ages, (a) => a < 24) / units.length, 10);
    expect(report.engagement.medianVacancyAgeHours).toBe(round1(percentile(ages, 0.5)!));
    expect(report.engagement.providersNeverUpdating.map((p) => p.organisationName).sort()).toEqual(['レポート未更新 0', 'レポート未更新 1']);
    const told = mine().flatMap((q) => q.recipients.map((x) => ({ x, q })));
    const answers = told
      .map(({ x, q }) => {
        const times = [...q.declines.filter((d) => d.org === x.org).map((d) => d.at), ...q.offers.filter((o) => o.org === x.org).map((o) => o.createdAt)];
        return times.length ? minutes(x.notifiedAt, new Date(Math.min(...times.map((d) => d.getTime())))) : null;
      })
      .filter((m): m is number => m !== null);
    expect(report.engagement.toAnswer).toEqual(stats(answers));
    expect(report.engagement.answeredShare).toBeCloseTo(answers.length / told.length, 10);
    // acknowledged: 確認しました, or the answer when it came first (or alone)
    const acks = told
      .map(({ x, q }) => {
        const times = [...(x.seenAt ? [x.seenAt] : []), ...q.declines.filter((d) => d.org === x.org).map((d) => d.at), ...q.offers.filter((o) => o.org === x.org).map((o) => o.createdAt)];
        return times.length ? minutes(x.notifiedAt, new Date(Math.min(...times.map((d) => d.getTime())))) : null;
      })
      .filter((m): m is number => m !== null);
    expect(acks.length).toBeGreaterThan(answers.length); // some acknowledged without answering
    expect(report.engagement.toAcknowledge).toEqual(stats(acks));
    expect(report.engagement.toAcknowledge.medianMinutes).not.toEqual(report.engagement.toAnswer.medianMinutes);
    expect(report.engagement.acknowledgedShare).toBeCloseTo(acks.length / told.length, 10);
  });

  it('counts trial nights inside the year by home and persons, and the waiting list at the year end', () => {
    const overlap = (from: string, to: string) => Math.max(0, (Math.min(Date.parse(to), Date.parse('2026-04-01')) - Math.max(Date.parse(from), Date.parse('2025-04-01'))) / 86_400_000);
    const stays = fx.stays.filter((s) => s.status === 'approved' && s.personCode === '43213' && overlap(s.from, s.to) > 0);
    const nights = stays.reduce((a, s) => a + overlap(s.from, s.to), 0);
    const persons = new Set(stays.map((s) => s.person)).size;
    expect(persons).toBeGreaterThanOrEqual(T);
    expect(report.trialStays.nights).toBe(nights);
    expect(report.trialStays.persons).toBe(persons);
    expect(report.trialStays.byHome).toEqual([{ organisationId: fx.providers[3].id, organisationName: fx.providers[3].name, nights, persons }]);
    const waiting = fx.waiting.filter((w) => w.createdAt <= AS_OF && (!w.removedAt || w.removedAt > AS_OF));
    const days = waiting.map((w) => (Date.parse('2026-04-01') - Date.parse(w.since)) / 86_400_000);
    expect(report.trialStays.waitingList).toEqual({ length: waiting.length, medianWaitingDays: round1(percentile(days, 0.5)!), longestWaitingDays: Math.max(...days) });
  });

  it('withholds small numbers: no count between 1 and 2 leaves the API, and none can be worked back by subtraction', async () => {
    const numbers: number[] = [];
    const walk = (v: unknown, key = ''): void => {
      if (typeof v === 'number' && !/Minutes|Hours|Days|Share|within24h|units|suppressBelow|fiscalYear|version/i.test(key)) numbers.push(v);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    };
    walk(report);
    expect(numbers.filter((n) => n > 0 && n < T)).toEqual([]);
    // and some cells were really withheld (the fixture has small counts)
    expect(JSON.stringify(report.requests.byMonth)).toContain('null');

    // every sum the report publishes (rows, columns, the same total in two tables): never exactly one cell withheld
    const q = report.requests;
    const outcomes = Object.keys(q.byOutcome) as (keyof typeof q.byOutcome)[];
    const sums: [string, unknown[]][] = [
      ...q.byMonth.map((m): [string, unknown[]] => [m.month, [m.total, ...Object.values(m.outcomes)]]),
      ...outcomes.map((o): [string, unknown[]] => [o, [q.byOutcome[o], ...q.byMonth.map((m) => m.outcomes[o])]]),
      ['outcomes', [q.total, ...Object.values(q.byOutcome)]],
      ['months', [q.total, ...q.byMonth.map((m) => m.total)]],
      ['urgency', [q.total, ...Object.values(q.byUrgency)]],
      ['placed outcomes', [q.placements, q.byOutcome.placed_municipality, q.byOutcome.placed_region, q.byOutcome.placed_prefecture]],
      ['service types', [q.placements, ...q.placementsByServiceType.map((p) => p.placements)]],
      ['nights', [q.nightsPlaced, ...q.placementsByServiceType.map((p) => p.nights)]],
      ...report.failures.declinesByProvider.map((d): [string, unknown[]] => [d.organisationName, [d.total, ...Object.values(d.reasons)]]),
      ...report.failures.declinesByCategory.map((d): [string, unknown[]] => [d.category, [d.total, ...Object.values(d.reasons)]]),
    ];
    expect(sums.filter(([, xs]) => xs.filter(withheld).length === 1).map(([name]) => name)).toEqual([]);
    expect(JSON.stringify(report)).toContain('"withheld"');

    // the threshold is configuration: with 1 nothing is withheld
    const plain = await startTestApp({ REPORT_SUPPRESS_BELOW: '1' });
    try {
      const [o, c] = await Promise.all([plain.login(DEMO.officer), plain.login(DEMO.coordinator)]);
      const [{ id: kumamoto }] = await plain.db.query(`SELECT id FROM organisations WHERE name = '熊本市基幹相談支援センター'`);
      await writeReportFixture(plain.db, { uki: c.user.organisation.id, kumamoto }, c.user.id);
      const r = await plain.request('GET', `/api/reports/annual?fiscalYear=${FY}`, { token: o.accessToken });
      expect(r.body.suppressBelow).toBe(1);
      expect(JSON.stringify(r.body)).not.toContain('"withheld"');
      expect(JSON.stringify(r.body.requests.byMonth)).not.toContain('null');
      // the same year: each small cell is null, every other one the same number or a complement
      const raw = r.body.requests.byMonth.flatMap((m: AnnualReport['requests']['byMonth'][number]) => Object.values(m.outcomes));
      const shown = report.requests.byMonth.flatMap((m) => Object.values(m.outcomes));
      expect(raw.some((n: number) => n > 0 && n < T)).toBe(true);
      expect(shown).toEqual(raw.map((n: number) => sup(n)));
    } finally {
      await plain.close();
    }
  });

  it('refuses another municipality’s figures, the 圏域 until it shares, other centres and providers', async () => {
    expect((await t.request('GET', `/api/reports/annual?fiscalYear=${FY}&scope=municipality&code=43213`, { token: otherOfficer })).status).toBe(403);
    expect((await t.request('GET', `/api/reports/annual?fiscalYear=${FY}&scope=municipality&code=43211`, { token: officer })).status).toBe(403);
    expect((await t.request('GET', `/api/reports/annual?fiscalYear=${FY}&scope=prefecture&code=43`, { token: officer })).status).toBe(403);
    expect((await t.request('GET', `/api/reports/annual?fiscalYear=${FY}&scope=region&code=43-uki`, { token: officer })).status).toBe(403);
    const [{ id: kumamoto }] = await t.db.query(`SELECT id FROM organisations WHERE name = '熊本市基幹相談支援センター'`);
    expect((await t.request('GET', `/api/reports/annual?fiscalYear=${FY}&scope=centre&code=${kumamoto}`, { token: coordinator })).status).toBe(403);
    const provider = (await t.login(DEMO.providerStaff)).accessToken;
    expect((await t.request('GET', `/api/reports/annual?fiscalYear=${FY}`, { token: provider })).status).toBe(403);

    // the 圏域 agrees to share: both officers now read the region (and still not each other's municipality)
    expect((await t.request('PUT', '/api/reports/region-sharing/43-uki', { token: officer, body: { shared: true } })).status).toBe(403);
    const share = await t.request('PUT', '/api/reports/region-sharing/43-uki', { token: admin, body: { shared: true } });
    expect(share.status).toBe(200);
    expect(share.body).toMatchObject({ regionId: '43-uki', shared: true, updatedByName: expect.any(String) });
    const region = await t.request('GET', `/api/reports/annual?fiscalYear=${FY}&scope=region&code=43-uki`, { token: otherOfficer });
    expect(region.status).toBe(200);
    const regional = fx.requests.filter((q) => inFy(q.createdAt));
    expect(region.body.requests.total).toEqual(sup(regional.length));
    expect(region.body.status.map((s: { municipalityCode: string }) => s.municipalityCode)).toEqual(['43211', '43213', '43348']);
    expect((await t.request('GET', `/api/reports/annual?fiscalYear=${FY}&scope=municipality&code=43213`, { token: otherOfficer })).status).toBe(403);
  });

  it('gives a coordinator their centre’s requests and any period', async () => {
    const r = await t.request('GET', `/api/reports/annual?from=2026-03-01&to=2026-04-01`, { token: coordinator });
    expect(r.status).toBe(200);
    const reqs = fx.requests.filter((q) => q.centre === ukiCentre && q.createdAt >= new Date('2026-02-28T15:00:00Z') && q.createdAt < new Date('2026-03-31T15:00:00Z'));
    expect(r.body.scope.kind).toBe('centre');
    expect(r.body.period.label).toBe('2026年3月1日〜2026年3月31日');
    expect(r.body.requests.byMonth.map((m: { month: string }) => m.month)).toEqual(['2026-03']);
    expect(r.body.requests.total).toEqual(sup(reqs.length));
    const bad = await t.request('GET', `/api/reports/annual?from=2026-04-01&to=2026-03-01`, { token: coordinator });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].message.ja).toContain('期間');
  });

  it('keeps the officer’s texts per year and chapter, refusing a stale version', async () => {
    const empty = await t.request('GET', `/api/reports/texts?fiscalYear=${FY}`, { token: officer });
    expect(empty.body.texts).toHaveLength(15);
    const save = await t.request('PUT', `/api/reports/texts/emergency/issues?fiscalYear=${FY}`, { token: officer, body: { body: '重度身体障害者の緊急受け入れが難しい', version: 0 } });
    expect(save.status).toBe(200);
    const saved = save.body.texts.find((x: { chapter: string; section: string }) => x.chapter === 'emergency' && x.section === 'issues');
    expect(saved).toMatchObject({ body: '重度身体障害者の緊急受け入れが難しい', version: 1, updatedByName: expect.any(String) });
    const stale = await t.request('PUT', `/api/reports/texts/emergency/issues?fiscalYear=${FY}`, { token: officer, body: { body: '上書き', version: 0 } });
    expect(stale.status).toBe(409);
    const next = await t.request('GET', `/api/reports/texts?fiscalYear=${FY + 1}`, { token: officer });
    expect(next.body.texts.every((x: { body: string }) => x.body === '')).toBe(true);
    expect((await t.request('PUT', `/api/reports/texts/emergency/issues?fiscalYear=${FY}&scope=municipality&code=43213`, { token: otherOfficer, body: { body: 'x', version: 1 } })).status).toBe(403);
  });

  it('keeps the status table’s facts (整備類型, coordinator staffing, shelter) and shows them in the report', async () => {
    const put = await t.request('PUT', `/api/reports/facts/43213/${FY}`, { token: officer, body: { baseType: 'area_network', coordinatorStaffing: '有（計画相談と兼務）', shelter: true, version: 0 } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ baseType: 'area_network', shelter: true, version: 1 });
    expect((await t.request('PUT', `/api/reports/facts/43213/${FY}`, { token: otherOfficer, body: { baseType: null, coordinatorStaffing: '', shelter: null, version: 1 } })).status).toBe(403);
    const r = await t.request('GET', `/api/reports/annual?fiscalYear=${FY}`, { token: officer });
    expect(r.body.status[0].facts).toMatchObject({ baseType: 'area_network', coordinatorStaffing: '有（計画相談と兼務）', shelter: true });
    const [audit] = await t.db.query(`SELECT action FROM audit_log WHERE subject_type = 'municipality' AND subject_id = '43213' ORDER BY id DESC LIMIT 1`);
    expect(audit.action).toBe('report.facts.write');
  });

  it('exports the workbook (one sheet per table, Japanese headers) and a CSV with a BOM and formulas escaped', async () => {
    // a provider named like a formula must reach the files as text
    await t.db.query(`UPDATE organisations SET name = '=HYPERLINK("x")' WHERE id = $1`, [fx.providers[0].id]);
    const x = await fetch(`${t.url}/api/reports/annual.xlsx?fiscalYear=${FY}`, { headers: { authorization: `Bearer ${officer}` } });
    expect(x.status).toBe(200);
    expect(x.headers.get('content-disposition')).toContain('akiwa-report-municipality-43213-fy2025.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await x.arrayBuffer()) as never);
    const monthly = wb.worksheets.find((w) => w.name.startsWith('緊急受入の依頼件数'))!;
    expect(monthly.getRow(1).values).toEqual([undefined, '月', '市町村内で受入', '圏域内で受入', '県内で受入', '受入先なし', '取消', '対応中', '合計']);
    expect(monthly.getRow(2).getCell(1).value).toBe('2025年4月');
    const totalRow = monthly.getRow(14);
    expect(totalRow.getCell(1).value).toBe('合計');
    expect(totalRow.getCell(8).value).toBe(mine().length);
    const withheld = monthly.getSheetValues().flat().filter((v) => v === '3未満');
    expect(withheld.length).toBeGreaterThan(0);
    const status = wb.worksheets.find((w) => w.name.startsWith('拠点等の整備状況'))!;
    expect(status.getRow(1).values).toEqual([undefined, '市町村', '整備類型', 'コーディネーター配置', '登録者数', '緊急保護件数', 'シェルター']);
    expect(status.getRow(2).getCell(4).value).toBe('—');

    const c = await fetch(`${t.url}/api/reports/annual.csv?fiscalYear=${FY}`, { headers: { authorization: `Bearer ${officer}` } });
    expect(c.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await c.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('月,市町村内で受入');
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
    expect((await fetch(`${t.url}/api/reports/annual.xlsx?fiscalYear=${FY}&scope=municipality&code=43213`, { headers: { authorization: `Bearer ${otherOfficer}` } })).status).toBe(403);
  });
  it('counts 登録者数 per municipality from the ledger as of the year end (wards with their city), falling back to — while it is empty', async () => {
    expect(report.status.map((s) => s.registrants)).toEqual([null]);
    // raw ledger rows: 宇城市 persons registered in and after the year, 宇土市 ones, a 熊本市 ward's
    const rows: { code: string; createdAt: Date }[] = [
      ...Array.from({ length: 5 }, (_, i) => ({ code: '43213', createdAt: new Date(Date.parse('2025-06-01T00:00:00Z') + i * 86_400_000) })),
      { code: '43213', createdAt: AS_OF },
      { code: '43213', createdAt: new Date(AS_OF.getTime() + 1000) },
      { code: '43211', createdAt: new Date('2025-07-01T00:00:00Z') },
      { code: '43211', createdAt: new Date('2025-07-02T00:00:00Z') },
      { code: '43101', createdAt: new Date('2025-07-03T00:00:00Z') },
    ];
    for (const row of rows) {
      const [person] = await t.db.query(
        `INSERT INTO persons(organisation_id, display_name_encrypted, age_band, gender, municipality_code, support_level) VALUES ($1, '\\x00', '30-49', 'male', $2, 3) RETURNING id`,
        [ukiCentre, row.code],
      );
      await t.db.query(
        `INSERT INTO registrations(person_id, organisation_id, municipality_code, form_encrypted, notified_on, gender, child, urgency_tier, consent_by, consented_on, name_index, birth_index, created_at)
         VALUES ($1, $2, $3, '\\x00', '2025-05-01', 'male', false, 'watch', 'self', '2025-05-01', '\\x01', '\\x02', $4)`,
        [person.id, ukiCentre, row.code, row.createdAt],
      );
    }
    const all: { code: string; createdAt: Date }[] = (await t.db.query(`SELECT municipality_code AS code, created_at AS "createdAt" FROM registrations`)).map((r: { code: string; createdAt: Date }) => r);
    const registered = (codes: string[]) => count(all, (r) => codes.includes(r.code) && r.createdAt <= AS_OF);
    expect(registered(['43213'])).toBeGreaterThanOrEqual(T);

    const mineNow = (await t.request('GET', `/api/reports/annual?fiscalYear=${FY}`, { token: officer })).body as AnnualReport;
    expect(mineNow.registrantsAvailable).toBe(true);
    expect(mineNow.status[0].registrants).toEqual(sup(registered(['43213'])));
    // the 圏域 (once it shares): 宇土市's two are 「3未満」, 美里町 has none
    expect((await t.request('PUT', '/api/reports/region-sharing/43-uki', { token: admin, body: { shared: true } })).status).toBe(200);
    const region = (await t.request('GET', `/api/reports/annual?fiscalYear=${FY}&scope=region&code=43-uki`, { token: officer })).body as AnnualReport;
    expect(region.status.map((s) => [s.municipalityCode, s.registrants])).toEqual([
      ['43211', registered(['43211']) < T ? null : registered(['43211'])],
      ['43213', registered(['43213'])],
      ['43348', registered(['43348'])],
    ]);
    // 熊本市 counts its wards' registrations (an admin reads the prefecture)
    const [{ codes }] = await t.db.query(`SELECT array_agg(code) AS codes FROM municipalities WHERE code = '43100' OR parent_code = '43100'`);
    const pref = (await t.request('GET', `/api/reports/annual?fiscalYear=${FY}&scope=prefecture&code=43`, { token: admin })).body as AnnualReport;
    expect(pref.status.find((s) => s.municipalityCode === '43100')?.registrants).toEqual(sup(registered(codes)));
    // the workbook's status sheet shows the figure instead of —
    const x = await fetch(`${t.url}/api/reports/annual.xlsx?fiscalYear=${FY}`, { headers: { authorization: `Bearer ${officer}` } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await x.arrayBuffer()) as never);
    expect(wb.worksheets.find((w) => w.name.startsWith('拠点等の整備状況'))!.getRow(2).getCell(4).value).toBe(registered(['43213']));
  });
});
