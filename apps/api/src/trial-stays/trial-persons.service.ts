import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Role, type TrialPersonSummary, type TrialPersonView, type TrialPolicyView } from '@akiwa/contracts';
import { checkTrialPolicy, DEFAULT_TRIAL_STAY_POLICY, fiscalYearLabel, fiscalYearOf, fiscalYearRange, serviceNight } from '@akiwa/domain';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { Clock } from '../common/time/clock';
import { AreaDirectory } from '../areas/area-directory.service';
import { AuditLog } from '../audit/audit-log.service';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import type { CreateTrialPersonDto, SetTrialPolicyDto } from './trial-stay.dto';
import { trialAad, TrialPersonalData } from './trial-personal-data';
import { type PersonRow, TrialPersonsRepository } from './trial-persons.repository';
import { toStayView } from './trial-stays.sql';
import { CommonTexts, Things, TrialStayTexts } from '../common/errors/texts';

export type { PersonRow } from './trial-persons.repository';

/** Persons of a coordinator's organisation, their municipal trial-stay policy, and nights used. */
@Injectable()
export class TrialPersonsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: TrialPersonsRepository,
    private readonly areas: AreaDirectory,
    private readonly personal: TrialPersonalData,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly organisations: OrganisationsRepository,
  ) {}

  /** The persons the coordinator's organisation may use (shared with it, consent not withdrawn), by name: one audit row for the list. */
  async list(auth: AuthUser): Promise<TrialPersonView[]> {
    const rows = await this.repo.sharedWith(auth.organisationId);
    const persons = rows.map((r) => this.reveal(r)).sort((a, b) => a.displayName.localeCompare(b.displayName, 'ja') || a.id.localeCompare(b.id));
    await this.personal.logRead(auth, { action: 'trial_person.list', subjectType: 'trial_person', subjectIds: persons.map((p) => p.id) });
    return persons;
  }

  async create(auth: AuthUser, dto: CreateTrialPersonDto): Promise<TrialPersonView> {
    await this.checkMunicipality(dto.municipalityCode);
    const id = randomUUID();
    const row = await this.db.transaction(async (tx) => {
      const row = await this.repo.insert(tx, {
        id,
        organisationId: auth.organisationId,
        displayNameEncrypted: this.personal.seal(dto.displayName, trialAad.personName(id)),
        ageBand: dto.ageBand,
        gender: dto.gender,
        municipalityCode: dto.municipalityCode,
        categories: dto.categories,
        supportLevel: dto.supportLevel,
        specialNeeds: dto.specialNeeds,
        createdBy: auth.userId,
      });
      await this.personal.logRead(auth, { action: 'trial_person.create', subjectType: 'trial_person', subjectIds: [id] }, tx);
      return row;
    });
    return this.reveal(row);
  }

  /**
   * A person shared with the caller's organisation (person_organisations, consent not withdrawn;
   * 404 for anyone else: one person record serves every centre that supports them, and only them),
   * as stored: the name is not decrypted (reveal() does, for a caller that audits the read).
   */
  async own(auth: AuthUser, id: string, db: DataSource | EntityManager = this.db): Promise<PersonRow> {
    const found = await this.repo.withShare(id, auth.organisationId, db);
    if (!found || (!found.shared && auth.role !== Role.Admin)) throw AppException.notFound(Things.person);
    return found.person;
  }

  /** Decrypts the name; the caller records the read. */
  reveal(r: PersonRow): TrialPersonView {
    const { displayNameEncrypted, ...rest } = r;
    return { ...rest, displayName: this.personal.open(displayNameEncrypted, trialAad.personName(r.id)), createdAt: new Date(r.createdAt).toISOString() };
  }

  async policy(municipalityCode: string, db: DataSource | EntityManager = this.db): Promise<TrialPolicyView> {
    const row = await this.repo.policy(municipalityCode, db);
    return row
      ? { municipalityCode, ...row, updatedAt: new Date(row.updatedAt).toISOString(), custom: true }
      : { municipalityCode, ...DEFAULT_TRIAL_STAY_POLICY, custom: false, updatedAt: null, updatedByName: null };
  }

  async getPolicy(municipalityCode: string): Promise<TrialPolicyView> {
    await this.checkMunicipality(municipalityCode);
    return this.policy(municipalityCode);
  }

  /** Administrators, or the municipality's own officers, set its limits. */
  async setPolicy(auth: AuthUser, municipalityCode: string, dto: SetTrialPolicyDto): Promise<TrialPolicyView> {
    await this.checkMunicipality(municipalityCode);
    if (auth.role === Role.MunicipalOfficer) {
      if ((await this.organisations.municipalityOf(auth.organisationId)) !== municipalityCode) throw AppException.forbidden(TrialStayTexts.notOwnMunicipality);
    }
    const incoherent = checkTrialPolicy(dto);
    if (incoherent) {
      throw AppException.invalidField(incoherent.field, incoherent.kind, TrialStayTexts.limitsIncoherent(incoherent.max));
    }
    await this.db.transaction(async (tx) => {
      await this.repo.savePolicy(tx, municipalityCode, { maxConsecutiveNights: dto.maxConsecutiveNights, maxNightsPerFiscalYear: dto.maxNightsPerFiscalYear }, auth.userId, this.clock.now());
      // who changed a municipality's limits, and to what: in the tamper-evident log
      await this.audit.record(
        { actor: auth, action: 'trial_policy.write', subjectType: 'municipality', subjectId: municipalityCode, detail: { maxConsecutiveNights: dto.maxConsecutiveNights, maxNightsPerFiscalYear: dto.maxNightsPerFiscalYear } },
        tx,
      );
    });
    return this.policy(municipalityCode);
  }

  /** Nights of the person's live stays (requested, approved) inside [start, end), at any group home. */
  async usedNights(db: DataSource | EntityManager, personId: string, start: string, end: string): Promise<number> {
    return this.repo.usedNights(db, personId, start, end);
  }

  async summary(auth: AuthUser, id: string, fiscalYear?: number): Promise<TrialPersonSummary> {
    const row = await this.own(auth, id);
    const fy = fiscalYear ?? fiscalYearOf(serviceNight(this.clock.now()));
    const { start, end } = fiscalYearRange(fy);
    const policy = await this.policy(row.municipalityCode);
    const used = await this.usedNights(this.db, id, start, end);
    const rows = await this.repo.stays(id, start, end);
    await this.personal.logRead(auth, { action: 'trial_person.view', subjectType: 'trial_person', subjectIds: [id], detail: { stayIds: rows.map((r) => r.id) } });
    return {
      person: this.reveal(row),
      policy,
      fiscalYear: fy,
      fiscalYearLabel: fiscalYearLabel(fy),
      used,
      remaining: Math.max(0, policy.maxNightsPerFiscalYear - used),
      stays: rows.map((r) => toStayView(r, this.personal)),
    };
  }

  private async checkMunicipality(code: string) {
    if (!(await this.areas.municipality(code))) {
      throw AppException.invalidField('municipalityCode', 'unknown_municipality', CommonTexts.unknownMunicipality(code));
    }
  }
}

