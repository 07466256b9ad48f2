import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource } from 'typeorm';
import type { CsvImportReport, UnitFields, UnitView } from '@akiwa/contracts';
import type { AuthUser } from '../common/auth/auth-user';
import { flattenValidationErrors } from '../common/errors/validation-messages';
import { CreateUnitDto } from '../units/unit.dto';
import { UnitsService } from '../units/units.service';
import { UnitsRepository } from '../units/units.repository';
import { parseCsv, toCsv } from './csv-codec';
import { importRejected, requireHeaders, RowErrors } from './csv-import';
import {
  booleanLabel, CATEGORY_LABELS, fromLabel, listFromLabels, NEED_LABELS, parseBoolean, ROOM_GENDER_LABELS, SERVICE_TYPE_LABELS, toLabels,
} from './csv-labels';
import { CsvTexts } from '../common/errors/texts';

/** Column header ↔ field. `ユニットID` empty = a new unit; `版` (version), when given, must be current. */
const COLUMNS = {
  id: 'ユニットID',
  name: '名称',
  serviceType: 'サービス種別',
  municipalityCode: '市区町村コード',
  capacity: '定員',
  categories: '障害種別',
  acceptsChildren: '障害児の受入',
  supportLevelMin: '障害支援区分（下限）',
  supportLevelMax: '障害支援区分（上限）',
  specialNeeds: '対応できる支援',
  roomGender: '居室の性別',
  emergencyOk: '緊急受入',
  trialOk: '体験利用',
  contact24h: '24時間連絡先',
  note: '備考',
  version: '版',
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['name', 'serviceType', 'municipalityCode', 'capacity', 'categories', 'acceptsChildren', 'supportLevelMin', 'supportLevelMax', 'roomGender', 'emergencyOk', 'trialOk'];
const MAX_ROWS = 2000;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface UnitRow {
  row: number;
  id?: string;
  version?: number;
  fields: UnitFields;
}

@Injectable()
export class UnitsCsvService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly units: UnitsService,
    private readonly unitRows: UnitsRepository,
  ) {}

  /** The organisation's active units, in the import format. */
  async export(auth: AuthUser): Promise<string> {
    const units = await this.unitRows.activeOf(auth.organisationId);
    return toCsv(
      Object.values(COLUMNS),
      units.map((u: UnitView) => [
        u.id, u.name, SERVICE_TYPE_LABELS[u.serviceType], u.municipalityCode, u.capacity, toLabels(CATEGORY_LABELS, u.categories),
        booleanLabel(u.acceptsChildren), u.supportLevelMin, u.supportLevelMax, toLabels(NEED_LABELS, u.specialNeeds),
        ROOM_GENDER_LABELS[u.roomGender], booleanLabel(u.emergencyOk), booleanLabel(u.trialOk), u.contact24h, u.note, u.version,
      ]),
    );
  }

  /** Creates and updates the organisation's units from a CSV: all rows or none. */
  async import(auth: AuthUser, text: string): Promise<CsvImportReport> {
    const { headers, records } = parseCsv(text, MAX_ROWS);
    requireHeaders(headers, REQUIRED.map((c) => COLUMNS[c].normalize('NFKC')));
    const errors = new RowErrors();
    const rows: UnitRow[] = [];
    for (const { row, values } of records) {
      const parsed = this.readRow(row, values, errors);
      if (parsed) rows.push(parsed);
    }
    for (const r of rows) await this.units.checkFields(r.fields).catch((e) => errors.addException(r.row, e));
    this.checkDuplicates(rows, errors);

    const written = await this.db.transaction(async (tx) => {
      // lock the units being updated, then check them against their current state
      const ids = rows.flatMap((r) => (r.id ? [r.id] : []));
      const current = new Map<string, UnitView>((await this.unitRows.lockViews(tx, ids)).map((u) => [u.id, u]));
      for (const r of rows) {
        if (!r.id) continue;
        const unit = current.get(r.id);
        if (!unit || unit.organisationId !== auth.organisationId || unit.retiredAt) {
          errors.add(r.row, 'id', CsvTexts.unitToUpdateNotFound(COLUMNS.id));
        } else if (r.version !== undefined && r.version !== unit.version) {
          errors.add(r.row, 'version', CsvTexts.unitVersionOutdated(COLUMNS.version, unit.version));
        } else {
          await this.units.checkVacanciesStillFit(tx, r.id, r.fields).catch((e) => errors.addException(r.row, e));
        }
      }
      const names = rows.map((r) => r.fields.name);
      const taken = await this.unitRows.namesTaken(tx, auth.organisationId, names, ids);
      for (const r of rows) {
        if (taken.includes(r.fields.name)) {
          errors.add(r.row, 'name', CsvTexts.unitNameUsed(COLUMNS.name));
        }
      }
      if (errors.any) throw importRejected(errors);

      const changed: { unit: UnitView; previousMunicipality?: string }[] = [];
      for (const r of rows) {
        if (r.id) {
          const before = current.get(r.id)!;
          const unit = await this.units.applyUpdate(tx, auth, r.id, before.version, r.fields, r.fields);
          changed.push({ unit: unit!, previousMunicipality: before.municipalityCode });
        } else {
          changed.push({ unit: await this.units.insert(tx, auth, r.fields) });
        }
      }
      for (const c of changed) await this.units.publish(tx, c.unit, c.previousMunicipality);
      return changed;
    });
    return { ok: true, written: written.length, errors: [] };
  }

  /** Cells to UnitFields, validated by the same DTO as the API. */
  private readRow(row: number, v: Record<string, string>, errors: RowErrors): UnitRow | null {
    const cell = (c: Column) => v[COLUMNS[c].normalize('NFKC')] ?? '';
    const bad = (field: string, what: string) =>
      errors.add(row, field, CsvTexts.badValue(COLUMNS[field as Column] ?? field, field, cell(field as Column), what));
    const enumOrBad = <T extends string>(c: Column, labels: Record<T, string>) => {
      const value = fromLabel(labels, cell(c));
      if (!value) bad(c, CsvTexts.choices(Object.values<string>(labels)));
      return value;
    };
    const listOrBad = <T extends string>(c: Column, labels: Record<T, string>) => {
      const value = listFromLabels(labels, cell(c));
      if (!value) bad(c, CsvTexts.choices(Object.values<string>(labels)));
      return value;
    };
    const boolOrBad = (c: Column) => {
      const value = parseBoolean(cell(c));
      if (value === undefined) bad(c, CsvTexts.expected.possible);
      return value;
    };
    const intOf = (c: Column) => (/^-?\d+$/.test(cell(c).normalize('NFKC')) ? Number(cell(c).normalize('NFKC')) : cell(c) === '' ? undefined : NaN);

    const id = cell('id') || undefined;
    if (id && !UUID_RE.test(id)) bad('id', 'UUID');
    const version = intOf('version');
    if (version !== undefined && !Number.isInteger(version)) bad('version', CsvTexts.expected.integer);
    const before = errors.list.length;
    const candidate = {
      name: cell('name'),
      serviceType: enumOrBad('serviceType', SERVICE_TYPE_LABELS),
      municipalityCode: cell('municipalityCode').normalize('NFKC'),
      capacity: intOf('capacity'),
      categories: listOrBad('categories', CATEGORY_LABELS),
      acceptsChildren: boolOrBad('acceptsChildren'),
      supportLevelMin: intOf('supportLevelMin'),
      supportLevelMax: intOf('supportLevelMax'),
      specialNeeds: listOrBad('specialNeeds', NEED_LABELS),
      roomGender: enumOrBad('roomGender', ROOM_GENDER_LABELS),
      emergencyOk: boolOrBad('emergencyOk'),
      trialOk: boolOrBad('trialOk'),
      contact24h: cell('contact24h'),
      note: cell('note'),
    };
    const dto = plainToInstance(CreateUnitDto, candidate);
    const seen = new Set(errors.list.slice(before).map((e) => e.field));
    for (const d of flattenValidationErrors(validateSync(dto, { stopAtFirstError: true }))) {
      const field = d.field.split('.')[0];
      if (seen.has(field)) continue;
      seen.add(field);
      errors.add(row, field, CsvTexts.withColumn(d.message, d.field, COLUMNS[field as Column] ?? field));
    }
    if (errors.hasRow(row)) return null;
    return { row, id, version, fields: dto as UnitFields };
  }

  private checkDuplicates(rows: UnitRow[], errors: RowErrors) {
    const byName = new Map<string, number>();
    const byId = new Map<string, number>();
    for (const r of rows) {
      const sameName = byName.get(r.fields.name);
      if (sameName) errors.add(r.row, 'name', CsvTexts.repeats(COLUMNS.name, 'name', sameName));
      else byName.set(r.fields.name, r.row);
      if (!r.id) continue;
      const sameId = byId.get(r.id);
      if (sameId) errors.add(r.row, 'id', CsvTexts.repeats(COLUMNS.id, 'id', sameId));
      else byId.set(r.id, r.row);
    }
  }
}
