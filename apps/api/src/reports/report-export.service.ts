import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { ReportChapter, ReportSection, type AnnualReport, type ReportTextsView } from '@akiwa/contracts';
import { formatCell, reportTables, type ReportCell } from '@akiwa/domain';
import { toCsv } from '../bulk/csv-codec';

const CHAPTER_JA: Record<ReportChapter, string> = {
  consultation: '相談',
  emergency: '緊急時の受け入れ・対応',
  trial: '体験の機会・場',
  specialists: '専門的人材の確保・養成',
  network: '地域の体制づくり',
};
const SECTION_JA: Record<ReportSection, string> = { results: '実績', issues: '課題', direction: '今後の方向性' };

/** The report as files for the 協議会: an Excel workbook (one sheet per table, Japanese headers) and a CSV. */
@Injectable()
export class ReportExport {
  async xlsx(report: AnnualReport, texts: ReportTextsView | null): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Akiwa';
    const cover = wb.addWorksheet('概要');
    cover.addRows([
      ['地域生活支援拠点等 運用状況の検証'],
      ['対象', report.scope.name],
      ['期間', report.period.label],
      ['注記', `${report.suppressBelow}未満の件数は個人が特定されないよう「${report.suppressBelow}未満」と表示しています。登録者数は登録者台帳の導入後に集計します。`],
    ]);
    cover.getColumn(1).width = 16;
    cover.getColumn(2).width = 80;
    cover.getRow(1).font = { bold: true, size: 14 };
    const used = new Set<string>(['概要']);
    for (const t of reportTables(report, 'ja')) {
      const ws = wb.addWorksheet(sheetName(t.title, used));
      ws.addRow(t.headers).font = { bold: true };
      for (const row of t.rows) ws.addRow(row.map((c) => this.cell(c, report.suppressBelow)));
      ws.columns.forEach((col, i) => (col.width = i === 0 ? 36 : 16));
      ws.views = [{ state: 'frozen', ySplit: 1 }];
    }
    if (texts) {
      const ws = wb.addWorksheet('所見');
      ws.addRow(['機能', '項目', '内容']).font = { bold: true };
      for (const t of texts.texts) if (t.body) ws.addRow([CHAPTER_JA[t.chapter], SECTION_JA[t.section], t.body]);
      ws.getColumn(3).width = 100;
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /** Every table one after another (title, header, rows, a blank line): UTF-8 with BOM, formulas escaped (toCsv). */
  csv(report: AnnualReport): string {
    const lines: (string | number)[][] = [[`${report.scope.name} ${report.period.label}`]];
    for (const t of reportTables(report, 'ja')) {
      lines.push([], [t.title], t.headers);
      for (const row of t.rows) lines.push(row.map((c) => this.cell(c, report.suppressBelow)));
    }
    const [first, ...rest] = lines;
    return toCsv(first.map(String), rest);
  }

  /** Numbers stay numbers (Excel can sum them); everything else as the page reads it. */
  private cell(c: ReportCell, threshold: number): string | number {
    return typeof c === 'number' ? c : formatCell(c, threshold);
  }
}

/** Excel sheet names: at most 31 characters, none of []:*?/\, unique. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, '・').slice(0, 28);
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}${i}`;
  used.add(name);
  return name;
}
