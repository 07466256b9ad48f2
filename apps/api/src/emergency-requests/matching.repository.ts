import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Gender } from '@akiwa/contracts';
import type { CandidateUnit } from '@akiwa/domain';

/**
 * One row of the units query: an emergency-capable unit (`units` = 1, its arrays as comma-joined
 * strings, which the driver passes through instead of parsing array literals), or all the units of
 * one organisation in one municipality that take no emergencies (`units` = n, `unitId`, `name` and the
 * acceptance columns null): those fail the first filter whatever the person needs, so only their
 * provider, place and number count (for `considered` and the exclusion explanations).
 */
export interface UnitRow {
  unitId: string | null;
  organisationId: string;
  name: string | null;
  municipalityCode: string;
  categories: string | null;
  acceptsChildren: boolean | null;
  supportLevelMin: number | null;
  supportLevelMax: number | null;
  specialNeeds: string | null;
  roomGender: CandidateUnit['roomGender'] | null;
  emergencyOk: boolean;
  admissionsPausedUntil: Date | null;
  nightAdmission: boolean | null;
  units: number;
}

export interface MatchNightRow {
  unitId: string;
  night: string;
  gender: 'any' | 'male' | 'female';
  free: number;
  held: number;
  confirmedAt: Date;
}

/** The units query for `where` (on `u`, its parameters from $1): see UnitRow. */
const unitsQuery = (where: string) => `SELECT u.id AS "unitId", u.organisation_id AS "organisationId", u.name, u.municipality_code AS "municipalityCode",
  array_to_string(u.categories, ',') AS categories, u.accepts_children AS "acceptsChildren", u.support_level_min AS "supportLevelMin", u.support_level_max AS "supportLevelMax",
  array_to_string(u.special_needs, ',') AS "specialNeeds", u.room_gender AS "roomGender", true AS "emergencyOk",
  u.admissions_paused_until AS "admissionsPausedUntil", u.night_admission AS "nightAdmission", 1 AS units
FROM units u WHERE ${where} AND u.emergency_ok
UNION ALL
SELECT NULL, u.organisation_id, NULL, u.municipality_code, NULL, NULL, NULL, NULL, NULL, NULL, false, NULL, NULL, count(*)::int
FROM units u WHERE ${where} AND NOT u.emergency_ok GROUP BY u.organisation_id, u.municipality_code`;

/**
 * The SQL matching reads on the post hot path (units of a scope or of the contracted provider, then
 * the requested nights of the units that pass the filters). bench/lib/emergency.js builds it on a
 * capturing data source and times these statements.
 */
@Injectable()
export class MatchingRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The live units of these municipalities (see UnitRow). */
  async unitsIn(municipalityCodes: string[]): Promise<UnitRow[]> {
    return this.db.query(unitsQuery('u.municipality_code = ANY($1::text[]) AND u.retired_at IS NULL'), [municipalityCodes]);
  }

  /** The live units of one organisation, wherever they are (see UnitRow). */
  async unitsOf(organisationId: string): Promise<UnitRow[]> {
    return this.db.query(unitsQuery('u.organisation_id = $1 AND u.retired_at IS NULL'), [organisationId]);
  }

  /** The vacancy rows of the units for the requested nights, the person's gender and `any`. */
  async nights(unitIds: string[], from: string, nights: number, gender: Gender): Promise<MatchNightRow[]> {
    return this.db.query(
      `SELECT unit_id AS "unitId", night::text AS night, gender, free, held, confirmed_at AS "confirmedAt"
         FROM vacancies WHERE unit_id = ANY($1::uuid[]) AND night >= $2::date AND night < $2::date + $3::int AND gender IN ($4, 'any')`,
      [unitIds, from, nights, gender],
    );
  }
}
