import type { Browser, Page } from 'playwright-core';

export const DEMO_PASSWORD = 'akiwa-demo-2026';

/** Logs in through the real login form and waits for the role's home. */
export async function logIn(page: Page, url: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
}

/** A fresh browser context logged in as `email`, on `path`. */
export async function openAs(browser: Browser, url: string, email: string, path: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'ja-JP' });
  const page = await context.newPage();
  await logIn(page, url, email);
  await page.getByTestId('current-user').waitFor();
  await page.goto(`${url}${path}`);
  return page;
}
