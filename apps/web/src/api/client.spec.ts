import { apiFetch, ApiError } from './client';

/** The network as the client sees it: each call answers with the next scripted response. */
function scriptFetch(responses: Array<() => Response>) {
  const calls: { url: string; key: string | null }[] = [];
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, key: (init.headers as Record<string, string>)['Idempotency-Key'] ?? null });
    const next = responses.shift();
    if (!next) throw new Error('unexpected request');
    return next();
  }) as typeof fetch;
  return calls;
}

const busy = (retryAfter: string | null) => () =>
  new Response(JSON.stringify({ status: 503, code: 'service_unavailable', message: { ja: '混み合っています', en: 'busy' }, details: [] }), {
    status: 503,
    headers: retryAfter === null ? {} : { 'Retry-After': retryAfter },
  });
const ok = (body: unknown) => () => new Response(JSON.stringify(body), { status: 200 });

describe('apiFetch on a busy server (503 + Retry-After)', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('comes back after Retry-After and returns the answer, with the same Idempotency-Key', async () => {
    const calls = scriptFetch([busy('0'), ok({ id: 'r1' })]);
    await expect(apiFetch('/emergency-requests', { method: 'POST', body: {}, idempotent: true })).resolves.toEqual({ id: 'r1' });
    expect(calls).toHaveLength(2);
    expect(calls[1].key).toBe(calls[0].key);
    expect(calls[0].key).toMatch(/^[0-9a-f]{32}$/);
  });

  it('gives up after two retries and reports the 503', async () => {
    const calls = scriptFetch([busy('0'), busy('0'), busy('0')]);
    const error = await apiFetch('/units').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    expect(calls).toHaveLength(3);
  });

  it('does not retry a 503 that gives no Retry-After, or one that asks for too long a wait', async () => {
    const calls = scriptFetch([busy(null)]);
    await expect(apiFetch('/units')).rejects.toMatchObject({ status: 503 });
    expect(calls).toHaveLength(1);
    const later = scriptFetch([busy('3600')]);
    await expect(apiFetch('/units')).rejects.toMatchObject({ status: 503 });
    expect(later).toHaveLength(1);
  });
});
