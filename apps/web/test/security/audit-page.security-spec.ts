import { DEMO } from '../../../api/test/support/test-app';
import { useWebApp } from '../support/browser';
import { openAs } from '../support/session';

/** The audit page in the browser: admins filter and export, officers see their municipality; phone width too. */
describe('the audit page', () => {
  const env = useWebApp();

  it('lets an admin read, filter and export the log, with the integrity check shown', async () => {
    const page = await openAs(env.browser, env.t.url, DEMO.admin, '/admin/audit');
    await page.getByRole('heading', { name: '監査ログ' }).waitFor();
    await page.locator('[data-testid="audit-integrity"][data-status="ok"]').waitFor({ timeout: 10000 });
    await page.locator('[data-testid="audit-entry"][data-action="auth.login"]').first().waitFor();
    await page.getByLabel('操作').fill('export');
    await page.getByText('該当する記録はありません').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSVで出力' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-.*\.csv$/);
    await page.getByLabel('操作').fill('');
    await page.locator('[data-testid="audit-entry"][data-action="export.audit_csv"]').first().waitFor();
    await page.context().close();
  });

  it('shows a municipal officer their municipality’s entries at phone width, without names or details', async () => {
    const page = await openAs(env.browser, env.t.url, DEMO.officer, '/municipality/audit', { width: 375, height: 740 });
    await page.getByRole('heading', { name: '監査ログ（市町村内）' }).waitFor();
    await page.locator('[data-testid="audit-entry"]').first().waitFor();
    const text = await page.locator('.audit-list').innerText();
    expect(text).toContain('宇城市 福祉部 障がい者支援課');
    expect(text).not.toContain('田中 誠');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.context().close();
  });
});
