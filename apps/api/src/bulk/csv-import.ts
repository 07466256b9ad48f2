import { ErrorCode, type CsvImportReport } from '@akiwa/contracts';
import { AppException, type Bilingual } from '../common/errors/app.exception';
import { CsvTexts } from '../common/errors/texts';

export type RowError = CsvImportReport['errors'][number];

/** Collects per-row errors of one import. */
export class RowErrors {
  readonly list: RowError[] = [];
  add(row: number, field: string, message: Bilingual) {
    this.list.push({ row, field, message });
  }
  /** A service rule's AppException becomes errors of this row (its details name the fields). */
  addException(row: number, e: unknown) {
    if (!(e instanceof AppException)) throw e;
    if (e.details.length) for (const d of e.details) this.add(row, d.field, d.message);
    else this.add(row, 'row', e.bilingual);
  }
  hasRow(row: number) {
    return this.list.some((e) => e.row === row);
  }
  get any() {
    return this.list.length > 0;
  }
}

/** Headers the file must have, checked before any row. */
export function requireHeaders(headers: string[], required: string[]) {
  const errors = new RowErrors();
  for (const h of required) if (!headers.includes(h)) errors.add(1, h, CsvTexts.missingHeader(h));
  if (errors.any) throw importRejected(errors);
}

/**
 * An invalid file is refused as a whole: 400 `validation_failed` like any invalid input, with
 * `details` naming `rows.<row>.<field>` and the full CsvImportReport as `report`. Nothing is written.
 */
export function importRejected(errors: RowErrors): AppException {
  const sorted = [...errors.list].sort((a, b) => a.row - b.row);
  const report: CsvImportReport = { ok: false, written: 0, errors: sorted };
  const n = new Set(sorted.map((e) => e.row)).size;
  return new AppException(
    ErrorCode.ValidationFailed,
    CsvTexts.rejected(n),
    sorted.slice(0, 200).map((e) => ({ field: `rows.${e.row}.${e.field}`, code: 'csv_row', message: e.message })),
    { report },
  );
}
