import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { RoomGender, VacancyGender, type VacancyNight, type VacancySearchHit } from '@akiwa/contracts';
import { allowedVacancyGenders, daysBetween } from '@akiwa/domain';
import { UNIT_NIGHTS_EPOCH } from '../database/migrations/1765878500000-unit-nights';
import { returning } from '../database/sql';

/** One vacancy row as read from the database. */
export type VacancyRowRecord = Omit<VacancyNight, 'confirmedAt'> & { confirmedAt: Date };

/** A row of a one-statement write: the unit's new version, and one vacancy row (all null when the unit has none). */
export type WrittenRowRecord = VacancyRowRecord & { vacancyVersion: number; organisationId: string; municipalityCode: string; written?: boolean };

/** The unit as a failed write's explanation needs it. */
export interface UnitWriteState {
  vacancyVersion: number;
  organisationId: string;
  capacity: number;
  roomGender: RoomGender;
  retired: boolean;
}

/** Per night: the written gender's free and held beds, and the other genders' free beds. */
export interface NightStateRecord {
  night: string;
  free: number;
  held: number;
  otherGendersFree: number;
}

export interface NightsWrite {
  unitId: string;
  expectedVersion: number;
  /** The writer's organisation; null for an admin (any organisation). */
  organisationId: string | null;
  userId: string;
  nights: string[];
  gender: VacancyGender;
  /** Either sets `free` on every night, or adds `delta` (a missing row starts from 0). */
  free: number | null;
  delta: number | null;
  /** The response window [from, to] read back in the same statement. */
  window: { from: string; to: string };
  /** The confirmation time (the injected clock's now). */
  now: Date;
}

/** What a search reads: the area as municipality codes with their distance, and the unit filters. */
export interface SearchCriteria {
  codes: string[];
  distances: number[];
  from: string;
  nights: number;
  unknownBefore: Date;
  staleBefore: Date;
  limit: number;
  offset: number;
  /** `total` is counted up to this many hits. */
  cap: number;
  category?: string;
  child?: boolean;
  supportLevel?: number;
  needs?: string[];
  gender?: string;
  serviceType?: string;
  emergencyOk?: boolean;
  trialOk?: boolean;
  /** The clock's now: whether a unit is 受入停止中. */
  now: Date;
}

/** What the calendar reads: the area, the nights [from, to], the unit filters of the search, a page of units. */
export type CalendarCriteria = Pick<SearchCriteria, 'codes' | 'distances' | 'limit' | 'offset' | 'category' | 'child' | 'supportLevel' | 'needs' | 'gender' | 'serviceType' | 'emergencyOk' | 'trialOk'> & {
  from: string;
  to: string;
};

/** A unit of the calendar with its vacancy rows over the nights, as sent (read them with `readCalendarRows`). */
export type CalendarUnitRecord = Omit<VacancySearchHit['unit'], 'admissionsPausedUntil'> & {
  distance: number;
  admissionsPausedUntil: Date | null;
  rows: string | null;
};

export type SearchHitRecord = Omit<VacancySearchHit['unit'], 'admissionsPausedUntil'> & {
  admissionsPausedUntil: Date | null;
  paused: boolean;
  distance: number;
  available: number;
  confirmedAt: Date;
  total: string;
};

/** A vacancy row of an organisation's unit, as the CSV export lists it. */
export type UnitVacancyRecord = VacancyRowRecord & { unitId: string; unitName: string };

/** A unit a CSV import locked (its version bumped), with what the import checks its rows against. */
export interface LockedUnitRecord {
  id: string;
  municipalityCode: string;
  capacity: number;
  roomGender: RoomGender;
  vacancyVersion: number;
}

/** `night::text`: node-pg would turn a date into a local-midnight Date and shift it across time zones. */
export const VACANCY_NIGHT_COLUMNS = `night::text AS night, gender, free, held, confirmed_at AS "confirmedAt"`;

/** The same columns of a row of `alias` (in RETURNING and joins). */
const columnsOf = (alias: string) => `${alias}.night::text AS night, ${alias}.gender, ${alias}.free, ${alias}.held, ${alias}.confirmed_at AS "confirmedAt"`;

/** The room genders that may keep a row of each vacancy gender, from the domain's rule (`allowedVacancyGenders`). */
const ROOMS_ALLOWING: Record<VacancyGender, RoomGender[]> = Object.fromEntries(
  Object.values(VacancyGender).map((g) => [g, Object.values(RoomGender).filter((rg) => allowedVacancyGenders(rg).includes(g))]),
) as Record<VacancyGender, RoomGender[]>;

/**
 * The optimistic lock of a one-statement write: bumps the unit's vacancy version only if it is the
 * expected one ($2), the unit is not retired and belongs to the caller's organisation ($3; null for an
 * admin). The row lock serialises writers of one unit. $1 unit id.
 */
const bumpVersion = (...conditions: string[]) => `UPDATE units SET vacancy_version = vacancy_version + 1
           WHERE id = $1 AND vacancy_version = $2 AND ($3::uuid IS NULL OR organisation_id = $3) AND retired_at IS NULL
             ${conditions.map((c) => `AND ${c}`).join(' ')}
           RETURNING vacancy_version, organisation_id, municipality_code`;
const LOCKED_COLUMNS = `u.vacancy_version AS "vacancyVersion", u.organisation_id AS "organisationId", u.municipality_code AS "municipalityCode"`;

/** What takes a unit's calendar rows one by one (libs/domain `CalendarRowEncoder`, or a list of rows). */
export interface CalendarRowSink {
  /** `i`: the night's position from the calendar's first night; `at`: the confirmation in epoch ms. */
  add(i: number, gender: VacancyGender, free: number, held: number, at: number): void;
}

const GENDER_BY_INITIAL: Record<number, VacancyGender> = { 97: 'any', 109: 'male', 102: 'female' };

/**
 * A unit's calendar rows as the calendar statement sends them: `i,gender,free,held,ms` joined by `;`
 * (null when none), `i` the night's position from the first night. Measured against a month for 500
 * units (15,500 rows): json_agg of json_build_array and its parse in node-pg took about twice as long
 * as this text, and the night as a position rather than a date is cheaper to print in the database
 * and needs no lookup here. Read digit by digit into the sink, no string or object per row: a row
 * object per unit-night made the garbage collector a sixth of the API's time on the month calendar.
 * The rows' values are non-negative integers (the table's CHECKs; the night is within [from, to]).
 */
export function readCalendarRows(text: string | null, sink: CalendarRowSink): void {
  if (!text) return;
  const n = text.length;
  let p = 0;
  const int = (stop: number) => {
    let v = 0;
    for (let c = text.charCodeAt(p); p < n && c !== stop; c = text.charCodeAt(++p)) v = v * 10 + c - 48;
    p++;
    return v;
  };
  while (p < n) {
    const i = int(44);
    const gender = GENDER_BY_INITIAL[text.charCodeAt(p)];
    p = text.indexOf(',', p) + 1;
    const free = int(44);
    const held = int(44);
    sink.add(i, gender, free, held, int(59));
  }
}

/** A unit's rows over [from, to] as one text (`readCalendarRows`); date_part is float8 (extract is numeric, several times slower over 15,000 rows). */
const calendarRowsOf = (unitId: string, from: string, to: string) => `(
  SELECT string_agg(concat_ws(',', v.night - ${from}::date, v.gender, v.free, v.held, floor(date_part('epoch', v.confirmed_at) * 1000)::bigint), ';')
  FROM vacancies v WHERE v.unit_id = ${unitId} AND v.night BETWEEN ${from}::date AND ${to}::date
)`;

/** The SQL of the unit + vacancies aggregate: every statement that reads or writes `vacancies` for this feature. */
@Injectable()
export class VacanciesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * One vacancy write in one statement (one round trip, one commit): the conditional version bump
   * (ownership, retirement, room gender), the upsert of the written rows, and the response window
   * as the statement saw it. Bed arithmetic is not checked here: the database's CHECKs and capacity
   * trigger refuse a bad result and the statement fails. Empty when the bump matched no row.
   */
  /** Runs `work` in one transaction (a write and the event announcing it commit together). */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async writeNights(w: NightsWrite, db: DataSource | EntityManager = this.db): Promise<WrittenRowRecord[]> {
    return db.query(
      `WITH u AS (${bumpVersion('room_gender = ANY($11::text[])')}),
       w AS (
         INSERT INTO vacancies(unit_id, night, gender, free, confirmed_at, confirmed_by)
         -- the proposed row must itself pass the CHECKs (they run before ON CONFLICT): it carries the result
         SELECT $1, q.night, $6, coalesce($7::int, coalesce(o.free, 0) + $8::int), $12, $4
         FROM u, unnest($5::date[]) AS q(night)
         LEFT JOIN vacancies o ON o.unit_id = $1 AND o.night = q.night AND o.gender = $6
         ON CONFLICT (unit_id, night, gender) DO UPDATE
           SET free = coalesce($7::int, vacancies.free + $8::int), confirmed_at = EXCLUDED.confirmed_at, confirmed_by = EXCLUDED.confirmed_by
         RETURNING ${columnsOf('vacancies')}
       )
       SELECT ${LOCKED_COLUMNS}, r.* FROM u LEFT JOIN (
         SELECT true AS written, w.* FROM w
         UNION ALL
         -- the rest of the response window, as this statement saw it (no writer of the unit can commit in between)
         SELECT false, ${columnsOf('v')} FROM vacancies v
         WHERE v.unit_id = $1 AND v.night BETWEEN $9 AND $10 AND NOT (v.gender = $6 AND v.night = ANY($5::date[]))
       ) r ON true`,
      [w.unitId, w.expectedVersion, w.organisationId, w.userId, w.nights, w.gender, w.free, w.delta, w.window.from, w.window.to, ROOMS_ALLOWING[w.gender], w.now],
    );
  }

  /** "Still accurate" in one statement: bumps the version and re-confirms every row from `from` on. Empty when the bump matched no row. */
  async confirmFrom(unitId: string, expectedVersion: number, organisationId: string | null, userId: string, from: string, now: Date, db: DataSource | EntityManager = this.db): Promise<WrittenRowRecord[]> {
    return db.query(
      `WITH u AS (${bumpVersion()}),
       w AS (
         UPDATE vacancies v SET confirmed_at = $6, confirmed_by = $4 FROM u WHERE v.unit_id = $1 AND v.night >= $5
         RETURNING ${columnsOf('v')}
       )
       SELECT ${LOCKED_COLUMNS}, w.* FROM u LEFT JOIN w ON true`,
      [unitId, expectedVersion, organisationId, userId, from, now],
    );
  }

  async unitWriteState(unitId: string): Promise<UnitWriteState | null> {
    const [row] = await this.db.query(
      `SELECT vacancy_version AS "vacancyVersion", organisation_id AS "organisationId", capacity, room_gender AS "roomGender", retired_at IS NOT NULL AS retired
       FROM units WHERE id = $1`,
      [unitId],
    );
    return row ?? null;
  }

  async vacancyVersion(unitId: string, db: DataSource | EntityManager = this.db): Promise<number | null> {
    const [row] = await db.query(`SELECT vacancy_version AS "vacancyVersion" FROM units WHERE id = $1`, [unitId]);
    return row?.vacancyVersion ?? null;
  }

  /** A unit's rows over [from, to], sorted by night, then gender. */
  async rows(unitId: string, from: string, to: string, db: DataSource | EntityManager = this.db): Promise<VacancyRowRecord[]> {
    return db.query(`SELECT ${VACANCY_NIGHT_COLUMNS} FROM vacancies WHERE unit_id = $1 AND night BETWEEN $2 AND $3 ORDER BY night, gender`, [unitId, from, to]);
  }

  /** Per night: this gender's free and held beds, and the free beds of the unit's other genders. */
  async nightState(unitId: string, nights: string[], gender: VacancyGender, db: DataSource | EntityManager = this.db): Promise<Map<string, NightStateRecord>> {
    const rows: NightStateRecord[] = await db.query(
      `SELECT night::text AS night,
              coalesce(sum(free) FILTER (WHERE gender = $3), 0)::int AS free,
              coalesce(sum(held) FILTER (WHERE gender = $3), 0)::int AS held,
              coalesce(sum(free) FILTER (WHERE gender <> $3), 0)::int AS "otherGendersFree"
       FROM vacancies WHERE unit_id = $1 AND night = ANY($2::date[]) GROUP BY night`,
      [unitId, nights, gender],
    );
    return new Map(rows.map((r) => [r.night, r]));
  }

  /** Writes rows in a caller's transaction (confirmed now, by the caller); `held` is left as the holds made it. */
  async upsert(tx: EntityManager, unitId: string, userId: string, rows: { night: string; gender: VacancyGender; free: number }[], now: Date): Promise<VacancyRowRecord[]> {
    if (!rows.length) return [];
    return returning<VacancyRowRecord>(
      tx,
      `INSERT INTO vacancies(unit_id, night, gender, free, confirmed_at, confirmed_by)
       SELECT $1, r.night, r.gender, r.free, $6, $2 FROM unnest($3::date[], $4::text[], $5::int[]) AS r(night, gender, free)
       ON CONFLICT (unit_id, night, gender) DO UPDATE SET free = EXCLUDED.free, confirmed_at = EXCLUDED.confirmed_at, confirmed_by = EXCLUDED.confirmed_by
       RETURNING ${VACANCY_NIGHT_COLUMNS}`,
      [unitId, userId, rows.map((r) => r.night), rows.map((r) => r.gender), rows.map((r) => r.free), now],
    );
  }

  /** The organisation's active units' rows over [from, to], by unit name, then night and gender. */
  async organisationRows(organisationId: string, from: string, to: string): Promise<UnitVacancyRecord[]> {
    return this.db.query(
      `SELECT u.id AS "unitId", u.name AS "unitName", v.night::text AS night, v.gender, v.free, v.held, v.confirmed_at AS "confirmedAt"
       FROM units u JOIN vacancies v ON v.unit_id = u.id
       WHERE u.organisation_id = $1 AND u.retired_at IS NULL AND v.night BETWEEN $2 AND $3
       ORDER BY u.name, u.id, v.night, v.gender`,
      [organisationId, from, to],
    );
  }

  /**
   * Bumps the vacancy version of those of `unitIds` that are the organisation's active units, in the
   * caller's transaction: the row locks serialise the import with every other vacancy write to them.
   */
  async bumpVersions(tx: EntityManager, unitIds: string[], organisationId: string): Promise<LockedUnitRecord[]> {
    return returning<LockedUnitRecord>(
      tx,
      `UPDATE units SET vacancy_version = vacancy_version + 1
       WHERE id = ANY($1::uuid[]) AND organisation_id = $2 AND retired_at IS NULL
       RETURNING id, municipality_code AS "municipalityCode", capacity, room_gender AS "roomGender", vacancy_version AS "vacancyVersion"`,
      [unitIds, organisationId],
    );
  }

  /** The rows of `unitIds` on `nights` (every gender), unsorted. */
  async rowsOn(tx: EntityManager, unitIds: string[], nights: string[]): Promise<(Omit<VacancyRowRecord, 'confirmedAt'> & { unitId: string })[]> {
    return tx.query(
      `SELECT unit_id AS "unitId", night::text AS night, gender, free, held FROM vacancies
       WHERE unit_id = ANY($1::uuid[]) AND night = ANY($2::date[])`,
      [unitIds, nights],
    );
  }

  /** The unit filters of the board (search and calendar alike), as SQL conditions on `u`. */
  private unitFilters(q: Pick<SearchCriteria, 'category' | 'child' | 'supportLevel' | 'needs' | 'gender' | 'serviceType' | 'emergencyOk' | 'trialOk'>, p: (value: unknown) => string): string[] {
    const filters: string[] = [];
    if (q.category) filters.push(`u.categories @> ARRAY[${p(q.category)}::text]`);
    if (q.child) filters.push('u.accepts_children');
    if (q.supportLevel !== undefined) filters.push(`${p(q.supportLevel)}::int BETWEEN u.support_level_min AND u.support_level_max`);
    if (q.needs?.length) filters.push(`u.special_needs @> ${p(q.needs)}::text[]`);
    if (q.gender) filters.push(`u.room_gender IN (${p(q.gender)}, 'either')`);
    if (q.serviceType) filters.push(`u.service_type = ${p(q.serviceType)}`);
    // `false` asks for nothing (it does not exclude units that also take emergencies or trial stays)
    if (q.emergencyOk) filters.push('u.emergency_ok');
    if (q.trialOk) filters.push('u.trial_ok');
    return filters;
  }

  /**
   * The calendar in one statement: every unit of the area passing the board's filters, nearest
   * first then by name, a page of them with each one's vacancy rows over [from, to] read from the
   * vacancies primary key (an index-only range per unit), aggregated into one string per unit so
   * that a month for 500 units is 500 rows, not 15,000 (see `readCalendarRows`). The marks are
   * computed from these rows by libs/domain `calendarCells` (no rule is restated here). The first
   * row always carries the total.
   *
   * The page is found without sorting the area: each municipality is read in the calendar's order
   * (units_calendar_order_idx: code, name, id) and stops after offset + limit units passing the
   * filters; only those (at most that many per municipality) are sorted. The total counts the area
   * apart, reading no more than the filters need (the municipality index alone when there are none).
   * The page's own columns and organisation names are then read by primary key, 500 lookups rather
   * than every unit of a 圏域 carried through a sort (measured on the bench's region of 11,376 units:
   * the database's CPU per month calendar went from ~60 ms to ~25 ms).
   */
  async calendar(q: CalendarCriteria): Promise<{ total: number; units: CalendarUnitRecord[]; version: string }> {
    const params: unknown[] = [q.codes, q.distances, q.from, q.to, q.limit, q.offset];
    const p = (value: unknown) => `$${params.push(value)}`;
    const filters = this.unitFilters(q, p)
      .map((f) => `AND ${f}`)
      .join(' ');
    const rows: (CalendarUnitRecord & { total: string; version: string; id: string | null })[] = await this.db.query(
      `WITH area AS (SELECT * FROM unnest($1::text[], $2::int[]) AS s(code, distance)),
       total AS (
         SELECT count(*) AS total, (SELECT version FROM calendar_units_version) AS version
         FROM area s JOIN units u ON u.municipality_code = s.code AND u.retired_at IS NULL ${filters}
       ),
       page AS (
         SELECT c.id, s.distance, c.name FROM area s
         CROSS JOIN LATERAL (
           SELECT u.id, u.name FROM units u
           WHERE u.municipality_code = s.code AND u.retired_at IS NULL ${filters}
           ORDER BY u.name, u.id LIMIT $5::int + $6::int
         ) c
         ORDER BY s.distance, c.name, c.id LIMIT $5 OFFSET $6
       )
       SELECT t.total, t.version, x.* FROM total t
       LEFT JOIN LATERAL (
         SELECT u.id, u.name, u.service_type AS "serviceType", u.municipality_code AS "municipalityCode", u.organisation_id AS "organisationId",
                u.capacity, u.room_gender AS "roomGender", u.emergency_ok AS "emergencyOk", u.trial_ok AS "trialOk",
                u.contact_24h AS "contact24h", u.admissions_paused_until AS "admissionsPausedUntil", u.admissions_pause_reason AS "admissionsPauseReason",
                u.night_admission AS "nightAdmission", c.distance,
                -- a lookup per page row: a join let the planner hash every organisation for 500 names
                (SELECT o.name FROM organisations o WHERE o.id = u.organisation_id) AS "organisationName",
                ${calendarRowsOf('u.id', '$3', '$4')} AS rows
         FROM page c JOIN units u ON u.id = c.id
       ) x ON true
       ORDER BY x.distance, x.name, x.id`,
      params,
    );
    return { total: Number(rows[0]?.total ?? 0), version: rows[0].version, units: rows.filter((r) => r.id !== null).map(({ total: _, version: __, ...unit }) => unit) };
  }

  /**
   * The vacancy rows over [from, to] of units already known (a kept calendar page), in their order
   * (the text of `calendar`, see `readCalendarRows`), with the `calendar_units_version` of the same
   * snapshot: the page is valid for these rows only if it was read with that version. No units, no
   * version (''): an empty page is read again.
   */
  async calendarRows(unitIds: string[], from: string, to: string): Promise<{ version: string; rows: (string | null)[] }> {
    // the version as a scalar subquery: joined, the one-row table's default estimate (thousands of rows)
    // times the units made a plan costly enough for the JIT, ~0.5 s of compiling per request
    const rows: { version: string; rows: string | null }[] = await this.db.query(
      `SELECT (SELECT version FROM calendar_units_version) AS version, ${calendarRowsOf('u.id', '$2', '$3')} AS rows
       FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, n)
       ORDER BY u.n`,
      [unitIds, from, to],
    );
    return { version: rows[0]?.version ?? '', rows: rows.map((r) => r.rows) };
  }

  /**
   * Which units can take a person for N nights from a date, nearest first. One SQL statement:
   * the area becomes a list of municipality codes (index on units.municipality_code), the acceptance
   * filters narrow the units, and each candidate's nights are read from its one `unit_nights` row,
   * which the database keeps from the vacancy rows (migration 1765878500000): per night, the sum of
   * free − held and the oldest confirmation of the rows that count for the gender asked. Reading each
   * candidate's rows from the vacancies primary key instead (an index range and two aggregates per unit)
   * was most of a prefecture-wide search. Where every row of the stay was confirmed after the unknown
   * cutoff ($4), which the oldest confirmation tells, those sums are the rule's; where some was not, the
   * unit's rows are read and counted as before (only they can leave a row out); a unit whose newest row
   * is older than the cutoff has nothing that counts. The rule: a row counts when it counts for the
   * gender and was confirmed after the cutoff; a night needs its counted rows to sum to at least one bed;
   * the unit's figure is its smallest night, its confirmation the oldest counted row. It is
   * `availabilityOver` of libs/domain; both pass the table of libs/domain/src/vacancy/availability.cases.ts
   * (apps/api/test/vacancy-rules.e2e-spec.ts). Hits are ranked in distance tiers (same municipality,
   * region, prefecture), each on its own, and the Append below stops pulling once the page is full. The
   * total is counted only up to `cap`.
   */
  async search(q: SearchCriteria): Promise<SearchHitRecord[]> {
    // the stay's length is in the statement's shape (one term per night), not a parameter
    const params: unknown[] = [q.codes, q.distances, q.from, q.unknownBefore, q.staleBefore, q.limit, q.offset];
    const p = (value: unknown) => `$${params.push(value)}`;
    const unitFilters = this.unitFilters(q, p);
    const rowFilters: string[] = [];
    if (q.gender) rowFilters.push(`v.gender IN (${p(q.gender)}, 'any')`);
    // the summary's arrays for the rows that count (a gendered pair is null where it equals the all-rows one)
    const view = q.gender === 'male' ? '_male' : q.gender === 'female' ? '_female' : null;
    const beds = view ? `coalesce(n.beds${view}, n.beds)` : 'n.beds';
    const oldest = view ? `coalesce(n.oldest${view}, n.oldest)` : 'n.oldest';
    // the stay's nights as the arrays' positions (day numbers)
    const first = daysBetween(UNIT_NIGHTS_EPOCH, q.from);
    const days = Array.from({ length: q.nights }, (_, k) => first + k);

    // Distance tiers, nearest first: each tier is ranked on its own and the Append below stops pulling
    // (so later tiers are never ranked) once offset + limit rows are out.
    const tiers = [...new Set(q.distances)].sort((a, b) => a - b);
    return this.db.query(
      `WITH candidates AS MATERIALIZED (
         -- paused: 受入停止中 now (libs/domain admissionsPaused: an end still ahead); listed, ranked after the admitting units of its tier
         SELECT u.id, u.name, s.distance, coalesce(u.admissions_paused_until > ${p(q.now)}, false) AS paused
         FROM unnest($1::text[], $2::int[]) AS s(code, distance)
         JOIN units u ON u.municipality_code = s.code AND u.retired_at IS NULL
         ${unitFilters.map((f) => `AND ${f}`).join('\n         ')}
       ),
       ${tiers
         .map(
           (d) => `-- tier ${d}: its hits, evaluated only as far as they are read
       tier${d} AS (
         SELECT * FROM (
           -- whole: every row of the stay counts (its oldest is after the cutoff), so the sums are the rule's
           SELECT c.id, c.name, c.distance, c.paused,
                  CASE WHEN c.whole THEN c.available WHEN r.nights = ${q.nights} THEN r.available END AS available,
                  CASE WHEN c.whole THEN c.oldest ELSE r.confirmed_at END AS confirmed_at
           FROM (
             SELECT k.id, k.name, k.distance, k.paused,
                    -- a night without a row has no bed
                    LEAST(${days.map((day) => `coalesce((${beds})[${day}], 0)`).join(', ')}) AS available,
                    LEAST(${days.map((day) => `(${oldest})[${day}]`).join(', ')}) AS oldest
             FROM candidates k JOIN unit_nights n ON n.unit_id = k.id AND n.newest > $4
             WHERE k.distance = ${d}
             OFFSET 0
           ) c0
           CROSS JOIN LATERAL (SELECT c0.*, coalesce(c0.oldest > $4, false) AS whole) c
           CROSS JOIN LATERAL (
             -- the rows themselves, only where the stay has a row confirmed before the cutoff: it does not count
             SELECT min(x.available)::int AS available, min(x.confirmed_at) AS confirmed_at, count(*) AS nights
             FROM (
               SELECT sum(v.free - v.held) AS available, min(v.confirmed_at) AS confirmed_at
               FROM vacancies v
               WHERE NOT c.whole AND v.unit_id = c.id AND v.night >= $3::date AND v.night < $3::date + ${q.nights} AND v.confirmed_at > $4
               ${rowFilters.map((f) => `AND ${f}`).join(' ')}
               GROUP BY v.night
               HAVING sum(v.free - v.held) >= 1
             ) x
           ) r
           -- (a unit whose sums leave a night without a bed is no hit: its rows are not read)
           WHERE NOT c.whole OR c.available >= 1
         ) h WHERE available >= 1
       ),`,
         )
         .join('\n       ')}
       ranked AS (
         SELECT * FROM (
         ${tiers
           .map((d) => `(SELECT id AS unit_id, distance, paused, available, confirmed_at FROM tier${d} ORDER BY paused, confirmed_at > $5 DESC, available DESC, name, id LIMIT $6::int + $7::int)`)
           .join('\n         UNION ALL\n         ')}
         ) t LIMIT $6 OFFSET $7
       ),
       page AS (
         SELECT u.id, u.name, u.service_type AS "serviceType", u.municipality_code AS "municipalityCode", u.organisation_id AS "organisationId",
                o.name AS "organisationName", u.capacity, u.room_gender AS "roomGender", u.emergency_ok AS "emergencyOk", u.trial_ok AS "trialOk",
                u.contact_24h AS "contact24h", u.admissions_paused_until AS "admissionsPausedUntil", u.admissions_pause_reason AS "admissionsPauseReason",
                u.night_admission AS "nightAdmission", r.paused, r.distance, r.available, r.confirmed_at AS "confirmedAt"
         FROM ranked r
         JOIN units u ON u.id = r.unit_id
         JOIN organisations o ON o.id = u.organisation_id
       )
       -- one row even for a page past the end, so the total is always known; counted up to the cap only
       SELECT t.total, p.* FROM (
         SELECT count(*) FROM (${tiers.map((d) => `SELECT 1 FROM tier${d}`).join(' UNION ALL ')} LIMIT ${q.cap + 1}) h
       ) AS t(total) LEFT JOIN page p ON true
       ORDER BY p.distance, p.paused, p."confirmedAt" > $5 DESC, p.available DESC, p.name, p.id`,
      params,
    );
  }
}
