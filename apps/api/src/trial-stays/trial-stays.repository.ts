import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { TrialStayStatus } from '@akiwa/contracts';
import { returning } from '../database/sql';
import { STAY_COLUMNS, STAY_FROM, type StayRow } from './trial-stays.sql';

type Db = DataSource | EntityManager;

/** A stay to insert, its note already sealed. */
export interface NewStay {
  id: string;
  unitId: string;
  providerOrganisationId: string;
  personId: string;
  coordinatorOrganisationId: string;
  from: string;
  to: string;
  noteEncrypted: Buffer;
  requestedBy: string;
}

/** Whose stays a list shows: every stay, a home's (provider) or a centre's bookings (coordinator). */
export type StayScope = 'all' | 'provider' | 'coordinator';

export interface StayListFilter {
  organisationId: string;
  status: TrialStayStatus | null;
  personId: string | null;
  unitId: string | null;
  limit: number;
  offset: number;
}

const SCOPES: Record<StayScope, string> = { all: 'TRUE', provider: 's.provider_organisation_id = $1', coordinator: 's.coordinator_organisation_id = $1' };

/**
 * The SQL of a trial stay's lifecycle after its booking checks (TrialBookingRepository): the row, its
 * status changes (each conditional on the status it leaves, so a change that lost a race changes
 * nothing and answers false), its 見学 slot and the lists.
 */
@Injectable()
export class TrialStaysRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The trial_stays_bed_nights trigger takes one bed of the unit on every night (or refuses, naming them). */
  async insert(tx: EntityManager, s: NewStay): Promise<void> {
    await tx.query(
      `INSERT INTO trial_stays(id, unit_id, provider_organisation_id, person_id, coordinator_organisation_id, nights, note_encrypted, requested_by)
       VALUES ($1, $2, $3, $4, $5, daterange($6::date, $7::date), $8, $9)`,
      [s.id, s.unitId, s.providerOrganisationId, s.personId, s.coordinatorOrganisationId, s.from, s.to, s.noteEncrypted, s.requestedBy],
    );
  }

  async approve(tx: EntityManager, id: string, by: string): Promise<boolean> {
    const rows = await returning(tx, `UPDATE trial_stays SET status = 'approved', decided_by = $2, updated_at = now() WHERE id = $1 AND status = 'requested' RETURNING id`, [id, by]);
    return rows.length > 0;
  }

  async decline(tx: EntityManager, id: string, reasonEncrypted: Buffer, by: string): Promise<boolean> {
    const rows = await returning(
      tx,
      `UPDATE trial_stays SET status = 'declined', reason_encrypted = $2, decided_by = $3, updated_at = now() WHERE id = $1 AND status = 'requested' RETURNING id`,
      [id, reasonEncrypted, by],
    );
    return rows.length > 0;
  }

  async cancel(tx: EntityManager, id: string, reasonEncrypted: Buffer, side: 'provider' | 'coordinator', by: string): Promise<boolean> {
    const rows = await returning(
      tx,
      `UPDATE trial_stays SET status = 'cancelled', reason_encrypted = $2, cancelled_by_side = $3, decided_by = $4, updated_at = now()
       WHERE id = $1 AND status IN ('requested','approved') RETURNING id`,
      [id, reasonEncrypted, side, by],
    );
    return rows.length > 0;
  }

  /** Frees the 見学 slot the stay had booked, if any. */
  async releaseVisitSlot(tx: EntityManager, stayId: string): Promise<void> {
    await tx.query(`UPDATE trial_visit_slots SET stay_id = NULL WHERE stay_id = $1`, [stayId]);
  }

  /** Books a free future slot of the unit for the stay; false when it is not (any longer) free. */
  async takeVisitSlot(tx: EntityManager, slotId: string, unitId: string, stayId: string): Promise<boolean> {
    const taken = await returning(tx, `UPDATE trial_visit_slots SET stay_id = $3 WHERE id = $1 AND unit_id = $2 AND stay_id IS NULL AND starts_at > now() RETURNING id`, [slotId, unitId, stayId]);
    return taken.length > 0;
  }

  /** The coordinator who booked the stay, if still active. */
  async activeBooker(tx: EntityManager, stayId: string): Promise<string[]> {
    const booker: { id: string }[] = await tx.query(`SELECT u.id FROM trial_stays s JOIN users u ON u.id = s.requested_by WHERE s.id = $1 AND u.active`, [stayId]);
    return booker.map((u) => u.id);
  }

  /** The stay as stored (personal fields sealed). */
  async row(id: string, db: Db = this.db): Promise<StayRow | null> {
    const [row] = await db.query(`SELECT ${STAY_COLUMNS} ${STAY_FROM} WHERE s.id = $1`, [id]);
    return row ?? null;
  }

  /** A page of the scope's stays, pending first, with the total. */
  async page(scope: StayScope, f: StayListFilter): Promise<(StayRow & { total: string })[]> {
    return this.db.query(
      `SELECT ${STAY_COLUMNS}, count(*) OVER () AS total ${STAY_FROM}
       WHERE ${SCOPES[scope]} AND ($2::text IS NULL OR s.status = $2) AND ($3::uuid IS NULL OR s.person_id = $3) AND ($4::uuid IS NULL OR s.unit_id = $4)
         AND ($1::uuid IS NOT NULL)
       ORDER BY (s.status = 'requested') DESC, lower(s.nights), s.created_at LIMIT $5 OFFSET $6`,
      [f.organisationId, f.status, f.personId, f.unitId, f.limit, f.offset],
    );
  }

  /** A provider's approved stays that last past `fromNight`. */
  async approvedOf(providerOrganisationId: string, fromNight: string): Promise<StayRow[]> {
    return this.db.query(
      `SELECT ${STAY_COLUMNS} ${STAY_FROM}
       WHERE s.provider_organisation_id = $1 AND s.status = 'approved' AND upper(s.nights) > $2::date
       ORDER BY lower(s.nights), s.id`,
      [providerOrganisationId, fromNight],
    );
  }
}
