import { DEMO } from '../../api/test/support/test-app';
import { seriousViolations } from './support/axe';
import { useWebApp } from './support/browser';
import { openAs } from './support/session';

const PHONE = { width: 375, height: 740 };

/** APIキー: an admin issues a key (shown once), the feed opens with it, the admin revokes it; desktop and phone. */
describe('API keys (admin)', () => {
  const env = useWebApp();

  for (const [label, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', PHONE]] as const) {
    it(`issues a key shown once, which opens the feeds until it is revoked (${label})`, async () => {
      const page = await openAs(env.browser, env.t.url, DEMO.admin, '/admin/api-keys', viewport);
      const form = page.getByTestId('api-key-form');
      await form.waitFor();

      // nothing chosen: both fields named, in Japanese
      await form.getByRole('button', { name: '発行する' }).click();
      await form.getByText('組織を選んでください').last().waitFor();
      await form.getByText('用途を入力してください').waitFor();

      await form.getByLabel('発行先の組織').selectOption({ label: '短期入所事業所 うきさと' });
      const purpose = `熊本県 医療情報システム ${label}`;
      await form.getByLabel('用途（名称）').fill(purpose);
      await form.getByRole('button', { name: '発行する' }).click();
      const shown = page.getByTestId('issued-api-key');
      await shown.waitFor();
      const key = (await shown.textContent())!.trim();
      expect(key).toMatch(/^ak_[0-9a-f]{12}_/);
      expect((await fetch(`${env.t.url}/api/feeds/key`, { headers: { 'x-api-key': key } })).status).toBe(200);

      // listed by its prefix only, never the key
      const row = page.getByTestId('api-key-list').getByRole('row').filter({ hasText: purpose });
      await row.getByText('有効').waitFor();
      expect(await page.getByTestId('api-key-list').textContent()).not.toContain(key);
      if (viewport === PHONE) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
      }
      expect(await seriousViolations(page)).toEqual([]);

      page.once('dialog', (d) => void d.accept());
      await row.getByRole('button', { name: `${purpose} を失効させる` }).click();
      await row.getByText('失効', { exact: true }).waitFor();
      expect((await fetch(`${env.t.url}/api/feeds/key`, { headers: { 'x-api-key': key } })).status).toBe(401);
      await page.context().close();
    });
  }
});
