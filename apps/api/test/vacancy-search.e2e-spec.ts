import type { CreateUnitRequest, Page, VacancySearchHit } from '@akiwa/contracts';
import { DEMO, startTestApp, type TestApp } from './support/test-app';
import { createUnit, inDays, setRange, today } from './support/units';

describe('vacancy search', () => {
  let t: TestApp;
  let staff: string;
  let coordinator: string;

  beforeAll(async () => {
    t = await startTestApp();
    staff = (await t.login(DEMO.providerStaff)).accessToken;
    coordinator = (await t.login(DEMO.coordinator)).accessToken;
    // only this file's units take part: the demo units leave the search
    await t.db.query(`UPDATE units SET retired_at = now()`);
  });
  afterAll(() => t.close());

  /** A unit with `free` beds on each of the next `nights` nights (any gender unless given). */
  async function unitWithBeds(overrides: Partial<CreateUnitRequest> = {}, free = 2, nights = 3, gender = 'any') {
    const u = await createUnit(t, staff, overrides);
    await setRange(t, staff, u.id, today(), inDays(nights - 1), free, gender);
    return u;
  }

  async function search(query: string, token = coordinator): Promise<Page<VacancySearchHit>> {
    const r = await t.request('GET', `/api/vacancies/search?${query}`, { token });
    if (r.status !== 200) throw new Error(`search failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
  const ids = (p: Page<VacancySearchHit>) => p.items.map((h) => h.unit.id);

  describe('hard filters', () => {
    const base: Partial<CreateUnitRequest> = {
      municipalityCode: '43211',
      serviceType: 'short_stay_standalone',
      categories: ['intellectual', 'physical'],
      acceptsChildren: true,
      supportLevelMin: 2,
      supportLevelMax: 6,
      specialNeeds: ['medical_care', 'severe_physical'],
      roomGender: 'either',
      emergencyOk: true,
      trialOk: true,
    };
    const full = {
      municipalityCode: '43211', category: 'intellectual', child: 'true', supportLevel: '3', needs: 'medical_care,severe_physical',
      gender: 'female', serviceType: 'short_stay_standalone', emergencyOk: 'true', trialOk: 'true',
    };
    const query = (params: Record<string, string>, nights = 3) => new URLSearchParams({ ...params, from: today(), nights: String(nights), limit: '100' }).toString();
    const without = (key: keyof typeof full) => Object.fromEntries(Object.entries(full).filter(([k]) => k !== key));
    let matching: string;

    beforeAll(async () => {
      matching = (await unitWithBeds(base)).id;
    });

    it('finds the unit that meets every requirement', async () => {
      const r = await search(query(full));
      expect(ids(r)).toEqual([matching]);
      expect(r.items[0]).toMatchObject({ available: 2, distance: 0, freshness: 'fresh' });
      expect(r.items[0].unit).toMatchObject({ municipalityCode: '43211', organisationName: '短期入所事業所 うきさと', capacity: 4 });
    });

    it.each<[string, keyof typeof full, Partial<CreateUnitRequest>]>([
      ['category', 'category', { categories: ['psychiatric'] }],
      ['children', 'child', { acceptsChildren: false }],
      ['support level', 'supportLevel', { supportLevelMin: 4 }],
      ['special needs (every one required)', 'needs', { specialNeeds: ['medical_care'] }],
      ['room gender', 'gender', { roomGender: 'male' }],
      ['service type', 'serviceType', { serviceType: 'residential' }],
      ['emergency acceptance', 'emergencyOk', { emergencyOk: false }],
      ['trial stays', 'trialOk', { trialOk: false }],
    ])('excludes a unit failing only the %s filter, and finds it without that filter', async (_name, filter, overrides) => {
      const other = (await unitWithBeds({ ...base, ...overrides })).id;
      expect(ids(await search(query(full)))).not.toContain(other);
      expect(ids(await search(query(without(filter))))).toContain(other);
    });

    it('takes needs as repeated parameters too', async () => {
      const partial = (await unitWithBeds({ ...base, specialNeeds: ['severe_physical'] })).id;
      const q = `${query(without('needs'))}&needs=medical_care&needs=severe_physical`;
      const found = ids(await search(q));
      expect(found).toContain(matching);
      expect(found).not.toContain(partial);
    });

    it('counts only rows of the person’s gender or any', async () => {
      const maleRows = (await unitWithBeds(base, 2, 3, 'male')).id;
      expect(ids(await search(query(full)))).not.toContain(maleRows);
      expect(ids(await search(query({ ...full, gender: 'male' })))).toContain(maleRows);
    });

    it('treats a night without a row as not free', async () => {
      const gap = await createUnit(t, staff, base);
      await setRange(t, staff, gap.id, today(), today(), 2);
      await setRange(t, staff, gap.id, inDays(2), inDays(2), 2);
      expect(ids(await search(query(full)))).not.toContain(gap.id);
      expect(ids(await search(query(full, 1)))).toContain(gap.id);
    });

    it('subtracts held beds', async () => {
      const held = (await unitWithBeds(base, 1)).id;
      expect(ids(await search(query(full)))).toContain(held);
      await t.db.query(`UPDATE vacancies SET held = 1 WHERE unit_id = $1 AND night = $2`, [held, inDays(1)]);
      expect(ids(await search(query(full)))).not.toContain(held);
      expect(ids(await search(query(full, 1)))).toContain(held);
    });

    it('treats data confirmed more than 7 days ago as unknown, and 3 days ago as stale', async () => {
      const old = (await unitWithBeds(base)).id;
      await t.db.query(`UPDATE vacancies SET confirmed_at = now() - interval '8 days' WHERE unit_id = $1 AND night = $2`, [old, inDays(2)]);
      expect(ids(await search(query(full)))).not.toContain(old);
      await t.db.query(`UPDATE vacancies SET confirmed_at = now() - interval '3 days' WHERE unit_id = $1`, [old]);
      const hit = (await search(query(full))).items.find((h) => h.unit.id === old);
      expect(hit?.freshness).toBe('stale');
    });

    it('leaves retired units out', async () => {
      const retired = (await unitWithBeds(base)).id;
      await t.request('POST', `/api/units/${retired}/retire`, { token: staff });
      expect(ids(await search(query(full)))).not.toContain(retired);
    });
  });

  describe('area and order', () => {
    let order: Record<string, string>;
    beforeAll(async () => {
      await t.db.query(`UPDATE units SET retired_at = now() WHERE retired_at IS NULL`);
      const common: Partial<CreateUnitRequest> = { categories: ['psychiatric'] };
      order = {
        ukiStale: (await unitWithBeds({ ...common, municipalityCode: '43213' }, 3)).id,
        ukiFreshOne: (await unitWithBeds({ ...common, municipalityCode: '43213' }, 1)).id,
        ukiFreshThree: (await unitWithBeds({ ...common, municipalityCode: '43213' }, 3)).id,
        utoRegion: (await unitWithBeds({ ...common, municipalityCode: '43211' }, 3)).id,
        kumamotoWard: (await unitWithBeds({ ...common, municipalityCode: '43102' }, 3)).id,
        shiroiElsewhere: (await unitWithBeds({ ...common, municipalityCode: '12232' }, 3)).id,
      };
      await t.db.query(`UPDATE vacancies SET confirmed_at = now() - interval '30 hours' WHERE unit_id = $1`, [order.ukiStale]);
    });

    it('orders by distance from the searched municipality, then fresh before stale, then most beds', async () => {
      const r = await search(`municipalityCode=43213&prefectureCode=43&from=${today()}&nights=2&category=psychiatric`);
      expect(ids(r)).toEqual([order.ukiFreshThree, order.ukiFreshOne, order.ukiStale, order.utoRegion, order.kumamotoWard]);
      expect(r.items.map((h) => [h.distance, h.freshness, h.available])).toEqual([
        [0, 'fresh', 3], [0, 'fresh', 1], [0, 'stale', 3], [1, 'fresh', 3], [2, 'fresh', 3],
      ]);
      expect(r.total).toBe(5);
    });

    it('bounds the results by the widest area given', async () => {
      expect(new Set(ids(await search(`municipalityCode=43213&from=${today()}&nights=1`)))).toEqual(new Set([order.ukiStale, order.ukiFreshOne, order.ukiFreshThree]));
      expect(ids(await search(`regionId=43-uki&from=${today()}&nights=1`))).toHaveLength(4);
      expect(ids(await search(`prefectureCode=12&from=${today()}&nights=1`))).toEqual([order.shiroiElsewhere]);
    });

    it('includes a city’s wards when the city is searched', async () => {
      const r = await search(`municipalityCode=43100&from=${today()}&nights=1`);
      expect(ids(r)).toEqual([order.kumamotoWard]);
      expect(r.items[0].distance).toBe(0);
    });

    it('paginates with the total', async () => {
      const q = `prefectureCode=43&municipalityCode=43213&from=${today()}&nights=1`;
      const first = await search(`${q}&limit=2&offset=0`);
      const second = await search(`${q}&limit=2&offset=2`);
      expect(first.total).toBe(5);
      expect(second.total).toBe(5);
      expect((await search(`${q}&limit=2&offset=10`)).total).toBe(5);
      expect([...ids(first), ...ids(second)]).toEqual([order.ukiFreshThree, order.ukiFreshOne, order.ukiStale, order.utoRegion]);
    });

    it('is open to provider staff too', async () => {
      expect((await search(`prefectureCode=12&from=${today()}&nights=1`, staff)).total).toBe(1);
    });
  });

  it.each([
    ['unknown municipality', 'municipalityCode=99999&nights=1', 'municipalityCode'],
    ['municipality outside the prefecture', 'municipalityCode=43213&prefectureCode=12&nights=1', 'municipalityCode'],
    ['unknown region', 'regionId=nowhere&nights=1', 'regionId'],
    ['no area', 'nights=1', 'municipalityCode'],
    ['zero nights', 'prefectureCode=43&nights=0', 'nights'],
    ['31 nights', 'prefectureCode=43&nights=31', 'nights'],
    ['unknown need', 'prefectureCode=43&nights=1&needs=medical_care,wifi', 'needs'],
    ['a boolean that is not true/false', 'prefectureCode=43&nights=1&child=yes', 'child'],
    ['limit above 100', 'prefectureCode=43&nights=1&limit=101', 'limit'],
    ['unknown parameter', 'prefectureCode=43&nights=1&sort=name', 'sort'],
  ])('refuses %s with 400 naming the field', async (_name, q, field) => {
    const r = await t.request('GET', `/api/vacancies/search?from=${today()}&${q}`, { token: coordinator });
    expect(r.status).toBe(400);
    expect(r.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('refuses a missing or past start date naming from', async () => {
    expect((await t.request('GET', `/api/vacancies/search?prefectureCode=43&nights=1`, { token: coordinator })).body.details[0].field).toBe('from');
    expect((await t.request('GET', `/api/vacancies/search?prefectureCode=43&nights=1&from=${inDays(-2)}`, { token: coordinator })).body.details[0].field).toBe('from');
  });
});
