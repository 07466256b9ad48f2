import type { Page } from 'playwright-core';
import { postRequest } from '../../api/test/support/emergency';
import { DEMO } from '../../api/test/support/test-app';
import { useWebApp } from './support/browser';
import { DEMO_PASSWORD } from './support/session';

const PHONE = { width: 375, height: 812 };

/** What a person on a phone does with a finger: a touch-screen context at 375 px. */
describe('on a phone (375 px, touch)', () => {
  const env = useWebApp();

  async function phone(email: string, viewport: { width: number; height: number } = PHONE): Promise<Page> {
    const context = await env.browser.newContext({ viewport, hasTouch: true, isMobile: true, locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(`${env.t.url}/`);
    await page.getByLabel('メールアドレス').fill(email);
    await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).tap();
    await page.getByTestId('current-user').waitFor();
    return page;
  }

  it("a provider's header shows who is signed in, with the alert count, sound switch and menu in one row, at 375 and 320 px", async () => {
    // a waiting request: the count and the menu's badge take their widest form
    const { accessToken } = await env.t.login(DEMO.coordinator);
    await postRequest(env.t, accessToken, { needs: { categories: ['intellectual'], supportLevel: 4 } });
    for (const width of [375, 320]) {
      const page = await phone(DEMO.providerStaff, { width, height: 700 });
      await page.locator('[data-testid="header-alert-count"]:not([data-count="0"])').waitFor();
      const header = await page.evaluate(() => {
        const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
        const name = document.querySelector('.current-user-name') as HTMLElement;
        return {
          page: document.documentElement.scrollWidth,
          nameWidth: box('.current-user-name').width,
          nameCut: name.scrollWidth > name.clientWidth,
          rowTops: ['.brand', '.header-alerts', '.menu-button'].map((s) => Math.round(box(s).top)),
          menuRight: box('.menu-button').right,
        };
      });
      expect(header.page).toBeLessThanOrEqual(width); // nothing scrolls sideways
      expect(header.nameWidth).toBeGreaterThan(120);
      expect(header.rowTops.every((top) => Math.abs(top - header.rowTops[0]) <= 4)).toBe(true);
      expect(header.menuRight).toBeLessThanOrEqual(width);
      await page.context().close();
    }
  });

  it('the first tap on 受け入れる accepts (nothing moves under the finger)', async () => {
    const { accessToken } = await env.t.login(DEMO.coordinator);
    const request = await postRequest(env.t, accessToken, { needs: { categories: ['intellectual'], supportLevel: 4 } });
    // a tall phone, so that 受け入れる is on screen without scrolling (scrolled, the browser's scroll
    // anchoring would hide a shift of the layout above it)
    const tall = { width: PHONE.width, height: 1400 };
    const page = await phone(DEMO.providerStaff, tall);
    // a fresh page: no tap yet, so the sound hint is on screen above the list
    await page.goto(`${env.t.url}/provider/requests`);
    const card = page.locator(`[data-testid="inbox-item"][data-request-id="${request.id}"]`);
    await card.waitFor();
    const button = card.getByRole('button', { name: '受け入れる' });
    await button.waitFor();
    // at the top of the page, where the browser's scroll anchoring cannot hide a shift of the layout
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const before = (await button.boundingBox())!;
    expect(before.y + before.height).toBeLessThan(tall.height);
    // one real tap at the button's place, as a finger does (touchstart → pointerdown → … → click)
    await page.touchscreen.tap(before.x + before.width / 2, before.y + before.height / 2);
    await card.getByTestId('inbox-hold').waitFor({ timeout: 5000 });
    expect(await page.locator('.sound-hint').isVisible()).toBe(false); // sound is ready now: the hint hides in place
    await page.context().close();
  });

  it('scrolls the per-night grid of a board row inside its box, not the page', async () => {
    const page = await phone(DEMO.coordinator);
    await page.goto(`${env.t.url}/coordinator/vacancies`);
    const row = page.getByTestId('vacancy-row').first();
    await row.waitFor();
    await row.locator('.button--toggle-nights').tap();
    const grid = row.locator('.night-grid-scroll');
    await grid.waitFor();
    const sizes = await page.evaluate(() => {
      const box = document.querySelector('[data-testid="vacancy-row"] .night-grid-scroll') as HTMLElement;
      return { page: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth, inner: box.scrollWidth, outer: box.clientWidth };
    });
    expect(sizes.page).toBeLessThanOrEqual(sizes.viewport); // the page itself never scrolls sideways
    expect(sizes.inner).toBeGreaterThan(sizes.outer); // the grid does, inside its box
    await page.context().close();
  });
});
