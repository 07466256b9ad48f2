import sharp from 'sharp';
import { DEMO } from '../../api/test/support/test-app';
import { seriousViolations } from './support/axe';
import { useWebApp } from './support/browser';
import { openAs } from './support/session';

const PHONE = { width: 375, height: 740 };

/** 事業所の情報: the provider fills it in on a phone; a coordinator reads it from the board. */
describe('provider profile', () => {
  const env = useWebApp();

  it('the provider saves the profile and a photo; a coordinator opens it from the board and sees both', async () => {
    const provider = await openAs(env.browser, env.t.url, DEMO.providerStaff, '/provider/profile', PHONE);
    const form = provider.getByTestId('profile-form');
    await form.waitFor();

    // a wrong 事業所番号 is refused, named by its label
    await form.getByLabel('事業所番号').fill('12345');
    await form.getByRole('button', { name: '保存する' }).click();
    await provider.getByText('「事業所番号」は10桁の数字で、先頭2桁は都道府県番号（01〜47）にしてください').waitFor();

    await form.getByLabel('事業所番号').fill('４３１０１００１２３');
    await form.getByLabel('住所').fill('熊本県宇城市松橋町松橋１２３');
    await form.getByLabel('最寄り駅').fill('JR松橋駅');
    await form.getByLabel('1泊あたりの費用', { exact: true }).fill('3500');
    await form.getByLabel('1泊あたりの費用に含まれるもの').fill('食費・光熱水費');
    await form.getByLabel('夜間の体制', { exact: true }).selectOption('yakin');
    await form.getByLabel('たん吸引').check();
    await form.getByLabel('車椅子対応').check();
    await form.getByLabel('事業所の紹介').fill('住宅街の平屋です。');
    await form.getByRole('button', { name: '保存する' }).click();
    await form.getByText('保存しました').waitFor();
    expect(await form.getByLabel('事業所番号').inputValue()).toBe('4310100123');

    const jpeg = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#7fa650' } })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '32/1 38/1 0/1' } })
      .toBuffer();
    await provider.locator('#photo-file').setInputFiles({ name: 'gaikan.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await provider.getByLabel('写真の説明').fill('外観');
    await provider.getByRole('button', { name: 'アップロード' }).click();
    await provider.getByTestId('profile-photo').first().waitFor();
    const overflow = await provider.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0); // nothing wider than the phone
    await provider.context().close();

    const board = await openAs(env.browser, env.t.url, DEMO.coordinator, '/coordinator/vacancies');
    const link = board.getByTestId('profile-link').filter({ hasText: '短期入所事業所 うきさと' }).first();
    await link.click();
    await board.waitForURL(/\/profiles\//);
    const view = board.getByTestId('profile-view');
    await view.waitFor();
    expect(await board.getByRole('heading', { level: 1 }).textContent()).toBe('短期入所事業所 うきさと');
    expect(await view.locator('[data-field="officeNumber"] dd').textContent()).toBe('4310100123');
    expect(await view.locator('[data-field="feePerNight"] dd').textContent()).toContain('3,500円');
    expect(await view.locator('[data-field="nightStaffing"] dd').textContent()).toContain('夜勤');
    expect(await view.locator('[data-field="medical"] dd').textContent()).toContain('たん吸引');
    const img = view.locator('[data-testid="profile-photo"] img');
    await img.waitFor();
    await board.waitForFunction(() => {
      const el = document.querySelector('[data-testid="profile-photo"] img') as HTMLImageElement | null;
      return !!el && el.complete && el.naturalWidth > 0;
    });
    expect(await img.getAttribute('alt')).toBe('外観');
    expect(await seriousViolations(board)).toEqual([]);
    await board.context().close();
  });
});
