import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDays, serviceNight } from '@akiwa/domain';
import { DEMO } from '../../api/test/support/test-app';
import { useWebApp } from './support/browser';

const inDays = (n: number) => addDays(serviceNight(new Date()), n);
const DEMO_UNIT = 'グループホーム みすみ 1号棟';

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 812 } } as const;
type Viewport = (typeof VIEWPORTS)[keyof typeof VIEWPORTS];

async function logIn(browser: Browser, url: string, email: string, viewport: Viewport): Promise<{ context: BrowserContext; page: Page }> {
  const phone = viewport.width < 600;
  const context = await browser.newContext({ locale: 'ja-JP', viewport, hasTouch: phone, isMobile: phone });
  const page = await context.newPage();
  await page.goto(`${url}/`);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill('akiwa-demo-2026');
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByTestId('current-user').waitFor();
  return { context, page };
}

/** Searches the area for [from, to) and opens the booking panel of the demo group home. */
async function chooseDemoRoom(page: Page, from: string, to: string, area?: string) {
  const search = page.getByRole('region', { name: '空きを探す' });
  if (area) await search.locator('select[name="area"]').selectOption({ label: area });
  await search.getByLabel('入所日').fill(from);
  await search.getByLabel('退所日').fill(to);
  await search.getByRole('button', { name: '検索する' }).click();
  const hit = page.getByTestId('trial-hit').filter({ hasText: DEMO_UNIT });
  await hit.getByRole('button', { name: 'この居室で予約する' }).click();
  const panel = page.getByTestId('booking-panel');
  await panel.waitFor();
  return panel;
}

// each width on an app of its own (a fresh database): the flow books the demo room and uses the demo person's nights
for (const [name, viewport] of Object.entries(VIEWPORTS)) describe(`trial stays through the real UI (${name}, ${viewport.width} px)`, () => {
  const env = useWebApp();

  it('books 5 nights, the provider approves live, everyone sees the nights taken, and overlaps and 31 nights are refused', async () => {
    const coordinator = await logIn(env.browser, env.t.url, DEMO.coordinator, viewport);
    const provider = await logIn(env.browser, env.t.url, 'staff@misumi-gh.example', viewport);
    const page = coordinator.page;
    await page.goto(`${env.t.url}/coordinator/trial-stays`);
    await page.getByRole('heading', { level: 1, name: '体験利用予約' }).waitFor();
    await page.locator('select[name="personId"]').selectOption({ label: 'Aさん（体験希望）（30-49）' });
    await page.getByTestId('trial-usage').filter({ hasText: '上限50泊（残り50泊）' }).waitFor();

    // 1. a 5-night booking for the demo person
    const panel = await chooseDemoRoom(page, inDays(3), inDays(8));
    await panel.getByText('（5泊）').waitFor();
    expect(await panel.textContent()).toMatch(/令和\d+年\d+月\d+日 \(\d{4}年\d+月\d+日\)/);
    await panel.getByRole('button', { name: '予約を申請する' }).click();
    await panel.getByRole('status').filter({ hasText: '予約を申請しました' }).waitFor();
    const myStay = page.getByRole('list', { name: 'この方の体験利用' }).getByTestId('trial-stay');
    await myStay.getByTestId('stay-status').and(page.locator('[data-status="requested"]')).waitFor();
    await page.getByTestId('trial-usage').filter({ hasText: '5泊／上限50泊（残り45泊）' }).waitFor();

    // 2. the provider approves in its inbox; the coordinator's page updates without a reload
    await provider.page.goto(`${env.t.url}/provider/trial-stays`);
    await provider.page.getByTestId('waiting-prompts').waitFor();
    const inbox = provider.page.getByRole('list', { name: '承認待ちの申請' });
    const request = inbox.getByTestId('trial-stay').filter({ hasText: 'Aさん（体験希望）' });
    await request.getByText('宇城圏域基幹相談支援センター').waitFor();
    await request.getByRole('button', { name: '承認する' }).click();
    await provider.page.getByRole('list', { name: '承認済み・予定の体験利用' }).getByTestId('trial-stay').filter({ hasText: 'Aさん（体験希望）' }).waitFor();
    await myStay.getByTestId('stay-status').and(page.locator('[data-status="approved"]')).waitFor({ timeout: 10000 });

    // 3. another coordinator (another organisation) sees the nights as booked, without any name
    const other = await logIn(env.browser, env.t.url, DEMO.otherCoordinator, viewport);
    await other.page.goto(`${env.t.url}/coordinator/trial-stays`);
    const otherPanel = await chooseDemoRoom(other.page, inDays(9), inDays(11), '熊本県（全域）');
    if (inDays(7).slice(0, 7) !== inDays(9).slice(0, 7)) await otherPanel.getByRole('button', { name: '前の月' }).click();
    const taken = otherPanel.locator(`td[data-date="${inDays(7)}"]`);
    await taken.and(other.page.locator('[data-status="booked"]')).waitFor();
    expect(await otherPanel.textContent()).not.toContain('Aさん');
    // the day of leaving is free (it may be in the next month: turn the page, whatever today is)
    if (inDays(8).slice(0, 7) !== inDays(7).slice(0, 7)) await otherPanel.getByRole('button', { name: '次の月' }).click();
    const leaving = otherPanel.locator(`td[data-date="${inDays(8)}"]`);
    await leaving.waitFor();
    expect(await leaving.getAttribute('data-status')).toBe('open');

    // 4. an overlapping request for another person is refused with a clear message
    await page.getByText('新しい利用者を登録').click();
    await page.getByLabel('呼び名（例: Aさん）').fill('Dさん');
    await page.getByRole('checkbox', { name: '精神' }).check();
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByTestId('trial-usage').filter({ hasText: '0泊／上限50泊' }).waitFor();
    await panel.getByLabel('入所日').fill(inDays(5));
    await panel.getByLabel('退所日').fill(inDays(7));
    await panel.getByRole('button', { name: '予約を申請する' }).click();
    await panel.getByRole('alert').filter({ hasText: 'この期間はすでに予約が入っています' }).first().waitFor();

    // 5. a 31-night request is refused naming the 30-night limit
    await panel.getByLabel('入所日').fill(inDays(10));
    await panel.getByLabel('退所日').fill(inDays(41));
    await panel.getByRole('button', { name: '予約を申請する' }).click();
    await panel.getByRole('alert').filter({ hasText: '1回の体験利用は連続30泊までです（31泊を指定）' }).first().waitFor();
    expect(await panel.getByLabel('退所日').getAttribute('aria-invalid')).toBe('true');

    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport); // no sideways scroll of the page
    await Promise.all([coordinator.context.close(), provider.context.close(), other.context.close()]);
  });
});
