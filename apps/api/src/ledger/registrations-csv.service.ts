import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource } from 'typeorm';
import {
  CARE_LEVEL_LABELS,
  CATEGORY_LABELS,
  CONSENT_BY_LABELS,
  NEED_LABELS,
  RISK_FLAG_LABELS,
  URGENCY_LABELS,
  type CsvImportReport,
  type RegistrationForm,
} from '@akiwa/contracts';
import { ageBandOn, normaliseName, serviceNight } from '@akiwa/domain';
import type { AuthUser } from '../common/auth/auth-user';
import { PersonalDataCipher } from '../common/crypto/personal-data.cipher';
import { flattenValidationErrors } from '../common/errors/validation-messages';
import { Clock } from '../common/time/clock';
import { AuditLog } from '../audit/audit-log.service';
import { parseCsv, toCsv } from '../bulk/csv-codec';
import { importRejected, requireHeaders, RowErrors } from '../bulk/csv-import';
import { fromLabel, listFromLabels, parseBoolean, toLabels } from '../bulk/csv-labels';
import { registrationIndexes } from './registration-index';
import { RegistrationInputDto } from './registration.dto';
import { RegistrationsRepository } from './registrations.repository';
import { RegistrationsService } from './registrations.service';
import { CsvTexts } from '../common/errors/texts';

type Kind = 'text' | 'int' | 'date' | 'bool' | { labels: Record<string, string>; list?: true };

/** One spreadsheet column: its header, where it goes in RegistrationInput, how the cell reads. */
interface Column {
  header: string;
  path: string;
  kind: Kind;
  required?: true;
}

const ja = <K extends string>(l: Record<K, { ja: string }>) => Object.fromEntries(Object.entries<{ ja: string }>(l).map(([k, v]) => [k, v.ja])) as Record<K, string>;
const SEX = { male: '男性', female: '女性' };
const RYOIKU = { A: 'A', B: 'B' };
const contact = (n: 1 | 2): Column[] => [
  { header: `緊急連絡先${n} 氏名`, path: `form.emergencyContacts.${n - 1}.name`, kind: 'text' },
  { header: `緊急連絡先${n} 続柄`, path: `form.emergencyContacts.${n - 1}.relation`, kind: 'text' },
  { header: `緊急連絡先${n} 住所`, path: `form.emergencyContacts.${n - 1}.address`, kind: 'text' },
  { header: `緊急連絡先${n} 連絡先`, path: `form.emergencyContacts.${n - 1}.phone`, kind: 'text' },
  { header: `緊急連絡先${n} 本人の同意`, path: `form.emergencyContacts.${n - 1}.consented`, kind: 'bool' },
];

/** In the order of 別紙3, then what the ledger adds; the same columns are exported and imported. */
export const LEDGER_COLUMNS: Column[] = [
  { header: '届出日', path: 'form.notifiedOn', kind: 'date', required: true },
  { header: '届出者 氏名', path: 'form.notifier.name', kind: 'text', required: true },
  { header: '届出者 ふりがな', path: 'form.notifier.nameKana', kind: 'text' },
  { header: '届出者 続柄', path: 'form.notifier.relation', kind: 'text' },
  { header: '氏名', path: 'form.registrant.name', kind: 'text', required: true },
  { header: 'ふりがな', path: 'form.registrant.nameKana', kind: 'text', required: true },
  { header: '生年月日', path: 'form.registrant.birthDate', kind: 'date', required: true },
  { header: '性別', path: 'form.registrant.sex', kind: { labels: SEX }, required: true },
  { header: '郵便番号', path: 'form.registrant.postalCode', kind: 'text' },
  { header: '住所', path: 'form.registrant.address', kind: 'text' },
  { header: '家の電話', path: 'form.registrant.homePhone', kind: 'text' },
  { header: '携帯電話', path: 'form.registrant.mobilePhone', kind: 'text' },
  { header: '身体障害者手帳 級', path: 'form.certificates.physicalGrade', kind: 'int' },
  { header: '療育手帳', path: 'form.certificates.ryoiku', kind: { labels: RYOIKU } },
  { header: '精神障害者保健福祉手帳 級', path: 'form.certificates.mentalGrade', kind: 'int' },
  { header: '自立支援医療', path: 'form.certificates.independenceSupportMedical', kind: 'bool' },
  { header: '特定医療費', path: 'form.certificates.specifiedMedicalExpenses', kind: 'bool' },
  { header: '手帳 その他', path: 'form.certificates.other', kind: 'text' },
  { header: '要介護区分', path: 'form.careLevel', kind: { labels: CARE_LEVEL_LABELS } },
  { header: '登録の理由', path: 'form.reason', kind: 'text' },
  { header: '主な障がい名又は病名', path: 'form.mainDisability', kind: 'text' },
  { header: '障害支援区分', path: 'profile.supportLevel', kind: 'int' },
  { header: '利用サービス', path: 'form.servicesUsed', kind: 'text' },
  { header: 'かかりつけ医療機関', path: 'form.familyDoctor', kind: 'text' },
  { header: '病状・治療状況', path: 'form.medicalCondition', kind: 'text' },
  { header: '服薬', path: 'form.medication', kind: 'text' },
  { header: 'その他', path: 'form.otherNotes', kind: 'text' },
  { header: '想定される緊急時と対応', path: 'form.expectedEmergency', kind: 'text' },
  { header: '緊急時に利用したいサービス', path: 'form.wantedServices', kind: 'text' },
  ...contact(1),
  ...contact(2),
  { header: '同居家族構成', path: 'form.household', kind: 'text' },
  { header: '市区町村コード', path: 'municipalityCode', kind: 'text', required: true },
  { header: '障害種別', path: 'profile.categories', kind: { labels: CATEGORY_LABELS.ja, list: true }, required: true },
  { header: '特別な支援', path: 'profile.specialNeeds', kind: { labels: NEED_LABELS.ja, list: true } },
  { header: 'リスク', path: 'riskFlags', kind: { labels: ja(RISK_FLAG_LABELS), list: true } },
  { header: '緊急度区分', path: 'urgencyTier', kind: { labels: URGENCY_LABELS.ja }, required: true },
  { header: '相談支援専門員 氏名', path: 'form.careConsultant.name', kind: 'text' },
  { header: '相談支援専門員 事業所', path: 'form.careConsultant.office', kind: 'text' },
  { header: '相談支援専門員 電話', path: 'form.careConsultant.phone', kind: 'text' },
  { header: '本人の希望', path: 'form.wishes', kind: 'text' },
  { header: '支給量（日／月）', path: 'grantedDays.daysPerMonth', kind: 'int' },
  { header: '支給期間 開始', path: 'grantedDays.from', kind: 'date' },
  { header: '支給期間 終了', path: 'grantedDays.to', kind: 'date' },
  { header: '次回見直し日', path: 'nextReviewOn', kind: 'date' },
  { header: '同意者', path: 'consent.by', kind: { labels: ja(CONSENT_BY_LABELS) }, required: true },
  { header: '同意日', path: 'consent.on', kind: 'date', required: true },
  { header: 'コーディネーターの覚え書き', path: 'form.coordinatorNotes', kind: 'text' },
];
const MAX_ROWS = 2000;

/** The header naming a validation path (`form.emergencyContacts.0.phone` → 緊急連絡先1 連絡先). */
function headerOf(path: string): string {
  const exact = LEDGER_COLUMNS.find((c) => c.path === path);
  if (exact) return exact.header;
  const parent = LEDGER_COLUMNS.find((c) => c.path.startsWith(`${path}.`) || path.startsWith(`${c.path}.`));
  return parent?.header ?? path;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.');
  let at: Record<string, unknown> = target;
  keys.slice(0, -1).forEach((k, i) => {
    at[k] ??= /^\d+$/.test(keys[i + 1]) ? [] : {};
    at = at[k] as Record<string, unknown>;
  });
  at[keys[keys.length - 1]] = value;
}

function getPath(source: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((at, k) => (at == null ? undefined : (at as Record<string, unknown>)[k]), source);
}

/**
 * The ledger as a spreadsheet (an existing Excel 台帳 in; a municipality's copy out). Import is all
 * rows or none: each row is checked by the API's own DTO and rules, errors name the row and the
 * column in Japanese, and only a clean file is written, in one transaction.
 */
@Injectable()
export class RegistrationsCsvService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registrations: RegistrationsService,
    private readonly repo: RegistrationsRepository,
    private readonly cipher: PersonalDataCipher,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async import(auth: AuthUser, text: string): Promise<CsvImportReport> {
    const { headers, records } = parseCsv(text, MAX_ROWS);
    requireHeaders(headers, LEDGER_COLUMNS.filter((c) => c.required).map((c) => c.header.normalize('NFKC')));
    const errors = new RowErrors();
    const rows: { row: number; dto: RegistrationInputDto }[] = [];
    for (const { row, values } of records) {
      const dto = this.readRow(row, values, errors);
      if (dto) rows.push({ row, dto });
    }
    for (const r of rows) await this.registrations.check(r.dto, this.db).catch((e) => errors.addException(r.row, renamed(e)));
    await this.checkDuplicates(auth, rows, errors);
    if (errors.any) throw importRejected(errors);

    await this.db.transaction(async (tx) => {
      for (const r of rows) await this.registrations.create(auth, r.dto, 'import', tx);
      await this.audit.record({ actor: auth, action: 'registration.import_csv', subjectType: 'organisation', subjectId: auth.organisationId, detail: { rows: rows.length } }, tx);
    });
    return { ok: true, written: rows.length, errors: [] };
  }

  /**
   * The registrations the caller may read (consent-scoped, as the ledger search), optionally of one
   * municipality, every field decrypted: one audited read naming every registration exported.
   */
  async export(auth: AuthUser, municipalityCode?: string): Promise<string> {
    const rows = await this.registrations.readableForms(auth, municipalityCode);
    await this.audit.record({
      actor: auth,
      action: 'registration.export_csv',
      subjectType: 'organisation',
      subjectId: auth.organisationId,
      detail: { municipalityCode: municipalityCode ?? null, ids: rows.map((r) => r.id) },
    });
    return toCsv(
      LEDGER_COLUMNS.map((c) => c.header),
      rows.map((r) => LEDGER_COLUMNS.map((c) => cellOf(c, getPath(r.input, c.path)))),
    );
  }

  private readRow(row: number, v: Record<string, string>, errors: RowErrors): RegistrationInputDto | null {
    const candidate: Record<string, unknown> = {};
    const before = errors.list.length;
    for (const c of LEDGER_COLUMNS) {
      const raw = v[c.header.normalize('NFKC')] ?? '';
      if (raw === '') continue;
      const bad = (what: string) => errors.add(row, c.path, CsvTexts.badValue(c.header, c.path, raw, what));
      const k = c.kind;
      if (k === 'text') setPath(candidate, c.path, raw);
      else if (k === 'date') {
        const d = raw.normalize('NFKC').replace(/[/.年月]/g, '-').replace(/日$/, '');
        const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(d);
        setPath(candidate, c.path, m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : raw);
      } else if (k === 'int') {
        const n = raw.normalize('NFKC');
        if (/^-?\d+$/.test(n)) setPath(candidate, c.path, Number(n));
        else bad(CsvTexts.expected.integer);
      } else if (k === 'bool') {
        const b = parseBoolean(raw);
        if (b === undefined) bad(CsvTexts.expected.yesNo);
        else setPath(candidate, c.path, b);
      } else if (k.list) {
        const codes = listFromLabels(k.labels, raw);
        if (!codes) bad(CsvTexts.choices(Object.values(k.labels)));
        else setPath(candidate, c.path, codes);
      } else {
        const code = fromLabel(k.labels, raw);
        if (!code) bad(CsvTexts.choices(Object.values(k.labels)));
        else setPath(candidate, c.path, code);
      }
    }
    // what a spreadsheet row leaves implicit
    const form = (candidate.form ??= {}) as Partial<RegistrationForm> & Record<string, unknown>;
    form.certificates ??= {};
    form.emergencyContacts = (form.emergencyContacts ?? []).filter(Boolean);
    const profile = (candidate.profile ??= {}) as Record<string, unknown>;
    profile.categories ??= [];
    profile.specialNeeds ??= [];
    profile.supportLevel ??= null;
    const birth = form.registrant?.birthDate;
    profile.child = typeof birth === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(birth) && ['0-5', '6-11', '12-17'].includes(ageBandOn(birth, serviceNight(this.clock.now(), 0)));
    candidate.riskFlags ??= [];
    const consent = (candidate.consent ??= {}) as Record<string, unknown>;
    consent.organisationIds = [];

    const dto = plainToInstance(RegistrationInputDto, candidate);
    const seen = new Set(errors.list.slice(before).map((e) => e.field));
    for (const d of flattenValidationErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true }))) {
      if (seen.has(d.field) || d.code === 'nestedValidation') continue;
      seen.add(d.field);
      errors.add(row, d.field, CsvTexts.withColumn(d.message, d.field, headerOf(d.field)));
    }
    return errors.hasRow(row) ? null : dto;
  }

  /** The same person twice in the file, or already in the caller's ledger (name or kana, and birth date). */
  private async checkDuplicates(auth: AuthUser, rows: { row: number; dto: RegistrationInputDto }[], errors: RowErrors) {
    const seen = new Map<string, number>();
    for (const r of rows) {
      const key = `${normaliseName(r.dto.form.registrant.nameKana)}|${r.dto.form.registrant.birthDate}`;
      const first = seen.get(key);
      if (first) errors.add(r.row, 'form.registrant', CsvTexts.samePersonAsRow(first));
      else seen.set(key, r.row);
    }
    if (!rows.length) return;
    const keys = rows.map((r) => registrationIndexes(this.cipher, r.dto.form.registrant));
    const existing = await this.repo.sharedIndexesByBirth(auth.organisationId, keys.map((k) => k.birth));
    rows.forEach((r, i) => {
      if (existing.some((e) => e.kana && keys[i].kana && e.kana.equals(keys[i].kana!) && e.birth.equals(keys[i].birth))) {
        errors.add(r.row, 'form.registrant', CsvTexts.alreadyInLedger);
      }
    });
  }
}

/** A rule's field path in the message becomes the column header. */
function renamed(e: unknown): unknown {
  const details = (e as { details?: { field: string; message: { ja: string } }[] }).details;
  for (const d of details ?? []) d.message.ja = d.message.ja.replace(`「${d.field}」`, `「${headerOf(d.field)}」`);
  return e;
}

function cellOf(c: Column, value: unknown): string | number {
  if (value === undefined || value === null) return '';
  const k = c.kind;
  if (k === 'bool') return value ? 'はい' : 'いいえ';
  if (typeof k === 'object') return k.list ? toLabels(k.labels, value as string[]) : (k.labels[value as string] ?? String(value));
  return typeof value === 'number' ? value : String(value);
}
