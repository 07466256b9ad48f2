import type { AdjustVacancyRequest, UnitVacancies, VacancyNight } from '@akiwa/contracts';
import { MutationObserver, onlineManager, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { QueryKeys } from '../api/query-keys';
import { adjustVacancyOptions, type AdjustVariables } from './use-vacancies';

const night = '2026-11-25';
const window = { from: night, to: '2026-12-08' };
const row = (free: number, confirmedAt = new Date().toISOString()): VacancyNight => ({ night, gender: 'any', free, held: 0, confirmedAt });
const state = (vacancyVersion: number, free: number): UnitVacancies => ({ unitId: 'u1', vacancyVersion, confirmedAt: row(free).confirmedAt, freshness: 'fresh', nights: [row(free)] });
const tap = (delta: number): AdjustVariables => ({ night, gender: 'any', delta });

/** A server that applies each +/− in order, bumping the version, like the API. */
function fakeServer(start: { version: number; free: number }) {
  const server = { ...start, sent: [] as AdjustVacancyRequest[] };
  const send = async (_unitId: string, body: AdjustVacancyRequest): Promise<UnitVacancies> => {
    server.sent.push(body);
    if (body.expectedVersion !== server.version) {
      throw new ApiError({ status: 409, code: 'version_conflict', message: { ja: '競合', en: 'conflict' }, details: [], current: state(server.version, server.free) } as never);
    }
    server.version += 1;
    server.free += body.delta;
    return state(server.version, server.free);
  };
  return { server, send };
}

function setup() {
  const queryClient = new QueryClient();
  queryClient.mount();
  queryClient.setQueryData(QueryKeys.vacancies.unit('u1', window), state(5, 1));
  const free = () => queryClient.getQueryData<UnitVacancies>(QueryKeys.vacancies.unit('u1', window))!.nights[0].free;
  const version = () => queryClient.getQueryData<UnitVacancies>(QueryKeys.vacancies.unit('u1', window))!.vacancyVersion;
  return { queryClient, free, version };
}

describe('the +/− queue (offline and in flight)', () => {
  afterEach(() => onlineManager.setOnline(true));

  it('shows taps made offline at once, sends them in order once online, each with the version it then knows', async () => {
    const { queryClient, free, version } = setup();
    const { server, send } = fakeServer({ version: 5, free: 1 });
    onlineManager.setOnline(false);
    const taps = [1, 1, -1, 1].map((d) => new MutationObserver(queryClient, adjustVacancyOptions(queryClient, 'u1', send)).mutate(tap(d)));
    await new Promise((r) => setImmediate(r));
    expect(server.sent).toEqual([]);
    expect(free()).toBe(3); // optimistic: 1 + 1 + 1 − 1 + 1
    onlineManager.setOnline(true);
    await Promise.all(taps);
    expect(server.sent.map((b) => [b.expectedVersion, b.delta])).toEqual([[5, 1], [6, 1], [7, -1], [8, 1]]);
    expect([free(), version()]).toEqual([3, 9]);
    expect(server.free).toBe(3);
  });

  it('adopts the server’s current state on a conflict and keeps the taps still queued on top', async () => {
    const { queryClient, free } = setup();
    // someone else set 2 free meanwhile (version 6)
    const { server, send: apply } = fakeServer({ version: 6, free: 2 });
    const shownAtSend: number[] = [];
    const send: typeof apply = (unitId, body) => (shownAtSend.push(free()), apply(unitId, body));
    const first = new MutationObserver(queryClient, adjustVacancyOptions(queryClient, 'u1', send)).mutate(tap(1)).catch((e: unknown) => e);
    const second = new MutationObserver(queryClient, adjustVacancyOptions(queryClient, 'u1', send)).mutate(tap(1));
    expect(await first).toBeInstanceOf(ApiError);
    await second;
    // the first tap was refused (stale version), the second was sent with the adopted version
    expect(server.sent.map((b) => b.expectedVersion)).toEqual([5, 6]);
    // while the second was on its way the screen showed the server's 2 plus that queued tap
    expect(shownAtSend).toEqual([3, 3]);
    expect(free()).toBe(3);
  });

  it('rolls a failed tap back', async () => {
    const { queryClient, free } = setup();
    const send = async (): Promise<UnitVacancies> => {
      throw new ApiError({ status: 500, code: 'internal', message: { ja: '失敗', en: 'boom' }, details: [] } as never);
    };
    await new MutationObserver(queryClient, adjustVacancyOptions(queryClient, 'u1', send)).mutate(tap(1)).catch(() => undefined);
    expect(free()).toBe(1);
  });
});
