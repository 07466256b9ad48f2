import type { UnitView, VacancySearchHit } from '@akiwa/contracts';
import { AVAILABILITY_CASES } from '../../../libs/domain/src/vacancy/availability.cases';
import { FREE_BEDS_CASES, freeBedsCaseInput, type FreeBedsCase } from '../../../libs/domain/src/vacancy/free-beds.cases';
import { DEMO, startTestApp, type TestApp } from './support/test-app';
import { createUnit, inDays, today } from './support/units';

/**
 * The vacancy rules' tables, run against the database through the API. libs/domain runs the same
 * tables against `availabilityOver` and `checkFreeBeds` (libs/domain/src/vacancy/rule-tables.spec.ts):
 * the search SQL and the write path must give the domain's answers.
 */
describe('vacancy rules: the domain tables against the database', () => {
  let t: TestApp;
  let staff: string;
  let coordinator: string;

  beforeAll(async () => {
    t = await startTestApp();
    staff = (await t.login(DEMO.providerStaff)).accessToken;
    coordinator = (await t.login(DEMO.coordinator)).accessToken;
    await t.db.query(`UPDATE units SET retired_at = now()`);
  });
  afterAll(() => t.close());

  it('serves the freshness policy the API judges by, for the web to judge alike', async () => {
    const r = await t.request('GET', '/api/vacancies/policy', { token: coordinator });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ staleHours: t.env.VACANCY_STALE_HOURS, unknownDays: t.env.VACANCY_UNKNOWN_DAYS });
    expect((await t.request('GET', '/api/vacancies/policy')).status).toBe(401);
  });

  describe('availability: the search SQL answers like availabilityOver', () => {
    const units = new Map<string, UnitView>();

    beforeAll(async () => {
      for (const c of AVAILABILITY_CASES) {
        const u = await createUnit(t, staff, { municipalityCode: '43211', capacity: 20, roomGender: 'either' });
        for (const r of c.rows) {
          await t.db.query(
            `INSERT INTO vacancies(unit_id, night, gender, free, held, confirmed_at) VALUES ($1, $2, $3, $4, $5, now() - make_interval(hours => $6))`,
            [u.id, inDays(r.night), r.gender, r.free, r.held, r.ageHours],
          );
        }
        units.set(c.name, u);
      }
    });

    it.each(AVAILABILITY_CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
      const query = new URLSearchParams({ municipalityCode: '43211', from: today(), nights: String(c.nights), limit: '100', ...(c.gender ? { gender: c.gender } : {}) });
      const r = await t.request('GET', `/api/vacancies/search?${query}`, { token: coordinator });
      expect(r.status).toBe(200);
      expect(r.body.total).toBeLessThan(100);
      const hit = (r.body.items as VacancySearchHit[]).find((h) => h.unit.id === units.get(c.name)!.id);
      expect(hit ? { available: hit.available, freshness: hit.freshness } : null).toEqual(c.expected);
    });
  });

  describe('free beds: the write path answers like checkFreeBeds, the database enforcing it', () => {
    const night = () => inDays(1);

    async function write(c: FreeBedsCase, unitId: string, expectedVersion: number) {
      if ('free' in c.write) {
        return t.request('PUT', `/api/units/${unitId}/vacancies/range`, {
          token: staff,
          body: { from: night(), to: night(), gender: c.write.gender, free: c.write.free, expectedVersion },
        });
      }
      return t.request('POST', `/api/units/${unitId}/vacancies/adjust`, {
        token: staff,
        body: { night: night(), gender: c.write.gender, delta: c.write.delta, expectedVersion },
      });
    }

    const expectedAnswer = (c: FreeBedsCase) => {
      const field = 'free' in c.write ? 'free' : 'delta';
      switch (c.expected) {
        case null:
          return { status: 200 };
        case 'negative':
          return { status: 400, detail: { field, code: 'min' } };
        case 'above_capacity':
          return { status: 400, detail: { field, code: 'above_capacity' } };
        case 'below_held':
          return { status: 409, detail: { field, code: 'below_held' } };
      }
    };

    it.each(FREE_BEDS_CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
      const u = await createUnit(t, staff, { capacity: c.capacity, roomGender: 'either' });
      for (const e of c.existing) {
        await t.db.query(`INSERT INTO vacancies(unit_id, night, gender, free, held) VALUES ($1, $2, $3, $4, $5)`, [u.id, night(), e.gender, e.free, e.held]);
      }
      const before = await t.db.query(`SELECT gender, free, held FROM vacancies WHERE unit_id = $1 ORDER BY gender`, [u.id]);
      const r = await write(c, u.id, 1);
      const want = expectedAnswer(c);
      expect({ status: r.status, detail: r.status === 200 ? undefined : r.body.details?.[0] && { field: r.body.details[0].field, code: r.body.details[0].code } }).toEqual({
        status: want.status,
        detail: want.detail,
      });
      const after = await t.db.query(`SELECT gender, free, held FROM vacancies WHERE unit_id = $1 ORDER BY gender`, [u.id]);
      if (c.expected === null) {
        expect(after.find((row: { gender: string }) => row.gender === c.write.gender)?.free).toBe(freeBedsCaseInput(c).next);
      } else {
        expect(after).toEqual(before);
      }
    });
  });
});
