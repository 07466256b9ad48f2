import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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

/** The year's figures as SQL aggregates: no request, stay or person row is ever loaded into Node. */
@Injectable()
export class ReportRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Every emergency-request figure in one statement, so the requests of the period are read once
   * (a materialised CTE) however many tables the report shows.
   */
  async requests(f: ReportFilter): Promise<RequestAggregates> {
    const [row] = await this.db.query(
      `WITH req AS MATERIALIZED (
         SELECT e.id, e.status, e.urgency, e.categories, e.child, e.special_needs, e.municipality_code, e.nights, e.scope,
                e.created_at, e.closed_at, e.contracted_organisation_id,
                to_char(e.created_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS month
         FROM emergency_requests e
         WHERE ($1::text[] IS NULL OR e.municipality_code = ANY($1::text[]))
           AND ($2::uuid IS NULL OR e.organisation_id = $2::uuid)
           AND e.created_at >= ${JST('$3')} AND e.created_at < ${JST('$4')}
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
       told AS MATERIALIZED (
         SELECT x.notified_at,
                least((SELECT d.at FROM request_responses d WHERE d.request_id = x.request_id AND d.organisation_id = x.organisation_id),
                      (SELECT min(o.created_at) FROM offers o WHERE o.request_id = x.request_id AND o.organisation_id = x.organisation_id)) AS answered_at,
                rc.seen_at
         FROM request_recipients x JOIN req ON req.id = x.request_id
         LEFT JOIN request_receipts rc ON rc.request_id = x.request_id AND rc.organisation_id = x.organisation_id
       ),
       -- acknowledged: 確認しました, or an answer given without it (the escalation's own rule: either stops the re-alert)
       acked AS (SELECT notified_at, least(seen_at, answered_at) AS acked_at FROM told)
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
