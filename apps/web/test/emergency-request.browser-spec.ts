import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO, type TestApp } from '../../api/test/support/test-app';
import { launchBrowser, startWebApp } from './support/browser';

/**
 * The emergency flow through the real UI, three people at once: a coordinator posts a request with
 * the real form; the matching provider (A, 短期入所 うきさと: 知的・区分3–6・緊急受入可, two beds free
 * tonight) sees it arrive live and accepts; a provider that does not take 知的 (B, GH みすみ: 精神 only,
 * no emergency acceptance) never sees it; the coordinator sees the offer live and confirms; the bed
 * leaves the vacancy board; only A then sees the person's name.
 */
const PASSWORD = 'akiwa-demo-2026';
const PERSON_NAME = '宇城 一郎';
const UNIT_A = '短期入所 うきさと（併設型）';
const ORG_A = '短期入所事業所 うきさと';

async function logIn(page: Page, url: string, email: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(PASSWORD);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByTestId('current-user').waitFor();
  // the home page shows the live link: wait for it, then move on without reloading (same socket)
  await page.waitForSelector('[data-testid="connection-status"][data-state="connected"]', { timeout: 15000 });
}

/** Client-side navigation through the main menu (opening it first on a phone). */
async function openFromMenu(page: Page, name: string): Promise<void> {
  const menu = page.getByRole('button', { name: 'メニュー' });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name }).click();
}

async function inboxLoaded(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: '緊急依頼受信箱' }).waitFor();
  await page.locator('[data-testid="inbox-empty"], [data-testid="inbox-item"]').first().waitFor();
}

/** The free beds the coordinator's board shows for A's unit tonight (0 when the unit is not listed). */
async function boardAvailable(page: Page): Promise<number> {
  await page.getByRole('heading', { level: 1, name: '空き状況ボード' }).waitFor();
  await page.getByTestId('vacancy-row').first().waitFor();
  const row = page.getByTestId('vacancy-row').filter({ hasText: UNIT_A });
  if ((await row.count()) === 0) return 0;
  return Number(await row.getByTestId('vacancy-available').textContent());
}

/** Waits, on a board left open, for unit A's available beds to become `expected` (0: the row leaves the board). */
async function liveBoardShows(page: Page, expected: number): Promise<void> {
  await page.waitForFunction(
    ([name, want]) => {
      const row = [...document.querySelectorAll('[data-testid="vacancy-row"]')].find((r) => r.textContent?.includes(name));
      const shown = row ? Number(row.querySelector('[data-testid="vacancy-available"]')?.textContent?.replace(/\D/g, '')) : 0;
      return shown === want;
    },
    [UNIT_A, expected] as const,
    { timeout: 15000, polling: 'raf' },
  );
}

/** AKIWA_SCREENSHOTS=/some/dir saves the key screens, for a look at the real layout. */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.AKIWA_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

describe('an emergency request, live from posting to placement', () => {
  let t: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    [t, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  async function person(email: string, phone: boolean): Promise<Page> {
    const context = await browser.newContext(
      phone
        ? { locale: 'ja-JP', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
        : { locale: 'ja-JP', viewport: { width: 1280, height: 800 } },
    );
    contexts.push(context);
    const page = await context.newPage();
    await logIn(page, t.url, email);
    return page;
  }

  it('matches A only, shows the offer live, confirms it, takes the bed and discloses the person to A alone', async () => {
    const [coordinator, providerA, providerB] = await Promise.all([
      person(DEMO.coordinator, false),
      person(DEMO.providerStaff, true),
      person(DEMO.otherProviderStaff, true),
    ]);

    // Both providers watch their inboxes; nothing is there yet.
    await openFromMenu(providerA, '緊急依頼受信箱');
    await openFromMenu(providerB, '緊急依頼受信箱');
    await Promise.all([inboxLoaded(providerA), inboxLoaded(providerB)]);

    // A second coordinator screen keeps the board open (tonight, own municipality by default): A's unit has beds.
    const board = await person(DEMO.coordinator, false);
    await openFromMenu(board, '空き状況ボード');
    const before = await boardAvailable(board);
    expect(before).toBeGreaterThan(0);
    await board.waitForSelector('[data-testid="live-indicator"][data-live="true"]', { timeout: 15000 });
    const boardNavigations: string[] = [];
    board.on('framenavigated', (f) => boardNavigations.push(f.url()));

    // The coordinator fills in the real form: 知的, adult, 区分4, male, 宇城市, tonight, 1 night.
    await openFromMenu(coordinator, '緊急依頼');
    await coordinator.getByRole('link', { name: '新しい緊急依頼' }).click();
    await coordinator.getByRole('heading', { level: 1, name: '新しい緊急依頼' }).waitFor();
    await coordinator.getByRole('radio', { name: '男性' }).check();
    await coordinator.getByLabel('年齢帯').selectOption('30-49');
    expect(await coordinator.getByRole('checkbox', { name: '障害児（18歳未満）' }).isChecked()).toBe(false);
    await coordinator.getByRole('checkbox', { name: '知的' }).check();
    await coordinator.getByLabel('障害支援区分').selectOption('4');
    // defaults: the coordinator's own municipality, tonight, one night, 緊急対応
    expect(await coordinator.getByLabel('居住市町村').inputValue()).toBe('43213');
    expect(await coordinator.getByLabel('泊数').inputValue()).toBe('1');
    expect(await coordinator.getByRole('radio', { name: '緊急対応' }).isChecked()).toBe(true);
    await coordinator.getByLabel('状況（何が起きたか）').fill('同居の父が救急搬送され、今夜の介護者がいない。');
    await coordinator.getByText('本人情報（任意）').click();
    await coordinator.getByLabel('氏名').fill(PERSON_NAME);
    await coordinator.getByLabel('ふりがな').fill('うき いちろう');
    await coordinator.getByLabel('本人の意向').fill('いつもの短期入所で過ごしたい。');
    await coordinator.getByRole('button', { name: 'この内容で緊急依頼を送信' }).click();

    await coordinator.waitForURL((url) => /^\/coordinator\/requests\/(?!new$)[^/]+$/.test(url.pathname));
    const requestId = decodeURIComponent(new URL(coordinator.url()).pathname.split('/').pop()!);
    await coordinator.waitForSelector('[data-testid="request-status"][data-status="open"]');

    // A: the request arrives live (no reload), de-identified, highlighted.
    const itemA = providerA.locator(`[data-testid="inbox-item"][data-request-id="${requestId}"]`);
    await itemA.waitFor({ timeout: 15000 });
    expect(await itemA.textContent()).toContain('30〜49歳');
    expect(await itemA.textContent()).toContain('知的');
    expect(await itemA.textContent()).not.toContain(PERSON_NAME);
    expect(await itemA.locator('.badge--new').count()).toBe(1);
    expect(await providerA.getByTestId('person-details').count()).toBe(0);
    // the menu shows how many requests wait for an answer
    expect(await providerA.getByTestId('inbox-count').first().getAttribute('data-count')).toBe('1');

    await shot(providerA, 'inbox-new-390');

    // A accepts with one tap and sees the hold with its time left.
    await itemA.getByRole('button', { name: '受け入れる' }).click();
    await providerA.waitForSelector(`[data-testid="inbox-item"][data-request-id="${requestId}"][data-state="held"]`);
    expect(await itemA.getByRole('button', { name: '申し出を取り下げる' }).count()).toBe(1);
    expect(await itemA.locator('.badge--new').count()).toBe(0);
    expect(await providerA.getByTestId('inbox-count').count()).toBe(0);
    expect(await itemA.textContent()).toMatch(/床の確保期限まで \d+分\d{2}秒/);

    // The coordinator sees A's offer arrive live, and confirms it.
    const offer = coordinator.getByTestId('offer').filter({ hasText: ORG_A });
    await offer.waitFor({ timeout: 15000 });
    expect(await offer.getAttribute('data-offer-status')).toBe('held');
    await shot(coordinator, 'request-offer-1280');
    await shot(providerA, 'inbox-held-390');
    expect(await offer.locator('a[href^="tel:"]').count()).toBe(1);
    await offer.getByRole('button', { name: `${ORG_A}で確定` }).click();
    const dialog = coordinator.getByRole('dialog', { name: 'この事業所で受入を確定しますか' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '確定する' }).click();
    await coordinator.waitForSelector('[data-testid="request-status"][data-status="placed"]');
    expect(await coordinator.getByTestId('placement').textContent()).toContain(ORG_A);
    expect(await coordinator.getByTestId('timeline').locator('[data-kind="confirmed"]').count()).toBe(1);

    // A now sees the person's details, live.
    await providerA.waitForSelector(`[data-testid="inbox-item"][data-request-id="${requestId}"][data-state="confirmed"]`, { timeout: 15000 });
    expect(await itemA.getByTestId('person-details').textContent()).toContain(PERSON_NAME);

    await shot(coordinator, 'request-placed-1280');
    await shot(providerA, 'inbox-confirmed-390');

    // The bed has left the open board, live: held at the accept, kept by the placement (no reload).
    await liveBoardShows(board, before - 1);
    expect(boardNavigations).toEqual([]);

    // B never saw the request, live or after a reload, and never sees the person.
    expect(await providerB.locator(`[data-testid="inbox-item"][data-request-id="${requestId}"]`).count()).toBe(0);
    await providerB.reload();
    await inboxLoaded(providerB);
    expect(await providerB.locator(`[data-testid="inbox-item"][data-request-id="${requestId}"]`).count()).toBe(0);
    expect(await providerB.getByTestId('person-details').count()).toBe(0);
    expect(await providerB.getByTestId('inbox-count').count()).toBe(0);
    expect(await providerB.locator('body').textContent()).not.toContain(PERSON_NAME);
  });
});
