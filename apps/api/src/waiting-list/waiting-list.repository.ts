import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrganisationKind, WaitingEntryView, WaitingPrompt } from '@akiwa/contracts';
import { returning } from '../database/sql';

type Db = DataSource | EntityManager;

const ENTRY_SELECT = `
  SELECT w.id, w.organisation_id AS "organisationId", o.name AS "organisationName", w.unit_id AS "unitId",
         w.display_name_encrypted AS "displayNameEncrypted", w.age_band AS "ageBand", w.gender, w.categories, w.room_gender AS "roomGender",
         w.notes_encrypted AS "notesEncrypted", w.waiting_since::text AS "waitingSince",
         w.coordinator_organisation_id AS "coordinatorOrganisationId", c.name AS "coordinatorOrganisationName"
  FROM waiting_list_entries w JOIN organisations o ON o.id = w.organisation_id LEFT JOIN organisations c ON c.id = w.coordinator_organisation_id`;

/** An entry as stored: name and notes sealed. */
export type EntryRow = Omit<WaitingEntryView, 'identified' | 'displayName' | 'notes'> & {
  displayNameEncrypted: Buffer;
  notesEncrypted: Buffer;
};

/** An entry to insert, name and notes already sealed. */
export interface NewEntry {
  id: string;
  organisationId: string;
  unitId: string | null;
  personId: string | null;
  coordinatorOrganisationId: string | null;
  displayNameEncrypted: Buffer;
  ageBand: string;
  gender: string;
  categories: string[];
  roomGender: string;
  notesEncrypted: Buffer;
  waitingSince: string;
  createdBy: string;
}

/** A person typed in by a home, name already sealed. */
export interface NewProviderPerson {
  id: string;
  organisationId: string;
  unitId: string | null;
  displayNameEncrypted: Buffer;
  ageBand: string;
  gender: string;
  categories: string[];
  createdBy: string;
}

/** The SQL of the 待機者 lists (waiting_list_entries) and of the look-ups their writes check. */
@Injectable()
export class WaitingListRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Open entries: of one home when `organisationId` is set, else those the coordinator's centre
   * (`coordinatorOrganisationId`) follows; oldest wait first.
   */
  async open(organisationId: string | null, coordinatorOrganisationId: string): Promise<EntryRow[]> {
    return this.db.query(
      `${ENTRY_SELECT}
       WHERE w.removed_at IS NULL AND ($1::uuid IS NULL OR w.organisation_id = $1) AND ($1::uuid IS NOT NULL OR w.coordinator_organisation_id = $2)
       ORDER BY w.waiting_since, w.created_at`,
      [organisationId, coordinatorOrganisationId],
    );
  }

  async entry(id: string, db: Db = this.db): Promise<EntryRow | undefined> {
    const [r]: EntryRow[] = await db.query(
      `${ENTRY_SELECT}
       WHERE w.id = $1`,
      [id],
    );
    return r;
  }

  async organisationKind(organisationId: string): Promise<OrganisationKind | null> {
    const [org] = await this.db.query(`SELECT kind FROM organisations WHERE id = $1`, [organisationId]);
    return org?.kind ?? null;
  }

  /** Whether the unit is a room of this provider, not retired. */
  async isOwnUnit(unitId: string, organisationId: string): Promise<boolean> {
    const [u] = await this.db.query(`SELECT 1 FROM units WHERE id = $1 AND organisation_id = $2 AND retired_at IS NULL`, [unitId, organisationId]);
    return !!u;
  }

  /**
   * The home's person of the ledger, in the room's municipality (else the home's); null when
   * neither has one.
   */
  async insertProviderPerson(tx: EntityManager, p: NewProviderPerson): Promise<string | null> {
    const [row] = await tx.query(
      `INSERT INTO persons(id, organisation_id, display_name_encrypted, age_band, gender, municipality_code, categories, support_level, special_needs, created_by)
       SELECT $1, o.id, $2, $3, $4, coalesce(u.municipality_code, o.municipality_code), $5, NULL, '{}', $6
       FROM organisations o LEFT JOIN units u ON u.id = $7 WHERE o.id = $8 AND coalesce(u.municipality_code, o.municipality_code) IS NOT NULL
       RETURNING id`,
      [p.id, p.displayNameEncrypted, p.ageBand, p.gender, p.categories, p.createdBy, p.unitId, p.organisationId],
    );
    return row?.id ?? null;
  }

  /** Fails with the constraint `waiting_list_person_key` when the person already waits at this home. */
  async insert(tx: EntityManager, e: NewEntry): Promise<void> {
    await tx.query(
      `INSERT INTO waiting_list_entries(id, organisation_id, unit_id, person_id, coordinator_organisation_id, display_name_encrypted, age_band, gender, categories,
         room_gender, notes_encrypted, waiting_since, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
      [e.id, e.organisationId, e.unitId, e.personId, e.coordinatorOrganisationId, e.displayNameEncrypted,
        e.ageBand, e.gender, e.categories, e.roomGender, e.notesEncrypted, e.waitingSince, e.createdBy],
    );
  }

  /** Takes an open entry off the list if `organisationId` is its home or following centre (or `anyone`); false when none was. */
  async remove(id: string, organisationId: string, anyone: boolean): Promise<boolean> {
    const rows = await returning(
      this.db,
      `UPDATE waiting_list_entries SET removed_at = now() WHERE id = $1 AND removed_at IS NULL AND ($3 OR organisation_id = $2 OR coordinator_organisation_id = $2) RETURNING id`,
      [id, organisationId, anyone],
    );
    return rows.length > 0;
  }

  /** The provider's group-home rooms with a free bed between the two nights, and who waits for them. */
  async prompts(organisationId: string, from: string, to: string): Promise<WaitingPrompt[]> {
    return this.db.query(
      `WITH free AS (
         SELECT v.unit_id, min(v.night)::text AS first, count(DISTINCT v.night)::int AS nights
         FROM vacancies v JOIN units u ON u.id = v.unit_id
         WHERE u.organisation_id = $1 AND u.retired_at IS NULL AND u.service_type LIKE 'group_home_%'
           AND v.night BETWEEN $2::date AND $3::date AND v.free > v.held
         GROUP BY v.unit_id
       )
       SELECT u.id AS "unitId", u.name AS "unitName", f.first AS "firstFreeNight", f.nights AS "freeNights",
              count(w.id)::int AS waiting, min(w.waiting_since)::text AS "longestWaitingSince"
       FROM free f JOIN units u ON u.id = f.unit_id
       JOIN waiting_list_entries w ON w.organisation_id = u.organisation_id AND w.removed_at IS NULL
         AND (w.unit_id IS NULL OR w.unit_id = u.id) AND (u.room_gender = 'either' OR u.room_gender = w.gender)
       GROUP BY u.id, u.name, f.first, f.nights
       ORDER BY min(w.waiting_since), u.name`,
      [organisationId, from, to],
    );
  }
}
