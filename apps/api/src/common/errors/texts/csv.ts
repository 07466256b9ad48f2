import type { Bilingual } from '../app.exception';

/**
 * CSV imports (units, vacancies, the ledger). Row texts name the column by its Japanese header and
 * the field in English.
 */
export const CsvTexts = {
  notCsv: { ja: 'CSV（text/csv）で送ってください', en: 'Send the CSV as text/csv' },
  empty: { ja: 'CSVが空です', en: 'The CSV is empty' },
  syntax: (line: number | undefined, reason: string): Bilingual => ({
    ja: `CSVの形式が正しくありません${line ? `（${line}行目付近）` : ''}`,
    en: `The CSV cannot be read${line ? ` (near line ${line})` : ''}: ${reason}`,
  }),
  tooManyRows: (maxRows: number): Bilingual => ({ ja: `CSVは${maxRows}行までにしてください`, en: `The CSV may have at most ${maxRows} rows` }),
  missingHeader: (header: string): Bilingual => ({ ja: `見出し「${header}」がありません`, en: `Missing column "${header}"` }),
  rejected: (rows: number): Bilingual => ({ ja: `CSVに誤りがあります（${rows}行）。どの行も取り込んでいません`, en: `The CSV has errors in ${rows} row(s); nothing was imported` }),
  /** A rule's message with the column header in place of the API field (「free」 → 「空床数」). */
  withColumn: (message: Bilingual, field: string, header: string): Bilingual => ({ ja: message.ja.replace(`「${field}」`, `「${header}」`), en: message.en }),
  badValue: (header: string, field: string, value: string, what: string): Bilingual => ({
    ja: `「${header}」の値「${value}」は使えません（${what}）`,
    en: `${field}: "${value}" is not valid (${what})`,
  }),
  /** What a badValue cell should have held. */
  expected: { integer: '整数', yesNo: 'はい・いいえ', possible: '可・不可' },
  /** The accepted labels, as listed in a badValue text. */
  choices: (labels: readonly string[]) => labels.join('・'),
  repeats: (header: string, field: string, row: number): Bilingual => ({ ja: `「${header}」が${row}行目と重複しています`, en: `${field} repeats row ${row}` }),

  // units
  unitToUpdateNotFound: (header: string): Bilingual => ({
    ja: `「${header}」のユニットが見つかりません（自事業所の廃止されていないユニットのみ更新できます）`,
    en: 'No active unit of your organisation has this id',
  }),
  unitVersionOutdated: (header: string, now: number): Bilingual => ({ ja: `「${header}」が古くなっています（現在 ${now}）`, en: `version is outdated (now ${now})` }),
  unitNameUsed: (header: string): Bilingual => ({ ja: `「${header}」は既に他のユニットで使われています`, en: 'name is already used by another unit' }),

  // vacancies
  vacancyUnitNotFound: (header: string): Bilingual => ({
    ja: `「${header}」のユニットが見つかりません（自事業所の廃止されていないユニットのみ）`,
    en: 'No active unit of your organisation has this id',
  }),
  vacancyGenderNotAllowed: (label: string, gender: string): Bilingual => ({
    ja: `このユニットの居室には「${label}」の空床は登録できません`,
    en: `This unit's rooms cannot have ${gender} vacancies`,
  }),
  vacancyAboveCapacity: (header: string, capacity: number, night: string): Bilingual => ({
    ja: `「${header}」が定員（${capacity}）を超えます（同じ日の他の性別の行を含む）`,
    en: `free exceeds the capacity of ${capacity} on ${night} (with the other genders)`,
  }),
  vacancyBelowHeld: (header: string, held: number, night: string): Bilingual => ({
    ja: `「${header}」が確保中の床数（${held}）を下回ります`,
    en: `free is below the ${held} beds held on ${night}`,
  }),
  vacancyUnitIdNotUuid: (header: string): Bilingual => ({ ja: `「${header}」の形式が正しくありません（UUID）`, en: 'unitId must be a UUID' }),
  vacancyNightNotDate: (header: string): Bilingual => ({ ja: `「${header}」は日付（YYYY-MM-DD）で入力してください`, en: 'night must be a date (YYYY-MM-DD)' }),
  vacancyGenderChoice: (header: string): Bilingual => ({ ja: `「${header}」は 指定なし・男性・女性 のいずれかにしてください`, en: 'gender must be any, male or female' }),
  vacancyFreeNegative: (header: string): Bilingual => ({ ja: `「${header}」は0以上にしてください`, en: 'free must not be negative' }),
  vacancyFreeNotInteger: (header: string): Bilingual => ({ ja: `「${header}」は整数で入力してください`, en: 'free must be an integer' }),
  vacancyRowRepeated: (first: number): Bilingual => ({ ja: `同じユニット・日付・性別の行が${first}行目にもあります`, en: `Same unit, night and gender as row ${first}` }),

  // the ledger
  samePersonAsRow: (first: number): Bilingual => ({ ja: `${first}行目と同じ方（ふりがな・生年月日）です`, en: `Same person as row ${first}` }),
  alreadyInLedger: { ja: 'この方（ふりがな・生年月日）は既に台帳に登録されています', en: 'Already in the ledger' },
};
