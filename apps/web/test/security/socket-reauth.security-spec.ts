import type { Server } from 'socket.io';
import { RealtimeService } from '../../../api/src/realtime/realtime.service';
import { DEMO } from '../../../api/test/support/test-app';
import { useWebApp } from '../support/browser';
import { logIn } from '../support/session';

describe('security: the web socket re-authenticates after each refresh', () => {
  // 13-second access tokens (whole seconds, so 12–13 s): the page refreshes at 80 % (10.4 s); its second refresh comes after the first token expired
  const env = useWebApp({ ACCESS_TOKEN_TTL_SECONDS: '13' });

  it('keeps its one socket past the first token\'s expiry (the server would close it otherwise)', async () => {
    const io = env.t.app.get(RealtimeService).io as unknown as Server;
    const closed: string[] = [];
    io.on('connection', (socket) => socket.on('disconnect', (reason) => closed.push(reason)));

    const context = await env.browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    const refreshed = () => page.waitForResponse((r) => r.url().endsWith('/api/auth/refresh') && r.status() === 200, { timeout: 20000 });
    await logIn(page, env.t.url, DEMO.coordinator);
    await page.waitForSelector('[data-testid="connection-status"][data-state="connected"]', { timeout: 10000 });
    await refreshed();
    await refreshed();
    expect(closed).toEqual([]);
    expect(await page.getAttribute('[data-testid="connection-status"]', 'data-state')).toBe('connected');
    await context.close();
  });
});
