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
import type { CreateTrialPersonDto, SetTrialPolicyDto } from './trial-stay.dto';
import { PERSON } from './trial-stay.errors';
import { trialAad, TrialPersonalData } from './trial-personal-data';
import { STAY_COLUMNS, STAY_FROM, toStayView, type StayRow } from './trial-stays.sql';

const PERSON_COLUMNS = `id, organisation_id AS "organisationId", display_name_encrypted AS "displayNameEncrypted", age_band AS "ageBand", gender,
  municipality_code AS "municipalityCode", categories, support_level AS "supportLevel", special_needs AS "specialNeeds", created_at AS "createdAt"`;

/** A person as stored: the name sealed; nothing decrypted. */
export type PersonRow = Omit<TrialPersonView, 'displayName' | 'createdAt'> & { displayNameEncrypted: Buffer; createdAt: Date | string };

/** Persons of a coordinator's organisation, their municipal trial-stay policy, and nights used. */
@Injectable()
export class TrialPersonsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly areas: AreaDirectory,
    private readonly personal: TrialPersonalData,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** The persons the coordinator's organisation may use (shared with it, consent not withdrawn), by name: one audit row for the list. */
  async list(auth: AuthUser): Promise<TrialPersonView[]> {
    const rows: PersonRow[] = await this.db.query(
      `SELECT ${PERSON_COLUMNS} FROM persons WHERE id IN (SELECT person_id FROM person_organisations WHERE organisation_id = $1 AND withdrawn_at IS NULL)`,
      [auth.organisationId],
    );
    const persons = rows.map((r) => this.reveal(r)).sort((a, b) => a.displayName.localeCompare(b.displayName, 'ja') || a.id.localeCompare(b.id));
    await this.personal.logRead(auth, { action: 'trial_person.list', subjectType: 'trial_person', subjectIds: persons.map((p) => p.id) });
    return persons;
  }

  async create(auth: AuthUser, dto: CreateTrialPersonDto): Promise<TrialPersonView> {
    await this.checkMunicipality(dto.municipalityCode);
    const id = randomUUID();
    const row = await this.db.transaction(async (tx) => {
      const [row] = await tx.query(
        `INSERT INTO persons(id, organisation_id, display_name_encrypted, age_band, gender, municipality_code, categories, support_level, special_needs, created_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING ${PERSON_COLUMNS}`,
        [id, auth.organisationId, this.personal.seal(dto.displayName, trialAad.personName(id)), dto.ageBand, dto.gender, dto.municipalityCode, dto.categories,
          dto.supportLevel, dto.specialNeeds, auth.userId],
      );
      await this.personal.logRead(auth, { action: 'trial_person.create', subjectType: 'trial_person', subjectIds: [id] }, tx);
      return row as PersonRow;
    });
    return this.reveal(row);
  }

  /**
   * A person shared with the caller's organisation (person_organisations, consent not withdrawn;
   * 404 for anyone else: one person record serves every centre that supports them, and only them),
   * as stored: the name is not decrypted (reveal() does, for a caller that audits the read).
   */
  async own(auth: AuthUser, id: string, db: DataSource | EntityManager = this.db): Promise<PersonRow> {
    const [row] = await db.query(
      `SELECT ${PERSON_COLUMNS}, EXISTS (SELECT 1 FROM person_organisations s WHERE s.person_id = p.id AND s.organisation_id = $2 AND s.withdrawn_at IS NULL) AS shared
       FROM persons p WHERE id = $1`,
      [id, auth.organisationId],
    );
    if (!row || (!row.shared && auth.role !== Role.Admin)) throw AppException.notFound(PERSON);
    delete row.shared;
    return row;
  }

  /** Decrypts the name; the caller records the read. */
  reveal(r: PersonRow): TrialPersonView {
    const { displayNameEncrypted, ...rest } = r;
    return { ...rest, displayName: this.personal.open(displayNameEncrypted, trialAad.personName(r.id)), createdAt: new Date(r.createdAt).toISOString() };
  }

  async policy(municipalityCode: string, db: DataSource | EntityManager = this.db): Promise<TrialPolicyView> {
    const [row] = await db.query(
      `SELECT p.max_consecutive_nights AS "maxConsecutiveNights", p.max_nights_per_fiscal_year AS "maxNightsPerFiscalYear",
              p.updated_at AS "updatedAt", u.display_name AS "updatedByName"
       FROM trial_stay_policies p LEFT JOIN users u ON u.id = p.updated_by WHERE p.municipality_code = $1`,
      [municipalityCode],
    );
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
      const [org] = await this.db.query(`SELECT municipality_code AS code FROM organisations WHERE id = $1`, [auth.organisationId]);
      if (org?.code !== municipalityCode) throw AppException.forbidden('Only this municipality may set its limits', 'この市町村の上限は当該市町村のみ設定できます');
    }
    const incoherent = checkTrialPolicy(dto);
    if (incoherent) {
      throw AppException.invalidField(incoherent.field, incoherent.kind, {
        ja: `「連続利用の上限（泊）」は「年度あたりの上限（泊）」（${incoherent.max}泊）以下にしてください`,
        en: `maxConsecutiveNights must not exceed maxNightsPerFiscalYear (${incoherent.max})`,
      });
    }
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO trial_stay_policies(municipality_code, max_consecutive_nights, max_nights_per_fiscal_year, updated_by, updated_at) VALUES ($1,$2,$3,$4,$5)
         ON CONFLICT (municipality_code) DO UPDATE SET max_consecutive_nights = EXCLUDED.max_consecutive_nights,
           max_nights_per_fiscal_year = EXCLUDED.max_nights_per_fiscal_year, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
        [municipalityCode, dto.maxConsecutiveNights, dto.maxNightsPerFiscalYear, auth.userId, this.clock.now()],
      );
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
    const [{ used }] = await db.query(
      `SELECT coalesce(sum(upper(nights * r) - lower(nights * r)), 0)::int AS used
       FROM trial_stays, daterange($2::date, $3::date) AS r
       WHERE person_id = $1 AND status IN ('requested','approved') AND nights && r`,
      [personId, start, end],
    );
    return used;
  }

  async summary(auth: AuthUser, id: string, fiscalYear?: number): Promise<TrialPersonSummary> {
    const row = await this.own(auth, id);
    const fy = fiscalYear ?? fiscalYearOf(serviceNight(this.clock.now()));
    const { start, end } = fiscalYearRange(fy);
    const policy = await this.policy(row.municipalityCode);
    const used = await this.usedNights(this.db, id, start, end);
    const rows: StayRow[] = await this.db.query(
      `SELECT ${STAY_COLUMNS} ${STAY_FROM} WHERE s.person_id = $1 AND s.nights && daterange($2::date, $3::date) ORDER BY lower(s.nights), s.created_at`,
      [id, start, end],
    );
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
      throw AppException.invalidField('municipalityCode', 'unknown_municipality', { ja: `市区町村コード「${code}」は登録されていません`, en: `Unknown municipality code ${code}` });
    }
  }
}

