import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { UrgentContactView } from '@akiwa/contracts';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { Clock } from '../common/time/clock';
import { returning } from '../database/sql';
import { RotaService } from '../oncall/rota.service';
import { PersonAlerts } from '../person-alerts/person-alerts.service';
import type { Notified } from './escalations.repository';

const notFound = () => AppException.notFound({ ja: '緊急の相談', en: 'Urgent contact' });

/**
 * 緊急の相談があります (seed 004): a provider with an emergency on its hands reaches the on-call
 * coordinator of its area — the on-call person of each centre of its municipality, else the region's
 * on-call, else every coordinator of the region's centres — in-app and by push; one of them acknowledges.
 */
@Injectable()
export class UrgentContactsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rotas: RotaService,
    private readonly alerts: PersonAlerts,
    private readonly clock: Clock,
  ) {}

  async raise(auth: AuthUser, summary: string): Promise<UrgentContactView> {
    const text = summary.trim();
    if (!text) throw AppException.invalidField('summary', 'empty', { ja: '「相談の内容」を入力してください', en: 'summary must not be empty' });
    const now = this.clock.now();
    const [org] = await this.db.query(
      `SELECT o.name, o.municipality_code AS "municipalityCode", m.region_id AS "regionId" FROM organisations o LEFT JOIN municipalities m ON m.code = o.municipality_code WHERE o.id = $1`,
      [auth.organisationId],
    );
    const people = await this.onCallOfArea(org?.municipalityCode ?? null, org?.regionId ?? null, now);
    const id = await this.db.transaction(async (tx) => {
      const [{ id }] = await tx.query(`INSERT INTO urgent_contacts(organisation_id, created_by, summary, created_at, notified) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
        auth.organisationId,
        auth.userId,
        text,
        now,
        JSON.stringify(people),
      ]);
      const message = `【緊急の相談】${org?.name ?? ''}：${text}`;
      await this.alerts.add(tx, people.map((p) => ({ userId: p.userId, kind: 'urgent_contact' as const, contactId: id, text: message, url: '/coordinator' })), now);
      return id as string;
    });
    return this.view(id);
  }

  /** 確認しました by one of the coordinators told; the first one counts. */
  async acknowledge(auth: AuthUser, id: string): Promise<UrgentContactView> {
    const [told] = await this.db.query(`SELECT 1 FROM alert_notifications WHERE contact_id = $1 AND user_id = $2`, [id, auth.userId]);
    if (!told) throw notFound();
    await returning(this.db, `UPDATE urgent_contacts SET acknowledged_at = $2, acknowledged_by = $3 WHERE id = $1 AND acknowledged_at IS NULL RETURNING 1`, [
      id,
      this.clock.now(),
      auth.userId,
    ]);
    return this.view(id);
  }

  /** The raising provider's own contacts (to see who was told and whether someone acknowledged). */
  async mine(auth: AuthUser): Promise<UrgentContactView[]> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM urgent_contacts WHERE organisation_id = $1 ORDER BY created_at DESC LIMIT 20`, [auth.organisationId]);
    return Promise.all(rows.map((r) => this.view(r.id)));
  }

  async view(id: string): Promise<UrgentContactView> {
    const [r] = await this.db.query(
      `SELECT c.id, o.name AS "organisationName", c.summary, c.created_at AS "createdAt", c.notified, c.acknowledged_at AS "ackAt", u.display_name AS "ackBy"
       FROM urgent_contacts c JOIN organisations o ON o.id = c.organisation_id LEFT JOIN users u ON u.id = c.acknowledged_by WHERE c.id = $1`,
      [id],
    );
    if (!r) throw notFound();
    return {
      id: r.id,
      organisationName: r.organisationName,
      summary: r.summary,
      createdAt: r.createdAt.toISOString(),
      notified: (r.notified as Notified[]).map((n) => n.name),
      acknowledged: r.ackAt ? { at: r.ackAt.toISOString(), by: r.ackBy } : null,
    };
  }

  private async onCallOfArea(municipalityCode: string | null, regionId: string | null, now: Date): Promise<Notified[]> {
    const centres: { id: string }[] = municipalityCode
      ? await this.db.query(`SELECT id FROM organisations WHERE kind = 'consultation_centre' AND municipality_code = $1 ORDER BY name`, [municipalityCode])
      : [];
    const held = new Map<string, string>();
    for (const c of centres) {
      const h = await this.rotas.holderNow({ kind: 'organisation', id: c.id }, now);
      if (h) held.set(h.userId, h.name);
    }
    if (!held.size && regionId) {
      const h = await this.rotas.holderNow({ kind: 'region', id: regionId }, now);
      if (h) held.set(h.userId, h.name);
    }
    if (held.size) return [...held].map(([userId, name]) => ({ userId, name }));
    if (!regionId) return [];
    return this.db.query(
      `SELECT u.id AS "userId", u.display_name AS name FROM users u JOIN organisations o ON o.id = u.organisation_id JOIN municipalities m ON m.code = o.municipality_code
       WHERE m.region_id = $1 AND o.kind = 'consultation_centre' AND u.role = 'coordinator' AND u.active ORDER BY u.display_name`,
      [regionId],
    );
  }
}
