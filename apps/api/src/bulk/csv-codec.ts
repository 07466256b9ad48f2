import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import * as iconv from 'iconv-lite';
import { ErrorCode } from '@akiwa/contracts';
import { AppException } from '../common/errors/app.exception';
import { CsvTexts } from '../common/errors/texts';

const SHIFT_JIS_NAMES = new Set(['shift_jis', 'shift-jis', 'sjis', 'x-sjis', 'windows-31j', 'cp932', 'ms932', 'ms_kanji']);

/**
 * CSV bytes to text. Excel on Japanese Windows saves Shift_JIS (really CP932, its superset), newer
 * Excel "CSV UTF-8" adds a BOM: a declared charset wins, else valid UTF-8 is UTF-8 and anything
 * else is decoded as CP932. The BOM is dropped either way.
 */
export function decodeCsv(body: unknown, contentType: string | undefined): string {
  if (typeof body === 'string') return body.replace(/^\uFEFF/, '');
  if (!Buffer.isBuffer(body)) {
    throw new AppException(ErrorCode.UnsupportedMediaType, CsvTexts.notCsv);
  }
  if (body.length === 0) throw AppException.invalidField('body', 'isNotEmpty', CsvTexts.empty);
  const charset = /charset="?([\w-]+)"?/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset && SHIFT_JIS_NAMES.has(charset)) return iconv.decode(body, 'cp932').replace(/^\uFEFF/, '');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body); // drops a BOM
  } catch {
    return iconv.decode(body, 'cp932');
  }
}

export interface CsvRecord {
  /** Spreadsheet row number: the header is row 1. */
  row: number;
  values: Record<string, string>;
}

export interface ParsedCsv {
  headers: string[];
  records: CsvRecord[];
}

/** Parses with a header row; headers and values are trimmed, blank lines skipped. */
export function parseCsv(text: string, maxRows: number): ParsedCsv {
  let rows: string[][];
  try {
    rows = parse(text, { skip_empty_lines: true, relax_column_count: true, trim: true, bom: true });
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw AppException.invalidField('body', 'csv_syntax', CsvTexts.syntax(line, (e as Error).message));
  }
  if (rows.length === 0) throw AppException.invalidField('body', 'isNotEmpty', CsvTexts.empty);
  if (rows.length - 1 > maxRows) {
    throw AppException.invalidField('body', 'too_many_rows', CsvTexts.tooManyRows(maxRows));
  }
  const headers = rows[0].map((h) => h.normalize('NFKC').trim());
  const records = rows.slice(1).map((cells, i) => ({
    row: i + 2,
    values: Object.fromEntries(headers.map((h, j) => [h, unescapeCsvCell((cells[j] ?? '').trim())])),
  }));
  return { headers, records };
}

/** A text cell Excel or LibreOffice would run as a formula (CSV injection, CWE-1236). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text cells that would start a formula get a leading `'`, which spreadsheets show as text; numbers stay numbers. */
export function escapeCsvCell(cell: string | number): string | number {
  return typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Undoes escapeCsvCell on import, so an exported file imports back unchanged. */
export function unescapeCsvCell(cell: string): string {
  return /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;
}

/** Excel-friendly CSV: UTF-8 with BOM (so Excel does not guess Shift_JIS), CRLF line ends, formulas escaped. */
export function toCsv(headers: string[], rows: (string | number)[][]): string {
  return stringify([headers.map(escapeCsvCell), ...rows.map((r) => r.map(escapeCsvCell))], { bom: true, record_delimiter: 'windows' });
}
