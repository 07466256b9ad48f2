import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { TrialPersonView, TrialPolicyView } from '@akiwa/contracts';
import { STAY_COLUMNS, STAY_FROM, type StayRow } from './trial-stays.sql';

type Db = DataSource | EntityManager;

const PERSON_COLUMNS = `id, organisation_id AS "organisationId", display_name_encrypted AS "displayNameEncrypted", age_band AS "ageBand", gender,
  municipality_code AS "municipalityCode", categories, support_level AS "supportLevel", special_needs AS "specialNeeds", created_at AS "createdAt"`;

/** A person as stored: the name sealed; nothing decrypted. */
export type PersonRow = Omit<TrialPersonView, 'displayName' | 'createdAt'> & { displayNameEncrypted: Buffer; createdAt: Date | string };

/** A person to insert, the name already sealed (the ledger's may have no 障害支援区分). */
export type NewPerson = Omit<PersonRow, 'createdAt' | 'supportLevel'> & { supportLevel: number | null; createdBy: string };

/** What a person's registration rewrites of the person's readable profile. */
export type PersonProfile = Omit<NewPerson, 'id' | 'organisationId' | 'createdBy'>;

/** A municipality's own limits, as stored. */
export type PolicyRow = Pick<TrialPolicyView, 'maxConsecutiveNights' | 'maxNightsPerFiscalYear' | 'updatedByName'> & { updatedAt: Date };

/** The SQL of persons (as coordinators use them for trial stays, and as the ledger registers them) and of the municipalities' trial-stay limits. */
@Injectable()
export class TrialPersonsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The persons shared with the organisation (consent not withdrawn). */
  async sharedWith(organisationId: string): Promise<PersonRow[]> {
    return this.db.query(
      `SELECT ${PERSON_COLUMNS} FROM persons WHERE id IN (SELECT person_id FROM person_organisations WHERE organisation_id = $1 AND withdrawn_at IS NULL)`,
      [organisationId],
    );
  }

  async insert(tx: EntityManager, p: NewPerson): Promise<PersonRow> {
    const [row] = await tx.query(
      `INSERT INTO persons(id, organisation_id, display_name_encrypted, age_band, gender, municipality_code, categories, support_level, special_needs, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING ${PERSON_COLUMNS}`,
      [p.id, p.organisationId, p.displayNameEncrypted, p.ageBand, p.gender, p.municipalityCode, p.categories, p.supportLevel, p.specialNeeds, p.createdBy],
    );
    return row;
  }

  async updateProfile(tx: EntityManager, id: string, p: PersonProfile): Promise<void> {
    await tx.query(
      `UPDATE persons SET display_name_encrypted = $2, age_band = $3, gender = $4, municipality_code = $5, categories = $6, support_level = $7, special_needs = $8
       WHERE id = $1`,
      [id, p.displayNameEncrypted, p.ageBand, p.gender, p.municipalityCode, p.categories, p.supportLevel, p.specialNeeds],
    );
  }

  /** The person, and whether it is shared with the organisation (consent not withdrawn); undefined when there is no such person. */
  async withShare(id: string, organisationId: string, db: Db = this.db): Promise<{ person: PersonRow; shared: boolean } | undefined> {
    const [row] = await db.query(
      `SELECT ${PERSON_COLUMNS}, EXISTS (SELECT 1 FROM person_organisations s WHERE s.person_id = p.id AND s.organisation_id = $2 AND s.withdrawn_at IS NULL) AS shared
       FROM persons p WHERE id = $1`,
      [id, organisationId],
    );
    if (!row) return undefined;
    const { shared, ...person } = row;
    return { person, shared };
  }

  /** The municipality's own limits; undefined when it keeps the defaults. */
  async policy(municipalityCode: string, db: Db = this.db): Promise<PolicyRow | undefined> {
    const [row] = await db.query(
      `SELECT p.max_consecutive_nights AS "maxConsecutiveNights", p.max_nights_per_fiscal_year AS "maxNightsPerFiscalYear",
              p.updated_at AS "updatedAt", u.display_name AS "updatedByName"
       FROM trial_stay_policies p LEFT JOIN users u ON u.id = p.updated_by WHERE p.municipality_code = $1`,
      [municipalityCode],
    );
    return row;
  }

  async savePolicy(tx: EntityManager, municipalityCode: string, limits: { maxConsecutiveNights: number; maxNightsPerFiscalYear: number }, by: string, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO trial_stay_policies(municipality_code, max_consecutive_nights, max_nights_per_fiscal_year, updated_by, updated_at) VALUES ($1,$2,$3,$4,$5)
       ON CONFLICT (municipality_code) DO UPDATE SET max_consecutive_nights = EXCLUDED.max_consecutive_nights,
         max_nights_per_fiscal_year = EXCLUDED.max_nights_per_fiscal_year, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [municipalityCode, limits.maxConsecutiveNights, limits.maxNightsPerFiscalYear, by, at],
    );
  }

  /** Nights of the person's live stays (requested, approved) inside [start, end), at any group home. */
  async usedNights(db: Db, personId: string, start: string, end: string): Promise<number> {
    const [{ used }] = await db.query(
      `SELECT coalesce(sum(upper(nights * r) - lower(nights * r)), 0)::int AS used
       FROM trial_stays, daterange($2::date, $3::date) AS r
       WHERE person_id = $1 AND status IN ('requested','approved') AND nights && r`,
      [personId, start, end],
    );
    return used;
  }

  /** The person's stays (any status) overlapping [start, end), in order. */
  async stays(personId: string, start: string, end: string): Promise<StayRow[]> {
    return this.db.query(
      `SELECT ${STAY_COLUMNS} ${STAY_FROM} WHERE s.person_id = $1 AND s.nights && daterange($2::date, $3::date) ORDER BY lower(s.nights), s.created_at`,
      [personId, start, end],
    );
  }
}
