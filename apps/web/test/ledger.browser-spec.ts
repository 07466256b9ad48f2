import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO } from '../../api/test/support/test-app';
import { useWebApp } from './support/browser';

/**
 * The registrant ledger through the real UI (issue 13), at desktop and phone width: a coordinator
 * registers a person with the 緊急時利用登録届, finds them again by half-width kana, and posts an
 * emergency request from the registration in a handful of interactions (needs, municipality,
 * contracted provider and notes come filled in); the contracted provider (短期入所 うきさと, beds
 * tonight) accepts; the confirm step shows the 支給量 warning; after confirming, the placed provider
 * sees the person's name, contacts and medication, and that read is in the audit log.
 */
const PASSWORD = 'akiwa-demo-2026';
const ORG_A = '短期入所事業所 うきさと';
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 812 } } as const;
type Viewport = (typeof VIEWPORTS)[keyof typeof VIEWPORTS];

async function logIn(browser: Browser, url: string, email: string, viewport: Viewport, contexts: BrowserContext[]): Promise<Page> {
  const phone = viewport.width < 600;
  const context = await browser.newContext({ locale: 'ja-JP', viewport, hasTouch: phone, isMobile: phone });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${url}/`);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(PASSWORD);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByTestId('current-user').waitFor();
  await page.waitForSelector('[data-testid="connection-status"][data-state="connected"]', { timeout: 15000 });
  return page;
}

async function openFromMenu(page: Page, name: string): Promise<void> {
  const menu = page.getByRole('button', { name: 'メニュー' });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name }).click();
}

/** Counts the coordinator's interactions (fills, clicks, choices) of the posting part. */
function counter(page: Page) {
  let n = 0;
  return {
    get count() {
      return n;
    },
    fill: async (selector: string, value: string) => {
      n++;
      await page.locator(selector).fill(value);
    },
    click: async (locator: ReturnType<Page['locator']>) => {
      n++;
      await locator.click();
    },
  };
}

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  describe(`the registrant ledger through the real UI (${name}, ${viewport.width} px)`, () => {
    const env = useWebApp();
    const contexts: BrowserContext[] = [];
    afterAll(async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
    });

    it('registers a person, posts a pre-filled request from the ledger, and the placed provider sees the details (audited)', async () => {
      const [coordinator, provider] = await Promise.all([
        logIn(env.browser, env.t.url, DEMO.coordinator, viewport, contexts),
        logIn(env.browser, env.t.url, DEMO.providerStaff, viewport, contexts),
      ]);
      await openFromMenu(provider, '緊急依頼受信箱');
      await provider.getByRole('heading', { level: 1, name: '緊急依頼受信箱' }).waitFor();

      // 1. register (the 別紙3 form, grouped as on paper)
      await openFromMenu(coordinator, '登録者台帳');
      await coordinator.getByRole('heading', { level: 1, name: '登録者台帳' }).waitFor();
      await coordinator.getByRole('link', { name: '新しく登録する' }).click();
      await coordinator.getByRole('heading', { level: 1, name: '緊急時利用登録届' }).waitFor();
      const fill = (field: string, value: string) => coordinator.locator(`[name="${field}"]`).fill(value);
      await fill('form.notifier.name', '山田 花子');
      await fill('form.notifier.relation', '母');
      await fill('form.registrant.name', '山田 太郎');
      await fill('form.registrant.nameKana', 'ヤマダ　タロウ');
      await fill('form.registrant.birthDate', '1980-05-05');
      await fill('form.registrant.address', '熊本県宇城市松橋町1-1');
      await fill('form.medication', 'デパケン 朝夕');
      await fill('form.emergencyContacts.0.name', '山田 次郎');
      await fill('form.emergencyContacts.0.relation', '弟');
      await fill('form.emergencyContacts.0.phone', '080-1111-2222');
      await coordinator.locator('[name="form.emergencyContacts.0.consented"]').check();
      await coordinator.getByRole('group', { name: '障害種別' }).getByRole('checkbox', { name: '知的' }).check();
      await coordinator.locator('[name="profile.supportLevel"]').selectOption('4');
      await coordinator.getByRole('group', { name: 'リスク' }).getByRole('checkbox', { name: '8050世帯' }).check();
      await coordinator.locator('[name="contractedOrganisationId"]').selectOption({ label: ORG_A });
      await fill('form.coordinatorNotes', '発作時は横向きに寝かせる');
      await fill('grantedDays.daysPerMonth', '1');
      await fill('nextReviewOn', '2026-01-31'); // already past: listed among the overdue reviews
      await coordinator.getByRole('button', { name: '登録する', exact: true }).click();
      await coordinator.getByRole('heading', { level: 1, name: '山田 太郎' }).waitFor();
      expect(await coordinator.locator('.registration-sheet').textContent()).toContain('デパケン 朝夕');

      await openFromMenu(coordinator, '登録者台帳');
      await coordinator.getByTestId('overdue-reviews').getByRole('link', { name: '山田 太郎' }).waitFor();

      // 2. from the ledger to a posted request: search by half-width kana, open, post (few interactions)
      const act = counter(coordinator);
      await openFromMenu(coordinator, '登録者台帳');
      await act.fill('[name="name"]', 'ﾔﾏﾀﾞﾀﾛｳ');
      await act.click(coordinator.getByRole('button', { name: '検索', exact: true }));
      const result = coordinator.getByTestId('ledger-results').getByRole('link', { name: '山田 太郎' });
      await act.click(result);
      await act.click(coordinator.getByRole('link', { name: 'この方の緊急依頼を出す' }));
      await coordinator.getByTestId('prefilled-from-ledger').filter({ hasText: '山田 太郎' }).waitFor();
      // filled in from the registration
      await coordinator.waitForFunction(() => (document.querySelector('select[name="ageBand"]') as HTMLSelectElement | null)?.value === '30-49');
      expect(await coordinator.getByRole('radio', { name: '男性' }).isChecked()).toBe(true);
      expect(await coordinator.getByRole('checkbox', { name: '知的' }).isChecked()).toBe(true);
      expect(await coordinator.locator('select[name="supportLevel"]').inputValue()).toBe('4');
      expect(await coordinator.locator('select[name="municipalityCode"]').inputValue()).toBe('43213');
      expect(await coordinator.locator('select[name="contractedOrganisationId"] option:checked').textContent()).toBe(ORG_A);
      expect(await coordinator.locator('textarea[name="situation"]').inputValue()).toContain('発作時は横向きに寝かせる');
      await act.fill('textarea[name="situation"]', '発作時は横向きに寝かせる\n母が救急搬送され、今夜の介護者がいない。');
      await act.click(coordinator.getByRole('button', { name: 'この内容で緊急依頼を送信' }));
      await coordinator.waitForURL((url) => /^\/coordinator\/requests\/(?!new$)[^/]+$/.test(url.pathname));
      expect(act.count).toBeLessThanOrEqual(6);
      const requestId = decodeURIComponent(new URL(coordinator.url()).pathname.split('/').pop()!);

      // 3. the contracted provider accepts (it never saw the name)
      const item = provider.locator(`[data-testid="inbox-item"][data-request-id="${requestId}"]`);
      await item.waitFor({ timeout: 15000 });
      expect(await item.textContent()).not.toContain('山田');
      await item.getByRole('button', { name: '受け入れる' }).click();
      await provider.waitForSelector(`[data-testid="inbox-item"][data-request-id="${requestId}"][data-state="held"]`, { timeout: 15000 });

      // 4. the coordinator sees the offer and the 支給量 warning (1 day a month; one night uses 2), and confirms
      const offer = coordinator.getByTestId('offer').filter({ hasText: ORG_A });
      await offer.waitFor({ timeout: 15000 });
      await coordinator.getByTestId('granted-days').first().filter({ hasText: '支給量を超えます' }).waitFor();
      await offer.getByRole('button', { name: `${ORG_A}で確定` }).click();
      const dialog = coordinator.getByRole('dialog', { name: 'この事業所で受入を確定しますか' });
      await dialog.getByTestId('granted-days').filter({ hasText: '残り 1日' }).waitFor();
      await dialog.getByRole('button', { name: '確定する' }).click();
      await coordinator.waitForSelector('[data-testid="request-status"][data-status="placed"]');

      // 5. the placed provider sees who the person is, the contact and the medication; the read is audited
      await provider.waitForSelector(`[data-testid="inbox-item"][data-request-id="${requestId}"][data-state="confirmed"]`, { timeout: 15000 });
      const details = item.getByTestId('person-details');
      await details.filter({ hasText: '山田 太郎' }).waitFor({ timeout: 15000 });
      expect(await details.textContent()).toContain('080-1111-2222');
      expect(await details.textContent()).toContain('デパケン');
      const [{ n }] = await env.t.db.query(
        `SELECT count(*)::int AS n FROM audit_log a JOIN organisations o ON o.id = a.actor_organisation_id
         WHERE a.action = 'person.read' AND a.subject_id = $1 AND o.name = $2`,
        [requestId, ORG_A],
      );
      expect(n).toBeGreaterThan(0);
    });
  });
}
