import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CsvImportReport, RoomGender, VacancyGender, VacancyNight } from '@akiwa/contracts';
import { addDays, allowedVacancyGenders, checkFreeBeds, isCalendarDate } from '@akiwa/domain';
import type { AuthUser } from '../common/auth/auth-user';
import { AppException } from '../common/errors/app.exception';
import { returning } from '../database/sql';
import { VacanciesService } from '../vacancies/vacancies.service';
import { ServiceNights } from '../areas/service-nights.service';
import { checkWindow, checkWritableNight, DEFAULT_WINDOW_DAYS } from '../vacancies/vacancy-window';
import { parseCsv, toCsv } from './csv-codec';
import { importRejected, requireHeaders, RowErrors } from './csv-import';
import { fromLabel, VACANCY_GENDER_LABELS } from './csv-labels';

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

interface LockedUnit {
  id: string;
  municipalityCode: string;
  capacity: number;
  roomGender: RoomGender;
  vacancyVersion: number;
}

const jst = (d: Date) =>
  new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

@Injectable()
export class VacanciesCsvService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly vacancies: VacanciesService,
    private readonly serviceNights: ServiceNights,
  ) {}

  /** The organisation's vacancy rows in [from, to] (default tonight + 30), in the import format. */
  async export(auth: AuthUser, q: { from?: string; to?: string }): Promise<string> {
    const from = q.from ?? (await this.organisationTonight(auth));
    const to = q.to ?? addDays(from, DEFAULT_WINDOW_DAYS);
    checkWindow(from, to);
    const rows: { unitId: string; unitName: string; night: string; gender: VacancyGender; free: number; held: number; confirmedAt: Date }[] = await this.db.query(
      `SELECT u.id AS "unitId", u.name AS "unitName", v.night::text AS night, v.gender, v.free, v.held, v.confirmed_at AS "confirmedAt"
       FROM units u JOIN vacancies v ON v.unit_id = u.id
       WHERE u.organisation_id = $1 AND u.retired_at IS NULL AND v.night BETWEEN $2 AND $3
       ORDER BY u.name, u.id, v.night, v.gender`,
      [auth.organisationId, from, to],
    );
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
      const locked = new Map(
        (await returning<LockedUnit>(
          tx,
          `UPDATE units SET vacancy_version = vacancy_version + 1
           WHERE id = ANY($1::uuid[]) AND organisation_id = $2 AND retired_at IS NULL
           RETURNING id, municipality_code AS "municipalityCode", capacity, room_gender AS "roomGender", vacancy_version AS "vacancyVersion"`,
          [unitIds, auth.organisationId],
        )).map((u) => [u.id, u]),
      );
      const existing: { unitId: string; night: string; gender: VacancyGender; free: number; held: number }[] = await tx.query(
        `SELECT unit_id AS "unitId", night::text AS night, gender, free, held FROM vacancies
         WHERE unit_id = ANY($1::uuid[]) AND night = ANY($2::date[])`,
        [[...locked.keys()], [...new Set(rows.map((r) => r.night))]],
      );
      const key = (unitId: string, night: string, gender: string) => `${unitId}|${night}|${gender}`;
      const freeAfter = new Map(existing.map((e) => [key(e.unitId, e.night, e.gender), e.free]));
      for (const r of rows) freeAfter.set(key(r.unitId, r.night, r.gender), r.free);

      for (const r of rows) {
        const unit = locked.get(r.unitId);
        if (!unit) {
          errors.add(r.row, 'unitId', { ja: `「${COLUMNS.unitId}」のユニットが見つかりません（自事業所の廃止されていないユニットのみ）`, en: 'No active unit of your organisation has this id' });
          continue;
        }
        if (!allowedVacancyGenders(unit.roomGender).includes(r.gender)) {
          errors.add(r.row, 'gender', { ja: `このユニットの居室には「${VACANCY_GENDER_LABELS[r.gender]}」の空床は登録できません`, en: `This unit's rooms cannot have ${r.gender} vacancies` });
          continue;
        }
        const others = (['any', 'male', 'female'] as const).filter((g) => g !== r.gender).reduce((sum, g) => sum + (freeAfter.get(key(r.unitId, r.night, g)) ?? 0), 0);
        const held = existing.find((e) => e.unitId === r.unitId && e.night === r.night && e.gender === r.gender)?.held ?? 0;
        const problem = checkFreeBeds(r.free, { held, capacity: unit.capacity, otherGendersFree: others });
        if (problem === 'above_capacity') {
          errors.add(r.row, 'free', { ja: `「${COLUMNS.free}」が定員（${unit.capacity}）を超えます（同じ日の他の性別の行を含む）`, en: `free exceeds the capacity of ${unit.capacity} on ${r.night} (with the other genders)` });
        } else if (problem === 'below_held') {
          errors.add(r.row, 'free', { ja: `「${COLUMNS.free}」が確保中の床数（${held}）を下回ります`, en: `free is below the ${held} beds held on ${r.night}` });
        }
      }
      if (errors.any) throw importRejected(errors);

      const changes: { unit: LockedUnit; nights: VacancyNight[] }[] = [];
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
    return this.serviceNights.tonight(async () => (await this.db.query(`SELECT municipality_code AS code FROM organisations WHERE id = $1`, [auth.organisationId]))[0]?.code);
  }

  private readRow(row: number, v: Record<string, string>, errors: RowErrors, tonight: string): VacancyRow | null {
    const cell = (c: Column) => (v[COLUMNS[c]] ?? '').normalize('NFKC').trim();
    const unitId = cell('unitId');
    if (!UUID_RE.test(unitId)) errors.add(row, 'unitId', { ja: `「${COLUMNS.unitId}」の形式が正しくありません（UUID）`, en: 'unitId must be a UUID' });
    // Excel turns 2026-11-25 into 2026/11/25
    const night = cell('night').replace(/^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, (_, y, m, d) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
    if (!isCalendarDate(night)) {
      errors.add(row, 'night', { ja: `「${COLUMNS.night}」は日付（YYYY-MM-DD）で入力してください`, en: 'night must be a date (YYYY-MM-DD)' });
    } else {
      try {
        checkWritableNight(night, 'night', tonight);
      } catch (e) {
        errors.addException(row, e instanceof AppException ? relabel(e, COLUMNS.night) : e);
      }
    }
    const gender = cell('gender') === '' ? 'any' : fromLabel(VACANCY_GENDER_LABELS, cell('gender'));
    if (!gender) errors.add(row, 'gender', { ja: `「${COLUMNS.gender}」は 指定なし・男性・女性 のいずれかにしてください`, en: 'gender must be any, male or female' });
    const free = /^\d+$/.test(cell('free')) ? Number(cell('free')) : NaN;
    if (!Number.isInteger(free)) {
      const negative = /^-\d+$/.test(cell('free'));
      errors.add(row, 'free', negative
        ? { ja: `「${COLUMNS.free}」は0以上にしてください`, en: 'free must not be negative' }
        : { ja: `「${COLUMNS.free}」は整数で入力してください`, en: 'free must be an integer' });
    }
    if (errors.hasRow(row)) return null;
    return { row, unitId: unitId.toLowerCase(), night, gender: gender!, free };
  }

  private checkDuplicates(rows: VacancyRow[], errors: RowErrors) {
    const seen = new Map<string, number>();
    for (const r of rows) {
      const k = `${r.unitId}|${r.night}|${r.gender}`;
      const first = seen.get(k);
      if (first) errors.add(r.row, 'night', { ja: `同じユニット・日付・性別の行が${first}行目にもあります`, en: `Same unit, night and gender as row ${first}` });
      else seen.set(k, r.row);
    }
  }
}

/** A night check's message, with the CSV column name in place of the API field. */
function relabel(e: AppException, header: string): AppException {
  return new AppException(e.code, e.bilingual, e.details.map((d) => ({ ...d, message: { ja: d.message.ja.replace('「night」', `「${header}」`), en: d.message.en } })));
}
