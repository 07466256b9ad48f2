import type { Page } from 'playwright-core';
import { postRequest } from '../../api/test/support/emergency';
import { DEMO } from '../../api/test/support/test-app';
import { useWebApp } from './support/browser';
import { logIn } from './support/session';

/**
 * Alerts on every page: a provider on the vacancy screen (a phone) gets a banner with the
 * de-identified summary and a count in the header (not behind the menu), switches sound on, and
 * acknowledges with 確認しました; the coordinator's request page shows "seen" live.
 */
async function liveSession(page: Page, url: string, email: string): Promise<void> {
  await logIn(page, url, email);
  await page.getByTestId('current-user').waitFor();
  await page.waitForSelector('[data-testid="connection-status"][data-state="connected"]', { timeout: 15000 });
}

/** Client-side navigation (same socket), through the menu on a phone. */
async function openFromMenu(page: Page, name: string): Promise<void> {
  const menu = page.getByRole('button', { name: 'メニュー' });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name, exact: true }).click();
}

describe('in-app alerts and acknowledgement', () => {
  const env = useWebApp();

  it('shows the banner on the vacancy page, counts in the header, and the coordinator sees "seen" live', async () => {
    const { t, browser } = env;
    const providerContext = await browser.newContext({ locale: 'ja-JP', viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const coordinatorContext = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } });
    try {
      const provider = await providerContext.newPage();
      const coordinator = await coordinatorContext.newPage();
      await Promise.all([liveSession(provider, t.url, DEMO.providerStaff), liveSession(coordinator, t.url, DEMO.coordinator)]);
      await openFromMenu(provider, '空き状況');
      await provider.getByRole('heading', { level: 1 }).first().waitFor();

      // the explicit sound switch: its tap unlocks audio for the first request
      const sound = provider.getByTestId('sound-switch');
      expect(await sound.isVisible()).toBe(true);
      if (await sound.isChecked()) await sound.click(); // earlier taps unlocked it already: switch it off first
      expect(await sound.isChecked()).toBe(false);
      await sound.click();
      await provider.waitForSelector('[data-testid="sound-switch"][data-ready="true"]');
      expect(await sound.isChecked()).toBe(true);
      const playedBefore = Number(await sound.getAttribute('data-played'));

      const token = (await t.login(DEMO.coordinator)).accessToken;
      const request = await postRequest(t, token, { needs: { supportLevel: 4 } });

      // the coordinator opens the request (client-side, same socket)
      await openFromMenu(coordinator, '緊急依頼');
      await coordinator.locator(`a[href="/coordinator/requests/${request.id}"]`).click();
      const row = coordinator.locator('[data-testid="receipt"]').filter({ hasText: '短期入所事業所 うきさと' });
      await row.waitFor();

      // the provider, still on the vacancy page, gets the banner and the header count
      const banner = provider.locator(`[data-testid="alert-banner"][data-request-id="${request.id}"]`);
      await banner.waitFor({ timeout: 15000 });
      expect(await banner.getByTestId('alert-banner-text').textContent()).toBe('宇城市で緊急受入依頼：知的・区分4・今夜から1泊');
      // the alert sound played for this first request
      expect(Number(await sound.getAttribute('data-played'))).toBe(playedBefore + 1);
      const count = provider.getByTestId('header-alert-count');
      expect(await count.isVisible()).toBe(true);
      await provider.waitForSelector('[data-testid="header-alert-count"][data-count="1"]');

      // delivered is reported by the banner itself; then 確認しました
      await coordinator.waitForSelector(`[data-testid="receipt"][data-stage="delivered"]`, { timeout: 10000 });
      await banner.getByRole('button', { name: '確認しました' }).click();
      await banner.waitFor({ state: 'detached' });

      // live on the coordinator's page, without a reload
      await coordinator.waitForSelector(`[data-testid="receipt"][data-stage="seen"]`, { timeout: 10000 });
      expect(await row.getByTestId('receipt-seen').textContent()).toContain('（');
      await coordinator.locator('[data-testid="timeline"] [data-kind="seen"]').waitFor();
      // seen is not an answer: the request still waits for this provider
      expect(await provider.getByTestId('header-alert-count').getAttribute('data-count')).toBe('1');
    } finally {
      await providerContext.close();
      await coordinatorContext.close();
    }
  });
});
