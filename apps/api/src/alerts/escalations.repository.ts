import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { EscalationStep, EscalationView } from '@akiwa/contracts';

export interface EscalationRow {
  id: string;
  requestId: string;
  step: EscalationStep;
  organisationId: string;
  postingOrganisationId: string;
}

export interface Notified {
  userId: string;
  name: string;
}

/** The SQL of escalation timers and of the alerts addressed to people. */
@Injectable()
export class EscalationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Arms the timers that apply now (idempotent: one row per request, step and organisation). Delays
   * come from the request's region when set there, else the defaults (minutes).
   */
  async arm(now: Date, unseenMinutes: number, noOfferMinutes: number): Promise<void> {
    const delays = `LEFT JOIN municipalities m ON m.code = e.municipality_code LEFT JOIN regions reg ON reg.id = m.region_id`;
    const unseen = `make_interval(secs => coalesce(reg.escalation_unseen_minutes, $2) * 60)`;
    const noOffer = `make_interval(secs => coalesce(reg.escalation_no_offer_minutes, $3) * 60)`;
    await this.db.query(
      `INSERT INTO escalations(request_id, step, organisation_id, due_at)
       SELECT r.request_id, 'unseen', r.organisation_id, r.notified_at + ${unseen}
       FROM request_recipients r JOIN emergency_requests e ON e.id = r.request_id ${delays}
       WHERE e.status = 'open'
       UNION ALL
       SELECT e.id, s.step, e.organisation_id, e.created_at + ${noOffer} * s.n
       FROM emergency_requests e ${delays} CROSS JOIN (VALUES ('no_offer_centre', 1), ('no_offer_region', 2)) AS s(step, n)
       WHERE e.status = 'open'
       UNION ALL
       SELECT e.id, s.step, e.organisation_id, e.closed_at + ${noOffer} * s.n
       FROM emergency_requests e ${delays} CROSS JOIN (VALUES ('unplaced_centre', 0), ('unplaced_region', 1)) AS s(step, n)
       WHERE e.status = 'unplaced' AND e.closed_at > $1::timestamptz - interval '1 day'
       ON CONFLICT (request_id, step, organisation_id) DO NOTHING`,
      [now, unseenMinutes, noOfferMinutes],
    );
  }

  /** Claims one due timer (FOR UPDATE SKIP LOCKED: two instances never take the same one). */
  async claimDue(tx: EntityManager, now: Date): Promise<EscalationRow | null> {
    const [row] = await tx.query(
      `SELECT x.id::text AS id, x.request_id AS "requestId", x.step, x.organisation_id AS "organisationId", e.organisation_id AS "postingOrganisationId"
       FROM escalations x JOIN emergency_requests e ON e.id = x.request_id
       WHERE x.state = 'armed' AND x.due_at <= $1 ORDER BY x.due_at LIMIT 1 FOR UPDATE OF x SKIP LOCKED`,
      [now],
    );
    return row ?? null;
  }

  /** Whether the reason for the step still holds (else it is cancelled, never sent). */
  async stillDue(tx: EntityManager, x: EscalationRow): Promise<boolean> {
    if (x.step === 'unseen') {
      const rows = await tx.query(
        `SELECT 1 FROM emergency_requests e WHERE e.id = $1 AND e.status = 'open'
           AND NOT EXISTS (SELECT 1 FROM request_receipts rc WHERE rc.request_id = e.id AND rc.organisation_id = $2 AND rc.seen_at IS NOT NULL)
           AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.request_id = e.id AND o.organisation_id = $2)
           AND NOT EXISTS (SELECT 1 FROM request_responses d WHERE d.request_id = e.id AND d.organisation_id = $2)`,
        [x.requestId, x.organisationId],
      );
      return rows.length > 0;
    }
    if (x.step === 'no_offer_centre' || x.step === 'no_offer_region') {
      const rows = await tx.query(
        `SELECT 1 FROM emergency_requests e WHERE e.id = $1 AND e.status = 'open' AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.request_id = e.id)`,
        [x.requestId],
      );
      return rows.length > 0;
    }
    const rows = await tx.query(`SELECT 1 FROM emergency_requests WHERE id = $1 AND status = 'unplaced'`, [x.requestId]);
    return rows.length > 0;
  }

  async providerStaff(tx: EntityManager, organisationId: string): Promise<Notified[]> {
    return tx.query(`SELECT id AS "userId", display_name AS name FROM users WHERE organisation_id = $1 AND role = 'provider_staff' AND active ORDER BY display_name`, [
      organisationId,
    ]);
  }

  async coordinators(tx: EntityManager, organisationId: string): Promise<Notified[]> {
    return tx.query(`SELECT id AS "userId", display_name AS name FROM users WHERE organisation_id = $1 AND role = 'coordinator' AND active ORDER BY display_name`, [
      organisationId,
    ]);
  }

  async organisationName(tx: EntityManager, id: string): Promise<string> {
    const [row] = await tx.query(`SELECT name FROM organisations WHERE id = $1`, [id]);
    return row?.name ?? '';
  }

  async finish(tx: EntityManager, id: string, state: 'fired' | 'cancelled', now: Date, notified: Notified[]): Promise<void> {
    await tx.query(`UPDATE escalations SET state = $2, fired_at = $3, notified = $4 WHERE id = $1`, [id, state, now, JSON.stringify(notified)]);
  }

  async forRequest(requestId: string): Promise<EscalationView[]> {
    const rows: { id: string; step: EscalationStep; organisationName: string; dueAt: Date; state: EscalationView['state']; firedAt: Date | null; notified: Notified[] }[] =
      await this.db.query(
        `SELECT x.id::text AS id, x.step, o.name AS "organisationName", x.due_at AS "dueAt", x.state, x.fired_at AS "firedAt", x.notified
         FROM escalations x JOIN organisations o ON o.id = x.organisation_id WHERE x.request_id = $1 ORDER BY x.due_at, x.id`,
        [requestId],
      );
    return rows.map((r) => ({
      id: r.id,
      step: r.step,
      organisationName: r.organisationName,
      dueAt: r.dueAt.toISOString(),
      state: r.state,
      firedAt: r.firedAt ? r.firedAt.toISOString() : null,
      notified: r.notified.map((n) => n.name),
    }));
  }
}
