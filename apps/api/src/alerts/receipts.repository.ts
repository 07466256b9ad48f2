import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AlertChannel, RequestReceipt } from '@akiwa/contracts';

interface ReceiptRow {
  organisationId: string;
  organisationName: string;
  notifiedAt: Date;
  pushedAt: Date | null;
  deliveredAt: Date | null;
  deliveredVia: AlertChannel | null;
  seenAt: Date | null;
  seenBy: string | null;
  offeredAt: Date | null;
  declinedAt: Date | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The SQL of `request_receipts`: per (request, provider organisation) delivery and acknowledgement. */
@Injectable()
export class ReceiptsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Whether the organisation was sent the request (the only ones that may mark it). */
  async isRecipient(requestId: string, organisationId: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM request_recipients WHERE request_id = $1 AND organisation_id = $2`, [requestId, organisationId]);
    return rows.length > 0;
  }

  /** First delivery wins; true when this call recorded it. */
  async markDelivered(tx: EntityManager, requestId: string, organisationId: string, via: AlertChannel, at: Date): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO request_receipts(request_id, organisation_id, delivered_at, delivered_via) VALUES ($1, $2, $4, $3)
       ON CONFLICT (request_id, organisation_id) DO UPDATE SET delivered_at = EXCLUDED.delivered_at, delivered_via = EXCLUDED.delivered_via
         WHERE request_receipts.delivered_at IS NULL
       RETURNING 1`,
      [requestId, organisationId, via, at],
    );
    return rows.length > 0;
  }

  /** First acknowledgement wins (a seen request is also delivered); true when this call recorded it. */
  async markSeen(tx: EntityManager, requestId: string, organisationId: string, userId: string, at: Date): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO request_receipts(request_id, organisation_id, delivered_at, delivered_via, seen_at, seen_by) VALUES ($1, $2, $4, 'in_app', $4, $3)
       ON CONFLICT (request_id, organisation_id) DO UPDATE
         SET seen_at = EXCLUDED.seen_at, seen_by = EXCLUDED.seen_by,
             delivered_at = coalesce(request_receipts.delivered_at, EXCLUDED.seen_at),
             delivered_via = coalesce(request_receipts.delivered_via, 'in_app')
         WHERE request_receipts.seen_at IS NULL
       RETURNING 1`,
      [requestId, organisationId, userId, at],
    );
    return rows.length > 0;
  }

  async forRequest(requestId: string): Promise<RequestReceipt[]> {
    const rows: ReceiptRow[] = await this.db.query(
      `SELECT r.organisation_id AS "organisationId", o.name AS "organisationName", r.notified_at AS "notifiedAt", r.pushed_at AS "pushedAt",
              rc.delivered_at AS "deliveredAt", rc.delivered_via AS "deliveredVia", rc.seen_at AS "seenAt", su.display_name AS "seenBy",
              (SELECT min(f.created_at) FROM offers f WHERE f.request_id = r.request_id AND f.organisation_id = r.organisation_id) AS "offeredAt",
              d.at AS "declinedAt"
       FROM request_recipients r
       JOIN organisations o ON o.id = r.organisation_id
       LEFT JOIN request_receipts rc ON rc.request_id = r.request_id AND rc.organisation_id = r.organisation_id
       LEFT JOIN users su ON su.id = rc.seen_by
       LEFT JOIN request_responses d ON d.request_id = r.request_id AND d.organisation_id = r.organisation_id
       WHERE r.request_id = $1
       ORDER BY r.notified_at, o.name`,
      [requestId],
    );
    return rows.map((r) => {
      const answer = r.offeredAt && (!r.declinedAt || r.offeredAt > r.declinedAt) ? 'offer' : r.declinedAt ? 'declined' : null;
      return {
        organisationId: r.organisationId,
        organisationName: r.organisationName,
        notifiedAt: r.notifiedAt.toISOString(),
        channels: r.pushedAt ? ['in_app', 'push'] : ['in_app'],
        deliveredAt: iso(r.deliveredAt),
        deliveredVia: r.deliveredVia,
        seen: r.seenAt ? { at: r.seenAt.toISOString(), by: r.seenBy ?? '' } : null,
        answer,
        answeredAt: iso(answer === 'offer' ? r.offeredAt : answer === 'declined' ? r.declinedAt : null),
      };
    });
  }

  async postingOrganisation(tx: EntityManager, requestId: string): Promise<string | null> {
    const [row] = await tx.query(`SELECT organisation_id AS id FROM emergency_requests WHERE id = $1`, [requestId]);
    return row?.id ?? null;
  }

  async coordinatorIds(tx: EntityManager, organisationId: string): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(`SELECT id FROM users WHERE organisation_id = $1 AND role = 'coordinator' AND active`, [organisationId]);
    return rows.map((r) => r.id);
  }
}
