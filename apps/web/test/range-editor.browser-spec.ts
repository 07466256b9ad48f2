import type { UnitVacancies } from '@akiwa/contracts';
import { DEMO } from '../../api/test/support/test-app';
import { createUnit, inDays, setRange, today, vacancies } from '../../api/test/support/units';
import { useWebApp } from './support/browser';
import { openAs } from './support/session';

const PHONE = { width: 375, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

/** The range editor on a 男女別 unit writes the rows the unit keeps, and says what the board will show. */
describe('range editor on a unit with men’s and women’s rows', () => {
  const env = useWebApp();

  for (const [name, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    it(`writes the 男性 and 女性 rows (no third 男女共通 row), keeps their order, and says what the board shows (${name})`, async () => {
      const { accessToken: staff } = await env.t.login(DEMO.providerStaff);
      const unit = await createUnit(env.t, staff, { roomGender: 'either', capacity: 4 });
      await setRange(env.t, staff, unit.id, today(), inDays(6), 2, 'male');
      await setRange(env.t, staff, unit.id, today(), inDays(6), 1, 'female');

      const page = await openAs(env.browser, env.t.url, DEMO.providerStaff, `/provider/vacancies/units/${unit.id}`, viewport);
      const form = page.locator('form[aria-labelledby="range-title"]');
      await form.getByLabel('空き床数（男性）').waitFor();
      expect(await form.getByLabel('対象').count()).toBe(0); // no 男女共通 choice to write a third row with
      await form.getByLabel('開始日').fill(inDays(1));
      await form.getByLabel('終了日').fill(inDays(3));
      await form.getByLabel('空き床数（男性）').fill('0');
      await form.getByLabel('空き床数（女性）').fill('1');
      await form.getByRole('button', { name: '期間の空き床を登録' }).click();
      const notice = form.getByRole('status');
      await notice.waitFor();
      expect(await notice.textContent()).toContain('男性 0床・女性 1床 にしました。空き状況の一覧では毎晩 空き1床 と表示されます。');

      const after: UnitVacancies = await vacancies(env.t, staff, unit.id);
      const changed = after.nights.filter((n) => n.night >= inDays(1) && n.night <= inDays(3));
      expect(changed.map((n) => n.gender).sort()).toEqual(['female', 'female', 'female', 'male', 'male', 'male']);
      expect(changed.reduce((sum, n) => sum + n.free - n.held, 0)).toBe(3);

      // tonight's rows stay 男性 then 女性 whatever order the API answers in, also after a tap
      const order = () => page.getByTestId('tonight-free').evaluateAll((els) => els.map((e) => e.getAttribute('data-gender')));
      expect(await order()).toEqual(['male', 'female']);
      await page.getByRole('button', { name: /女性.*1増やす/ }).click();
      await page.waitForFunction(() => document.querySelector('[data-testid="tonight-free"][data-gender="female"]')?.textContent === '2');
      await page.waitForLoadState('networkidle');
      expect(await order()).toEqual(['male', 'female']);
      await page.context().close();
    });
  }
});
