import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { UpdateEscalationDelays } from '@akiwa/contracts';

/** A region's own delays, in minutes; null where the region keeps the deployment's default. */
export interface DelaysRow {
  unseenMinutes: number | null;
  noOfferMinutes: number | null;
}

export interface EscalationDelaysRow extends DelaysRow {
  regionId: string;
  regionName: string;
  updatedAt: Date | null;
  updatedByName: string | null;
}

/** The SQL of a region's escalation delays (columns of the `regions` row and who changed them last). */
@Injectable()
export class EscalationDelaysRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Locks the region row for the change and answers its delays before it; undefined for no such region. */
  async lockDelays(tx: EntityManager, regionId: string): Promise<DelaysRow | undefined> {
    const [before] = await tx.query(
      `SELECT escalation_unseen_minutes::float8 AS "unseenMinutes", escalation_no_offer_minutes::float8 AS "noOfferMinutes" FROM regions WHERE id = $1 FOR UPDATE`,
      [regionId],
    );
    return before;
  }

  async setDelays(tx: EntityManager, regionId: string, delays: UpdateEscalationDelays, at: Date, by: string): Promise<void> {
    await tx.query(
      `UPDATE regions SET escalation_unseen_minutes = $2, escalation_no_offer_minutes = $3, escalation_delays_updated_at = $4, escalation_delays_updated_by = $5 WHERE id = $1`,
      [regionId, delays.unseenMinutes, delays.noOfferMinutes, at, by],
    );
  }

  async view(regionId: string): Promise<EscalationDelaysRow | undefined> {
    const [r] = await this.db.query(
      `SELECT r.id AS "regionId", r.name AS "regionName", r.escalation_unseen_minutes::float8 AS "unseenMinutes",
              r.escalation_no_offer_minutes::float8 AS "noOfferMinutes", r.escalation_delays_updated_at AS "updatedAt", u.display_name AS "updatedByName"
       FROM regions r LEFT JOIN users u ON u.id = r.escalation_delays_updated_by WHERE r.id = $1`,
      [regionId],
    );
    return r;
  }
}
