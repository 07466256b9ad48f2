import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { serviceNight } from '@akiwa/domain';
import type { DeclineReason, DisabilityCategory, MatchScope, ServiceType, SpecialNeed, Urgency } from '@akiwa/contracts';

/**
 * Whose rows a report reads: requests of persons from an area (officers) or posted by a centre
 * (coordinators); `areaCodes` bounds the providers, homes and municipalities shown beside them.
 */
export interface ReportFilter {
  /** Municipality codes of the persons (null: any). */
  personCodes: string[] | null;
  /** The posting / booking centre (null: any). */
  organisationId: string | null;
  /** Municipalities whose providers, homes and status rows the report shows. */
  areaCodes: string[];
  /** When `personCodes` are exactly a region's or a prefecture's municipalities: which (its per-month aggregates are read whole). */
  area?: { level: 'region' | 'prefecture'; code: string };
  /** Half-open [from, to), dates in Japan. */
  from: string;
  to: string;
  /** When engagement and waiting lists are measured: the period's end, or now if earlier. */
  asOf: Date;
}

export interface CountRow<K extends string = string> {
  key: K;
  n: number;
}
export interface DurationRow {
  n: number;
  median: number | null;
  p90: number | null;
}

export interface RequestAggregates {
  byMonth: { month: string; outcome: string; n: number }[];
  byUrgency: CountRow<Urgency>[];
  byNeed: CountRow[];
  toFirstOffer: DurationRow;
  toPlacement: DurationRow;
  byServiceType: { key: ServiceType; n: number; nights: number }[];
  placedByCity: CountRow[];
  unmetByNeed: { need: string; level: MatchScope; n: number }[];
  unmetStatements: { level: MatchScope; areaName: string; categories: DisabilityCategory[]; child: boolean; specialNeeds: SpecialNeed[]; n: number }[];
  declinesByProvider: { organisationId: string; organisationName: string; reason: DeclineReason; n: number }[];
  declinesByCategory: { category: DisabilityCategory; reason: DeclineReason; n: number }[];
  contracted: { organisationId: string; organisationName: string; requests: number; placedWithIt: number; declined: number; notPlacedWithIt: number }[];
  toAnswer: DurationRow & { told: number };
  toAcknowledge: DurationRow & { told: number };
}

export interface EngagementAggregates {
  units: number;
  fresh: number;
  medianAgeHours: number | null;
  neverUpdating: { organisationId: string; organisationName: string }[];
}

export interface TrialAggregates {
  byHome: { organisationId: string; organisationName: string; nights: number; persons: number }[];
  nights: number;
  persons: number;
  waiting: { length: number; medianDays: number | null; longestDays: number | null };
}

export interface StatusMunicipalityRow {
  code: string;
  name: string;
  /** The city and its wards (熊本市 and its 区): where its persons may be registered. */
  codes: string[];
  baseType: string | null;
  coordinatorStaffing: string | null;
  shelter: boolean | null;
  version: number | null;
  updatedAt: Date | null;
  updatedByName: string | null;
}

// A day in Japan as the instant it starts.
const JST = (p: string) => `(${p}::date::timestamp AT TIME ZONE 'Asia/Tokyo')`;
const SCOPE_RANK = `CASE r.scope WHEN 'municipality' THEN 0 WHEN 'region' THEN 1 ELSE 2 END`;
const CATEGORY_ORDER = `ARRAY['physical','intellectual','psychiatric','intractable_disease']`;
const NEED_ORDER = `ARRAY['medical_care','severe_behavioural','severe_physical']`;
// Log-spaced buckets of minutes (a bucket per ~2 % of growth) for the per-month sorted values; any monotone function would do,
// but a change needs every month recomputed (see migration ReportMonthBuckets1765872000001).
const BUCKET = (v: string) => `floor(ln(greatest(${v}, 0) + 1) * 48)::int`;

/**
 * The requests a report counts (`where` over emergency_requests e) and what it reads about them: the
 * confirmed offer and its place (`r.outcome`), the levels where nobody was told (`unmet`), and every
 * provider told with when it answered and acknowledged (`told`, `acked`). Shared by the statement over
 * raw rows and the per-month refresh, so both count by the same rules.
 */
const requestCtes = (where: string) => `WITH req AS MATERIALIZED (
         SELECT e.id, e.organisation_id AS org, e.status, e.urgency, e.categories, e.child, e.special_needs, e.municipality_code, e.nights, e.scope,
                e.created_at, e.closed_at, e.contracted_organisation_id,
                to_char(e.created_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS month
         FROM emergency_requests e
         WHERE ${where}
       ),
       placed AS MATERIALIZED (
         SELECT o.request_id, o.organisation_id, u.service_type, u.municipality_code AS unit_code
         FROM offers o JOIN units u ON u.id = o.unit_id
         WHERE o.status = 'confirmed' AND o.request_id IN (SELECT id FROM req)
       ),
       r AS MATERIALIZED (
         SELECT req.*, p.service_type, p.organisation_id AS placed_org,
                coalesce(rm.parent_code, rm.code) AS city,
                CASE WHEN req.status <> 'placed' THEN req.status
                     WHEN coalesce(um.parent_code, um.code) = coalesce(rm.parent_code, rm.code) THEN 'placed_municipality'
                     WHEN um.region_id = rm.region_id THEN 'placed_region'
                     ELSE 'placed_prefecture' END AS outcome
         FROM req
         JOIN municipalities rm ON rm.code = req.municipality_code
         LEFT JOIN placed p ON p.request_id = req.id
         LEFT JOIN municipalities um ON um.code = p.unit_code
       ),
       -- a level was tried when the request's scope reached it; it found nobody when no provider was told there
       unmet AS MATERIALIZED (
         SELECT r.id, r.categories, r.child, r.special_needs, r.municipality_code, lv.level
         FROM r CROSS JOIN LATERAL (VALUES ('municipality', 0), ('region', 1), ('prefecture', 2)) AS lv(level, rank)
         WHERE lv.rank <= ${SCOPE_RANK}
           AND NOT EXISTS (SELECT 1 FROM request_recipients x WHERE x.request_id = r.id AND x.scope = lv.level)
       ),
       -- answered: declined, or the first offer (least ignores a missing one); joins, not two probes per provider told
       first_offer AS (
         SELECT o.request_id, o.organisation_id, min(o.created_at) AS at
         FROM offers o WHERE o.request_id IN (SELECT id FROM req) GROUP BY 1, 2
       ),
       told AS MATERIALIZED (
         SELECT req.municipality_code, req.org, x.notified_at, least(d.at, fo.at) AS answered_at, rc.seen_at
         FROM request_recipients x JOIN req ON req.id = x.request_id
         LEFT JOIN request_responses d ON d.request_id = x.request_id AND d.organisation_id = x.organisation_id
         LEFT JOIN first_offer fo ON fo.request_id = x.request_id AND fo.organisation_id = x.organisation_id
         LEFT JOIN request_receipts rc ON rc.request_id = x.request_id AND rc.organisation_id = x.organisation_id
       ),
       -- acknowledged: 確認しました, or an answer given without it (the escalation's own rule: either stops the re-alert)
       acked AS (SELECT municipality_code, org, notified_at, least(seen_at, answered_at) AS acked_at FROM told)`;

/** The areas of report_month_counts / report_month_values whose sum is the filter's requests (null: none is). */
function monthAreas(f: ReportFilter): string[] | null {
  if (f.personCodes && f.organisationId) return null;
  if (f.organisationId) return [`o:${f.organisationId}`];
  if (!f.personCodes) return null;
  if (f.area) return [`${f.area.level === 'region' ? 'r' : 'p'}:${f.area.code}`];
  return f.personCodes.map((c) => `m:${c}`);
}

/** The year's figures as SQL aggregates: no request, stay or person row is ever loaded into Node. */
@Injectable()
export class ReportRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Every emergency-request figure in one statement, so the requests of the period are read once
   * (a materialised CTE) however many tables the report shows.
   */
  async requests(f: ReportFilter): Promise<RequestAggregates> {
    // whole months (every fiscal year): from the per-month aggregates, brought up to date first
    const areas = monthAreas(f);
    if (areas && f.from.endsWith('-01') && f.to.endsWith('-01')) {
      await this.refresh(f.from, f.to);
      return this.fromMonths(f, areas);
    }
    return this.requestsFromRows(f);
  }

  /** The same figures from the raw rows: periods that are not whole months (and the check that the months' aggregates are exact). */
  requestsFromRows(f: ReportFilter): Promise<RequestAggregates> {
    return this.withoutJit((db) => this.requestsIn(db, f));
  }

  /**
   * Recomputes, from the raw rows, every month in [from, to) that a write has logged since its last
   * refresh (the migration ReportMonthAggregates1765872000000 says how months are logged). One month
   * at a time, each under its own lock; a write that commits meanwhile leaves its log row behind, so
   * the next report recomputes that month again.
   */
  async refresh(from: string, to: string): Promise<number> {
    const months: { month: string }[] = await this.db.query(
      `SELECT DISTINCT month::text AS month FROM report_month_changes WHERE month >= $1::date AND month < $2::date ORDER BY 1`,
      [from, to],
    );
    for (const { month } of months) await this.refreshMonth(month);
    return months.length;
  }

  private refreshMonth(month: string): Promise<void> {
    return this.withoutJit(async (db) => {
      await db.query(`SELECT pg_advisory_xact_lock(hashtext('report_month'), ($1::date - date '2000-01-01'))`, [month]);
      const seen: { id: string }[] = await db.query(`SELECT id FROM report_month_changes WHERE month = $1::date`, [month]);
      if (!seen.length) return; // another report refreshed it while this one waited
      await db.query(`DELETE FROM report_month_counts WHERE month = $1::date`, [month]);
      await db.query(`DELETE FROM report_month_values WHERE month = $1::date`, [month]);
      const where = `e.created_at >= ${JST('$1')} AND e.created_at < ${JST(`($1::date + interval '1 month')::date`)}`;
      await db.query(
        `${requestCtes(where)},
         counts(municipality_code, org, key, n) AS (
           SELECT municipality_code, org, 'o|' || outcome, count(*) FROM r GROUP BY 1, 2, 3
           UNION ALL SELECT municipality_code, org, 'u|' || urgency, count(*) FROM r GROUP BY 1, 2, 3
           UNION ALL SELECT municipality_code, org, 'n|' || need, count(*)
             FROM r, LATERAL unnest(r.categories || r.special_needs || CASE WHEN r.child THEN ARRAY['child'] ELSE '{}'::text[] END) AS need GROUP BY 1, 2, 3
           UNION ALL SELECT municipality_code, org, 'pn', count(*) FROM r WHERE status = 'placed' GROUP BY 1, 2
           UNION ALL SELECT municipality_code, org, 't|' || coalesce(service_type, ''), count(*) FROM r WHERE status = 'placed' GROUP BY 1, 2, 3
           UNION ALL SELECT municipality_code, org, 'tn|' || coalesce(service_type, ''), sum(nights) FROM r WHERE status = 'placed' GROUP BY 1, 2, 3
           UNION ALL SELECT municipality_code, org, 'c|' || city, count(*) FROM r WHERE status = 'placed' GROUP BY 1, 2, 3
           UNION ALL SELECT u.municipality_code, r.org, 'un|' || need || '|' || u.level, count(*)
             FROM unmet u JOIN r ON r.id = u.id, LATERAL unnest(u.categories || u.special_needs || CASE WHEN u.child THEN ARRAY['child'] ELSE '{}'::text[] END) AS need
             GROUP BY 1, 2, 3
           UNION ALL SELECT u.municipality_code, r.org,
                  concat_ws('|', 'us', u.level,
                    coalesce(CASE u.level WHEN 'municipality' THEN coalesce(m.parent_code, m.code) WHEN 'region' THEN m.region_id ELSE m.prefecture_code END, ''),
                    array_to_string(ARRAY(SELECT x FROM unnest(u.categories) x ORDER BY array_position(${CATEGORY_ORDER}, x)), ','),
                    u.child::text,
                    array_to_string(ARRAY(SELECT x FROM unnest(u.special_needs) x ORDER BY array_position(${NEED_ORDER}, x)), ',')),
                  count(*)
             FROM unmet u JOIN r ON r.id = u.id JOIN municipalities m ON m.code = u.municipality_code GROUP BY 1, 2, 3
           UNION ALL SELECT req.municipality_code, req.org, 'dp|' || d.organisation_id || '|' || d.reason, count(*)
             FROM request_responses d JOIN req ON req.id = d.request_id GROUP BY 1, 2, 3
           UNION ALL SELECT req.municipality_code, req.org, 'dc|' || c || '|' || d.reason, count(*)
             FROM request_responses d JOIN req ON req.id = d.request_id, LATERAL unnest(req.categories) AS c GROUP BY 1, 2, 3
           UNION ALL SELECT r.municipality_code, r.org, 'k|' || r.contracted_organisation_id || '|' || f.field, count(*)
             FROM r CROSS JOIN LATERAL (VALUES
               ('requests', true),
               ('placedWithIt', r.placed_org = r.contracted_organisation_id),
               ('declined', EXISTS (SELECT 1 FROM request_responses d WHERE d.request_id = r.id AND d.organisation_id = r.contracted_organisation_id)),
               ('notPlacedWithIt', r.status IN ('placed', 'unplaced') AND r.placed_org IS DISTINCT FROM r.contracted_organisation_id)) AS f(field, yes)
             WHERE r.contracted_organisation_id IS NOT NULL AND f.yes GROUP BY 1, 2, 3
           UNION ALL SELECT municipality_code, org, 'told', count(*) FROM told GROUP BY 1, 2
         ),
         summed AS (
           SELECT a.area, c.key, sum(c.n)::int AS n
           FROM counts c JOIN municipalities m ON m.code = c.municipality_code,
                LATERAL (VALUES ('m:' || c.municipality_code), ('r:' || m.region_id), ('p:' || m.prefecture_code), ('o:' || c.org)) AS a(area)
           WHERE a.area IS NOT NULL GROUP BY 1, 2
         )
         INSERT INTO report_month_counts(month, area, keys, ns)
         SELECT $1::date, area, array_agg(key ORDER BY key), array_agg(n ORDER BY key) FROM summed WHERE n > 0 GROUP BY area`,
        [month],
      );
      await db.query(
        `${requestCtes(where)},
         vals(municipality_code, org, metric, v) AS (
           SELECT req.municipality_code, req.org, 'first_offer', (extract(epoch FROM min(o.created_at) - req.created_at) / 60)::float8
             FROM req JOIN offers o ON o.request_id = req.id GROUP BY req.id, req.municipality_code, req.org, req.created_at
           UNION ALL SELECT municipality_code, org, 'placement', (extract(epoch FROM closed_at - created_at) / 60)::float8 FROM r WHERE status = 'placed'
           UNION ALL SELECT municipality_code, org, 'answer', (extract(epoch FROM answered_at - notified_at) / 60)::float8 FROM told
           UNION ALL SELECT municipality_code, org, 'ack', (extract(epoch FROM acked_at - notified_at) / 60)::float8 FROM acked
         )
         INSERT INTO report_month_values(month, area, metric, bucket, n, vals)
         SELECT $1::date, a.area, x.metric, ${BUCKET('x.v')}, count(*), array_agg(x.v ORDER BY x.v)
         FROM vals x JOIN municipalities m ON m.code = x.municipality_code,
              LATERAL (VALUES ('m:' || x.municipality_code), ('r:' || m.region_id), ('p:' || m.prefecture_code), ('o:' || x.org)) AS a(area)
         WHERE x.v IS NOT NULL AND a.area IS NOT NULL GROUP BY 2, 3, 4`,
        [month],
      );
      await db.query(`DELETE FROM report_month_changes WHERE id = ANY($1::bigint[])`, [seen.map((x) => x.id)]);
    });
  }

  /**
   * The figures of whole months from their aggregates: counts summed by key; each median and p90 as
   * PostgreSQL's percentile_cont computes it (the values at ranks ⌊p(n−1)⌋ and ⌈p(n−1)⌉, interpolated),
   * reading the sorted values of only the buckets that hold those ranks.
   */
  private fromMonths(f: ReportFilter, areas: string[]): Promise<RequestAggregates> {
    const scope = (t: string) => `${t}.month >= $2::date AND ${t}.month < $3::date AND ${t}.area = ANY($1::text[])`;
    const stats = (metric: string, n: string) =>
      `json_build_object('n', ${n}, 'median', (SELECT v FROM pct WHERE metric = '${metric}' AND p = 0.5), 'p90', (SELECT v FROM pct WHERE metric = '${metric}' AND p = 0.9))`;
    const total = (metric: string) => `coalesce((SELECT max(total) FROM c WHERE metric = '${metric}'), 0)::int`;
    return this.withoutJit(async (db) => {
      const [row] = await db.query(
        `WITH u AS MATERIALIZED (
           SELECT k.month, x.key, x.n FROM report_month_counts k, LATERAL unnest(k.keys, k.ns) AS x(key, n) WHERE ${scope('k')}
         ),
         mk AS (SELECT to_char(month, 'YYYY-MM') AS month, key, sum(n)::int AS n FROM u WHERE key LIKE 'o|%' GROUP BY 1, 2),
         k AS MATERIALIZED (SELECT string_to_array(key, '|') AS p, sum(n)::int AS n FROM u GROUP BY key),
         b AS (SELECT v.metric, v.bucket, sum(v.n)::bigint AS n FROM report_month_values v WHERE ${scope('v')} GROUP BY 1, 2),
         c AS (
           SELECT metric, bucket, n, (sum(n) OVER (PARTITION BY metric ORDER BY bucket) - n)::bigint AS before, (sum(n) OVER (PARTITION BY metric))::bigint AS total FROM b
         ),
         want AS (
           SELECT DISTINCT c.metric, ps.p, ps.p * (c.total - 1)::float8 AS pos FROM c, (VALUES (0.5::float8), (0.9::float8)) AS ps(p)
         ),
         ranks AS (SELECT DISTINCT w.metric, x.r FROM want w, LATERAL (VALUES (floor(w.pos)::bigint), (ceil(w.pos)::bigint)) AS x(r)),
         -- each bucket holding a wanted rank, its values sorted once
         sorted AS MATERIALIZED (
           SELECT c.metric, c.before, c.n,
                  (SELECT array_agg(x ORDER BY x) FROM report_month_values v, unnest(v.vals) AS x WHERE v.metric = c.metric AND v.bucket = c.bucket AND ${scope('v')}) AS xs
           FROM c WHERE EXISTS (SELECT 1 FROM ranks WHERE ranks.metric = c.metric AND ranks.r >= c.before AND ranks.r < c.before + c.n)
         ),
         at AS (
           SELECT ranks.metric, ranks.r, s.xs[ranks.r - s.before + 1] AS v
           FROM ranks JOIN sorted s ON s.metric = ranks.metric AND ranks.r >= s.before AND ranks.r < s.before + s.n
         ),
         pct AS (
           SELECT w.metric, w.p, CASE WHEN hi.r > lo.r THEN lo.v + ((w.pos - lo.r) * (hi.v - lo.v)) ELSE lo.v END AS v
           FROM want w JOIN at lo ON lo.metric = w.metric AND lo.r = floor(w.pos) JOIN at hi ON hi.metric = w.metric AND hi.r = ceil(w.pos)
         ),
         us AS (
           SELECT k.p[2] AS level,
                  CASE k.p[2] WHEN 'municipality' THEN (SELECT name FROM municipalities WHERE code = k.p[3])
                              WHEN 'region' THEN (SELECT name FROM regions WHERE id = nullif(k.p[3], ''))
                              ELSE (SELECT name FROM prefectures WHERE code = k.p[3]) END AS "areaName",
                  string_to_array(k.p[4], ',') AS categories, k.p[5]::boolean AS child, string_to_array(k.p[6], ',') AS "specialNeeds", k.n
           FROM k WHERE k.p[1] = 'us'
         )
         SELECT
           (SELECT coalesce(json_agg(t), '[]') FROM (SELECT month, split_part(key, '|', 2) AS outcome, n FROM mk WHERE key LIKE 'o|%') t) AS "byMonth",
           (SELECT coalesce(json_agg(t), '[]') FROM (SELECT p[2] AS key, n FROM k WHERE p[1] = 'u') t) AS "byUrgency",
           (SELECT coalesce(json_agg(t), '[]') FROM (SELECT p[2] AS key, n FROM k WHERE p[1] = 'n') t) AS "byNeed",
           ${stats('first_offer', total('first_offer'))} AS "toFirstOffer",
           ${stats('placement', `coalesce((SELECT n FROM k WHERE p[1] = 'pn'), 0)`)} AS "toPlacement",
           (SELECT coalesce(json_agg(t), '[]') FROM (
              SELECT nullif(k.p[2], '') AS key, k.n, (SELECT x.n FROM k x WHERE x.p[1] = 'tn' AND x.p[2] = k.p[2]) AS nights FROM k WHERE k.p[1] = 't') t) AS "byServiceType",
           (SELECT coalesce(json_agg(t), '[]') FROM (SELECT p[2] AS key, n FROM k WHERE p[1] = 'c') t) AS "placedByCity",
           (SELECT coalesce(json_agg(t), '[]') FROM (SELECT p[2] AS need, p[3] AS level, n FROM k WHERE p[1] = 'un') t) AS "unmetByNeed",
           (SELECT coalesce(json_agg(t ORDER BY t.n DESC, t."areaName"), '[]') FROM (
              SELECT level, "areaName", categories, child, "specialNeeds", sum(n)::int AS n FROM us GROUP BY 1, 2, 3, 4, 5) t) AS "unmetStatements",
           (SELECT coalesce(json_agg(t), '[]') FROM (
              SELECT k.p[2]::uuid AS "organisationId", o.name AS "organisationName", k.p[3] AS reason, k.n
              FROM k JOIN organisations o ON o.id = k.p[2]::uuid WHERE k.p[1] = 'dp') t) AS "declinesByProvider",
           (SELECT coalesce(json_agg(t), '[]') FROM (SELECT p[2] AS category, p[3] AS reason, n FROM k WHERE p[1] = 'dc') t) AS "declinesByCategory",
           (SELECT coalesce(json_agg(t ORDER BY t."organisationName"), '[]') FROM (
              SELECT k.p[2]::uuid AS "organisationId", o.name AS "organisationName",
                     coalesce(sum(k.n) FILTER (WHERE k.p[3] = 'requests'), 0)::int AS requests,
                     coalesce(sum(k.n) FILTER (WHERE k.p[3] = 'placedWithIt'), 0)::int AS "placedWithIt",
                     coalesce(sum(k.n) FILTER (WHERE k.p[3] = 'declined'), 0)::int AS declined,
                     coalesce(sum(k.n) FILTER (WHERE k.p[3] = 'notPlacedWithIt'), 0)::int AS "notPlacedWithIt"
              FROM k JOIN organisations o ON o.id = k.p[2]::uuid WHERE k.p[1] = 'k' GROUP BY 1, 2) t) AS "contracted",
           ${stats('answer', total('answer'))}::jsonb || jsonb_build_object('told', coalesce((SELECT n FROM k WHERE p[1] = 'told'), 0)) AS "toAnswer",
           ${stats('ack', total('ack'))}::jsonb || jsonb_build_object('told', coalesce((SELECT n FROM k WHERE p[1] = 'told'), 0)) AS "toAcknowledge"`,
        [areas, f.from, f.to],
      );
      return row as RequestAggregates;
    });
  }

  /**
   * A report statement plans at millions of cost units (every request of a prefecture's year), so
   * PostgreSQL would JIT-compile it on every call: measured 4.9 s of compiling for a 100,000-request
   * year. The plans are hash joins and aggregates that gain nothing from it.
   */
  private withoutJit<T>(fn: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SET LOCAL jit = off`);
      return fn(tx);
    });
  }

  private async requestsIn(db: EntityManager, f: ReportFilter): Promise<RequestAggregates> {
    const [row] = await db.query(
      `${requestCtes(`($1::text[] IS NULL OR e.municipality_code = ANY($1::text[]))
           AND ($2::uuid IS NULL OR e.organisation_id = $2::uuid)
           AND e.created_at >= ${JST('$3')} AND e.created_at < ${JST('$4')}`)}
       SELECT
         (SELECT coalesce(json_agg(t), '[]') FROM (SELECT month, outcome, count(*)::int AS n FROM r GROUP BY 1, 2) t) AS "byMonth",
         (SELECT coalesce(json_agg(t), '[]') FROM (SELECT urgency AS key, count(*)::int AS n FROM r GROUP BY 1) t) AS "byUrgency",
         (SELECT coalesce(json_agg(t), '[]') FROM (
            SELECT need AS key, count(*)::int AS n
            FROM r, LATERAL unnest(r.categories || r.special_needs || CASE WHEN r.child THEN ARRAY['child'] ELSE '{}'::text[] END) AS need
            GROUP BY 1) t) AS "byNeed",
         (SELECT json_build_object('n', count(*)::int, 'median', percentile_cont(0.5) WITHIN GROUP (ORDER BY m), 'p90', percentile_cont(0.9) WITHIN GROUP (ORDER BY m))
          FROM (SELECT extract(epoch FROM min(o.created_at) - req.created_at) / 60 AS m FROM req JOIN offers o ON o.request_id = req.id GROUP BY req.id, req.created_at) t) AS "toFirstOffer",
         (SELECT json_build_object('n', count(*)::int, 'median', percentile_cont(0.5) WITHIN GROUP (ORDER BY m), 'p90', percentile_cont(0.9) WITHIN GROUP (ORDER BY m))
          FROM (SELECT extract(epoch FROM closed_at - created_at) / 60 AS m FROM r WHERE status = 'placed') t) AS "toPlacement",
         (SELECT coalesce(json_agg(t), '[]') FROM (SELECT service_type AS key, count(*)::int AS n, sum(nights)::int AS nights FROM r WHERE status = 'placed' GROUP BY 1) t) AS "byServiceType",
         (SELECT coalesce(json_agg(t), '[]') FROM (SELECT city AS key, count(*)::int AS n FROM r WHERE status = 'placed' GROUP BY 1) t) AS "placedByCity",
         (SELECT coalesce(json_agg(t), '[]') FROM (
            SELECT need, level, count(*)::int AS n
            FROM unmet, LATERAL unnest(unmet.categories || unmet.special_needs || CASE WHEN unmet.child THEN ARRAY['child'] ELSE '{}'::text[] END) AS need
            GROUP BY 1, 2) t) AS "unmetByNeed",
         (SELECT coalesce(json_agg(t ORDER BY t.n DESC, t."areaName"), '[]') FROM (
            SELECT u.level,
                   CASE u.level WHEN 'municipality' THEN c.name WHEN 'region' THEN g.name ELSE p.name END AS "areaName",
                   ARRAY(SELECT x FROM unnest(u.categories) x ORDER BY array_position(${CATEGORY_ORDER}, x)) AS categories,
                   u.child,
                   ARRAY(SELECT x FROM unnest(u.special_needs) x ORDER BY array_position(${NEED_ORDER}, x)) AS "specialNeeds",
                   count(*)::int AS n
            FROM unmet u
            JOIN municipalities m ON m.code = u.municipality_code
            JOIN municipalities c ON c.code = coalesce(m.parent_code, m.code)
            LEFT JOIN regions g ON g.id = m.region_id
            JOIN prefectures p ON p.code = m.prefecture_code
            GROUP BY 1, 2, 3, 4, 5) t) AS "unmetStatements",
         (SELECT coalesce(json_agg(t), '[]') FROM (
            SELECT d.organisation_id AS "organisationId", o.name AS "organisationName", d.reason, count(*)::int AS n
            FROM request_responses d JOIN req ON req.id = d.request_id JOIN organisations o ON o.id = d.organisation_id
            GROUP BY 1, 2, 3) t) AS "declinesByProvider",
         (SELECT coalesce(json_agg(t), '[]') FROM (
            SELECT c AS category, d.reason, count(*)::int AS n
            FROM request_responses d JOIN req ON req.id = d.request_id, LATERAL unnest(req.categories) AS c
            GROUP BY 1, 2) t) AS "declinesByCategory",
         (SELECT coalesce(json_agg(t ORDER BY t."organisationName"), '[]') FROM (
            SELECT r.contracted_organisation_id AS "organisationId", o.name AS "organisationName", count(*)::int AS requests,
                   count(*) FILTER (WHERE r.placed_org = r.contracted_organisation_id)::int AS "placedWithIt",
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM request_responses d WHERE d.request_id = r.id AND d.organisation_id = r.contracted_organisation_id))::int AS declined,
                   count(*) FILTER (WHERE r.status IN ('placed', 'unplaced') AND r.placed_org IS DISTINCT FROM r.contracted_organisation_id)::int AS "notPlacedWithIt"
            FROM r JOIN organisations o ON o.id = r.contracted_organisation_id
            GROUP BY 1, 2) t) AS "contracted",
         (SELECT json_build_object('told', count(*)::int, 'n', count(answered_at)::int,
                   'median', percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - notified_at) / 60),
                   'p90', percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - notified_at) / 60))
          FROM told) AS "toAnswer",
         (SELECT json_build_object('told', count(*)::int, 'n', count(acked_at)::int,
                   'median', percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acked_at - notified_at) / 60),
                   'p90', percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM acked_at - notified_at) / 60))
          FROM acked) AS "toAcknowledge"`,
      [f.personCodes, f.organisationId, f.from, f.to],
    );
    return row as RequestAggregates;
  }

  /**
   * How fresh the providers of the area keep their emergency units, as of `asOf`: the age of each
   * unit's figure for the night in progress then (what the board showed; one index probe per unit,
   * not every night's row), and which providers had never confirmed any figure by then.
   */
  async engagement(f: ReportFilter): Promise<EngagementAggregates> {
    const [row] = await this.db.query(
      `WITH u AS MATERIALIZED (
         SELECT u.id, u.organisation_id,
                (SELECT max(v.confirmed_at) FROM vacancies v WHERE v.unit_id = u.id AND v.night = $3::date AND v.confirmed_at <= $2) AS at,
                EXISTS (SELECT 1 FROM vacancies v WHERE v.unit_id = u.id AND v.confirmed_at <= $2) AS ever
         FROM units u
         WHERE u.retired_at IS NULL AND u.emergency_ok AND u.municipality_code = ANY($1::text[]) AND u.created_at <= $2
       )
       SELECT count(*)::int AS units,
              count(*) FILTER (WHERE at > $2::timestamptz - interval '24 hours')::int AS fresh,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM $2::timestamptz - at) / 3600) AS "medianAgeHours",
              (SELECT coalesce(json_agg(t ORDER BY t."organisationName"), '[]') FROM (
                 SELECT o.id AS "organisationId", o.name AS "organisationName"
                 FROM u JOIN organisations o ON o.id = u.organisation_id
                 GROUP BY 1, 2 HAVING NOT bool_or(u.ever)) t) AS "neverUpdating"
       FROM u`,
      [f.areaCodes, f.asOf, serviceNight(f.asOf)],
    );
    return row as EngagementAggregates;
  }

  /** Trial nights (approved stays, the nights inside the period) and the waiting lists as of `asOf`. */
  async trials(f: ReportFilter): Promise<TrialAggregates> {
    const [row] = await this.db.query(
      `WITH s AS MATERIALIZED (
         SELECT s.provider_organisation_id, s.person_id, s.nights * daterange($3::date, $4::date) AS inside
         FROM trial_stays s JOIN trial_persons p ON p.id = s.person_id
         WHERE s.status = 'approved' AND s.nights && daterange($3::date, $4::date)
           AND ($1::text[] IS NULL OR p.municipality_code = ANY($1::text[]))
           AND ($2::uuid IS NULL OR s.coordinator_organisation_id = $2::uuid)
       ),
       w AS MATERIALIZED (
         SELECT w.waiting_since
         FROM waiting_list_entries w JOIN organisations o ON o.id = w.organisation_id
         WHERE w.created_at <= $5 AND (w.removed_at IS NULL OR w.removed_at > $5)
           AND ($2::uuid IS NULL OR w.coordinator_organisation_id = $2::uuid)
           AND ($1::text[] IS NULL OR o.municipality_code = ANY($1::text[]))
       )
       SELECT
         (SELECT coalesce(json_agg(t ORDER BY t."organisationName"), '[]') FROM (
            SELECT s.provider_organisation_id AS "organisationId", o.name AS "organisationName",
                   sum(upper(inside) - lower(inside))::int AS nights, count(DISTINCT person_id)::int AS persons
            FROM s JOIN organisations o ON o.id = s.provider_organisation_id GROUP BY 1, 2) t) AS "byHome",
         (SELECT coalesce(sum(upper(inside) - lower(inside)), 0)::int FROM s) AS nights,
         (SELECT count(DISTINCT person_id)::int FROM s) AS persons,
         (SELECT json_build_object('length', count(*)::int,
                   'medianDays', percentile_cont(0.5) WITHIN GROUP (ORDER BY ($6::date - waiting_since)),
                   'longestDays', max($6::date - waiting_since)) FROM w) AS waiting`,
      [f.personCodes, f.organisationId, f.from, f.to, f.asOf, serviceNight(f.asOf, 0)],
    );
    return row as TrialAggregates;
  }

  /** The municipalities of the status table (cities, not their wards) with their editable facts for the year. */
  async statusMunicipalities(areaCodes: string[], fiscalYear: number): Promise<StatusMunicipalityRow[]> {
    return this.db.query(
      `SELECT m.code, m.name, ARRAY[m.code] || ARRAY(SELECT w.code FROM municipalities w WHERE w.parent_code = m.code ORDER BY w.code) AS codes, f.base_type AS "baseType", f.coordinator_staffing AS "coordinatorStaffing", f.shelter, f.version,
              f.updated_at AS "updatedAt", us.display_name AS "updatedByName"
       FROM municipalities m
       LEFT JOIN municipality_base_facts f ON f.municipality_code = m.code AND f.fiscal_year = $2
       LEFT JOIN users us ON us.id = f.updated_by
       WHERE m.code = ANY($1::text[]) AND m.parent_code IS NULL
       ORDER BY m.code`,
      [areaCodes, fiscalYear],
    );
  }
}
