import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { DEMO } from '../../api/test/support/test-app';
import { writeReportFixture } from '../../api/test/support/report-fixture';
import { useWebApp } from './support/browser';
import { openAs } from './support/session';

/**
 * The officer's annual report through the real UI over the fixture year: 令和7年度 with its charts
 * and the tables behind them, the Excel download opened with exceljs, the print view without the
 * site's navigation, and the page at phone width.
 */
/** AKIWA_SCREENSHOTS=/some/dir saves the key screens, for a look at the real layout. */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.AKIWA_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

describe('the annual report page', () => {
  const env = useWebApp();
  let total: number | null;

  beforeAll(async () => {
    const c = await env.t.login(DEMO.coordinator);
    const [{ id: kumamoto }] = await env.t.db.query(`SELECT id FROM organisations WHERE name = '熊本市基幹相談支援センター'`);
    await writeReportFixture(env.t.db, { uki: c.user.organisation.id, kumamoto }, c.user.id);
    const o = await env.t.login(DEMO.officer);
    total = (await env.t.request('GET', '/api/reports/annual?fiscalYear=2025', { token: o.accessToken })).body.requests.total;
    expect(total).toBeGreaterThan(10);
  });

  it('shows 令和7年度 with charts and tables, downloads the workbook, and prints without navigation', async () => {
    const page = await openAs(env.browser, env.t.url, DEMO.officer, '/municipality/reports');
    await page.getByRole('heading', { level: 1, name: '集計・年次検証' }).waitFor();
    await page.getByTestId('report-year').selectOption({ label: '令和7年度（2025年度）' });
    await page.getByTestId('report-period').filter({ hasText: '令和7年度（2025年4月1日〜2026年3月31日）' }).waitFor();
    expect(await page.getByTestId('report-scope').textContent()).toBe('宇城市');

    // the five functions as chapters, the charts drawn, a table behind every chart
    for (const name of ['1. 相談', '2. 緊急時の受け入れ・対応', '3. 体験の機会・場', '4. 専門的人材の確保・養成', '5. 地域の体制づくり']) {
      await page.getByRole('heading', { level: 2, name }).waitFor();
    }
    for (const chart of ['chart-monthly', 'chart-times', 'chart-unmet']) {
      const figure = page.getByTestId(chart);
      await figure.locator('svg.recharts-surface').first().waitFor();
      expect(await figure.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
      expect(await figure.locator('table').count()).toBe(1);
    }
    await shot(page, 'report-desktop');
    const monthly = page.getByTestId('report-table-monthly');
    expect(await monthly.locator('tbody tr').count()).toBe(13);
    expect(await monthly.locator('tbody tr').last().locator('td').last().textContent()).toBe(String(total));
    expect(await page.getByTestId('report-table-status').textContent()).toContain('—');
    // the fixture year has nobody in the ledger: the page says why 登録者数 shows 「—」
    expect(await page.getByTestId('report').getByText('この範囲の登録者台帳にはまだ登録がないため、登録者数は「—」と表示しています。').count()).toBe(1);

    // the workbook, opened with the library that wrote it
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Excel（.xlsx）をダウンロード' }).click()]);
    expect(download.suggestedFilename()).toBe('akiwa-report-municipality-43213-fy2025.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const sheet = wb.worksheets.find((w) => w.name.startsWith('緊急受入の依頼件数'))!;
    expect(sheet.getRow(1).values).toEqual([undefined, '月', '市町村内で受入', '圏域内で受入', '県内で受入', '受入先なし', '取消', '対応中', '合計']);
    expect(sheet.getRow(14).getCell(1).value).toBe('合計');
    expect(sheet.getRow(14).getCell(8).value).toBe(total);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['概要', '拠点等の整備状況（市町村別）']));

    // the officer writes a section and it stays
    const issues = page.getByTestId('chapter-emergency').getByRole('textbox', { name: '課題' });
    await issues.fill('精神・障害児を受け入れる短期入所が市内にない');
    await page.getByTestId('chapter-emergency').getByRole('button', { name: '保存' }).nth(1).click();
    await page.getByTestId('chapter-emergency').getByText('保存しました').waitFor();

    // A4 print: no navigation, no controls; the report and the written text are there
    await page.emulateMedia({ media: 'print' });
    await shot(page, 'report-print');
    expect(await page.getByRole('navigation', { name: 'メインメニュー' }).isVisible()).toBe(false);
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Excel（.xlsx）をダウンロード' }).isVisible()).toBe(false);
    expect(await page.getByTestId('report-table-monthly').isVisible()).toBe(true);
    expect(await page.getByTestId('chapter-emergency').locator('p.report-text-body').filter({ hasText: '精神・障害児を受け入れる短期入所が市内にない' }).isVisible()).toBe(true);
    expect(await page.getByTestId('chapter-emergency').getByRole('textbox', { name: '課題' }).isVisible()).toBe(false);
    await page.context().close();
  });

  it('fits a phone: nothing wider than the screen but the tables, which scroll inside themselves', async () => {
    const page = await openAs(env.browser, env.t.url, DEMO.officer, '/municipality/reports', { width: 375, height: 740 });
    await page.getByTestId('report-year').selectOption({ label: '令和7年度（2025年度）' });
    await page.getByTestId('chart-monthly').locator('svg.recharts-surface').first().waitFor();
    await shot(page, 'report-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.context().close();
  });

  it('lets the officer set the trial-stay limits (consecutive ≤ yearly) and shows who changed them', async () => {
    const page = await openAs(env.browser, env.t.url, DEMO.officer, '/municipality/settings', { width: 375, height: 740 });
    const card = page.getByTestId('trial-policy');
    await card.getByText('国の基準を適用中').waitFor();
    expect(await card.getByTestId('changed-by').textContent()).toBe('まだ変更されていません');
    await card.getByLabel('連続利用の上限（泊）').fill('40');
    await card.getByLabel('年度の上限（泊）').fill('30');
    await card.locator('.field-error').filter({ hasText: '連続利用の上限は年度の上限以下にしてください。' }).waitFor();
    expect(await card.getByRole('button', { name: '保存' }).isDisabled()).toBe(true);
    await card.getByLabel('連続利用の上限（泊）').fill('14');
    await card.getByLabel('年度の上限（泊）').fill('40');
    await card.getByRole('button', { name: '保存' }).click();
    await card.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
    await card.getByTestId('changed-by').filter({ hasText: '最終変更：宇城市 障がい者支援課 田中 誠' }).waitFor();
    await page.getByTestId('region-settings').getByText('共有していません').waitFor();
    await page.context().close();
  });
  it('lets the officer set the 圏域’s widening and response windows at desktop and phone width, refusing a bad value by its Japanese label', async () => {
    for (const [i, viewport] of [{ width: 1280, height: 800 }, { width: 375, height: 740 }].entries()) {
      const page = await openAs(env.browser, env.t.url, DEMO.officer, '/municipality/settings', viewport);
      const card = page.getByTestId('region-windows');
      await card.getByRole('heading', { name: '緊急受入の時間：宇城圏域' }).waitFor();
      const widen = card.getByLabel('範囲を広げるまでの分数');
      const answer = card.getByLabel('事業所の回答期限（分）');
      if (i === 0) {
        expect(await card.getByTestId('changed-by').textContent()).toBe('まだ変更されていません');
        expect(await widen.inputValue()).toBe('');
        await widen.fill('0');
        await card.getByRole('button', { name: '緊急受入の時間を保存' }).click();
        await card.locator('.field-error').filter({ hasText: '範囲を広げるまでの分数' }).waitFor();
        await widen.fill('25');
        await answer.fill('40');
      } else {
        // what the desktop saved, then the answer window back to the default
        expect([await widen.inputValue(), await answer.inputValue()]).toEqual(['25', '40']);
        await answer.fill('');
      }
      await card.getByRole('button', { name: '緊急受入の時間を保存' }).click();
      await card.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
      await card.getByTestId('changed-by').filter({ hasText: '最終変更：宇城市 障がい者支援課 田中 誠' }).waitFor();
      await shot(page, `region-windows-${viewport.width}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.context().close();
    }
    const [row] = await env.t.db.query(`SELECT widen_minutes, answer_minutes FROM regions WHERE id = '43-uki'`);
    expect(row).toEqual({ widen_minutes: 25, answer_minutes: null });
  });
});
