import { DEMO, startTestApp, type TestApp } from './support/test-app';
import { UNIT_NIGHTS_EPOCH } from '../src/database/migrations/1765878500000-unit-nights';
import { createUnit, inDays, setRange, today, vacancies } from './support/units';

/**
 * The search reads each unit's nights from `unit_nights`, which only the database writes (migration
 * 1765878500000). Whatever writes `vacancies` — the API's range, adjust and confirm, a hold, a delete,
 * two transactions of one unit committing in either order — the summary must say what the rows say.
 */
describe('unit_nights: the search’s summary follows every write of vacancies', () => {
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp();
    staff = (await t.login(DEMO.providerStaff)).accessToken;
  });
  afterAll(() => t.close());

  /** Every difference between the summary and the rows (from a week back, as the summary keeps them). */
  async function drift(): Promise<unknown[]> {
    return t.db.query(
      `WITH r AS (
         SELECT unit_id, night - DATE '${UNIT_NIGHTS_EPOCH}' AS d, sum(free - held) AS b, min(confirmed_at) AS a,
                sum(free - held) FILTER (WHERE gender IN ('male', 'any')) AS bm, min(confirmed_at) FILTER (WHERE gender IN ('male', 'any')) AS am,
                sum(free - held) FILTER (WHERE gender IN ('female', 'any')) AS bf, min(confirmed_at) FILTER (WHERE gender IN ('female', 'any')) AS af
         FROM vacancies WHERE night >= current_date - 7 GROUP BY unit_id, night
       )
       SELECT r.unit_id, r.d, 'night' AS wrong FROM r LEFT JOIN unit_nights n USING (unit_id)
       WHERE (n.beds[r.d], n.oldest[r.d], (coalesce(n.beds_male, n.beds))[r.d], (coalesce(n.oldest_male, n.oldest))[r.d],
              (coalesce(n.beds_female, n.beds))[r.d], (coalesce(n.oldest_female, n.oldest))[r.d]) IS DISTINCT FROM (r.b, r.a, r.bm, r.am, r.bf, r.af)
       UNION ALL
       -- nothing more in the summary than the rows, and the newest confirmation
       SELECT n.unit_id, NULL, 'extra' FROM unit_nights n
       WHERE coalesce(cardinality(array_remove(n.oldest, NULL)), 0) <> (SELECT count(*) FROM r WHERE r.unit_id = n.unit_id)
          OR n.newest IS DISTINCT FROM (SELECT max(confirmed_at) FROM vacancies v WHERE v.unit_id = n.unit_id AND v.night >= current_date - 7)`,
    );
  }

  it('holds what the demo rows and every API write say', async () => {
    expect(await drift()).toEqual([]);
    const u = await createUnit(t, staff, { capacity: 4, roomGender: 'either' });
    await setRange(t, staff, u.id, today(), inDays(5), 2);
    await setRange(t, staff, u.id, inDays(2), inDays(3), 1, 'female');
    expect(await drift()).toEqual([]);

    const { vacancyVersion } = await vacancies(t, staff, u.id);
    const adjusted = await t.request('POST', `/api/units/${u.id}/vacancies/adjust`, { token: staff, body: { night: inDays(8), gender: 'male', delta: 1, expectedVersion: vacancyVersion } });
    expect(adjusted.status).toBe(200);
    expect(await drift()).toEqual([]);

    await t.db.query(`UPDATE vacancies SET confirmed_at = now() - interval '3 days' WHERE unit_id = $1`, [u.id]);
    expect(await drift()).toEqual([]);
    const confirmed = await t.request('POST', `/api/units/${u.id}/vacancies/confirm`, { token: staff, body: { expectedVersion: (await vacancies(t, staff, u.id)).vacancyVersion } });
    expect(confirmed.status).toBe(200);
    expect(await drift()).toEqual([]);

    // a hold and its release, as offers and trial stays take them; a row deleted
    await t.db.query(`UPDATE vacancies SET held = held + 1 WHERE unit_id = $1 AND night = $2 AND gender = 'any'`, [u.id, inDays(1)]);
    expect(await drift()).toEqual([]);
    await t.db.query(`DELETE FROM vacancies WHERE unit_id = $1 AND night = $2`, [u.id, inDays(8)]);
    expect(await drift()).toEqual([]);
    await t.db.query(`DELETE FROM vacancies WHERE unit_id = $1`, [u.id]);
    expect(await drift()).toEqual([]);
  });

  it.each([
    ['the first writer commits first', false],
    ['the second writer commits first', true],
  ])('holds both of two transactions writing one unit: %s', async (_, reversed) => {
    const u = await createUnit(t, staff, { capacity: 4, roomGender: 'either' });
    await setRange(t, staff, u.id, today(), inDays(3), 1);
    const a = t.db.createQueryRunner();
    const b = t.db.createQueryRunner();
    try {
      await a.startTransaction();
      await b.startTransaction();
      await a.query(`UPDATE vacancies SET free = 3 WHERE unit_id = $1 AND night = $2`, [u.id, inDays(0)]);
      await b.query(`UPDATE vacancies SET free = 2 WHERE unit_id = $1 AND night = $2`, [u.id, inDays(2)]);
      await b.query(`INSERT INTO vacancies(unit_id, night, gender, free) VALUES ($1, $2, 'male', 1)`, [u.id, inDays(6)]);
      const [first, second] = reversed ? [b, a] : [a, b];
      await first.commitTransaction();
      await second.commitTransaction();
    } finally {
      await a.release();
      await b.release();
    }
    expect(await drift()).toEqual([]);
    // from tonight: every row, and a woman's (the male row is not hers); a man's are every row
    const plain = (col: string) => `(SELECT array_agg(x) FROM unnest(${col}) x) AS ${col}`;
    const [row] = await t.db.query(`SELECT array_lower(beds, 1) - ($2::date - DATE '${UNIT_NIGHTS_EPOCH}') AS shift, ${['beds', 'beds_male', 'beds_female'].map(plain).join(', ')} FROM unit_nights WHERE unit_id = $1`, [u.id, today()]);
    expect(row).toEqual({ shift: 0, beds: [3, 1, 2, 1, null, null, 1], beds_male: null, beds_female: [3, 1, 2, 1, null, null, null] });
  });

  it('is read-only for the app: only the database writes it', async () => {
    const u = await createUnit(t, staff);
    await setRange(t, staff, u.id, today(), today(), 1);
    await expect(t.db.query(`UPDATE unit_nights SET beds = '{9}' WHERE unit_id = $1`, [u.id])).rejects.toThrow(/permission denied/);
    await expect(t.db.query(`DELETE FROM unit_nights WHERE unit_id = $1`, [u.id])).rejects.toThrow(/permission denied/);
  });
});
