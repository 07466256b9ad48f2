import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { RoomGender, UnitFields, UnitHistoryEntry, UnitView, VacancyGender } from '@akiwa/contracts';
import { returning } from '../database/sql';
import { toUnitView, UNIT_FIELD_COLUMNS, UNIT_VIEW_COLUMNS, type UnitRow } from './units.sql';

/** What other features need to know about a unit before touching it. */
export interface UnitRef {
  id: string;
  organisationId: string;
  municipalityCode: string;
  capacity: number;
  roomGender: RoomGender;
  retired: boolean;
}

export interface UnitHistoryRow {
  version: number;
  action: UnitHistoryEntry['action'];
  snapshot: UnitView;
  changedAt: Date;
  userId: string | null;
  displayName: string | null;
}

export interface UnitListFilter {
  organisationId: string | null;
  municipalityCodes: string[] | null;
  withRetired: boolean;
  limit: number;
  offset: number;
}

type Db = DataSource | EntityManager;

/** The SQL of the unit aggregate (units and their history); the services call it and write no SQL. */
@Injectable()
export class UnitsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(tx: EntityManager, organisationId: string, f: UnitFields): Promise<string> {
    const [{ id }] = await tx.query(
      `INSERT INTO units(organisation_id, name, service_type, municipality_code, capacity, categories, accepts_children,
         support_level_min, support_level_max, special_needs, room_gender, emergency_ok, trial_ok, contact_24h, note)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING id`,
      [organisationId, f.name, f.serviceType, f.municipalityCode, f.capacity, f.categories, f.acceptsChildren,
        f.supportLevelMin, f.supportLevelMax, f.specialNeeds, f.roomGender, f.emergencyOk, f.trialOk, f.contact24h, f.note],
    );
    return id;
  }

  /** The optimistic lock of a unit change: false when `version` is outdated (or the unit retired). */
  async update(tx: EntityManager, id: string, version: number, changes: Partial<UnitFields>, now: Date): Promise<boolean> {
    const entries = Object.entries(changes).filter(([, v]) => v !== undefined) as [keyof UnitFields, unknown][];
    const sets = entries.map(([k], i) => `${UNIT_FIELD_COLUMNS[k]} = $${i + 3}`);
    // the capacity trigger (units_capacity_covers_vacancies) decides 「今夜」 by the same clock
    await tx.query(`SELECT set_config('akiwa.now', $1, true)`, [now.toISOString()]);
    const rows = await returning<{ id: string }>(
      tx,
      `UPDATE units SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
       WHERE id = $1 AND version = $2 AND retired_at IS NULL RETURNING id`,
      [id, version, ...entries.map(([, v]) => v)],
    );
    return rows.length > 0;
  }

  /**
   * Sets the admissions status (受入停止中, 夜間受入可) and bumps the version, so the change has its
   * own history entry; last writer wins (a pause is set in a hurry, from a phone). The vacancy rows
   * are not touched. False when the unit is retired.
   */
  /** Takes the unit's row lock first, so the status read next is the one the write replaces. */
  async lock(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`SELECT 1 FROM units WHERE id = $1 FOR NO KEY UPDATE`, [id]);
  }

  async setAdmissions(tx: EntityManager, id: string, pausedUntil: Date | null, reason: string, nightAdmission: boolean): Promise<boolean> {
    const rows = await returning(
      tx,
      `UPDATE units SET admissions_paused_until = $2, admissions_pause_reason = $3, night_admission = $4, version = version + 1, updated_at = now()
       WHERE id = $1 AND retired_at IS NULL RETURNING id`,
      [id, pausedUntil, reason, nightAdmission],
    );
    return rows.length > 0;
  }

  /** False when it was already retired. */
  async retire(tx: EntityManager, id: string): Promise<boolean> {
    const rows = await returning(tx, `UPDATE units SET retired_at = now(), version = version + 1, updated_at = now() WHERE id = $1 AND retired_at IS NULL RETURNING id`, [id]);
    return rows.length > 0;
  }

  async addHistory(tx: EntityManager, id: string, version: number, action: UnitHistoryEntry['action'], snapshot: Omit<UnitView, 'organisationName'>, userId: string): Promise<void> {
    await tx.query(`INSERT INTO unit_history(unit_id, version, action, snapshot, changed_by) VALUES ($1, $2, $3, $4, $5)`, [id, version, action, snapshot, userId]);
  }

  async list(f: UnitListFilter): Promise<{ items: UnitView[]; total: number }> {
    const rows: (UnitRow & { total: string })[] = await this.db.query(
      `SELECT ${UNIT_VIEW_COLUMNS}, count(*) OVER () AS total
       FROM units u JOIN organisations o ON o.id = u.organisation_id
       WHERE ($1::uuid IS NULL OR u.organisation_id = $1) AND ($2::text[] IS NULL OR u.municipality_code = ANY($2))
         AND ($3 OR u.retired_at IS NULL)
       ORDER BY u.retired_at NULLS FIRST, u.name, u.id LIMIT $4 OFFSET $5`,
      [f.organisationId, f.municipalityCodes, f.withRetired, f.limit, f.offset],
    );
    return { items: rows.map(({ total: _, ...r }) => toUnitView(r)), total: rows.length ? Number(rows[0].total) : 0 };
  }

  /** The organisation's active units, by name (the CSV export). */
  async activeOf(organisationId: string): Promise<UnitView[]> {
    const rows: UnitRow[] = await this.db.query(
      `SELECT ${UNIT_VIEW_COLUMNS} FROM units u JOIN organisations o ON o.id = u.organisation_id
       WHERE u.organisation_id = $1 AND u.retired_at IS NULL ORDER BY u.name, u.id`,
      [organisationId],
    );
    return rows.map(toUnitView);
  }

  /** Locks these units (any organisation, retired too) and answers them as they are now. */
  async lockViews(tx: EntityManager, ids: string[]): Promise<UnitView[]> {
    const rows: UnitRow[] = await tx.query(`SELECT ${UNIT_VIEW_COLUMNS} FROM units u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = ANY($1::uuid[]) FOR UPDATE OF u`, [ids]);
    return rows.map(toUnitView);
  }

  /** Which of `names` an active unit of the organisation other than `exceptIds` already has. */
  async namesTaken(tx: EntityManager, organisationId: string, names: string[], exceptIds: string[]): Promise<string[]> {
    const taken: { name: string }[] = await tx.query(
      `SELECT name FROM units WHERE organisation_id = $1 AND retired_at IS NULL AND name = ANY($2) AND NOT (id = ANY($3::uuid[]))`,
      [organisationId, names, exceptIds],
    );
    return taken.map((t) => t.name);
  }

  async history(id: string): Promise<UnitHistoryRow[]> {
    return this.db.query(
      `SELECT h.version, h.action, h.snapshot, h.changed_at AS "changedAt", u.id AS "userId", u.display_name AS "displayName"
       FROM unit_history h LEFT JOIN users u ON u.id = h.changed_by WHERE h.unit_id = $1 ORDER BY h.version DESC`,
      [id],
    );
  }

  async ref(id: string, db: Db = this.db): Promise<UnitRef | null> {
    const [row] = await db.query(
      `SELECT id, organisation_id AS "organisationId", municipality_code AS "municipalityCode", capacity, room_gender AS "roomGender",
              retired_at IS NOT NULL AS retired
       FROM units WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  async view(id: string, db: Db = this.db): Promise<UnitView | null> {
    const [row] = await db.query(`SELECT ${UNIT_VIEW_COLUMNS} FROM units u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1`, [id]);
    return row ? toUnitView(row) : null;
  }

  /** The first night from `from` on whose free beds (all genders) exceed `capacity`. */
  async firstNightOverCapacity(tx: EntityManager, id: string, from: string, capacity: number): Promise<string | null> {
    const [over] = await tx.query(
      `SELECT night::text FROM vacancies WHERE unit_id = $1 AND night >= $2 GROUP BY night HAVING sum(free) > $3 ORDER BY night LIMIT 1`,
      [id, from, capacity],
    );
    return over?.night ?? null;
  }

  /** A row from `from` on with free beds of a gender outside `allowed`. */
  async freeBedsOfOtherGender(tx: EntityManager, id: string, from: string, allowed: VacancyGender[]): Promise<{ night: string; gender: VacancyGender } | null> {
    const [wrong] = await tx.query(
      `SELECT night::text, gender FROM vacancies WHERE unit_id = $1 AND night >= $2 AND free > 0 AND NOT (gender = ANY($3)) LIMIT 1`,
      [id, from, allowed],
    );
    return wrong ?? null;
  }
}
