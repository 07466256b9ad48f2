import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RotaOwnerKind, RotaShift, RotaSlot } from '@akiwa/contracts';
import type { RotaException } from '@akiwa/domain';

export interface RotaOwner {
  kind: RotaOwnerKind;
  id: string;
}

export interface RotaRow {
  id: string | null;
  phone: string;
  dayStarts: string;
  nightStarts: string;
}

export interface Candidate {
  userId: string;
  name: string;
}

const ownerColumn = (o: RotaOwner) => (o.kind === 'organisation' ? 'organisation_id' : 'region_id');

/** The SQL of the on-call rotas: one per consultation centre or region, its pattern and exceptions. */
@Injectable()
export class RotaRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async ownerName(o: RotaOwner): Promise<string | null> {
    const [row] =
      o.kind === 'organisation'
        ? await this.db.query(`SELECT name FROM organisations WHERE id = $1 AND kind IN ('consultation_centre','municipality')`, [o.id])
        : await this.db.query(`SELECT name FROM regions WHERE id = $1`, [o.id]);
    return row?.name ?? null;
  }

  /** The stored rota, or the defaults when none was saved yet. */
  async load(o: RotaOwner): Promise<RotaRow> {
    const [row] = await this.db.query(
      `SELECT id, phone, day_starts AS "dayStarts", night_starts AS "nightStarts" FROM oncall_rotas WHERE ${ownerColumn(o)} = $1`,
      [o.id],
    );
    return row ?? { id: null, phone: '', dayStarts: '09:00', nightStarts: '17:30' };
  }

  async pattern(rotaId: string | null): Promise<RotaSlot[]> {
    if (!rotaId) return [];
    return this.db.query(`SELECT weekday, shift, user_id AS "userId" FROM oncall_pattern WHERE rota_id = $1 ORDER BY weekday, shift`, [rotaId]);
  }

  async exceptions(rotaId: string | null, from: string, to: string): Promise<RotaException[]> {
    if (!rotaId) return [];
    return this.db.query(
      `SELECT date::text AS date, shift, user_id AS "userId" FROM oncall_exceptions WHERE rota_id = $1 AND date BETWEEN $2 AND $3 ORDER BY date, shift`,
      [rotaId, from, to],
    );
  }

  /** Active coordinators who may hold the phone: the centre's own, or those of every centre of the region. */
  async candidates(o: RotaOwner): Promise<Candidate[]> {
    return o.kind === 'organisation'
      ? this.db.query(`SELECT id AS "userId", display_name AS name FROM users WHERE organisation_id = $1 AND role = 'coordinator' AND active ORDER BY display_name`, [o.id])
      : this.db.query(
          `SELECT u.id AS "userId", u.display_name AS name FROM users u
             JOIN organisations org ON org.id = u.organisation_id JOIN municipalities m ON m.code = org.municipality_code
           WHERE m.region_id = $1 AND u.role = 'coordinator' AND u.active ORDER BY u.display_name`,
          [o.id],
        );
  }

  /** Saves the settings and replaces the weekly pattern, in one transaction; returns the rota id. */
  async save(o: RotaOwner, settings: { phone: string; dayStarts: string; nightStarts: string }, pattern: RotaSlot[]): Promise<string> {
    return this.db.transaction(async (tx) => {
      const [{ id }] = await tx.query(
        `INSERT INTO oncall_rotas(${ownerColumn(o)}, phone, day_starts, night_starts) VALUES ($1, $2, $3, $4)
         ON CONFLICT (${ownerColumn(o)}) DO UPDATE SET phone = EXCLUDED.phone, day_starts = EXCLUDED.day_starts, night_starts = EXCLUDED.night_starts, updated_at = now()
         RETURNING id`,
        [o.id, settings.phone, settings.dayStarts, settings.nightStarts],
      );
      await tx.query(`DELETE FROM oncall_pattern WHERE rota_id = $1`, [id]);
      if (pattern.length) {
        await tx.query(
          `INSERT INTO oncall_pattern(rota_id, weekday, shift, user_id)
           SELECT $1, w, s, u FROM unnest($2::smallint[], $3::text[], $4::uuid[]) AS t(w, s, u)`,
          [id, pattern.map((p) => p.weekday), pattern.map((p) => p.shift), pattern.map((p) => p.userId)],
        );
      }
      return id as string;
    });
  }

  /** Sets (or, with null, removes) one date's exception; creates the rota with defaults if needed. */
  async setException(o: RotaOwner, date: string, shift: RotaShift, userId: string | null): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [{ id }] = await tx.query(
        `INSERT INTO oncall_rotas(${ownerColumn(o)}) VALUES ($1) ON CONFLICT (${ownerColumn(o)}) DO UPDATE SET updated_at = now() RETURNING id`,
        [o.id],
      );
      if (userId) {
        await tx.query(
          `INSERT INTO oncall_exceptions(rota_id, date, shift, user_id) VALUES ($1, $2, $3, $4)
           ON CONFLICT (rota_id, date, shift) DO UPDATE SET user_id = EXCLUDED.user_id`,
          [id, date, shift, userId],
        );
      } else {
        await tx.query(`DELETE FROM oncall_exceptions WHERE rota_id = $1 AND date = $2 AND shift = $3`, [id, date, shift]);
      }
    });
  }

  async userNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; name: string }[] = await this.db.query(`SELECT id, display_name AS name FROM users WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async postingOrganisationOf(requestId: string, recipientOrganisationId: string): Promise<string | null> {
    const [row] = await this.db.query(
      `SELECT e.organisation_id AS id FROM emergency_requests e JOIN request_recipients r ON r.request_id = e.id WHERE e.id = $1 AND r.organisation_id = $2`,
      [requestId, recipientOrganisationId],
    );
    return row?.id ?? null;
  }
}
