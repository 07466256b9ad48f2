import { io, type Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { Rooms, type ReplayResult } from '@akiwa/contracts';
import { OutboxRepository } from '../src/events/outbox.repository';
import { RealtimeService } from '../src/realtime/realtime.service';
import { DEMO, nextEvent, startTestApp, type TestApp } from './support/test-app';

/**
 * Sockets failing over together ask their replays together: those asked while others run share one
 * read of the outbox, and each still gets exactly what its own statement would return — its rooms
 * only, after its own last id, in order, reset beyond its limit or before the retention watermark.
 */
describe('replays asked together', () => {
  let t: TestApp;
  let repo: OutboxRepository;
  let before: number;

  beforeAll(async () => {
    t = await startTestApp();
    repo = t.app.get(OutboxRepository);
    [{ before }] = await t.owner(`SELECT coalesce(max(position), 0)::float8 AS before FROM outbox_events`);
    // 60 events over 6 rooms (r0…r5), two rooms each, sequenced in insertion order
    const events = Array.from({ length: 60 }, (_, i) => ({ event: 'vacancy:changed', rooms: [`test:r${i % 6}`, `test:r${(i * 7) % 6}`], payload: { n: i } }));
    await t.owner(
      `INSERT INTO outbox_events(event, rooms, payload)
       SELECT e.event, ARRAY(SELECT jsonb_array_elements_text(e.rooms)), e.payload
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (event text, rooms jsonb, payload jsonb)) WITH ORDINALITY AS e(event, rooms, payload, n) ORDER BY e.n`,
      [JSON.stringify(events)],
    );
    while ((await repo.sequence()) > 0);
  });
  afterAll(() => t.close());

  /** Events (vacancy:changed) to the given rooms, sequenced; → their positions. */
  const append = async (rooms: string[][]): Promise<number[]> => {
    const rows = await t.owner<{ id: string }>(
      `INSERT INTO outbox_events(event, rooms, payload)
       SELECT 'vacancy:changed', ARRAY(SELECT jsonb_array_elements_text(e.rooms)), jsonb_build_object('n', e.n)
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (rooms jsonb)) WITH ORDINALITY AS e(rooms, n) ORDER BY e.n RETURNING id`,
      [JSON.stringify(rooms.map((r) => ({ rooms: r })))],
    );
    while ((await repo.sequence()) > 0);
    const ids = rows.map((r) => r.id);
    return (await t.owner<{ position: number }>(`SELECT position::float8 AS position FROM outbox_events WHERE id = ANY($1::bigint[]) ORDER BY position`, [ids])).map((r) => r.position);
  };

  it('share reads and answer each as alone', async () => {
    const asks = Array.from({ length: 40 }, (_, i) => ({
      after: before + ((i * 13) % 50),
      rooms: [`test:r${i % 6}`, ...(i % 4 === 0 ? [`test:r${(i + 1) % 6}`] : []), 'test:nobody'],
      limit: i % 10 === 3 ? 5 : 10_000,
    }));
    // one at a time: each is its own read
    const alone = [];
    for (const a of asks) alone.push(await repo.replay(a.after, a.rooms, a.limit));
    expect(alone.some((r) => r.reset)).toBe(true); // the small limits
    expect(alone.filter((r) => !r.reset).every((r) => r.events.length > 0)).toBe(true);

    const db = t.app.get(DataSource);
    const query = jest.spyOn(db, 'query');
    try {
      const together = await Promise.all(asks.map((a) => repo.replay(a.after, a.rooms, a.limit)));
      expect(together).toEqual(alone);
      // the first two go at once, the other 38 wait for them and share a read
      const reads = query.mock.calls.filter(([sql]) => typeof sql === 'string' && sql.includes('outbox_watermark'));
      expect(reads.length).toBeLessThanOrEqual(3);
    } finally {
      query.mockRestore();
    }
  });

  it('reset when the last id is before the retention watermark or not given out, for each in a shared read', async () => {
    const [{ head }] = await t.owner(`SELECT max(position)::float8 AS head FROM outbox_events`);
    const answers = await Promise.all([
      repo.replay(head - 3, ['test:r0', 'test:r1', 'test:r2', 'test:r3', 'test:r4', 'test:r5'], 10_000),
      repo.replay(head + 5, ['test:r0'], 10_000),
      repo.replay(head - 10, ['test:r1'], 10_000),
      repo.replay(head - 20, ['test:r2'], 10_000),
    ]);
    expect(answers[0]).toEqual({ reset: false, events: [expect.objectContaining({ position: head - 2 }), expect.objectContaining({ position: head - 1 }), expect.objectContaining({ position: head })] });
    expect(answers[1]).toEqual({ reset: true, events: [] });
    expect(answers[2].reset).toBe(false);
    expect(answers[2].events.every((e) => e.position > head - 10)).toBe(true);
    expect(answers[3].events.map((e) => e.position)).toEqual([...answers[3].events.map((e) => e.position)].sort((x, y) => x - y));
  });

  it('sockets replaying together each get their own events once and in order, each event encoded once for all of them', async () => {
    const codes = (await t.owner<{ code: string }>(`SELECT code FROM municipalities ORDER BY code LIMIT 4`)).map((r) => r.code);
    const boards = codes.map((c) => Rooms.municipality(c));
    const positions = await append(Array.from({ length: 48 }, (_, i) => (i % 5 === 4 ? ['test:elsewhere'] : [boards[i % 4], ...(i % 3 === 0 ? [boards[(i + 1) % 4]] : [])])));
    const { accessToken } = await t.login(DEMO.coordinator);
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as { sub: string; org: string; sid: string };
    const own = [Rooms.user(claims.sub), Rooms.organisation(claims.org), Rooms.session(claims.sid)];
    const sendReplayed = jest.spyOn(t.app.get(RealtimeService), 'sendReplayed');
    const clients: { s: Socket; after: number; board: string; ids: number[] }[] = [];
    try {
      for (let i = 0; i < 24; i++) {
        const after = positions[(i * 7) % 40] - 1;
        const s = io(t.url, { transports: ['websocket'], auth: { token: accessToken, lastEventId: after }, reconnection: false, forceNew: true });
        const c = { s, after, board: boards[i % 4], ids: [] as number[] };
        s.on('vacancy:changed', (p: { eventId: number }) => c.ids.push(p.eventId));
        await nextEvent(s, 'session:ready');
        expect(await s.timeout(5000).emitWithAck('vacancies:subscribe', { municipalityCode: codes[i % 4] })).toMatchObject({ ok: true });
        clients.push(c);
      }
      // all at once, as after a failover
      const answers = (await Promise.all(clients.map((c) => c.s.timeout(10_000).emitWithAck('events:replay', { after: c.after })))) as { ok: boolean; data: ReplayResult }[];
      for (const [i, c] of clients.entries()) {
        expect(answers[i]).toMatchObject({ ok: true, data: { reset: false } });
        const expected = (await t.owner<{ position: number }>(`SELECT position::float8 AS position FROM outbox_events WHERE position > $1 AND rooms && $2::text[] ORDER BY position`, [c.after, [c.board, ...own]])).map((r) => r.position);
        expect(expected.length).toBeGreaterThan(0);
        expect(c.ids).toEqual(expected);
        expect(answers[i].data.replayed).toBe(expected.length);
      }
      // the shared path was taken: one send for several sockets
      expect(Math.max(...sendReplayed.mock.calls.map(([replays]) => replays.length))).toBeGreaterThan(1);
    } finally {
      sendReplayed.mockRestore();
      for (const c of clients) c.s.disconnect();
    }
  });
});
