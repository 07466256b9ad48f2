import type { AdjustVacancyRequest, UnitVacancies, VacancyNight } from '@akiwa/contracts';
import { MutationObserver, onlineManager, QueryClient } from '@tanstack/react-query';
import { ApiError, NETWORK_ERROR_STATUS } from '../api/client';
import { QueryKeys } from '../api/query-keys';
import { memoryChangeStore, type ChangeStore } from '../lib/offline/change-store';
import { VacancyChangeQueue, type PageRegistry } from '../lib/offline/vacancy-change-queue';
import { adjustVacancyOptions } from './use-vacancies';
import { resumeVacancyChanges } from './use-vacancy-changes';

const night = '2026-11-25';
const window = { from: night, to: '2026-12-08' };
const USER = 'user-1';
const row = (free: number): VacancyNight => ({ night, gender: 'any', free, held: 0, confirmedAt: '2026-11-25T10:00:00.000Z' });
const state = (vacancyVersion: number, free: number): UnitVacancies => ({ unitId: 'u1', vacancyVersion, confirmedAt: row(free).confirmedAt, freshness: 'fresh', nights: [row(free)] });
const apiError = (status: number, extra: object = {}) =>
  new ApiError({ status, code: status === 409 ? 'version_conflict' : 'internal', message: { ja: '失敗', en: 'failed' }, details: [], ...extra } as never);

/**
 * The API as far as a +/− goes: versions checked, and the Idempotency-Key record (the same key with
 * the same body answers the first answer; with another body, 400), like IdempotencyInterceptor.
 */
function fakeServer(start: { version: number; free: number }) {
  const server = { ...start, applied: 0, requests: [] as { body: AdjustVacancyRequest; key?: string }[], keys: new Map<string, { body: string; answer: UnitVacancies }>() };
  const apply = async (_unitId: string, body: AdjustVacancyRequest, key?: string): Promise<UnitVacancies> => {
    server.requests.push({ body, key });
    const record = key ? server.keys.get(key) : undefined;
    if (record) {
      if (record.body !== JSON.stringify(body)) throw apiError(400);
      return record.answer;
    }
    if (body.expectedVersion !== server.version) throw apiError(409, { current: state(server.version, server.free) });
    server.version += 1;
    server.free += body.delta;
    server.applied += 1;
    const answer = state(server.version, server.free);
    if (key) server.keys.set(key, { body: JSON.stringify(body), answer });
    return answer;
  };
  return { server, apply };
}

/** The browser's pages: which are open, as Web Locks would say. */
function pages(open: Set<string>): PageRegistry {
  return { isOpen: async (id) => open.has(id), exclusive: (fn) => fn() };
}

/** One page of the app: its own QueryClient (caches, paused mutations) and queue over the shared store. */
function openPage(store: ChangeStore, open: Set<string>, id: string) {
  open.add(id);
  const queryClient = new QueryClient();
  queryClient.mount();
  const queue = new VacancyChangeQueue(store, pages(open), id);
  return {
    queryClient,
    queue,
    shows: (data: UnitVacancies) => queryClient.setQueryData(QueryKeys.vacancies.unit('u1', window), data),
    free: () => queryClient.getQueryData<UnitVacancies>(QueryKeys.vacancies.unit('u1', window))?.nights[0].free,
    tap: (send: ReturnType<typeof fakeServer>['apply'], changeId: string, delta = 1) =>
      new MutationObserver(queryClient, adjustVacancyOptions(queryClient, 'u1', send, queue, USER)).mutate({ night, gender: 'any', delta, changeId }),
    close: () => {
      open.delete(id);
      queryClient.unmount();
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the offline queue of +/− taps (survives closing the tab)', () => {
  afterEach(() => onlineManager.setOnline(true));

  it('writes a tap made offline down at once; a page opened later sends it once, with the version then known', async () => {
    const store = memoryChangeStore();
    const open = new Set<string>();
    const { server, apply } = fakeServer({ version: 5, free: 1 });
    const a = openPage(store, open, 'page-a');
    a.shows(state(5, 1));
    onlineManager.setOnline(false);
    void a.tap(apply, 'k1').catch(() => undefined);
    await tick();
    expect(a.free()).toBe(2);
    expect((await store.all()).map((c) => [c.id, c.delta, c.sent])).toEqual([['k1', 1, null]]);
    a.close();

    // meanwhile a colleague changed the figure: the queued tap was never sent, so it goes on top of it
    server.version = 6;
    server.free = 3;
    const b = openPage(store, open, 'page-b');
    b.shows(state(6, 3));
    onlineManager.setOnline(true);
    await resumeVacancyChanges(b.queryClient, b.queue, USER, apply);
    expect(server.requests).toEqual([{ body: { night, gender: 'any', delta: 1, expectedVersion: 6 }, key: 'k1' }]);
    expect([server.applied, server.free]).toEqual([1, 4]);
    expect(await store.all()).toEqual([]);
    // and a third page finds nothing left to send
    const c = openPage(store, open, 'page-c');
    await resumeVacancyChanges(c.queryClient, c.queue, USER, apply);
    expect(server.requests).toHaveLength(1);
  });

  it('sends a change whose answer was lost again with the same body and key: the server carries it out once', async () => {
    const store = memoryChangeStore();
    const open = new Set<string>();
    const { server, apply } = fakeServer({ version: 5, free: 1 });
    // the request reaches the server, the answer never comes back; then the tab closes
    let attempts = 0;
    const lossy: typeof apply = async (unitId, body, key) => {
      if (++attempts > 1) return new Promise<never>(() => undefined); // the retry is still on its way when the tab closes
      await apply(unitId, body, key);
      throw apiError(NETWORK_ERROR_STATUS);
    };
    const a = openPage(store, open, 'page-a');
    a.shows(state(5, 1));
    void a.tap(lossy, 'k1').catch(() => undefined);
    for (let i = 0; i < 50 && attempts < 1; i++) await tick();
    expect(server.applied).toBe(1);
    expect((await store.all())[0].sent).toEqual({ night, gender: 'any', delta: 1, expectedVersion: 5 });
    a.close();

    const b = openPage(store, open, 'page-b');
    b.shows(state(6, 2));
    await resumeVacancyChanges(b.queryClient, b.queue, USER, apply);
    // the same bytes and key as the first attempt, answered from the server's record
    expect(server.requests.map((r) => [r.key, r.body.expectedVersion])).toEqual([['k1', 5], ['k1', 5]]);
    expect([server.applied, server.free]).toEqual([1, 2]);
    expect(await store.all()).toEqual([]);
    expect(await b.queue.refused(USER)).toEqual([]);
  });

  it('leaves the changes of a page still open to that page, and never sends another user’s', async () => {
    const store = memoryChangeStore();
    const open = new Set<string>();
    const { server, apply } = fakeServer({ version: 5, free: 1 });
    const a = openPage(store, open, 'page-a');
    a.shows(state(5, 1));
    onlineManager.setOnline(false);
    const sent = a.tap(apply, 'k1');
    await tick();
    await store.put({ ...(await store.get('k1'))!, id: 'k2', userId: 'someone-else', pageId: 'closed-page' });
    // page b opens while a still holds k1 (offline): b takes nothing over
    const b = openPage(store, open, 'page-b');
    b.shows(state(5, 1));
    await resumeVacancyChanges(b.queryClient, b.queue, USER, apply);
    onlineManager.setOnline(true);
    await sent;
    expect(server.requests.map((r) => r.key)).toEqual(['k1']);
    expect((await store.all()).map((c) => c.id)).toEqual(['k2']);
  });

  it('keeps a replay the server refuses (a colleague came first) to be shown, sends it no more, and forgets it once dismissed', async () => {
    const store = memoryChangeStore();
    const open = new Set<string>();
    const { server, apply } = fakeServer({ version: 5, free: 1 });
    // sent with version 5, lost on the way (never reached the server), tab closed
    const a = openPage(store, open, 'page-a');
    a.shows(state(5, 1));
    let attempts = 0;
    void a.tap(async () => (attempts++ ? new Promise<never>(() => undefined) : Promise.reject(apiError(NETWORK_ERROR_STATUS))), 'k1').catch(() => undefined);
    for (let i = 0; i < 50 && attempts < 1; i++) await tick();
    a.close();
    // a colleague's change
    server.version = 6;
    server.free = 0;

    const b = openPage(store, open, 'page-b');
    b.shows(state(6, 0));
    await resumeVacancyChanges(b.queryClient, b.queue, USER, apply);
    expect(server.applied).toBe(0);
    const refused = await b.queue.refused(USER);
    expect(refused.map((c) => [c.id, c.delta, c.refused?.status])).toEqual([['k1', 1, 409]]);
    expect(b.free()).toBe(0); // the colleague's figure, not 0 + 1

    const c = openPage(store, open, 'page-c');
    await resumeVacancyChanges(c.queryClient, c.queue, USER, apply);
    expect(server.requests).toHaveLength(1);
    await c.queue.dismiss('k1');
    expect(await store.all()).toEqual([]);
  });
});
