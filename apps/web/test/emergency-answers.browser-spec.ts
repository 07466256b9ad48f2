import type { Page } from 'playwright-core';
import { serviceNight } from '@akiwa/domain';
import { DEMO } from '../../api/test/support/test-app';
import { createUnit, setRange } from '../../api/test/support/units';
import { postRequest } from '../../api/test/support/emergency';
import { useWebApp } from './support/browser';
import { openAs } from './support/session';

/**
 * What a coordinator and a provider see of issue 11, at desktop and at phone width (375 px): the
 * contracted provider is asked first though its board says full, answers 満床 from its phone, and the
 * coordinator reads that answer beside the wider wave; the reasons are explained per condition in
 * words; an offer released because another provider was chosen says so.
 */
const UKISATO = '短期入所事業所 うきさと';
const UTO = '宇土さくら短期入所センター';

describe.each([
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 375, height: 740 }],
])('emergency answers (%s)', (_name, viewport) => {
  const env = useWebApp();

  async function item(page: Page, requestId: string) {
    const card = page.locator(`[data-testid="inbox-item"][data-request-id="${requestId}"]`);
    await card.waitFor({ timeout: 15000 });
    return card;
  }

  it('the contracted provider, full, is asked first and answers 満床; the coordinator sees it with the wider wave and the reasons in words', async () => {
    const { t, browser } = env;
    const tonight = serviceNight(new Date());
    const coordinator = (await t.login(DEMO.coordinator)).accessToken;
    const ukisato = await t.login(DEMO.providerStaff);
    const uto = (await t.login('staff@uto-sakura.example')).accessToken;
    // nobody in the demo data takes 精神 with emergencies: うきさと's unit is full, 宇土さくら's has a bed
    await createUnit(t, ukisato.accessToken, { categories: ['psychiatric'], municipalityCode: '43213' });
    const utoUnit = await createUnit(t, uto, { categories: ['psychiatric'], municipalityCode: '43211' });
    await setRange(t, uto, utoUnit.id, tonight, tonight, 1);
    const request = await postRequest(t, coordinator, {
      needs: { categories: ['psychiatric'], supportLevel: 2, gender: 'female' },
      from: tonight,
      contractedOrganisationId: ukisato.user.organisation.id,
    });

    const provider = await openAs(browser, t.url, DEMO.providerStaff, '/provider/requests', viewport);
    const card = await item(provider, request.id);
    expect(await card.getByTestId('contracted-badge').textContent()).toBe('契約先として打診されています');
    expect(await card.getByTestId('posting-phone').getAttribute('href')).toBe('tel:0964320000');
    expect(await card.textContent()).toContain('依頼元の電話：0964-32-0000');
    await card.getByRole('button', { name: 'お断り' }).click();
    await card.getByRole('button', { name: '満床' }).click();
    await provider.waitForSelector(`[data-testid="inbox-item"][data-request-id="${request.id}"][data-state="declined"]`);

    const page = await openAs(browser, t.url, DEMO.coordinator, `/coordinator/requests/${request.id}`, viewport);
    const recipients = page.getByTestId('recipients');
    await recipients.waitFor();
    const contracted = recipients.locator('[data-contracted="true"]');
    await page.waitForSelector('[data-testid="recipients"] [data-contracted="true"][data-answer="declined"]', { timeout: 15000 });
    expect(await contracted.textContent()).toContain(UKISATO);
    expect(await contracted.textContent()).toContain('契約先');
    expect(await contracted.textContent()).toMatch(/お断り（満床）/);
    expect(await recipients.locator('[data-contracted="false"]').textContent()).toContain(UTO);
    expect(await recipients.locator('[data-contracted="false"]').textContent()).toContain('未回答');
    // the timeline names who was told, the contracted provider marked
    expect(await page.getByTestId('timeline').textContent()).toContain(`${UKISATO}（契約先）、${UTO}（アプリ通知）`);
    // why the municipality had nobody else, per condition, in words and never an internal value
    const exclusions = page.getByTestId('exclusions');
    const lines = await exclusions.locator('li').allTextContents();
    expect(lines.some((l) => /^市町村内で精神を受け入れていない: \d+事業所$/.test(l))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/ありません|区分0/);
    // nothing overflows the phone's width
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await provider.context().close();
    await page.context().close();
  });

  it('an offer released because another provider was chosen says 「他の事業所で決定しました」', async () => {
    const { t, browser } = env;
    const tonight = serviceNight(new Date());
    const coordinator = (await t.login(DEMO.coordinator)).accessToken;
    const ukisato = (await t.login(DEMO.providerStaff)).accessToken;
    const uto = (await t.login('staff@uto-sakura.example')).accessToken;
    const mine = await createUnit(t, ukisato, { categories: ['psychiatric'], municipalityCode: '43213' });
    await setRange(t, ukisato, mine.id, tonight, tonight, 1);
    const theirs = await createUnit(t, uto, { categories: ['psychiatric'], municipalityCode: '43211' });
    await setRange(t, uto, theirs.id, tonight, tonight, 1);
    const request = await postRequest(t, coordinator, { needs: { categories: ['psychiatric'], supportLevel: 3, gender: 'male' }, from: tonight });
    await t.request('POST', `/api/emergency-requests/${request.id}/widen`, { token: coordinator });

    const provider = await openAs(browser, t.url, DEMO.providerStaff, '/provider/requests', viewport);
    const card = await item(provider, request.id);
    await card.getByRole('button', { name: '受け入れる' }).click();
    await provider.waitForSelector(`[data-testid="inbox-item"][data-request-id="${request.id}"][data-state="held"]`);
    const other = await t.request('POST', `/api/emergency-requests/${request.id}/accept`, { token: uto, body: { unitId: theirs.id } });
    expect(other.status).toBe(201);
    expect((await t.request('POST', `/api/emergency-requests/${request.id}/confirm`, { token: coordinator, body: { offerId: other.body.response.offer.id } })).status).toBe(200);

    // live, without a reload
    await provider.waitForSelector(`[data-testid="inbox-item"][data-request-id="${request.id}"][data-state="closed"]`, { timeout: 15000 });
    expect(await card.getByTestId('closed-reason').textContent()).toBe('他の事業所で決定しました');
    await provider.context().close();
  });
});
