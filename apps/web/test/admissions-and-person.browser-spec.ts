import type { Browser, Page } from 'playwright-core';
import { serviceNight } from '@akiwa/domain';
import { postRequest } from '../../api/test/support/emergency';
import { DEMO, type TestApp } from '../../api/test/support/test-app';
import { createUnit, setRange } from '../../api/test/support/units';
import { seriousViolations } from './support/axe';
import { useWebApp } from './support/browser';
import { logIn } from './support/session';

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 812 } } as const;

/** A context at this width (touch on the phone), logged in, on `path`. */
async function openAs(browser: Browser, url: string, email: string, path: string, phone: boolean): Promise<Page> {
  const viewport = phone ? VIEWPORTS.phone : VIEWPORTS.desktop;
  const context = await browser.newContext({ viewport, locale: 'ja-JP', hasTouch: phone, isMobile: phone });
  const page = await context.newPage();
  await logIn(page, url, email);
  await page.getByTestId('current-user').waitFor();
  await page.goto(`${url}${path}`);
  return page;
}

/** AKIWA_SCREENSHOTS=/some/dir saves the key screens, for a look at the real layout. */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.AKIWA_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** The page never scrolls sideways at this width. */
async function fitsWidth(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth }));
  expect(widths.page).toBeLessThanOrEqual(widths.viewport);
}

/**
 * Issue 11, as people do it: a provider pauses a unit (受入停止中, reason, end) and turns 夜間受入可 off
 * from the phone screen, and the coordinator's open board marks the unit live without losing its
 * figures; a coordinator adds the person's identity on an open request and corrects it once placed,
 * and the placed provider sees the correction. At desktop width and on a 375 px phone.
 */
describe('admissions status, the person added after posting, 障害支援区分 不明 in the form', () => {
  const env = useWebApp();
  let t: TestApp;
  let n = 0;
  beforeAll(() => {
    t = env.t;
  });

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    const phone = name === 'phone';

    it(`asks for 障害支援区分 with no default; 不明 is a choice of its own and posts an unknown level (${name}, ${viewport.width} px)`, async () => {
      const page = await openAs(env.browser, t.url, DEMO.coordinator, '/coordinator/requests/new', phone);
      await page.getByRole('heading', { level: 1, name: '新しい緊急依頼' }).waitFor();
      const level = page.getByLabel('障害支援区分');
      expect(await level.inputValue()).toBe(''); // no default that would silently narrow the match
      await page.getByRole('radio', { name: '女性' }).check();
      await page.getByLabel('年齢帯').selectOption('30-49');
      await page.getByRole('checkbox', { name: '精神' }).check();
      await page.getByLabel('状況（何が起きたか）').fill('同居の母が入院し、今夜の介護者がいない。');
      await page.getByRole('button', { name: 'この内容で緊急依頼を送信' }).click();
      await page.getByText('障害支援区分を選んでください（分からない場合は「不明」）。').first().waitFor();
      expect(new URL(page.url()).pathname).toBe('/coordinator/requests/new');
      await level.selectOption({ label: '不明' });
      await page.getByRole('button', { name: 'この内容で緊急依頼を送信' }).click();
      await page.waitForURL((url) => /^\/coordinator\/requests\/(?!new$)[^/]+$/.test(url.pathname));
      const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
      const token = (await t.login(DEMO.coordinator)).accessToken;
      expect((await t.request('GET', `/api/emergency-requests/${id}`, { token })).body.needs.supportLevel).toBeNull();
      await page.getByText('区分不明', { exact: false }).first().waitFor();
      await fitsWidth(page);
      await page.context().close();
    });

    it(`pauses a unit from the vacancy screen and the board marks it live (${name}, ${viewport.width} px)`, async () => {
      const staff = (await t.login(DEMO.providerStaff)).accessToken;
      const tonight = serviceNight(new Date());
      const unit = await createUnit(t, staff, { name: `受入停止テスト ${name} ${++n}`, categories: ['psychiatric'], municipalityCode: '43213' });
      await setRange(t, staff, unit.id, tonight, tonight, 2);

      const board = await openAs(env.browser, t.url, DEMO.coordinator, '/coordinator/vacancies', phone);
      const row = board.locator(`[data-testid="vacancy-row"][data-unit-id="${unit.id}"]`);
      await row.waitFor({ timeout: 15000 });
      await board.waitForSelector('[data-testid="live-indicator"][data-live="true"]', { timeout: 15000 });
      expect(await row.getAttribute('data-paused')).toBeNull();

      const provider = await openAs(env.browser, t.url, DEMO.providerStaff, '/provider/vacancies', phone);
      const card = provider.locator(`[data-testid="unit-card"][data-unit-id="${unit.id}"]`);
      const control = card.getByTestId('admissions-control');
      await control.getByRole('button', { name: '受入を停止する' }).click();
      // the form checks what the API checks: a pause needs a reason
      await control.getByRole('button', { name: '受入停止にする' }).click();
      await control.getByText('「受入停止の理由」を入力してください').waitFor();
      await control.getByLabel('受入停止の理由').fill('感染症（インフルエンザ）発生のため');
      await control.getByRole('button', { name: '受入停止にする' }).click();
      await control.getByTestId('admissions-paused').getByText('感染症（インフルエンザ）発生のため').waitFor();
      await control.getByText('受入停止中にしました。').waitFor();
      // the figures are the provider's: not zeroed
      expect(await card.getByTestId('tonight-free').textContent()).toBe('2');
      await fitsWidth(provider);
      await shot(provider, `admissions-provider-${name}`);
      expect(await seriousViolations(provider)).toEqual([]);

      // the coordinator's board, open all along: marked, with the reason and the end; the beds stay
      await board.waitForSelector(`[data-testid="vacancy-row"][data-unit-id="${unit.id}"][data-paused="true"]`, { timeout: 15000 });
      await row.getByText('受入停止中', { exact: true }).waitFor();
      await row.getByText('感染症（インフルエンザ）発生のため').waitFor();
      await row.getByText(/まで$/).first().waitFor();
      expect(await row.getByTestId('vacancy-available').textContent()).toBe('2');

      // 夜間受入可 off: the board says 夜間受入不可, live
      await control.getByLabel(/夜間受入可/).click();
      await control.getByText('夜間受入不可にしました。夜間の緊急依頼は届きません。').waitFor();
      await row.getByTestId('no-night').waitFor({ timeout: 15000 });
      await fitsWidth(board);
      await row.scrollIntoViewIfNeeded();
      await shot(board, `admissions-board-${name}`);
      expect(await seriousViolations(board)).toEqual([]);

      // resumed: the mark goes, live
      await control.getByRole('button', { name: '受入を再開する' }).click();
      await board.waitForFunction((id) => document.querySelector(`[data-testid="vacancy-row"][data-unit-id="${id}"]`)?.getAttribute('data-paused') === null, unit.id, { timeout: 15000 });
      expect(await row.getByTestId('vacancy-available').textContent()).toBe('2');
      await board.context().close();
      await provider.context().close();
    });

    it(`adds the person to an open request and corrects it once placed; the placed provider sees it (${name}, ${viewport.width} px)`, async () => {
      const coordinatorToken = (await t.login(DEMO.coordinator)).accessToken;
      const staff = (await t.login(DEMO.providerStaff)).accessToken;
      const tonight = serviceNight(new Date());
      const unit = await createUnit(t, staff, { name: `本人情報テスト ${name} ${++n}`, categories: ['psychiatric'], municipalityCode: '43213' });
      await setRange(t, staff, unit.id, tonight, tonight, 1);
      const request = await postRequest(t, coordinatorToken, { needs: { categories: ['psychiatric'], supportLevel: 2, gender: 'female' }, from: tonight });

      const coordinator = await openAs(env.browser, t.url, DEMO.coordinator, `/coordinator/requests/${request.id}`, phone);
      const person = coordinator.getByTestId('person-card');
      await person.getByText('本人情報は登録されていません。').waitFor();
      await person.getByRole('button', { name: '本人情報を追加・修正' }).click();
      const form = person.getByRole('form', { name: '本人情報を追加・修正' });
      await form.getByText('受入が確定した事業所にだけ表示します', { exact: false }).waitFor();
      // a name is needed, as at posting
      await form.getByLabel('ふりがな').fill('うき はなこ');
      await form.getByRole('button', { name: '本人情報を保存' }).click();
      await form.getByText('氏名を入力してください', { exact: false }).waitFor();
      await form.getByLabel('氏名').fill('宇城 花子');
      await form.getByLabel('連絡先（電話）').fill('090-1111-2222');
      await form.getByRole('button', { name: '本人情報を保存' }).click();
      await person.getByText('本人情報を保存しました。').waitFor();
      await person.getByText('宇城 花子').waitFor();
      await fitsWidth(coordinator);

      // placed: the provider's confirmed item shows the person; a correction reaches it live
      const accept = await t.request('POST', `/api/emergency-requests/${request.id}/accept`, { token: staff, body: { unitId: unit.id } });
      expect(accept.status).toBe(201);
      const confirm = await t.request('POST', `/api/emergency-requests/${request.id}/confirm`, { token: coordinatorToken, body: { offerId: accept.body.response.offer.id } });
      expect(confirm.status).toBe(200);
      const provider = await openAs(env.browser, t.url, DEMO.providerStaff, '/provider/requests', phone);
      const item = provider.locator(`[data-testid="inbox-item"][data-request-id="${request.id}"]`);
      await item.getByTestId('person-details').getByText('宇城 花子').waitFor({ timeout: 15000 });

      await coordinator.reload();
      await coordinator.getByTestId('placement').waitFor();
      await person.getByRole('button', { name: '本人情報を追加・修正' }).click();
      await form.getByText('受入先の事業所にすぐ表示されます', { exact: false }).waitFor();
      expect(await form.getByLabel('氏名').inputValue()).toBe('宇城 花子');
      await shot(coordinator, `person-form-${name}`);
      expect(await seriousViolations(coordinator)).toEqual([]);
      await form.getByLabel('氏名').fill('宇城 華子');
      await form.getByRole('button', { name: '本人情報を保存' }).click();
      await person.getByText('宇城 華子').waitFor();
      await item.getByTestId('person-details').getByText('宇城 華子').waitFor({ timeout: 15000 });

      // audited: the write, and the provider's reads
      const actions = (await t.db.query(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY id`, [request.id])).map((r: { action: string }) => r.action);
      expect(actions.filter((a: string) => a === 'person.write')).toHaveLength(2);
      expect(actions).toContain('person.read');
      await coordinator.context().close();
      await provider.context().close();
    });
  }
});
