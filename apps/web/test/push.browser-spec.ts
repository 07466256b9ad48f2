import { postRequest } from '../../api/test/support/emergency';
import { DEMO } from '../../api/test/support/test-app';
import { useWebApp } from './support/browser';
import { logIn } from './support/session';

/**
 * A push delivered to the service worker (DevTools Protocol ServiceWorker.deliverPushMessage, as a
 * push service would) shows a notification with the de-identified text; its target is the inbox item,
 * which opens on the request's card. The settings page lists the user's devices and revokes one.
 */
const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 }, phone: false },
  { name: '375 px phone', viewport: { width: 375, height: 740 }, phone: true },
];

describe.each(VIEWPORTS)('Web Push in the browser ($name)', ({ viewport, phone }) => {
  const env = useWebApp();

  it('shows the pushed notification, whose target opens the inbox item; devices are listed and revoked', async () => {
    const { t, browser } = env;
    const context = await browser.newContext({ locale: 'ja-JP', viewport, isMobile: phone, hasTouch: phone });
    try {
      await context.grantPermissions(['notifications'], { origin: t.url });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      const registrations: { registrationId: string; scopeURL: string }[] = [];
      cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: { registrationId: string; scopeURL: string }[] }) => registrations.push(...e.registrations));
      await cdp.send('ServiceWorker.enable');
      await logIn(page, t.url, DEMO.providerStaff);
      await page.getByTestId('current-user').waitFor();
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      const registration = registrations.find((r) => r.scopeURL === `${t.url}/`)!;
      expect(registration).toBeDefined();

      // the request the push announces
      const coordinator = (await t.login(DEMO.coordinator)).accessToken;
      const request = await postRequest(t, coordinator);
      const url = `/provider/requests#request-${request.id}`;
      const body = '宇城市で緊急受入依頼：知的・区分4・今夜から1泊';
      // the worker must be activated, not only installed, before a push can reach it
      await page.evaluate(async () => {
        const active = (await navigator.serviceWorker.ready).active!;
        if (active.state !== 'activated') await new Promise((done) => active.addEventListener('statechange', () => active.state === 'activated' && done(undefined)));
      });
      // polled by hand: waitForFunction takes the pending Promise of an async predicate as truthy and
      // returned null whenever the worker had not shown the notification by its first look
      const notification = async () =>
        page.evaluate(async (tag) => {
          const r = await navigator.serviceWorker.ready;
          const list = await r.getNotifications({ tag });
          return list.length ? { title: list[0].title, body: list[0].body, url: (list[0].data as { url: string }).url, sticky: list[0].requireInteraction } : null;
        }, `request-${request.id}`);
      // DevTools discards the push delivery status (Chromium's ServiceWorkerHandler::DeliverPushMessage
      // binds a no-op callback), so a push the browser dropped — the worker failing to start in time on a
      // loaded CI machine — is not told apart from a slow one: deliver again, as a push service retries
      // an unacknowledged message. A worker that does not show the notification fails every attempt.
      let shown: Awaited<ReturnType<typeof notification>> = null;
      for (let attempt = 0; attempt < 3 && !shown; attempt++) {
        await cdp.send('ServiceWorker.deliverPushMessage', {
          origin: t.url,
          registrationId: registration.registrationId,
          data: JSON.stringify({ title: '空き輪：緊急受入依頼', body, url, tag: `request-${request.id}`, urgent: true }),
        });
        for (const deadline = Date.now() + 8_000; !(shown = await notification()) && Date.now() < deadline; ) await page.waitForTimeout(100);
      }
      expect(shown).toEqual({ title: '空き輪：緊急受入依頼', body, url, sticky: true });

      // a tap on it: the worker's own notificationclick handler, given the notification shown (a
      // headless browser has no notification to click, so the event is dispatched in the worker);
      // the open window goes to the inbox, on that request's card
      expect(new URL(page.url()).pathname).not.toBe('/provider/requests');
      const worker = context.serviceWorkers().find((w) => w.url() === `${t.url}/sw.js`)!;
      expect(worker).toBeDefined();
      const clicked = await worker.evaluate(async () => {
        const sw = self as unknown as { registration: ServiceWorkerRegistration; dispatchEvent(e: Event): boolean };
        const [notification] = await sw.registration.getNotifications();
        const Click = (self as unknown as { NotificationEvent: new (type: string, init: { notification: Notification }) => Event }).NotificationEvent;
        sw.dispatchEvent(new Click('notificationclick', { notification }));
        return notification.title;
      });
      expect(clicked).toBe('空き輪：緊急受入依頼');
      await page.waitForURL(`${t.url}${url}`, { timeout: 15000 });
      await page.locator(`#request-${request.id}[data-testid="inbox-item"]`).waitFor();
      // the click closed it
      let open = -1;
      for (const deadline = Date.now() + 10_000; open !== 0 && Date.now() < deadline; await page.waitForTimeout(100)) {
        open = await page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).length);
      }
      expect(open).toBe(0);

      // the settings page: devices registered for this user (one seeded through the API), revoke
      const staff = (await t.login(DEMO.providerStaff)).accessToken;
      const seeded = await t.request('POST', '/api/push/subscriptions', {
        token: staff,
        body: { endpoint: 'https://push.example/akiwa-device-1', keys: { p256dh: 'B'.repeat(87), auth: 'A'.repeat(22) }, label: '夜勤用スマホ' },
      });
      expect(seeded.status).toBe(201);
      await page.goto(`${t.url}/settings/notifications`);
      await page.getByRole('heading', { level: 1, name: '通知設定' }).waitFor();
      const device = page.getByTestId('push-device').filter({ hasText: '夜勤用スマホ' });
      await device.waitFor();
      await device.getByRole('button', { name: '解除' }).click();
      await device.waitFor({ state: 'detached' });
      expect((await t.request('GET', '/api/push/subscriptions', { token: staff })).body).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
