import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AlertNotification, InboxItem } from '@akiwa/contracts';
import { returning } from '../database/sql';

/** A pushed event of the outbox. */
export interface OutboxPush {
  position: number;
  event: 'request:received' | 'alert:notification';
  rooms: string[];
  payload: { item?: InboxItem; notification?: AlertNotification };
  createdAt: Date;
}

/** The SQL of the push dispatcher: its lease and cursor (`push_dispatch`), the outbox it reads, and what it records. */
@Injectable()
export class PushDispatchRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The cursor row, starting at the outbox's head the first time (nothing from before is pushed). */
  async init(): Promise<void> {
    await this.db.query(`INSERT INTO push_dispatch(position) SELECT coalesce(max(position), 0) FROM outbox_events ON CONFLICT (id) DO NOTHING`);
  }

  /** Gives the lease up at once, so another instance can take over without waiting for it to lapse. */
  async releaseLease(holder: string): Promise<void> {
    await this.db.query(`UPDATE push_dispatch SET lease_until = '-infinity' WHERE holder = $1`, [holder]);
  }

  /** Takes or renews the lease; the cursor's position, or undefined when another instance holds it. */
  async takeLease(holder: string, seconds: number): Promise<{ position: number } | undefined> {
    const [lease] = await returning<{ position: number }>(
      this.db,
      `UPDATE push_dispatch SET holder = $1, lease_until = now() + make_interval(secs => $2)
       WHERE id AND (holder = $1 OR lease_until < now()) RETURNING position::float8 AS position`,
      [holder, seconds],
    );
    return lease;
  }

  /**
   * Up to `limit` events of these kinds after `position`, each row with the outbox's head read in the
   * same snapshot (one row with a null position when there is none): positions become visible
   * strictly in order, so nothing below the head can appear later.
   */
  async eventsAfter(position: number, events: string[], limit: number): Promise<(OutboxPush & { head: number })[]> {
    return this.db.query(
      `WITH head AS (SELECT coalesce(max(position), 0)::float8 AS head FROM outbox_events)
       SELECT o.position::float8 AS position, o.event, o.rooms, o.payload, o.created_at AS "createdAt", head.head
       FROM head LEFT JOIN LATERAL (
         SELECT * FROM outbox_events WHERE position > $1 AND position <= head.head AND event = ANY($2::text[]) ORDER BY position LIMIT $3
       ) o ON true`,
      [position, events, limit],
    );
  }

  /** Moves the cursor forward (never back), if this instance still holds the lease. */
  async advance(holder: string, through: number): Promise<void> {
    await this.db.query(`UPDATE push_dispatch SET position = greatest(position, $2) WHERE holder = $1`, [holder, through]);
  }

  /** The coordinator's "notified: which channel": the first push that reached each (request, organisation). */
  async markRecipientsPushed(pushed: { requestId: string; organisationId: string }[], at: Date): Promise<void> {
    await this.db.query(
      `UPDATE request_recipients r SET pushed_at = $3 FROM unnest($1::uuid[], $2::uuid[]) AS p(request_id, organisation_id)
       WHERE r.request_id = p.request_id AND r.organisation_id = p.organisation_id AND r.pushed_at IS NULL`,
      [pushed.map((p) => p.requestId), pushed.map((p) => p.organisationId), at],
    );
  }

  async municipalityNames(codes: string[]): Promise<Map<string, string>> {
    const rows: { code: string; name: string }[] = await this.db.query(`SELECT code, name FROM municipalities WHERE code = ANY($1::text[])`, [codes]);
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}
