import type { EmergencyRequestView, InboxItem, RequestReceivedEvent, RequestUpdatedEvent, InboxUpdatedEvent, VacancyChangedEvent } from '@akiwa/contracts';
import { DEMO, nextEvent, startTestApp, type TestApp } from './support/test-app';
import { collect, eventWhere, requestBody } from './support/emergency';
import { today } from './support/units';

const PERSON = { name: '宇城 花子', nameKana: 'うき はなこ', birthDate: '1980-05-05', phone: '090-1234-5678', wishes: '自宅に近い場所がよい' };

/** The whole emergency flow as the browser would drive it, without a browser: post → push → accept → confirm → details. */
describe('emergency flow', () => {
  let t: TestApp;
  let coordinator: string;
  let a: string; // 短期入所 うきさと: 知的 adults, emergency acceptance
  let aOrg: string;
  let aUser: string;
  let b: string; // GH みすみ: 精神 only

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent' });
    coordinator = (await t.login(DEMO.coordinator)).accessToken;
    const la = await t.login(DEMO.providerStaff);
    [a, aOrg, aUser] = [la.accessToken, la.user.organisation.id, la.user.id];
    b = (await t.login(DEMO.otherProviderStaff)).accessToken;
  });
  afterAll(() => t.close());

  async function socketOf(token: string) {
    const s = t.socket(token);
    await nextEvent(s, 'session:ready');
    return s;
  }

  async function availableAt(unitId: string): Promise<number> {
    const r = await t.request('GET', `/api/vacancies/search?municipalityCode=43213&from=${today()}&nights=1&category=intellectual&limit=100`, { token: coordinator });
    expect(r.status).toBe(200);
    return r.body.items.find((h: { unit: { id: string } }) => h.unit.id === unitId)?.available ?? 0;
  }

  it('pushes a de-identified request to the matching provider only, holds on accept, places on confirm, then shows the person to the placed provider only', async () => {
    const [coordSocket, aSocket, bSocket] = await Promise.all([socketOf(coordinator), socketOf(a), socketOf(b)]);
    const received = nextEvent<RequestReceivedEvent>(aSocket, 'request:received');
    const bSilence = collect(bSocket, 'request:received', 800);

    const post = await t.request('POST', '/api/emergency-requests', { token: coordinator, body: requestBody({ person: PERSON }) });
    expect(post.status).toBe(201);
    const view: EmergencyRequestView = post.body;
    expect(view).toMatchObject({ status: 'open', scope: 'municipality', person: PERSON });
    expect(view.matchedProviders).toBeGreaterThanOrEqual(1);
    expect(view.widensAt).not.toBeNull();

    const { item } = await received;
    expect(item).toMatchObject({ requestId: view.id, status: 'open', person: null, response: null, postingOrganisationName: '宇城圏域基幹相談支援センター' });
    expect(item.needs).toEqual(view.needs);
    const json = JSON.stringify(item);
    expect(json).not.toContain(PERSON.name);
    expect(json).not.toContain('救急搬送');
    expect(json).not.toContain('situation');
    expect(await bSilence).toEqual([]);

    // B (wrong category) cannot read it; A sees it in its inbox after a reload
    expect((await t.request('GET', `/api/inbox/${view.id}`, { token: b })).status).toBe(404);
    expect((await t.request('GET', '/api/inbox', { token: b })).body.items.map((i: InboxItem) => i.requestId)).not.toContain(view.id);
    const inbox = await t.request('GET', '/api/inbox', { token: a });
    expect(inbox.status).toBe(200);
    expect(inbox.body.items[0]).toMatchObject({ requestId: view.id, person: null });
    const unitId = item.matchingUnits[0].id;
    expect(item.matchingUnits[0].name).toBe('短期入所 うきさと（併設型）');

    const before = await availableAt(unitId);
    expect(before).toBeGreaterThanOrEqual(1);

    // A accepts: the coordinator sees the offer, the board sees the hold
    const updated = eventWhere<RequestUpdatedEvent>(coordSocket, 'request:updated', (e) => e.request.id === view.id && e.request.offers.length === 1);
    const held = eventWhere<VacancyChangedEvent>(aSocket, 'vacancy:changed', (e) => e.unitId === unitId && e.reason === 'hold');
    const accept = await t.request('POST', `/api/emergency-requests/${view.id}/accept`, { token: a, body: { unitId } });
    expect(accept.status).toBe(201);
    expect(accept.body.response).toMatchObject({ kind: 'offer', offer: { unitId, status: 'held', organisationId: aOrg } });
    const { request } = await updated;
    expect(request.offers[0]).toMatchObject({ organisationId: aOrg, unitId, status: 'held', distance: 0 });
    expect(request.person).toBeNull(); // pushes never carry the person
    expect(Date.parse(request.offers[0].expiresAt)).toBeGreaterThan(Date.now() + 25 * 60_000);
    expect((await held).nights.find((n) => n.night === today())?.held).toBeGreaterThanOrEqual(1);
    expect(await availableAt(unitId)).toBe(before - 1);

    // A cannot confirm its own offer; another organisation's coordinator cannot either
    const offerId = request.offers[0].id;
    expect((await t.request('POST', `/api/emergency-requests/${view.id}/confirm`, { token: a, body: { offerId } })).status).toBe(403);
    const other = (await t.login(DEMO.otherCoordinator)).accessToken;
    expect((await t.request('POST', `/api/emergency-requests/${view.id}/confirm`, { token: other, body: { offerId } })).status).toBe(403);

    // the coordinator confirms: placed; A's inbox item says so
    const aUpdated = eventWhere<InboxUpdatedEvent>(aSocket, 'inbox:updated', (e) => e.item.requestId === view.id && e.item.status === 'placed');
    const confirm = await t.request('POST', `/api/emergency-requests/${view.id}/confirm`, { token: coordinator, body: { offerId } });
    expect(confirm.status).toBe(200);
    expect(confirm.body).toMatchObject({ status: 'placed', placement: { id: offerId, status: 'confirmed' }, widensAt: null });
    expect(confirm.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['posted', 'matched', 'offer', 'confirmed']);
    expect(confirm.body.timeline[3].text.ja).toContain('短期入所事業所 うきさと');
    const pushed = (await aUpdated).item;
    expect(pushed.person).toBeNull();
    expect(pushed.response).toMatchObject({ kind: 'offer', offer: { status: 'confirmed' } });
    expect(await availableAt(unitId)).toBe(before - 1); // the placement keeps the bed
    expect((await t.request('POST', `/api/emergency-requests/${view.id}/confirm`, { token: coordinator, body: { offerId } })).status).toBe(409);

    // now A — and only A — reads the person, and that read is logged
    const detail = await t.request('GET', `/api/inbox/${view.id}`, { token: a });
    expect(detail.status).toBe(200);
    expect(detail.body.person).toEqual(PERSON);
    const reads = await t.db.query(
      `SELECT actor_user_id, actor_organisation_id, action, detail, at FROM audit_log WHERE subject_id = $1 AND action = 'person.read' AND actor_organisation_id = $2`,
      [view.id, aOrg],
    );
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ actor_user_id: aUser, action: 'person.read', detail: { purpose: 'inbox.view' } });
    expect((await t.request('GET', `/api/inbox/${view.id}`, { token: b })).status).toBe(404);
    const [{ blob }] = await t.db.query(`SELECT person_encrypted AS blob FROM emergency_requests WHERE id = $1`, [view.id]);
    expect(blob.includes(Buffer.from(PERSON.name))).toBe(false);

    // the coordinator's own read is logged too; the chain is intact
    const mine = await t.request('GET', `/api/emergency-requests/${view.id}`, { token: coordinator });
    expect(mine.body.person).toEqual(PERSON);
    expect(mine.body.situation).toContain('救急搬送');
    const actions = (await t.db.query(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY id`, [view.id])).map((r: { action: string }) => r.action);
    // written at post, shared at confirm, read by the coordinator (confirm answer: the person, the situation and notes), by A, by the coordinator again
    expect(actions).toEqual(['person.write', 'person.share', 'person.read', 'request.texts.read', 'person.read', 'person.read', 'request.texts.read']);
  });

  it('keeps the audit log append-only and tamper-evident', async () => {
    // the app's role may not change it at all; the owner is stopped by the trigger
    await expect(t.db.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/permission denied/);
    await expect(t.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied/);
    await expect(t.owner(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.owner(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    const { AuditLog } = await import('../src/audit/audit-log.service');
    const audit = t.app.get(AuditLog, { strict: false });
    expect(await audit.verify()).toMatchObject({ brokenAt: null });
    const [{ id }] = await t.db.query(`SELECT min(id)::text AS id FROM audit_log`);
    // a superuser can switch the trigger off; the chain still gives the change away
    await t.owner(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
    await t.owner(`UPDATE audit_log SET detail = '{"purpose":"nothing to see"}' WHERE id = $1`, [id]);
    await t.owner(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
    expect((await audit.verify()).brokenAt).toBe(id);
  });
});
