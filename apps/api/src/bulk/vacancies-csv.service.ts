import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CsvImportReport, VacancyGender, VacancyNight } from '@akiwa/contracts';
import { addDays, allowedVacancyGenders, checkFreeBeds, isCalendarDate } from '@akiwa/domain';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { VacanciesRepository, type LockedUnitRecord } from '../vacancies/vacancies.repository';
import { VacanciesService } from '../vacancies/vacancies.service';
import { ServiceNights } from '../areas/service-nights.service';
import { checkWindow, checkWritableNight, DEFAULT_WINDOW_DAYS } from '../vacancies/vacancy-window';
import { parseCsv, toCsv } from './csv-codec';
import { importRejected, requireHeaders, RowErrors } from './csv-import';
import { fromLabel, VACANCY_GENDER_LABELS } from './csv-labels';
import { CsvTexts } from '../common/errors/texts';

const COLUMNS = {
  unitId: 'ユニットID',
  unitName: 'ユニット名',
  night: '日付',
  gender: '性別',
  free: '空床数',
  held: '確保中',
  confirmedAt: '最終確認',
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['unitId', 'night', 'gender', 'free'];
const MAX_ROWS = 20000;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface VacancyRow {
  row: number;
  unitId: string;
  night: string;
  gender: VacancyGender;
  free: number;
}

const jst = (d: Date) =>
  new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

@Injectable()
export class VacanciesCsvService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly vacancies: VacanciesService,
    private readonly repo: VacanciesRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly serviceNights: ServiceNights,
  ) {}

  /** The organisation's vacancy rows in [from, to] (default tonight + 30), in the import format. */
  async export(auth: AuthUser, q: { from?: string; to?: string }): Promise<string> {
    const from = q.from ?? (await this.organisationTonight(auth));
    const to = q.to ?? addDays(from, DEFAULT_WINDOW_DAYS);
    checkWindow(from, to);
    const rows = await this.repo.organisationRows(auth.organisationId, from, to);
    return toCsv(
      Object.values(COLUMNS),
      rows.map((r) => [r.unitId, r.unitName, r.night, VACANCY_GENDER_LABELS[r.gender], r.free, r.held, jst(r.confirmedAt)]),
    );
  }

  /**
   * Sets free beds from a CSV (unit, night, gender, free), confirmed now: all rows or none. A CSV
   * carries no expected version: it is a deliberate bulk overwrite, and bumps each unit's version.
   */
  async import(auth: AuthUser, text: string): Promise<CsvImportReport> {
    const { headers, records } = parseCsv(text, MAX_ROWS);
    requireHeaders(headers, REQUIRED.map((c) => COLUMNS[c]));
    const errors = new RowErrors();
    const tonight = await this.organisationTonight(auth);
    const rows = records.map((r) => this.readRow(r.row, r.values, errors, tonight)).filter((r): r is VacancyRow => r !== null);
    this.checkDuplicates(rows, errors);

    await this.db.transaction(async (tx) => {
      const unitIds = [...new Set(rows.map((r) => r.unitId))];
      // the version bump locks the organisation's units, serialising with every other vacancy write
      const locked = new Map((await this.repo.bumpVersions(tx, unitIds, auth.organisationId)).map((u) => [u.id, u]));
      const existing = await this.repo.rowsOn(tx, [...locked.keys()], [...new Set(rows.map((r) => r.night))]);
      const key = (unitId: string, night: string, gender: string) => `${unitId}|${night}|${gender}`;
      const freeAfter = new Map(existing.map((e) => [key(e.unitId, e.night, e.gender), e.free]));
      for (const r of rows) freeAfter.set(key(r.unitId, r.night, r.gender), r.free);

      for (const r of rows) {
        const unit = locked.get(r.unitId);
        if (!unit) {
          errors.add(r.row, 'unitId', CsvTexts.vacancyUnitNotFound(COLUMNS.unitId));
          continue;
        }
        if (!allowedVacancyGenders(unit.roomGender).includes(r.gender)) {
          errors.add(r.row, 'gender', CsvTexts.vacancyGenderNotAllowed(VACANCY_GENDER_LABELS[r.gender], r.gender));
          continue;
        }
        const others = (['any', 'male', 'female'] as const).filter((g) => g !== r.gender).reduce((sum, g) => sum + (freeAfter.get(key(r.unitId, r.night, g)) ?? 0), 0);
        const held = existing.find((e) => e.unitId === r.unitId && e.night === r.night && e.gender === r.gender)?.held ?? 0;
        const problem = checkFreeBeds(r.free, { held, capacity: unit.capacity, otherGendersFree: others });
        if (problem === 'above_capacity') {
          errors.add(r.row, 'free', CsvTexts.vacancyAboveCapacity(COLUMNS.free, unit.capacity, r.night));
        } else if (problem === 'below_held') {
          errors.add(r.row, 'free', CsvTexts.vacancyBelowHeld(COLUMNS.free, held, r.night));
        }
      }
      if (errors.any) throw importRejected(errors);

      const changes: { unit: LockedUnitRecord; nights: VacancyNight[] }[] = [];
      for (const unit of locked.values()) {
        const nights = await this.vacancies.upsert(tx, unit.id, auth.userId, rows.filter((r) => r.unitId === unit.id));
        await this.vacancies.publish(tx, { id: unit.id, organisationId: auth.organisationId, municipalityCode: unit.municipalityCode }, unit.vacancyVersion, nights, 'import');
        changes.push({ unit, nights });
      }
      return changes;
    });
    return { ok: true, written: rows.length, errors: [] };
  }

  /** 「今夜」 where the organisation is (looked up only when regions' night cutoffs differ). */
  private organisationTonight(auth: AuthUser): Promise<string> {
    return this.serviceNights.tonight(() => this.organisations.municipalityOf(auth.organisationId));
  }

  private readRow(row: number, v: Record<string, string>, errors: RowErrors, tonight: string): VacancyRow | null {
    const cell = (c: Column) => (v[COLUMNS[c]] ?? '').normalize('NFKC').trim();
    const unitId = cell('unitId');
    if (!UUID_RE.test(unitId)) errors.add(row, 'unitId', CsvTexts.vacancyUnitIdNotUuid(COLUMNS.unitId));
    // Excel turns 2026-11-25 into 2026/11/25
    const night = cell('night').replace(/^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, (_, y, m, d) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
    if (!isCalendarDate(night)) {
      errors.add(row, 'night', CsvTexts.vacancyNightNotDate(COLUMNS.night));
    } else {
      try {
        checkWritableNight(night, 'night', tonight);
      } catch (e) {
        errors.addException(row, e instanceof AppException ? relabel(e, COLUMNS.night) : e);
      }
    }
    const gender = cell('gender') === '' ? 'any' : fromLabel(VACANCY_GENDER_LABELS, cell('gender'));
    if (!gender) errors.add(row, 'gender', CsvTexts.vacancyGenderChoice(COLUMNS.gender));
    const free = /^\d+$/.test(cell('free')) ? Number(cell('free')) : NaN;
    if (!Number.isInteger(free)) {
      const negative = /^-\d+$/.test(cell('free'));
      errors.add(row, 'free', negative ? CsvTexts.vacancyFreeNegative(COLUMNS.free) : CsvTexts.vacancyFreeNotInteger(COLUMNS.free));
    }
    if (errors.hasRow(row)) return null;
    return { row, unitId: unitId.toLowerCase(), night, gender: gender!, free };
  }

  private checkDuplicates(rows: VacancyRow[], errors: RowErrors) {
    const seen = new Map<string, number>();
    for (const r of rows) {
      const k = `${r.unitId}|${r.night}|${r.gender}`;
      const first = seen.get(k);
      if (first) errors.add(r.row, 'night', CsvTexts.vacancyRowRepeated(first));
      else seen.set(k, r.row);
    }
  }
}

/** A night check's message, with the CSV column name in place of the API field. */
function relabel(e: AppException, header: string): AppException {
  return new AppException(e.code, e.bilingual, e.details.map((d) => ({ ...d, message: CsvTexts.withColumn(d.message, 'night', header) })));
}
