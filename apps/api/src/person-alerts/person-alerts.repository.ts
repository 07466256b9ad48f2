import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AlertNotification } from '@akiwa/contracts';
import type { AlertTextInput } from '@akiwa/domain';
import type { NewPersonAlert } from './person-alerts.service';

/** An alert as written, before it is shaped for the client. */
export type WrittenAlertRow = Omit<AlertNotification, 'createdAt' | 'urgent'> & { userId: string; createdAt: Date };

/** The SQL of alerts addressed to people (`alert_notifications`) and of the look-ups that address them; always in the caller's transaction. */
@Injectable()
export class PersonAlertsRepository {
  /** Writes the alerts; an escalation alert already written for that person is skipped (not returned). */
  async insert(tx: EntityManager, alerts: NewPersonAlert[], now: Date): Promise<WrittenAlertRow[]> {
    return tx.query(
      `INSERT INTO alert_notifications(user_id, kind, request_id, escalation_id, contact_id, text, url, created_at)
       SELECT u, k, r, x, c, t, l, $8 FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::bigint[], $5::uuid[], $6::text[], $7::text[]) AS v(u, k, r, x, c, t, l)
       ON CONFLICT (escalation_id, user_id) DO NOTHING
       RETURNING id::text AS id, user_id AS "userId", kind, request_id AS "requestId", contact_id AS "contactId", text, url, created_at AS "createdAt"`,
      [
        alerts.map((a) => a.userId),
        alerts.map((a) => a.kind),
        alerts.map((a) => a.requestId ?? null),
        alerts.map((a) => a.escalationId ?? null),
        alerts.map((a) => a.contactId ?? null),
        alerts.map((a) => a.text),
        alerts.map((a) => a.url),
        now,
      ],
    );
  }

  /** What the de-identified summary of a request is made of, with its region's night cutoff (null: the default). */
  async requestSummaryInput(tx: EntityManager, requestId: string): Promise<AlertTextInput & { cutoff: number | null }> {
    const [row]: (AlertTextInput & { cutoff: number | null })[] = await tx.query(
      `SELECT m.name AS "municipalityName", e.urgency, e.categories, e.support_level AS "supportLevel", e.from_night::text AS "from", e.nights,
              r.night_cutoff_minutes AS cutoff
       FROM emergency_requests e JOIN municipalities m ON m.code = e.municipality_code LEFT JOIN regions r ON r.id = m.region_id WHERE e.id = $1`,
      [requestId],
    );
    return row;
  }

  async poster(tx: EntityManager, requestId: string): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(`SELECT u.id FROM emergency_requests e JOIN users u ON u.id = e.created_by WHERE e.id = $1 AND u.active`, [requestId]);
    return rows.map((r) => r.id);
  }

  async providerStaff(tx: EntityManager, organisationId: string): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(`SELECT id FROM users WHERE organisation_id = $1 AND role = 'provider_staff' AND active`, [organisationId]);
    return rows.map((r) => r.id);
  }
}
