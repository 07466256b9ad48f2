import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ErrorCode, Role, type Page, type RoomGender, type UnitFields, type UnitHistoryEntry, type UnitView } from '@akiwa/contracts';
import { allowedVacancyGenders } from '@akiwa/domain';
import { Clock } from '../common/time/clock';
import { ServiceNights } from '../areas/service-nights.service';
import type { AuthUser } from '../common/auth/auth-user';
import { assertOwnOrganisation } from '../common/auth/organisation-scope';
import { AppException } from '../common/errors/app.exception';
import { pgError } from '../common/errors/pg-error';
import { returning } from '../database/sql';
import { AreaDirectory } from '../areas/area-directory.service';
import { RealtimeService } from '../realtime/realtime.service';
import type { CreateUnitDto, ListUnitsQuery, UpdateUnitDto } from './unit.dto';
import { toUnitView, UNIT_FIELD_COLUMNS, UNIT_VIEW_COLUMNS, type UnitRow } from './units.sql';

const UNIT = { ja: 'ユニット', en: 'Unit' };

/** What other features need to know about a unit before touching it. */
export interface UnitRef {
  id: string;
  organisationId: string;
  municipalityCode: string;
  capacity: number;
  roomGender: RoomGender;
  retired: boolean;
}

@Injectable()
export class UnitsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly areas: AreaDirectory,
    private readonly realtime: RealtimeService,
    private readonly clock: Clock,
    private readonly serviceNights: ServiceNights,
  ) {}

  async create(auth: AuthUser, dto: CreateUnitDto): Promise<UnitView> {
    const fields: UnitFields = { ...dto, contact24h: dto.contact24h ?? '', note: dto.note ?? '' };
    await this.checkFields(fields);
    const unit = await this.db.transaction((tx) => this.insert(tx, auth, fields));
    await this.publish(unit);
    return unit;
  }

  async update(auth: AuthUser, id: string, dto: UpdateUnitDto): Promise<UnitView> {
    const { version, ...changes } = dto;
    const before = await this.view(id);
    if (!before) throw AppException.notFound(UNIT);
    assertOwnOrganisation(auth, before.organisationId);
    if (before.retiredAt) throw retiredConflict();
    const merged: UnitFields = { ...before, ...changes };
    await this.checkFields(merged);
    const unit = await this.db.transaction((tx) => this.applyUpdate(tx, auth, id, version, changes, merged));
    if (!unit) throw await this.versionConflict(id);
    await this.publish(unit, before.municipalityCode);
    return unit;
  }

  /** Inserts a unit of the caller's organisation with its first history entry (inside the caller's transaction). */
  async insert(tx: EntityManager, auth: AuthUser, f: UnitFields): Promise<UnitView> {
    const [{ id }] = await tx
      .query(
        `INSERT INTO units(organisation_id, name, service_type, municipality_code, capacity, categories, accepts_children,
           support_level_min, support_level_max, special_needs, room_gender, emergency_ok, trial_ok, contact_24h, note)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING id`,
        [auth.organisationId, f.name, f.serviceType, f.municipalityCode, f.capacity, f.categories, f.acceptsChildren,
          f.supportLevelMin, f.supportLevelMax, f.specialNeeds, f.roomGender, f.emergencyOk, f.trialOk, f.contact24h, f.note],
      )
      .catch(mapUnitWriteError);
    return this.recordHistory(tx, id, 'create', auth.userId);
  }

  /**
   * The conditional update is the optimistic lock: an outdated version changes no row and answers
   * null. `merged` (the unit after the change) must still fit the vacancies already declared.
   */
  async applyUpdate(tx: EntityManager, auth: AuthUser, id: string, version: number, changes: Partial<UnitFields>, merged: UnitFields): Promise<UnitView | null> {
    const entries = Object.entries(changes).filter(([, v]) => v !== undefined) as [keyof UnitFields, unknown][];
    const sets = entries.map(([k], i) => `${UNIT_FIELD_COLUMNS[k]} = $${i + 3}`);
    // the capacity trigger (units_capacity_covers_vacancies) decides 「今夜」 by the same clock
    await tx.query(`SELECT set_config('akiwa.now', $1, true)`, [this.clock.now().toISOString()]);
    const rows = await returning<{ id: string }>(
      tx,
      `UPDATE units SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
       WHERE id = $1 AND version = $2 AND retired_at IS NULL RETURNING id`,
      [id, version, ...entries.map(([, v]) => v)],
    ).catch(mapUnitWriteError);
    if (!rows.length) return null;
    await this.checkVacanciesStillFit(tx, id, merged);
    return this.recordHistory(tx, id, 'update', auth.userId);
  }

  /** Retired units leave search and the boards but stay readable by their owner, with their history. */
  async retire(auth: AuthUser, id: string): Promise<UnitView> {
    const ref = await this.ref(id);
    if (!ref) throw AppException.notFound(UNIT);
    assertOwnOrganisation(auth, ref.organisationId);
    if (ref.retired) throw retiredConflict();
    const unit = await this.db.transaction(async (tx) => {
      const rows = await returning(tx, `UPDATE units SET retired_at = now(), version = version + 1, updated_at = now() WHERE id = $1 AND retired_at IS NULL RETURNING id`, [id]);
      return rows.length ? this.recordHistory(tx, id, 'retire', auth.userId) : null;
    });
    if (!unit) throw retiredConflict();
    await this.publish(unit);
    return unit;
  }

  async get(auth: AuthUser, id: string): Promise<UnitView> {
    const unit = await this.view(id);
    if (!unit || (unit.retiredAt && !canSeeRetired(auth, unit.organisationId))) throw AppException.notFound(UNIT);
    return unit;
  }

  async list(auth: AuthUser, q: ListUnitsQuery): Promise<Page<UnitView>> {
    const organisationId = q.mine ? auth.organisationId : q.organisationId;
    const codes = q.municipalityCode ? await this.codesWithWards(q.municipalityCode) : null;
    const withRetired = Boolean(q.includeRetired && organisationId && canSeeRetired(auth, organisationId));
    const rows: (UnitRow & { total: string })[] = await this.db.query(
      `SELECT ${UNIT_VIEW_COLUMNS}, count(*) OVER () AS total
       FROM units u JOIN organisations o ON o.id = u.organisation_id
       WHERE ($1::uuid IS NULL OR u.organisation_id = $1) AND ($2::text[] IS NULL OR u.municipality_code = ANY($2))
         AND ($3 OR u.retired_at IS NULL)
       ORDER BY u.retired_at NULLS FIRST, u.name, u.id LIMIT $4 OFFSET $5`,
      [organisationId ?? null, codes, withRetired, q.limit, q.offset],
    );
    return { items: rows.map(({ total: _, ...r }) => toUnitView(r)), total: rows.length ? Number(rows[0].total) : 0, limit: q.limit, offset: q.offset };
  }

  async history(auth: AuthUser, id: string): Promise<UnitHistoryEntry[]> {
    await this.get(auth, id);
    const rows: { version: number; action: UnitHistoryEntry['action']; snapshot: UnitView; changedAt: Date; userId: string | null; displayName: string | null }[] =
      await this.db.query(
        `SELECT h.version, h.action, h.snapshot, h.changed_at AS "changedAt", u.id AS "userId", u.display_name AS "displayName"
         FROM unit_history h LEFT JOIN users u ON u.id = h.changed_by WHERE h.unit_id = $1 ORDER BY h.version DESC`,
        [id],
      );
    return rows.map((r) => ({
      version: r.version,
      action: r.action,
      snapshot: r.snapshot,
      changedBy: r.userId ? { id: r.userId, displayName: r.displayName! } : null,
      changedAt: r.changedAt.toISOString(),
    }));
  }

  /**
   * Loads a unit for an action: 404 when unknown (or retired, to anyone but its owner), 403 when
   * `write` and the caller's organisation does not own it.
   */
  async access(auth: AuthUser, id: string, mode: 'read' | 'write'): Promise<UnitRef> {
    const ref = await this.ref(id);
    if (!ref || (ref.retired && !canSeeRetired(auth, ref.organisationId))) throw AppException.notFound(UNIT);
    if (mode === 'write') assertOwnOrganisation(auth, ref.organisationId);
    return ref;
  }

  async ref(id: string, db: DataSource | EntityManager = this.db): Promise<UnitRef | null> {
    const [row] = await db.query(
      `SELECT id, organisation_id AS "organisationId", municipality_code AS "municipalityCode", capacity, room_gender AS "roomGender",
              retired_at IS NOT NULL AS retired
       FROM units WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  async view(id: string, db: DataSource | EntityManager = this.db): Promise<UnitView | null> {
    const [row] = await db.query(`SELECT ${UNIT_VIEW_COLUMNS} FROM units u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1`, [id]);
    return row ? toUnitView(row) : null;
  }

  /** Tells the unit's area boards and its organisation (old and new area when it moved). Call after commit. */
  async publish(unit: UnitView, previousMunicipality?: string) {
    const rooms = await this.areas.roomsForUnit(unit.organisationId, [unit.municipalityCode, ...(previousMunicipality ? [previousMunicipality] : [])]);
    this.realtime.send(rooms, 'unit:changed', { unit, at: this.clock.now().toISOString() });
  }

  private async recordHistory(tx: EntityManager, id: string, action: UnitHistoryEntry['action'], userId: string): Promise<UnitView> {
    const unit = (await this.view(id, tx))!;
    const { organisationName: _, ...snapshot } = unit;
    await tx.query(`INSERT INTO unit_history(unit_id, version, action, snapshot, changed_by) VALUES ($1, $2, $3, $4, $5)`, [id, unit.version, action, snapshot, userId]);
    return unit;
  }

  private async versionConflict(id: string): Promise<AppException> {
    const current = await this.view(id);
    if (current?.retiredAt) return retiredConflict();
    return new AppException(
      ErrorCode.VersionConflict,
      { ja: '他の人がこのユニットを先に更新しました。最新の内容を確認してください', en: 'Someone else changed this unit first; review the current version' },
      [{ field: 'version', code: 'outdated', message: { ja: '「version」が古くなっています', en: 'version is outdated' } }],
      { current },
    );
  }

  /** Rules beyond the DTO: a known municipality, a support-level range the right way round. */
  async checkFields(f: UnitFields) {
    if (!(await this.areas.municipality(f.municipalityCode))) {
      throw AppException.invalidField('municipalityCode', 'unknown_municipality', {
        ja: `市区町村コード「${f.municipalityCode}」は登録されていません`,
        en: `Unknown municipality code ${f.municipalityCode}`,
      });
    }
    if (f.supportLevelMin > f.supportLevelMax) {
      throw AppException.invalidField('supportLevelMax', 'supportLevelRange', {
        ja: '「supportLevelMax」は「supportLevelMin」以上にしてください',
        en: 'supportLevelMax must not be less than supportLevelMin',
      });
    }
  }

  /** A smaller capacity or narrower room gender must still fit the vacancies declared for tonight on. */
  async checkVacanciesStillFit(tx: EntityManager, id: string, f: UnitFields) {
    const today = await this.serviceNights.tonight(f.municipalityCode);
    const [over] = await tx.query(
      `SELECT night::text FROM vacancies WHERE unit_id = $1 AND night >= $2 GROUP BY night HAVING sum(free) > $3 ORDER BY night LIMIT 1`,
      [id, today, f.capacity],
    );
    if (over) throw capacityBelowVacancies(over.night);
    const [wrong] = await tx.query(
      `SELECT night::text, gender FROM vacancies WHERE unit_id = $1 AND night >= $2 AND free > 0 AND NOT (gender = ANY($3)) LIMIT 1`,
      [id, today, allowedVacancyGenders(f.roomGender)],
    );
    if (wrong) {
      throw AppException.invalidField('roomGender', 'vacancies_of_other_gender', {
        ja: `${wrong.night}以降に「${wrong.gender}」の空床が登録されています。先に空床を0にしてください`,
        en: `Free beds for ${wrong.gender} are declared from ${wrong.night}; set them to 0 first`,
      });
    }
  }

  private async codesWithWards(code: string): Promise<string[]> {
    const { codes } = await this.areas.scope({ municipalityCode: code });
    return codes.length ? codes : [code];
  }
}

const canSeeRetired = (auth: AuthUser, organisationId: string) => auth.role === Role.Admin || auth.organisationId === organisationId;

const retiredConflict = () =>
  new AppException(ErrorCode.Conflict, { ja: 'このユニットは廃止されています', en: 'This unit has been retired' });

const capacityBelowVacancies = (night?: string) =>
  AppException.invalidField('capacity', 'below_free_beds', {
    ja: `${night ?? '今日'}以降の空床数が新しい定員を超えています。先に空床を減らしてください`,
    en: `Free beds declared from ${night ?? 'today'} exceed the new capacity; lower them first`,
  });

/** The database's last word on a unit write, named as the field it concerns. */
function mapUnitWriteError(e: unknown): never {
  const constraint = pgError(e)?.constraint;
  if (constraint === 'units_capacity_covers_vacancies') throw capacityBelowVacancies();
  if (constraint === 'units_organisation_name_key') {
    throw new AppException(ErrorCode.Conflict, { ja: '同じ名前のユニットが既にあります', en: 'A unit with this name already exists' }, [
      { field: 'name', code: 'taken', message: { ja: '「name」は既に使われています', en: 'name is already in use' } },
    ]);
  }
  throw e;
}
