import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ErrorCode,
  OrganisationKind,
  Role,
  type LedgerCount,
  type RegistrationChange,
  type RegistrationForm,
  type RegistrationListItem,
  type RegistrationView,
  type RequestDraft,
} from '@akiwa/contracts';
import { ageBandOn, normaliseName, serviceNight } from '@akiwa/domain';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { PersonalDataCipher } from '../common/crypto/personal-data.cipher';
import { Clock } from '../common/time/clock';
import { AuditLog } from '../audit/audit-log.service';
import { AreaDirectory } from '../areas/area-directory.service';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { trialAad } from '../trial-stays/trial-personal-data';
import { TrialPersonsRepository, type PersonProfile } from '../trial-stays/trial-persons.repository';
import { registrationAad } from './registration-aad';
import { registrationIndexes } from './registration-index';
import { RegistrationsRepository, type RegistrationFields, type RegistrationRow } from './registrations.repository';
import type { LedgerSearchDto, RegistrationInputDto, UpdateRegistrationDto } from './registration.dto';
import { CommonTexts, LedgerTexts, Things } from '../common/errors/texts';

const LIST_LIMIT = 50;

/**
 * 緊急時利用登録 (seed 003 別紙3): the form is sealed as one AES-256-GCM document bound to its row;
 * name, kana and birth date are also kept as keyed blind indexes for search. Reading is consent-scoped
 * in SQL: an organisation reads a registration only while the person's sharing with it stands
 * (person_organisations, not withdrawn); a provider only once it is the confirmed placement of a
 * request for the person (seed 000 ⑧). Every decrypted read is in the audit log before it is returned.
 */
@Injectable()
export class RegistrationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cipher: PersonalDataCipher,
    private readonly audit: AuditLog,
    private readonly areas: AreaDirectory,
    private readonly clock: Clock,
    private readonly repo: RegistrationsRepository,
    private readonly persons: TrialPersonsRepository,
    private readonly organisations: OrganisationsRepository,
  ) {}

  private today(): string {
    return serviceNight(this.clock.now(), 0); // the calendar date in Japan
  }

  async create(auth: AuthUser, dto: RegistrationInputDto, action: 'create' | 'import' = 'create', db?: EntityManager): Promise<string> {
    await this.check(dto, db ?? this.db);
    const id = randomUUID();
    const personId = randomUUID();
    const work = async (tx: EntityManager) => {
      await this.persons.insert(tx, { id: personId, organisationId: auth.organisationId, ...this.profileOf(personId, dto), createdBy: auth.userId });
      await this.repo.insert(tx, { id, personId, organisationId: auth.organisationId, ...this.fields(id, dto), createdBy: auth.userId });
      // the person's consent: the registering centre and every organisation named
      for (const orgId of new Set([auth.organisationId, ...dto.consent.organisationIds])) {
        await this.repo.addSharing(tx, personId, orgId, auth.userId);
      }
      await this.change(tx, id, auth, action, fieldsOf(dto));
      await this.audit.record({ actor: auth, action: `registration.${action}`, subjectType: 'registration', subjectId: id, detail: { personId } }, tx);
    };
    if (db) await work(db);
    else await this.db.transaction(work);
    return id;
  }

  async createAndRead(auth: AuthUser, dto: RegistrationInputDto): Promise<RegistrationView> {
    const id = await this.create(auth, dto);
    return this.get(auth, id);
  }

  /** A changed registration: the person's readable profile follows; the fields named go to the history. */
  async update(auth: AuthUser, id: string, dto: UpdateRegistrationDto): Promise<RegistrationView> {
    const before = await this.readable(auth, id, 'write');
    await this.check(dto, this.db);
    const old = this.open(before);
    await this.db.transaction(async (tx) => {
      const row = await this.repo.update(tx, id, dto.expectedVersion, this.fields(id, dto), auth.userId);
      if (!row) throw new AppException(ErrorCode.VersionConflict, LedgerTexts.changedFirst);
      await this.persons.updateProfile(tx, before.personId, this.profileOf(before.personId, dto));
      for (const orgId of dto.consent.organisationIds) {
        await this.repo.restoreSharing(tx, before.personId, orgId, auth.userId);
      }
      await this.change(tx, id, auth, 'update', changedFields(old, before, dto));
      await this.audit.record({ actor: auth, action: 'registration.update', subjectType: 'registration', subjectId: id, detail: { personId: before.personId } }, tx);
    });
    return this.get(auth, id);
  }

  /** The registration in full: decrypted for a party the person consented to, the read audited first. */
  async get(auth: AuthUser, id: string): Promise<RegistrationView> {
    const row = await this.readable(auth, id, 'read');
    const shared = await this.shared(row.personId);
    await this.audit.record({ actor: auth, action: 'registration.read', subjectType: 'registration', subjectId: id, detail: { personId: row.personId } });
    return this.view(row, shared);
  }

  /**
   * The ledger as the caller's organisation may see it, filtered; names decrypted for the page only.
   * The page's audit row (one) is written by the statement that reads the page and sealed in its
   * transaction; the names are handed out once that has committed.
   */
  async search(auth: AuthUser, q: LedgerSearchDto): Promise<RegistrationListItem[]> {
    const filter = {
      nameIndex: q.name ? this.cipher.blindIndex('name', normaliseName(q.name)) : undefined,
      birthIndex: q.birthDate ? this.cipher.blindIndex('birth', q.birthDate) : undefined,
      municipalityCode: q.municipalityCode,
      riskFlag: q.riskFlag,
      urgencyTier: q.urgencyTier,
      reviewOverdue: q.reviewOverdue,
    };
    const scope = auth.role === Role.Admin ? null : auth.organisationId;
    return this.audit.readLogged(
      (tx) => this.repo.page(tx, scope, filter, this.today(), LIST_LIMIT, { actor: auth, action: 'registration.list', subjectType: 'registration' }),
      (rows) =>
        rows.map((r) => {
          const form = this.open(r);
          return {
            id: r.id,
            personId: r.personId,
            name: form.registrant.name,
            nameKana: form.registrant.nameKana,
            birthDate: form.registrant.birthDate,
            municipalityCode: r.municipalityCode,
            riskFlags: r.riskFlags,
            urgencyTier: r.urgencyTier,
            nextReviewOn: r.nextReviewOn,
            reviewOverdue: r.overdue,
          };
        }),
    );
  }

  /**
   * Every registration the caller's organisation may read (the ledger's consent scope; all for an
   * admin), of one municipality or all, decrypted for an export. The caller audits the export.
   */
  async readableForms(auth: AuthUser, municipalityCode?: string): Promise<{ id: string; input: RegistrationView }[]> {
    const rows = await this.repo.readableBy(auth.role === Role.Admin, auth.organisationId, municipalityCode ?? null);
    return rows.map((r) => ({ id: r.id, input: this.view(r, []) }));
  }

  /** Registered persons per municipality (aggregate, no personal data): the annual report's 登録者数. */
  async countByMunicipality(municipalityCodes?: string[], opts: { asOf?: Date; db?: DataSource | EntityManager } = {}): Promise<LedgerCount[]> {
    const rows = await this.repo.countByMunicipality(municipalityCodes?.length ? municipalityCodes : null, opts.asOf ?? null, opts.db ?? this.db);
    if (!municipalityCodes) return rows;
    const by = new Map(rows.map((r) => [r.municipalityCode, r.registered]));
    return municipalityCodes.map((code) => ({ municipalityCode: code, registered: by.get(code) ?? 0 }));
  }

  /** Share with another organisation on the person's consent (recorded in the history). */
  async share(auth: AuthUser, id: string, organisationId: string): Promise<RegistrationView> {
    const row = await this.readable(auth, id, 'write');
    if (!(await this.organisations.exists(organisationId))) throw AppException.invalidField('organisationId', 'unknown_organisation', LedgerTexts.unknownOrganisation);
    await this.db.transaction(async (tx) => {
      await this.repo.share(tx, row.personId, organisationId, auth.userId);
      await this.change(tx, id, auth, 'share', [organisationId]);
      await this.audit.record({ actor: auth, action: 'registration.share', subjectType: 'registration', subjectId: id, detail: { organisationId } }, tx);
    });
    return this.get(auth, id);
  }

  /**
   * The person withdraws consent for one organisation: from this statement on, it reads nothing of
   * the person (registration, trial-stay person, the person's waiting-list use) — every read checks
   * the sharing row. A withdrawal recorded for a provider that never had a share blocks it too.
   */
  async withdraw(auth: AuthUser, id: string, organisationId: string): Promise<RegistrationView> {
    const row = await this.readable(auth, id, 'write');
    if (organisationId === row.organisationId) {
      throw AppException.invalidField('organisationId', 'registering_organisation', LedgerTexts.registeringOrganisation);
    }
    await this.db.transaction(async (tx) => {
      await this.repo.withdrawSharing(tx, row.personId, organisationId, auth.userId);
      await this.change(tx, id, auth, 'withdraw', [organisationId]);
      await this.audit.record({ actor: auth, action: 'registration.withdraw', subjectType: 'registration', subjectId: id, detail: { organisationId } }, tx);
    });
    return this.get(auth, id);
  }

  async history(auth: AuthUser, id: string): Promise<RegistrationChange[]> {
    await this.readable(auth, id, 'write');
    const rows = await this.repo.changes(id);
    return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
  }

  /** What an emergency request from this registration starts with (the read of the coordinator's notes is audited). */
  async requestDraft(auth: AuthUser, id: string): Promise<RequestDraft> {
    const row = await this.readable(auth, id, 'write');
    const form = this.open(row);
    await this.audit.record({ actor: auth, action: 'registration.draft_request', subjectType: 'registration', subjectId: id, detail: { personId: row.personId } });
    return {
      registrationId: row.id,
      personId: row.personId,
      municipalityCode: row.municipalityCode,
      needs: {
        ageBand: ageBandOn(form.registrant.birthDate, this.today()),
        gender: form.registrant.sex,
        categories: row.categories,
        child: row.child,
        supportLevel: row.supportLevel,
        specialNeeds: row.specialNeeds,
      },
      urgency: row.urgencyTier,
      contractedOrganisationId: row.contractedOrganisationId,
      coordinatorNotes: form.coordinatorNotes ?? '',
    };
  }

  /**
   * The person details a request made from the registration carries (sealed on the request, shown to
   * the confirmed provider only, step ⑧): identity, contacts and what the provider needs that night.
   */
  async personDetailsFor(auth: AuthUser, id: string, db: DataSource | EntityManager = this.db) {
    const row = await this.readable(auth, id, 'write', db);
    const f = this.open(row);
    await this.audit.record({ actor: auth, action: 'registration.to_request', subjectType: 'registration', subjectId: id, detail: { personId: row.personId } }, db);
    const contacts = f.emergencyContacts.map((c) => `${c.name}（${c.relation}）${c.phone}`).join(' / ');
    const medical = [f.mainDisability && `障がい・病名: ${f.mainDisability}`, f.medication && `服薬: ${f.medication}`, f.medicalCondition && `病状: ${f.medicalCondition}`, f.familyDoctor && `かかりつけ: ${f.familyDoctor}`]
      .filter(Boolean)
      .join('\n');
    return {
      personId: row.personId,
      details: {
        name: f.registrant.name,
        nameKana: f.registrant.nameKana,
        birthDate: f.registrant.birthDate,
        ...(f.registrant.address ? { address: `${f.registrant.postalCode ? `〒${f.registrant.postalCode} ` : ''}${f.registrant.address}` } : {}),
        ...(f.registrant.mobilePhone || f.registrant.homePhone ? { phone: (f.registrant.mobilePhone || f.registrant.homePhone)! } : {}),
        ...(contacts ? { emergencyContact: contacts.slice(0, 300) } : {}),
        ...(f.wishes ? { wishes: f.wishes.slice(0, 2000) } : {}),
        ...(medical ? { medicalNotes: medical.slice(0, 2000) } : {}),
      },
    };
  }

  /**
   * The row, if the caller may read it: 404 otherwise (a registration's existence is itself personal).
   * Coordinators (and their centres): while the sharing stands. Providers: only while they are the
   * confirmed placement of a request for the person, and the sharing with them was not withdrawn.
   * `write` (edit, share, draft a request) is for consultation centres with a standing share.
   */
  private async readable(auth: AuthUser, id: string, mode: 'read' | 'write', db: DataSource | EntityManager = this.db): Promise<RegistrationRow> {
    const row = await this.repo.withAccess(
      id,
      auth.organisationId,
      { any: auth.role === Role.Admin && mode === 'read', shared: auth.role === Role.Coordinator || auth.role === Role.Admin, placement: auth.role === Role.ProviderStaff && mode === 'read' },
      db,
    );
    if (!row || !row.allowed) throw AppException.notFound(Things.registration);
    return row;
  }

  private async shared(personId: string) {
    const rows = await this.repo.sharing(personId);
    return rows.map((r) => ({ ...r, grantedAt: new Date(r.grantedAt).toISOString(), withdrawnAt: r.withdrawnAt ? new Date(r.withdrawnAt).toISOString() : null }));
  }

  private view(row: RegistrationRow, shared: RegistrationView['consent']['shared']): RegistrationView {
    const form = this.open(row);
    return {
      id: row.id,
      personId: row.personId,
      organisationId: row.organisationId,
      organisationName: row.organisationName,
      municipalityCode: row.municipalityCode,
      form,
      profile: { categories: row.categories, child: row.child, supportLevel: row.supportLevel, specialNeeds: row.specialNeeds },
      riskFlags: row.riskFlags,
      urgencyTier: row.urgencyTier,
      contractedOrganisationId: row.contractedOrganisationId,
      contractedOrganisationName: row.contractedOrganisationName,
      nextReviewOn: row.nextReviewOn,
      consent: { by: row.consentBy, on: row.consentedOn, organisationIds: shared.filter((s) => !s.withdrawnAt).map((s) => s.organisationId), shared },
      grantedDays: row.grantedDaysPerMonth === null ? null : { daysPerMonth: row.grantedDaysPerMonth, from: row.grantedFrom, to: row.grantedTo },
      ageBand: ageBandOn(form.registrant.birthDate, this.today()),
      version: row.version,
      createdAt: new Date(row.createdAt).toISOString(),
      updatedAt: new Date(row.updatedAt).toISOString(),
    };
  }

  private open(row: Pick<RegistrationRow, 'id' | 'formEncrypted'>): RegistrationForm {
    return this.cipher.decryptJson<RegistrationForm>(row.formEncrypted, registrationAad(row.id));
  }

  private seal(id: string, form: RegistrationForm): Buffer {
    return this.cipher.encryptJson(form, registrationAad(id));
  }

  /** What a create or an update writes of the registration: the form sealed to its row, the blind indexes. */
  private fields(id: string, dto: RegistrationInputDto): RegistrationFields {
    const r = dto.form.registrant;
    return {
      municipalityCode: dto.municipalityCode,
      formEncrypted: this.seal(id, dto.form),
      notifiedOn: dto.form.notifiedOn,
      gender: r.sex,
      categories: dto.profile.categories,
      child: dto.profile.child,
      supportLevel: dto.profile.supportLevel,
      specialNeeds: dto.profile.specialNeeds,
      riskFlags: dto.riskFlags,
      urgencyTier: dto.urgencyTier,
      contractedOrganisationId: dto.contractedOrganisationId ?? null,
      nextReviewOn: dto.nextReviewOn ?? null,
      consentBy: dto.consent.by,
      consentedOn: dto.consent.on,
      grantedDaysPerMonth: dto.grantedDays?.daysPerMonth ?? null,
      grantedFrom: dto.grantedDays?.from ?? null,
      grantedTo: dto.grantedDays?.to ?? null,
      indexes: registrationIndexes(this.cipher, r),
    };
  }

  /** The person's readable profile, from the registration: the name sealed to the person, the age band as of today. */
  private profileOf(personId: string, dto: RegistrationInputDto): PersonProfile {
    return {
      displayNameEncrypted: this.cipher.encrypt(dto.form.registrant.name, trialAad.personName(personId)),
      ageBand: ageBandOn(dto.form.registrant.birthDate, this.today()),
      gender: dto.form.registrant.sex,
      municipalityCode: dto.municipalityCode,
      categories: dto.profile.categories,
      supportLevel: dto.profile.supportLevel,
      specialNeeds: dto.profile.specialNeeds,
    };
  }

  private async change(tx: EntityManager, id: string, auth: AuthUser, action: RegistrationChange['action'], fields: string[]) {
    await this.repo.addChange(tx, id, auth.userId, action, fields);
  }

  /** What the DTO cannot know: the area exists, the organisations exist, a child's notifier gives the relation, contacts consented. */
  async check(dto: RegistrationInputDto, db: DataSource | EntityManager = this.db) {
    if (!(await this.areas.municipality(dto.municipalityCode))) {
      throw AppException.invalidField('municipalityCode', 'unknown_municipality', LedgerTexts.unknownMunicipality(dto.municipalityCode));
    }
    const child = ageBandOn(dto.form.registrant.birthDate, this.today());
    if (dto.profile.child !== ['0-5', '6-11', '12-17'].includes(child)) {
      throw AppException.invalidField('profile.child', 'age_mismatch', LedgerTexts.childMismatch);
    }
    if (dto.profile.child && !dto.form.notifier.relation) {
      throw AppException.invalidField('form.notifier.relation', 'isDefined', LedgerTexts.relationRequired);
    }
    const i = dto.form.emergencyContacts.findIndex((c) => !c.consented);
    if (i >= 0) {
      throw AppException.invalidField(`form.emergencyContacts.${i}.consented`, 'consent_required', LedgerTexts.contactConsent(i));
    }
    if (dto.grantedDays?.from && dto.grantedDays?.to && dto.grantedDays.from > dto.grantedDays.to) {
      throw AppException.invalidField('grantedDays.to', 'before_from', LedgerTexts.grantedDaysOrder);
    }
    const orgs = [...dto.consent.organisationIds, ...(dto.contractedOrganisationId ? [dto.contractedOrganisationId] : [])];
    if (orgs.length) {
      const found = await this.organisations.kinds(orgs, db);
      const kinds = new Map(found.map((o) => [o.id, o.kind]));
      const missing = dto.consent.organisationIds.find((o) => !kinds.has(o));
      if (missing) throw AppException.invalidField('consent.organisationIds', 'unknown_organisation', LedgerTexts.unknownConsentOrganisation);
      if (dto.contractedOrganisationId && kinds.get(dto.contractedOrganisationId) !== OrganisationKind.Provider) {
        throw AppException.invalidField('contractedOrganisationId', 'unknown_provider', CommonTexts.unknownProvider('contractedOrganisationId'));
      }
    }
  }
}

/** The fields written on a new registration (their names, never their values). */
function fieldsOf(dto: RegistrationInputDto): string[] {
  return [...Object.keys(dto.form).map((k) => `form.${k}`), 'profile', 'riskFlags', 'urgencyTier', 'consent', ...(dto.grantedDays ? ['grantedDays'] : [])];
}

/** Which fields an update changed (compared after decrypting the old form; names only go to the history). */
function changedFields(old: RegistrationForm, before: RegistrationRow, dto: RegistrationInputDto): string[] {
  const out: string[] = [];
  const keys = new Set([...Object.keys(old), ...Object.keys(dto.form)]) as Set<keyof RegistrationForm>;
  for (const k of keys) if (JSON.stringify(old[k] ?? null) !== JSON.stringify(dto.form[k] ?? null)) out.push(`form.${k}`);
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  if (before.municipalityCode !== dto.municipalityCode) out.push('municipalityCode');
  if (!same({ c: before.categories, ch: before.child, s: before.supportLevel, n: before.specialNeeds }, { c: dto.profile.categories, ch: dto.profile.child, s: dto.profile.supportLevel, n: dto.profile.specialNeeds })) out.push('profile');
  if (!same([...before.riskFlags].sort(), [...dto.riskFlags].sort())) out.push('riskFlags');
  if (before.urgencyTier !== dto.urgencyTier) out.push('urgencyTier');
  if (!same(before.contractedOrganisationId, dto.contractedOrganisationId)) out.push('contractedOrganisationId');
  if (!same(before.nextReviewOn, dto.nextReviewOn)) out.push('nextReviewOn');
  if (before.consentBy !== dto.consent.by || before.consentedOn !== dto.consent.on) out.push('consent');
  if (!same(before.grantedDaysPerMonth === null ? null : [before.grantedDaysPerMonth, before.grantedFrom, before.grantedTo], dto.grantedDays ? [dto.grantedDays.daysPerMonth, dto.grantedDays.from ?? null, dto.grantedDays.to ?? null] : null)) out.push('grantedDays');
  return out;
}
