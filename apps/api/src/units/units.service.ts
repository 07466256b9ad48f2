import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ErrorCode, Role, type Page, type UnitFields, type UnitHistoryEntry, type UnitView } from '@akiwa/contracts';
import { admissionsPaused, allowedVacancyGenders, checkAdmissionsPause } from '@akiwa/domain';
import { AuditLog } from '../audit/audit-log.service';
import { Clock } from '../common/time/clock';
import { ServiceNights } from '../areas/service-nights.service';
import type { AuthUser } from '../common/auth/auth-user';
import { assertOwnOrganisation } from '../common/auth/organisation-scope';
import { AppException } from '../common/errors/app.exception';
import { pgError } from '../common/errors/pg-error';
import { AreaDirectory } from '../areas/area-directory.service';
import { EventOutbox } from '../events/event-outbox.service';
import type { CreateUnitDto, ListUnitsQuery, SetAdmissionsDto, UpdateUnitDto } from './unit.dto';
import { UnitsRepository, type UnitRef } from './units.repository';
import { CommonTexts, Things, UnitTexts } from '../common/errors/texts';

export type { UnitRef };


@Injectable()
export class UnitsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: UnitsRepository,
    private readonly areas: AreaDirectory,
    private readonly outbox: EventOutbox,
    private readonly clock: Clock,
    private readonly serviceNights: ServiceNights,
    private readonly audit: AuditLog,
  ) {}

  async create(auth: AuthUser, dto: CreateUnitDto): Promise<UnitView> {
    const fields: UnitFields = { ...dto, contact24h: dto.contact24h ?? '', note: dto.note ?? '' };
    await this.checkFields(fields);
    return this.db.transaction(async (tx) => {
      const unit = await this.insert(tx, auth, fields);
      await this.publish(tx, unit);
      return unit;
    });
  }

  async update(auth: AuthUser, id: string, dto: UpdateUnitDto): Promise<UnitView> {
    const { version, ...changes } = dto;
    const before = await this.view(id);
    if (!before) throw AppException.notFound(Things.unit);
    assertOwnOrganisation(auth, before.organisationId);
    if (before.retiredAt) throw retiredConflict();
    const merged: UnitFields = { ...before, ...changes };
    await this.checkFields(merged);
    const unit = await this.db.transaction(async (tx) => {
      const updated = await this.applyUpdate(tx, auth, id, version, changes, merged);
      if (updated) await this.publish(tx, updated, before.municipalityCode);
      return updated;
    });
    if (!unit) throw await this.versionConflict(id);
    return unit;
  }

  /** Inserts a unit of the caller's organisation with its first history entry (inside the caller's transaction). */
  async insert(tx: EntityManager, auth: AuthUser, f: UnitFields): Promise<UnitView> {
    const id = await this.repo.insert(tx, auth.organisationId, f).catch(mapUnitWriteError);
    return this.recordHistory(tx, id, 'create', auth.userId);
  }

  /**
   * The conditional update is the optimistic lock: an outdated version changes no row and answers
   * null. `merged` (the unit after the change) must still fit the vacancies already declared.
   */
  async applyUpdate(tx: EntityManager, auth: AuthUser, id: string, version: number, changes: Partial<UnitFields>, merged: UnitFields): Promise<UnitView | null> {
    const updated = await this.repo.update(tx, id, version, changes, this.clock.now()).catch(mapUnitWriteError);
    if (!updated) return null;
    await this.checkVacanciesStillFit(tx, id, merged);
    return this.recordHistory(tx, id, 'update', auth.userId);
  }

  /**
   * 受入停止中 (with a reason and an end) and 夜間受入可, set by the unit's own provider. The vacancy
   * figures stay as they are; matching leaves the unit out while the pause lasts and the boards mark
   * it (unit:changed through the outbox, in this transaction). Kept in the unit's history like every
   * unit change, and in the audit log with the status before and after.
   */
  async setAdmissions(auth: AuthUser, id: string, dto: SetAdmissionsDto): Promise<UnitView> {
    const ref = await this.access(auth, id, 'write');
    if (ref.retired) throw retiredConflict();
    const now = this.clock.now();
    const pausedUntil = dto.pausedUntil === null ? null : new Date(dto.pausedUntil);
    const reason = pausedUntil ? (dto.pauseReason ?? '').trim() : '';
    const problems = checkAdmissionsPause(pausedUntil, reason, now);
    if (problems.length) throw new AppException(ErrorCode.ValidationFailed, AppException.summary(problems.map((p) => p.field)), problems);
    const unit = await this.db.transaction(async (tx) => {
      await this.repo.lock(tx, id);
      const before = await this.view(id, tx);
      if (!before || !(await this.repo.setAdmissions(tx, id, pausedUntil, reason, dto.nightAdmission))) return null;
      const after = await this.recordHistory(tx, id, 'update', auth.userId);
      const status = (u: UnitView) => ({ paused: admissionsPaused(u.admissionsPausedUntil, now), pausedUntil: u.admissionsPausedUntil, reason: u.admissionsPauseReason, nightAdmission: u.nightAdmission });
      await this.audit.record({ actor: auth, action: 'unit.admissions', subjectType: 'unit', subjectId: id, detail: { before: status(before), after: status(after) } }, tx);
      await this.publish(tx, after);
      return after;
    });
    if (!unit) throw retiredConflict();
    return unit;
  }

  /** Retired units leave search and the boards but stay readable by their owner, with their history. */
  async retire(auth: AuthUser, id: string): Promise<UnitView> {
    const ref = await this.ref(id);
    if (!ref) throw AppException.notFound(Things.unit);
    assertOwnOrganisation(auth, ref.organisationId);
    if (ref.retired) throw retiredConflict();
    const unit = await this.db.transaction(async (tx) => {
      if (!(await this.repo.retire(tx, id))) return null;
      const retired = await this.recordHistory(tx, id, 'retire', auth.userId);
      await this.publish(tx, retired);
      return retired;
    });
    if (!unit) throw retiredConflict();
    return unit;
  }

  async get(auth: AuthUser, id: string): Promise<UnitView> {
    const unit = await this.view(id);
    if (!unit || (unit.retiredAt && !canSeeRetired(auth, unit.organisationId))) throw AppException.notFound(Things.unit);
    return unit;
  }

  async list(auth: AuthUser, q: ListUnitsQuery): Promise<Page<UnitView>> {
    const organisationId = q.mine ? auth.organisationId : q.organisationId;
    const codes = q.municipalityCode ? await this.codesWithWards(q.municipalityCode) : null;
    const withRetired = Boolean(q.includeRetired && organisationId && canSeeRetired(auth, organisationId));
    const { items, total } = await this.repo.list({ organisationId: organisationId ?? null, municipalityCodes: codes, withRetired, limit: q.limit, offset: q.offset });
    return { items, total, limit: q.limit, offset: q.offset };
  }

  /** Who changed the unit is named only to its own organisation: other readers see what changed and when. */
  async history(auth: AuthUser, id: string): Promise<UnitHistoryEntry[]> {
    const unit = await this.get(auth, id);
    const own = unit.organisationId === auth.organisationId;
    const rows = await this.repo.history(id);
    return rows.map((r) => ({
      version: r.version,
      action: r.action,
      snapshot: r.snapshot,
      changedBy: own && r.userId ? { id: r.userId, displayName: r.displayName! } : null,
      changedAt: r.changedAt.toISOString(),
    }));
  }

  /**
   * Loads a unit for an action: 404 when unknown (or retired, to anyone but its owner), 403 when
   * `write` and the caller's organisation does not own it.
   */
  async access(auth: AuthUser, id: string, mode: 'read' | 'write'): Promise<UnitRef> {
    const ref = await this.ref(id);
    if (!ref || (ref.retired && !canSeeRetired(auth, ref.organisationId))) throw AppException.notFound(Things.unit);
    if (mode === 'write') assertOwnOrganisation(auth, ref.organisationId);
    return ref;
  }

  ref(id: string, db?: DataSource | EntityManager): Promise<UnitRef | null> {
    return this.repo.ref(id, db);
  }

  view(id: string, db?: DataSource | EntityManager): Promise<UnitView | null> {
    return this.repo.view(id, db);
  }

  /** Tells the unit's area boards and its organisation (old and new area when it moved), in the change's transaction (outbox). */
  async publish(tx: EntityManager, unit: UnitView, previousMunicipality?: string) {
    const rooms = await this.areas.roomsForUnit(unit.organisationId, [unit.municipalityCode, ...(previousMunicipality ? [previousMunicipality] : [])]);
    await this.outbox.append(tx, rooms, 'unit:changed', { unit, at: this.clock.now().toISOString() });
  }

  private async recordHistory(tx: EntityManager, id: string, action: UnitHistoryEntry['action'], userId: string): Promise<UnitView> {
    const unit = (await this.view(id, tx))!;
    const { organisationName: _, ...snapshot } = unit;
    await this.repo.addHistory(tx, id, unit.version, action, snapshot, userId);
    return unit;
  }

  private async versionConflict(id: string): Promise<AppException> {
    const current = await this.view(id);
    if (current?.retiredAt) return retiredConflict();
    return new AppException(
      ErrorCode.VersionConflict,
      UnitTexts.changedFirst,
      [{ field: 'version', code: 'outdated', message: CommonTexts.outdated('version') }],
      { current },
    );
  }

  /** Rules beyond the DTO: a known municipality, a support-level range the right way round. */
  async checkFields(f: UnitFields) {
    if (!(await this.areas.municipality(f.municipalityCode))) {
      throw AppException.invalidField('municipalityCode', 'unknown_municipality', CommonTexts.unknownMunicipality(f.municipalityCode));
    }
    if (f.supportLevelMin > f.supportLevelMax) {
      throw AppException.invalidField('supportLevelMax', 'supportLevelRange', UnitTexts.supportLevelRange);
    }
  }

  /** A smaller capacity or narrower room gender must still fit the vacancies declared for tonight on. */
  async checkVacanciesStillFit(tx: EntityManager, id: string, f: UnitFields) {
    const today = await this.serviceNights.tonight(f.municipalityCode);
    const over = await this.repo.firstNightOverCapacity(tx, id, today, f.capacity);
    if (over) throw capacityBelowVacancies(over);
    const wrong = await this.repo.freeBedsOfOtherGender(tx, id, today, allowedVacancyGenders(f.roomGender));
    if (wrong) {
      throw AppException.invalidField('roomGender', 'vacancies_of_other_gender', UnitTexts.vacanciesOfOtherGender(wrong.night, wrong.gender));
    }
  }

  private async codesWithWards(code: string): Promise<string[]> {
    const { codes } = await this.areas.scope({ municipalityCode: code });
    return codes.length ? codes : [code];
  }
}

const canSeeRetired = (auth: AuthUser, organisationId: string) => auth.role === Role.Admin || auth.organisationId === organisationId;

const retiredConflict = () =>
  new AppException(ErrorCode.Conflict, UnitTexts.retired);

const capacityBelowVacancies = (night?: string) =>
  AppException.invalidField('capacity', 'below_free_beds', UnitTexts.belowFreeBeds(night));

/** The database's last word on a unit write, named as the field it concerns. */
function mapUnitWriteError(e: unknown): never {
  const constraint = pgError(e)?.constraint;
  if (constraint === 'units_capacity_covers_vacancies') throw capacityBelowVacancies();
  if (constraint === 'units_organisation_name_key') {
    throw new AppException(ErrorCode.Conflict, UnitTexts.nameTaken, [
      { field: 'name', code: 'taken', message: UnitTexts.nameTakenField },
    ]);
  }
  throw e;
}
