import type { ApiKeyView, IssuedApiKey } from '@akiwa/contracts';
import { DEMO, startTestApp, type TestApp } from '../support/test-app';
import { feed, issueKey, organisationId } from '../support/feeds';

/** API keys of the open feeds: issued once, hashed, scoped to a prefecture, revocable, rate-limited, audited. */
describe('feed API keys', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  let providerOrg: string;

  beforeAll(async () => {
    t = await startTestApp({ FEED_RATE_LIMIT_PER_MINUTE: '5' });
    admin = (await t.login(DEMO.admin)).accessToken;
    staff = (await t.login(DEMO.providerStaff)).accessToken;
    providerOrg = await organisationId(t, admin, '短期入所事業所 うきさと');
  });
  afterAll(() => t.close());

  const uses = async (keyId: string) =>
    (await t.owner(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'api_key.use' AND subject_id = $1`, [keyId]))[0].n as number;

  it('shows the key once, stores only its hash, and scopes it to the organisation’s prefecture', async () => {
    const issued = await issueKey(t, admin, providerOrg, '熊本県 医療情報システム');
    expect(issued.key).toMatch(/^ak_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(issued).toMatchObject({ organisationId: providerOrg, prefectureCode: '43', name: '熊本県 医療情報システム', revokedAt: null });
    expect(issued.key.startsWith(`ak_${issued.prefix}_`)).toBe(true);

    const [row] = await t.owner(`SELECT encode(secret_hash, 'hex') AS hash, row_to_json(k)::text AS whole FROM api_keys k WHERE id = $1`, [issued.id]);
    expect(row.whole).not.toContain(issued.key.slice(16));
    expect(row.hash).toHaveLength(64);

    const list = await t.request('GET', `/api/admin/api-keys?organisationId=${providerOrg}`, { token: admin });
    expect(list.status).toBe(200);
    const listed = (list.body as ApiKeyView[]).find((k) => k.id === issued.id)!;
    expect(listed).toMatchObject({ prefix: issued.prefix, prefectureCode: '43' });
    expect(JSON.stringify(list.body)).not.toContain(issued.key);

    const scope = await feed(t, issued.key, '/api/feeds/key');
    expect(scope.status).toBe(200);
    expect(await scope.json()).toEqual({ keyId: issued.id, organisationId: providerOrg, prefectureCode: '43' });
    // the other way of sending it
    const viaAuthorization = await fetch(`${t.url}/api/feeds/key`, { headers: { authorization: `ApiKey ${issued.key}` } });
    expect(viaAuthorization.status).toBe(200);
  });

  it('refuses user tokens, missing, malformed and wrong keys with 401 in Japanese', async () => {
    const bearer = await t.request('GET', '/api/feeds/key', { token: staff });
    expect(bearer.status).toBe(401);
    expect(bearer.body.message.ja).toContain('APIキーが必要です');
    const none = await t.request('GET', '/api/feeds/key');
    expect(none.status).toBe(401);
    const malformed = await feed(t, 'not-a-key', '/api/feeds/key');
    expect(malformed.status).toBe(401);
    const issued = await issueKey(t, admin, providerOrg);
    // right prefix, wrong secret
    const forged = await feed(t, `ak_${issued.prefix}_${'A'.repeat(43)}`, '/api/feeds/key');
    expect(forged.status).toBe(401);
    expect((await forged.json()).message.ja).toBe('APIキーが正しくありません');
  });

  it('lets only an admin issue, and names bad fields by their Japanese label', async () => {
    const byStaff = await t.request('POST', '/api/admin/api-keys', { token: staff, body: { organisationId: providerOrg, name: 'x' } });
    expect(byStaff.status).toBe(403);

    const bad = await t.request('POST', '/api/admin/api-keys', { token: admin, body: { organisationId: 'nope', name: '  ' } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['name', 'organisationId']);
    expect(bad.body.message.ja).toContain('組織');
    expect(bad.body.message.ja).toContain('名称');

    const adminOrg = await organisationId(t, admin, '空き輪 運営事務局');
    const noArea = await t.request('POST', '/api/admin/api-keys', { token: admin, body: { organisationId: adminOrg, name: '範囲なし' } });
    expect(noArea.status).toBe(400);
    expect(noArea.body.details[0]).toMatchObject({ field: 'organisationId', code: 'no_area' });

    const badId = await t.request('POST', '/api/admin/api-keys/123/revoke', { token: admin });
    expect(badId.status).toBe(400);
  });

  it('refuses a revoked key at once, and audits issue, every use and revocation', async () => {
    const issued: IssuedApiKey = await issueKey(t, admin, providerOrg);
    expect((await feed(t, issued.key, '/api/feeds/key')).status).toBe(200);
    expect((await feed(t, issued.key, '/api/feeds/key')).status).toBe(200);
    expect(await uses(issued.id)).toBe(2);

    const revoked = await t.request('POST', `/api/admin/api-keys/${issued.id}/revoke`, { token: admin });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const after = await feed(t, issued.key, '/api/feeds/key');
    expect(after.status).toBe(401);
    expect((await after.json()).message.ja).toBe('このAPIキーは失効しています');
    // a refused request is not a use
    expect(await uses(issued.id)).toBe(2);

    const trail = await t.owner(`SELECT action, actor_user_id IS NULL AS "noUser", actor_organisation_id AS org, detail FROM audit_log WHERE subject_type = 'api_key' AND subject_id = $1 ORDER BY id`, [issued.id]);
    expect(trail.map((r) => r.action)).toEqual(['api_key.issue', 'api_key.use', 'api_key.use', 'api_key.revoke']);
    expect(trail[1]).toMatchObject({ noUser: true, org: providerOrg, detail: { feed: '/api/feeds/key' } });
    // revoking again changes nothing and logs nothing
    expect((await t.request('POST', `/api/admin/api-keys/${issued.id}/revoke`, { token: admin })).status).toBe(200);
    expect(await t.owner(`SELECT 1 FROM audit_log WHERE action = 'api_key.revoke' AND subject_id = $1`, [issued.id])).toHaveLength(1);
  });

  it('rate-limits each key on its own: 429 with Retry-After past the limit', async () => {
    const a = await issueKey(t, admin, providerOrg);
    const b = await issueKey(t, admin, providerOrg);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await feed(t, a.key, '/api/feeds/key')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await feed(t, a.key, '/api/feeds/key');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited.json()).message.ja).toContain('上限');
    expect((await feed(t, b.key, '/api/feeds/key')).status).toBe(200);
  });
});
