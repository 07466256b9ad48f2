import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PushDevice } from '@akiwa/contracts';
import { returning } from '../database/sql';

export interface PushTarget {
  id: string;
  userId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** The SQL of push subscriptions: one row per device (endpoint), owned by one user. */
@Injectable()
export class PushSubscriptionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async upsert(userId: string, s: { endpoint: string; p256dh: string; auth: string; label: string }, now: Date): Promise<PushDevice> {
    const [row] = await this.db.query(
      `INSERT INTO push_subscriptions(user_id, endpoint, p256dh, auth, label, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (endpoint) DO UPDATE SET user_id = EXCLUDED.user_id, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth, label = EXCLUDED.label
       RETURNING id, label, created_at AS "createdAt", last_sent_at AS "lastSentAt"`,
      [userId, s.endpoint, s.p256dh, s.auth, s.label, now],
    );
    return device(row);
  }

  async list(userId: string): Promise<PushDevice[]> {
    const rows = await this.db.query(
      `SELECT id, label, created_at AS "createdAt", last_sent_at AS "lastSentAt" FROM push_subscriptions WHERE user_id = $1 ORDER BY created_at DESC`,
      [userId],
    );
    return rows.map(device);
  }

  /** Removes one of the user's devices; false when it was not theirs (or gone). */
  async remove(userId: string, id: string): Promise<boolean> {
    const rows = await returning(this.db, `DELETE FROM push_subscriptions WHERE id = $1 AND user_id = $2 RETURNING 1`, [id, userId]);
    return rows.length > 0;
  }

  async forUsers(userIds: string[]): Promise<PushTarget[]> {
    if (!userIds.length) return [];
    return this.db.query(`SELECT id, user_id AS "userId", endpoint, p256dh, auth FROM push_subscriptions WHERE user_id = ANY($1::uuid[])`, [userIds]);
  }

  /** Every active provider-staff device of the organisations. */
  async forProviderOrganisations(organisationIds: string[]): Promise<(PushTarget & { organisationId: string })[]> {
    if (!organisationIds.length) return [];
    return this.db.query(
      `SELECT s.id, s.user_id AS "userId", s.endpoint, s.p256dh, s.auth, u.organisation_id AS "organisationId"
       FROM push_subscriptions s JOIN users u ON u.id = s.user_id
       WHERE u.organisation_id = ANY($1::uuid[]) AND u.role = 'provider_staff' AND u.active`,
      [organisationIds],
    );
  }

  /** The push service said the subscription is gone (404/410). */
  async drop(id: string): Promise<void> {
    await this.db.query(`DELETE FROM push_subscriptions WHERE id = $1`, [id]);
  }

  async markSent(ids: string[], at: Date): Promise<void> {
    if (ids.length) await this.db.query(`UPDATE push_subscriptions SET last_sent_at = $2 WHERE id = ANY($1::uuid[])`, [ids, at]);
  }
}

function device(r: { id: string; label: string; createdAt: Date; lastSentAt: Date | null }): PushDevice {
  return { id: r.id, label: r.label, createdAt: r.createdAt.toISOString(), lastSentAt: r.lastSentAt ? r.lastSentAt.toISOString() : null };
}
