import type { IssuedApiKey } from '@akiwa/contracts';
import type { TestApp } from './test-app';

/** The demo organisation called `name` (admin token). */
export async function organisationId(t: TestApp, admin: string, name: string): Promise<string> {
  const r = await t.request('GET', '/api/admin/organisations?limit=200', { token: admin });
  const org = (r.body.items as { id: string; name: string }[]).find((o) => o.name === name);
  if (!org) throw new Error(`no organisation ${name}`);
  return org.id;
}

export async function issueKey(t: TestApp, admin: string, organisationId: string, name = 'テスト用キー'): Promise<IssuedApiKey> {
  const r = await t.request('POST', '/api/admin/api-keys', { token: admin, body: { organisationId, name } });
  if (r.status !== 201) throw new Error(`issue failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A feed request with the key in X-Api-Key. */
export function feed(t: TestApp, key: string, path: string) {
  return fetch(t.url + path, { headers: { 'x-api-key': key } });
}
