import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { RoomGender, VacancyGender, type VacancyNight, type VacancySearchHit } from '@akiwa/contracts';
import { allowedVacancyGenders, type VacancyRow } from '@akiwa/domain';
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

/** A unit of the calendar with its vacancy rows over the nights. */
export type CalendarUnitRecord = Omit<VacancySearchHit['unit'], 'admissionsPausedUntil'> & {
  distance: number;
  admissionsPausedUntil: Date | null;
  rows: VacancyRow[];
};

export type SearchHitRecord = Omit<VacancySearchHit['unit'], 'admissionsPausedUntil'> & {
  admissionsPausedUntil: Date | null;
  paused: boolean;
  distance: number;
  available: number;
  confirmedAt: Date;
  total: string;
};

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

/**
 * A unit's calendar rows as the calendar statement sends them: `night,gender,free,held,ms` joined by
 * `;` (null when none). Measured against a month for 500 units (15,500 rows): json_agg of
 * json_build_array and its parse in node-pg took about twice as long as this text.
 */
function parseCalendarRows(text: string | null): CalendarUnitRecord['rows'] {
  if (!text) return [];
  return text.split(';').map((row) => {
    const [night, gender, free, held, at] = row.split(',');
    return { night, gender: gender as VacancyGender, free: Number(free), held: Number(held), confirmedAt: new Date(Number(at)) };
  });
}

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
   * that a month for 500 units is 500 rows, not 15,000 (see `parseCalendarRows`). The marks are
   * computed from these rows by libs/domain `calendarCells` (no rule is restated here). The first
   * row always carries the total.
   */
  async calendar(q: CalendarCriteria): Promise<{ total: number; units: CalendarUnitRecord[] }> {
    const params: unknown[] = [q.codes, q.distances, q.from, q.to, q.limit, q.offset];
    const p = (value: unknown) => `$${params.push(value)}`;
    const filters = this.unitFilters(q, p);
    const rows: (Omit<CalendarUnitRecord, 'rows'> & { rows: string | null; total: string; id: string | null })[] = await this.db.query(
      `WITH candidates AS MATERIALIZED (
         -- the unit's columns are read here, once: joining the page back to units cost a second scan of them
         SELECT u.id, u.name, u.service_type AS "serviceType", u.municipality_code AS "municipalityCode", u.organisation_id AS "organisationId",
                u.capacity, u.room_gender AS "roomGender", u.emergency_ok AS "emergencyOk", u.trial_ok AS "trialOk",
                u.contact_24h AS "contact24h", u.admissions_paused_until AS "admissionsPausedUntil", u.admissions_pause_reason AS "admissionsPauseReason",
                u.night_admission AS "nightAdmission", s.distance
         FROM unnest($1::text[], $2::int[]) AS s(code, distance)
         JOIN units u ON u.municipality_code = s.code AND u.retired_at IS NULL
         ${filters.map((f) => `AND ${f}`).join(' ')}
       ),
       page AS (SELECT * FROM candidates ORDER BY distance, name, id LIMIT $5 OFFSET $6)
       SELECT t.total, x.* FROM (SELECT count(*) FROM candidates) AS t(total)
       LEFT JOIN LATERAL (
         SELECT c.*, o.name AS "organisationName",
                (
                  -- date_part is float8 (extract is numeric, several times slower over 15,000 rows)
                  SELECT string_agg(concat_ws(',', v.night, v.gender, v.free, v.held, floor(date_part('epoch', v.confirmed_at) * 1000)::bigint), ';')
                  FROM vacancies v WHERE v.unit_id = c.id AND v.night BETWEEN $3::date AND $4::date
                ) AS rows
         FROM page c JOIN organisations o ON o.id = c."organisationId"
       ) x ON true
       ORDER BY x.distance, x.name, x.id`,
      params,
    );
    return { total: Number(rows[0]?.total ?? 0), units: rows.filter((r) => r.id !== null).map(({ total: _, rows: text, ...unit }) => ({ ...unit, rows: parseCalendarRows(text) })) };
  }

  /**
   * Which units can take a person for N nights from a date, nearest first. One SQL statement:
   * the area becomes a list of municipality codes (index on units.municipality_code), the acceptance
   * filters narrow the units, and each candidate's rows for the requested nights are read from the
   * vacancies primary key (which INCLUDEs free, held and confirmed_at, so no heap visit is needed).
   * Candidates are evaluated in distance tiers (same municipality, region, prefecture), each ranked on
   * its own, and evaluation stops once the page is full. The total is counted only up to `cap`.
   * The availability rule is `availabilityOver` of libs/domain; both pass the table of
   * libs/domain/src/vacancy/availability.cases.ts (apps/api/test/vacancy-rules.e2e-spec.ts).
   */
  async search(q: SearchCriteria): Promise<SearchHitRecord[]> {
    const params: unknown[] = [q.codes, q.distances, q.from, q.nights, q.unknownBefore, q.staleBefore, q.limit, q.offset];
    const p = (value: unknown) => `$${params.push(value)}`;
    const unitFilters = this.unitFilters(q, p);
    const rowFilters: string[] = [];
    if (q.gender) rowFilters.push(`v.gender IN (${p(q.gender)}, 'any')`);

    // Distance tiers, nearest first: each tier is ranked on its own and the Append below stops pulling
    // (so later tiers are never evaluated) once offset + limit rows are out.
    const tiers = [...new Set(q.distances)].sort((a, b) => a - b);
    const available = `CROSS JOIN LATERAL (
           -- rows confirmed before the unknown cutoff do not count; a night without a counted row is not free
           SELECT min(n.available)::int AS available, min(n.confirmed_at) AS confirmed_at, count(*) AS nights
           FROM (
             SELECT sum(v.free - v.held) AS available, min(v.confirmed_at) AS confirmed_at
             FROM vacancies v
             WHERE v.unit_id = c.id AND v.night >= $3::date AND v.night < $3::date + $4::int AND v.confirmed_at > $5
             ${rowFilters.map((f) => `AND ${f}`).join(' ')}
             GROUP BY v.night
             HAVING sum(v.free - v.held) >= 1
           ) n
         ) a`;
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
         SELECT c.id, c.name, c.distance, c.paused, a.available, a.confirmed_at
         FROM candidates c ${available}
         WHERE c.distance = ${d} AND a.nights = $4::int
       ),`,
         )
         .join('\n       ')}
       ranked AS (
         SELECT * FROM (
         ${tiers
           .map((d) => `(SELECT id AS unit_id, distance, paused, available, confirmed_at FROM tier${d} ORDER BY paused, confirmed_at > $6 DESC, available DESC, name, id LIMIT $7::int + $8::int)`)
           .join('\n         UNION ALL\n         ')}
         ) t LIMIT $7 OFFSET $8
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
       ORDER BY p.distance, p.paused, p."confirmedAt" > $6 DESC, p.available DESC, p.name, p.id`,
      params,
    );
  }
}
