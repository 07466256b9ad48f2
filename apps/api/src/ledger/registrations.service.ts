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
  type RiskFlag,
} from '@akiwa/contracts';
import { ageBandOn, normaliseName, serviceNight } from '@akiwa/domain';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { PersonalDataCipher } from '../common/crypto/personal-data.cipher';
import { Clock } from '../common/time/clock';
import { AuditLog } from '../audit/audit-log.service';
import { AreaDirectory } from '../areas/area-directory.service';
import { trialAad } from '../trial-stays/trial-personal-data';
import { returning } from '../database/sql';
import { registrationAad } from './registration-aad';
import { registrationIndexes } from './registration-index';
import type { LedgerSearchDto, RegistrationInputDto, UpdateRegistrationDto } from './registration.dto';

export const REGISTRATION = { ja: '登録者', en: 'Registration' };
const LIST_LIMIT = 50;

/** The registration row as stored: the form sealed. */
interface Row {
  id: string;
  personId: string;
  organisationId: string;
  organisationName: string;
  municipalityCode: string;
  formEncrypted: Buffer;
  gender: string;
  categories: RegistrationView['profile']['categories'];
  child: boolean;
  supportLevel: number | null;
  specialNeeds: RegistrationView['profile']['specialNeeds'];
  riskFlags: RiskFlag[];
  urgencyTier: RegistrationView['urgencyTier'];
  contractedOrganisationId: string | null;
  contractedOrganisationName: string | null;
  nextReviewOn: string | null;
  consentBy: RegistrationView['consent']['by'];
  consentedOn: string;
  grantedDaysPerMonth: number | null;
  grantedFrom: string | null;
  grantedTo: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const SELECT = `
  SELECT r.id, r.person_id AS "personId", r.organisation_id AS "organisationId", o.name AS "organisationName", r.municipality_code AS "municipalityCode",
         r.form_encrypted AS "formEncrypted", r.gender, r.categories, r.child, r.support_level AS "supportLevel", r.special_needs AS "specialNeeds",
         r.risk_flags AS "riskFlags", r.urgency_tier AS "urgencyTier", r.contracted_organisation_id AS "contractedOrganisationId", c.name AS "contractedOrganisationName",
         r.next_review_on::text AS "nextReviewOn", r.consent_by AS "consentBy", r.consented_on::text AS "consentedOn",
         r.granted_days_per_month AS "grantedDaysPerMonth", r.granted_from::text AS "grantedFrom", r.granted_to::text AS "grantedTo",
         r.version, r.created_at AS "createdAt", r.updated_at AS "updatedAt"
  FROM registrations r JOIN organisations o ON o.id = r.organisation_id LEFT JOIN organisations c ON c.id = r.contracted_organisation_id`;

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
  ) {}

  private today(): string {
    return serviceNight(this.clock.now(), 0); // the calendar date in Japan
  }

  async create(auth: AuthUser, dto: RegistrationInputDto, action: 'create' | 'import' = 'create', db?: EntityManager): Promise<string> {
    await this.check(dto, db ?? this.db);
    const id = randomUUID();
    const personId = randomUUID();
    const work = async (tx: EntityManager) => {
      await tx.query(
        `INSERT INTO persons(id, organisation_id, display_name_encrypted, age_band, gender, municipality_code, categories, support_level, special_needs, created_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
        [personId, auth.organisationId, this.cipher.encrypt(dto.form.registrant.name, trialAad.personName(personId)), ageBandOn(dto.form.registrant.birthDate, this.today()),
          dto.form.registrant.sex, dto.municipalityCode, dto.profile.categories, dto.profile.supportLevel, dto.profile.specialNeeds, auth.userId],
      );
      await tx.query(
        `INSERT INTO registrations(id, person_id, organisation_id, municipality_code, form_encrypted, notified_on, gender, categories, child, support_level, special_needs,
           risk_flags, urgency_tier, contracted_organisation_id, next_review_on, consent_by, consented_on, granted_days_per_month, granted_from, granted_to,
           name_index, kana_index, birth_index, created_by, updated_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$24)`,
        [id, personId, auth.organisationId, dto.municipalityCode, this.seal(id, dto.form), ...this.columns(dto), auth.userId],
      );
      // the person's consent: the registering centre and every organisation named
      for (const orgId of new Set([auth.organisationId, ...dto.consent.organisationIds])) {
        await tx.query(
          `INSERT INTO person_organisations(person_id, organisation_id, granted_by) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING`,
          [personId, orgId, auth.userId],
        );
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
      const [row] = await returning<{ personId: string }>(
        tx,
        `UPDATE registrations SET municipality_code = $3, form_encrypted = $4, notified_on = $5, gender = $6, categories = $7, child = $8, support_level = $9,
           special_needs = $10, risk_flags = $11, urgency_tier = $12, contracted_organisation_id = $13, next_review_on = $14, consent_by = $15, consented_on = $16,
           granted_days_per_month = $17, granted_from = $18, granted_to = $19, name_index = $20, kana_index = $21, birth_index = $22,
           updated_by = $23, updated_at = now(), version = version + 1
         WHERE id = $1 AND version = $2 RETURNING person_id AS "personId"`,
        [id, dto.expectedVersion, dto.municipalityCode, this.seal(id, dto.form), ...this.columns(dto), auth.userId],
      );
      if (!row) throw new AppException(ErrorCode.VersionConflict, { ja: 'ほかの人がこの登録を更新しました。最新の内容を確認してください', en: 'The registration was changed by someone else' });
      await tx.query(
        `UPDATE persons SET display_name_encrypted = $2, age_band = $3, gender = $4, municipality_code = $5, categories = $6, support_level = $7, special_needs = $8
         WHERE id = $1`,
        [before.personId, this.cipher.encrypt(dto.form.registrant.name, trialAad.personName(before.personId)), ageBandOn(dto.form.registrant.birthDate, this.today()),
          dto.form.registrant.sex, dto.municipalityCode, dto.profile.categories, dto.profile.supportLevel, dto.profile.specialNeeds],
      );
      for (const orgId of dto.consent.organisationIds) {
        await tx.query(
          `INSERT INTO person_organisations(person_id, organisation_id, granted_by) VALUES ($1,$2,$3)
           ON CONFLICT (person_id, organisation_id) DO UPDATE SET withdrawn_at = NULL, withdrawn_by = NULL, granted_at = now(), granted_by = EXCLUDED.granted_by
             WHERE person_organisations.withdrawn_at IS NOT NULL`,
          [before.personId, orgId, auth.userId],
        );
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

  /** The ledger as the caller's organisation may see it, filtered; names decrypted for the page (one audit row). */
  async search(auth: AuthUser, q: LedgerSearchDto): Promise<RegistrationListItem[]> {
    const params: unknown[] = [auth.organisationId];
    // Consent scope. With a blind-index condition (name, birth date) the few matching rows are checked
    // against the sharing rows. Without one, the planner would hash the centre's persons against a
    // sequential scan of every registration (wide rows: the sealed form): 130–300 ms at 100,000
    // persons. Walking the centre's own sharing rows into registrations by the unique person_id index
    // takes ~16 ms; OFFSET 0 keeps the subquery from being flattened back into the hash join.
    const byIndex = Boolean(q.name || q.birthDate);
    const scoped = auth.role !== Role.Admin;
    const from = scoped && !byIndex
      ? `person_organisations s CROSS JOIN LATERAL (SELECT * FROM registrations r WHERE r.person_id = s.person_id OFFSET 0) r`
      : `registrations r`;
    const where: string[] = [
      !scoped
        ? 'TRUE'
        : byIndex
          ? `r.person_id IN (SELECT person_id FROM person_organisations WHERE organisation_id = $1 AND withdrawn_at IS NULL)`
          : `s.organisation_id = $1 AND s.withdrawn_at IS NULL`,
    ];
    if (q.name) {
      params.push(this.cipher.blindIndex('name', normaliseName(q.name)));
      where.push(`(r.name_index = $${params.length} OR r.kana_index = $${params.length})`);
    }
    if (q.birthDate) {
      params.push(this.cipher.blindIndex('birth', q.birthDate));
      where.push(`r.birth_index = $${params.length}`);
    }
    if (q.municipalityCode) {
      params.push(q.municipalityCode);
      where.push(`r.municipality_code = $${params.length}`);
    }
    if (q.riskFlag) {
      params.push(q.riskFlag);
      where.push(`$${params.length} = ANY (r.risk_flags)`);
    }
    if (q.urgencyTier) {
      params.push(q.urgencyTier);
      where.push(`r.urgency_tier = $${params.length}`);
    }
    params.push(this.today());
    const today = `$${params.length}::date`;
    if (q.reviewOverdue) where.push(`r.next_review_on < ${today}`);
    const rows: { id: string; personId: string; formEncrypted: Buffer; municipalityCode: string; riskFlags: RiskFlag[]; urgencyTier: RegistrationListItem['urgencyTier']; nextReviewOn: string | null; overdue: boolean }[] =
      await this.db.query(
        `SELECT r.id, r.person_id AS "personId", r.form_encrypted AS "formEncrypted", r.municipality_code AS "municipalityCode", r.risk_flags AS "riskFlags",
                r.urgency_tier AS "urgencyTier", r.next_review_on::text AS "nextReviewOn", coalesce(r.next_review_on < ${today}, false) AS overdue
         FROM ${from} WHERE ${where.join(' AND ')}
         ORDER BY (r.urgency_tier = 'emergency') DESC, r.next_review_on NULLS LAST, r.id LIMIT ${LIST_LIMIT}`,
        params,
      );
    if (rows.length) {
      await this.audit.record({
        actor: auth,
        action: 'registration.list',
        subjectType: 'registration',
        subjectId: rows.length === 1 ? rows[0].id : 'list',
        detail: rows.length > 1 ? { ids: rows.map((r) => r.id) } : {},
      });
    }
    return rows.map((r) => {
      const form = this.cipher.decryptJson<RegistrationForm>(r.formEncrypted, registrationAad(r.id));
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
    });
  }

  /**
   * Every registration the caller's organisation may read (the ledger's consent scope; all for an
   * admin), of one municipality or all, decrypted for an export. The caller audits the export.
   */
  async readableForms(auth: AuthUser, municipalityCode?: string): Promise<{ id: string; input: RegistrationView }[]> {
    const rows: Row[] = await this.db.query(
      `${SELECT} WHERE ($1 OR r.person_id IN (SELECT person_id FROM person_organisations WHERE organisation_id = $2 AND withdrawn_at IS NULL))
         AND ($3::text IS NULL OR r.municipality_code = $3) ORDER BY r.municipality_code, r.created_at, r.id`,
      [auth.role === Role.Admin, auth.organisationId, municipalityCode ?? null],
    );
    return rows.map((r) => ({ id: r.id, input: this.view(r, []) }));
  }

  /** Registered persons per municipality (aggregate, no personal data): the annual report's 登録者数. */
  async countByMunicipality(municipalityCodes?: string[], opts: { asOf?: Date; db?: DataSource | EntityManager } = {}): Promise<LedgerCount[]> {
    const rows: { municipalityCode: string; registered: number }[] = await (opts.db ?? this.db).query(
      `SELECT municipality_code AS "municipalityCode", count(*)::int AS registered FROM registrations
       WHERE ($1::text[] IS NULL OR municipality_code = ANY ($1)) AND ($2::timestamptz IS NULL OR created_at <= $2)
       GROUP BY municipality_code ORDER BY municipality_code`,
      [municipalityCodes?.length ? municipalityCodes : null, opts.asOf ?? null],
    );
    if (!municipalityCodes) return rows;
    const by = new Map(rows.map((r) => [r.municipalityCode, r.registered]));
    return municipalityCodes.map((code) => ({ municipalityCode: code, registered: by.get(code) ?? 0 }));
  }

  /** Share with another organisation on the person's consent (recorded in the history). */
  async share(auth: AuthUser, id: string, organisationId: string): Promise<RegistrationView> {
    const row = await this.readable(auth, id, 'write');
    const [org] = await this.db.query(`SELECT 1 FROM organisations WHERE id = $1`, [organisationId]);
    if (!org) throw AppException.invalidField('organisationId', 'unknown_organisation', { ja: '「organisationId」は登録されていない組織です', en: 'Unknown organisation' });
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO person_organisations(person_id, organisation_id, granted_by) VALUES ($1,$2,$3)
         ON CONFLICT (person_id, organisation_id) DO UPDATE SET withdrawn_at = NULL, withdrawn_by = NULL, granted_at = now(), granted_by = EXCLUDED.granted_by`,
        [row.personId, organisationId, auth.userId],
      );
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
      throw AppException.invalidField('organisationId', 'registering_organisation', {
        ja: '登録した機関の同意は撤回できません（登録を取り下げてください）',
        en: 'The registering organisation keeps the registration',
      });
    }
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO person_organisations(person_id, organisation_id, granted_by, withdrawn_at, withdrawn_by) VALUES ($1,$2,$3,now(),$3)
         ON CONFLICT (person_id, organisation_id) DO UPDATE SET withdrawn_at = now(), withdrawn_by = EXCLUDED.withdrawn_by WHERE person_organisations.withdrawn_at IS NULL`,
        [row.personId, organisationId, auth.userId],
      );
      await this.change(tx, id, auth, 'withdraw', [organisationId]);
      await this.audit.record({ actor: auth, action: 'registration.withdraw', subjectType: 'registration', subjectId: id, detail: { organisationId } }, tx);
    });
    return this.get(auth, id);
  }

  async history(auth: AuthUser, id: string): Promise<RegistrationChange[]> {
    await this.readable(auth, id, 'write');
    const rows: { at: Date; byName: string | null; action: RegistrationChange['action']; fields: string[] }[] = await this.db.query(
      `SELECT ch.changed_at AS at, u.display_name AS "byName", ch.action, ch.fields FROM registration_changes ch LEFT JOIN users u ON u.id = ch.changed_by
       WHERE ch.registration_id = $1 ORDER BY ch.changed_at, ch.id`,
      [id],
    );
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
  private async readable(auth: AuthUser, id: string, mode: 'read' | 'write', db: DataSource | EntityManager = this.db): Promise<Row> {
    const [row]: (Row & { allowed: boolean })[] = await db.query(
      `${SELECT.replace('SELECT r.id,', `SELECT (
          $3 OR ($4 AND EXISTS (SELECT 1 FROM person_organisations s WHERE s.person_id = r.person_id AND s.organisation_id = $2 AND s.withdrawn_at IS NULL))
          OR ($5 AND EXISTS (SELECT 1 FROM emergency_requests q JOIN offers f ON f.request_id = q.id AND f.status = 'confirmed' AND f.organisation_id = $2
                             WHERE q.person_id = r.person_id)
                 AND NOT EXISTS (SELECT 1 FROM person_organisations s WHERE s.person_id = r.person_id AND s.organisation_id = $2 AND s.withdrawn_at IS NOT NULL))
        ) AS allowed, r.id,`)}
       WHERE r.id = $1`,
      [id, auth.organisationId, auth.role === Role.Admin && mode === 'read', auth.role === Role.Coordinator || auth.role === Role.Admin, auth.role === Role.ProviderStaff && mode === 'read'],
    );
    if (!row || !row.allowed) throw AppException.notFound(REGISTRATION);
    return row;
  }

  private async shared(personId: string) {
    const rows: { organisationId: string; organisationName: string; grantedAt: Date; withdrawnAt: Date | null }[] = await this.db.query(
      `SELECT s.organisation_id AS "organisationId", o.name AS "organisationName", s.granted_at AS "grantedAt", s.withdrawn_at AS "withdrawnAt"
       FROM person_organisations s JOIN organisations o ON o.id = s.organisation_id WHERE s.person_id = $1 ORDER BY s.granted_at`,
      [personId],
    );
    return rows.map((r) => ({ ...r, grantedAt: new Date(r.grantedAt).toISOString(), withdrawnAt: r.withdrawnAt ? new Date(r.withdrawnAt).toISOString() : null }));
  }

  private view(row: Row, shared: RegistrationView['consent']['shared']): RegistrationView {
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

  private open(row: Pick<Row, 'id' | 'formEncrypted'>): RegistrationForm {
    return this.cipher.decryptJson<RegistrationForm>(row.formEncrypted, registrationAad(row.id));
  }

  private seal(id: string, form: RegistrationForm): Buffer {
    return this.cipher.encryptJson(form, registrationAad(id));
  }

  /** $6.. of the insert and $5.. of the update, in the same order. */
  private columns(dto: RegistrationInputDto): unknown[] {
    const r = dto.form.registrant;
    return [
      dto.form.notifiedOn, r.sex, dto.profile.categories, dto.profile.child, dto.profile.supportLevel, dto.profile.specialNeeds,
      dto.riskFlags, dto.urgencyTier, dto.contractedOrganisationId ?? null, dto.nextReviewOn ?? null, dto.consent.by, dto.consent.on,
      dto.grantedDays?.daysPerMonth ?? null, dto.grantedDays?.from ?? null, dto.grantedDays?.to ?? null,
      ...Object.values(registrationIndexes(this.cipher, r)),
    ];
  }

  private async change(tx: EntityManager, id: string, auth: AuthUser, action: RegistrationChange['action'], fields: string[]) {
    await tx.query(`INSERT INTO registration_changes(registration_id, changed_by, action, fields) VALUES ($1,$2,$3,$4)`, [id, auth.userId, action, fields]);
  }

  /** What the DTO cannot know: the area exists, the organisations exist, a child's notifier gives the relation, contacts consented. */
  async check(dto: RegistrationInputDto, db: DataSource | EntityManager = this.db) {
    if (!(await this.areas.municipality(dto.municipalityCode))) {
      throw AppException.invalidField('municipalityCode', 'unknown_municipality', { ja: `「municipalityCode」（${dto.municipalityCode}）は登録されていない市区町村です`, en: 'Unknown municipality' });
    }
    const child = ageBandOn(dto.form.registrant.birthDate, this.today());
    if (dto.profile.child !== ['0-5', '6-11', '12-17'].includes(child)) {
      throw AppException.invalidField('profile.child', 'age_mismatch', { ja: '「profile.child」は「birthDate」（18歳未満かどうか）と一致させてください', en: 'profile.child must agree with the birth date' });
    }
    if (dto.profile.child && !dto.form.notifier.relation) {
      throw AppException.invalidField('form.notifier.relation', 'isDefined', { ja: '障害児の登録では「form.notifier.relation」を入力してください', en: 'relation is required when registering a child' });
    }
    const i = dto.form.emergencyContacts.findIndex((c) => !c.consented);
    if (i >= 0) {
      throw AppException.invalidField(`form.emergencyContacts.${i}.consented`, 'consent_required', {
        ja: `「form.emergencyContacts.consented」：緊急連絡先${i + 1}の方の同意を得てから登録してください`,
        en: 'Each emergency contact must have agreed to be registered',
      });
    }
    if (dto.grantedDays?.from && dto.grantedDays?.to && dto.grantedDays.from > dto.grantedDays.to) {
      throw AppException.invalidField('grantedDays.to', 'before_from', { ja: '「grantedDays.to」は「grantedDays.from」以降の日付にしてください', en: 'grantedDays.to must not be before from' });
    }
    const orgs = [...dto.consent.organisationIds, ...(dto.contractedOrganisationId ? [dto.contractedOrganisationId] : [])];
    if (orgs.length) {
      const found: { id: string; kind: string }[] = await db.query(`SELECT id, kind FROM organisations WHERE id = ANY ($1::uuid[])`, [orgs]);
      const kinds = new Map(found.map((o) => [o.id, o.kind]));
      const missing = dto.consent.organisationIds.find((o) => !kinds.has(o));
      if (missing) throw AppException.invalidField('consent.organisationIds', 'unknown_organisation', { ja: '「consent.organisationIds」に登録されていない組織があります', en: 'Unknown organisation' });
      if (dto.contractedOrganisationId && kinds.get(dto.contractedOrganisationId) !== OrganisationKind.Provider) {
        throw AppException.invalidField('contractedOrganisationId', 'unknown_provider', { ja: '「contractedOrganisationId」は登録されている事業所ではありません', en: 'contractedOrganisationId is not a known provider' });
      }
    }
  }
}

/** The fields written on a new registration (their names, never their values). */
function fieldsOf(dto: RegistrationInputDto): string[] {
  return [...Object.keys(dto.form).map((k) => `form.${k}`), 'profile', 'riskFlags', 'urgencyTier', 'consent', ...(dto.grantedDays ? ['grantedDays'] : [])];
}

/** Which fields an update changed (compared after decrypting the old form; names only go to the history). */
function changedFields(old: RegistrationForm, before: Row, dto: RegistrationInputDto): string[] {
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
