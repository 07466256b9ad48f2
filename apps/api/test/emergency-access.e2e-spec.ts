import { fieldLabel } from '@akiwa/contracts';
import { DEMO, startTestApp, type TestApp } from './support/test-app';
import { postRequest, requestBody } from './support/emergency';
import { inDays, today } from './support/units';

/** Who may do what, and malformed requests named field by field. */
describe('emergency request access and validation', () => {
  let t: TestApp;
  let coordinator: string;
  let otherCoordinator: string;
  let staff: string;
  let otherStaff: string;
  let officer: string;
  let requestId: string;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent' });
    coordinator = (await t.login(DEMO.coordinator)).accessToken;
    otherCoordinator = (await t.login(DEMO.otherCoordinator)).accessToken;
    staff = (await t.login(DEMO.providerStaff)).accessToken;
    otherStaff = (await t.login(DEMO.otherProviderStaff)).accessToken;
    officer = (await t.login(DEMO.officer)).accessToken;
    requestId = (await postRequest(t, coordinator, { person: { name: '秘密 太郎' } })).id;
  });
  afterAll(() => t.close());

  it('only coordinators post; providers and officers get 403', async () => {
    for (const token of [staff, officer]) expect((await t.request('POST', '/api/emergency-requests', { token, body: requestBody() })).status).toBe(403);
    expect((await t.request('POST', '/api/emergency-requests', { body: requestBody() })).status).toBe(401);
  });

  it('only the posting organisation’s coordinators read, confirm, widen, cancel and annotate its requests', async () => {
    const base = `/api/emergency-requests/${requestId}`;
    const offerId = '00000000-0000-4000-8000-000000000000';
    for (const [method, path, body] of [
      ['GET', base, undefined],
      ['POST', `${base}/confirm`, { offerId }],
      ['POST', `${base}/widen`, undefined],
      ['POST', `${base}/cancel`, undefined],
      ['POST', `${base}/notes`, { text: 'x' }],
      ['PUT', `${base}/follow-up`, { followUpOn: inDays(7) }],
    ] as const) {
      expect([method, path, (await t.request(method, path, { token: otherCoordinator, body })).status]).toEqual([method, path, 403]);
      expect([method, path, (await t.request(method, path, { token: staff, body })).status]).toEqual([method, path, 403]);
    }
    const list = await t.request('GET', '/api/emergency-requests', { token: otherCoordinator });
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(requestId);
    const own = await t.request('GET', '/api/emergency-requests?status=open', { token: coordinator });
    expect(own.body.items.map((i: { id: string }) => i.id)).toContain(requestId);
  });

  it('providers read and answer only requests sent to them', async () => {
    expect((await t.request('GET', `/api/inbox/${requestId}`, { token: otherStaff })).status).toBe(404);
    const units = (await t.request('GET', `/api/inbox/${requestId}`, { token: staff })).body.matchingUnits;
    expect((await t.request('POST', `/api/emergency-requests/${requestId}/accept`, { token: otherStaff, body: { unitId: units[0].id } })).status).toBe(404);
    expect((await t.request('POST', `/api/emergency-requests/${requestId}/decline`, { token: otherStaff, body: { reason: 'full' } })).status).toBe(404);
    expect((await t.request('GET', '/api/inbox', { token: coordinator })).status).toBe(403);
    // no person before placement, not even in the item
    const item = await t.request('GET', `/api/inbox/${requestId}`, { token: staff });
    expect(item.body.person).toBeNull();
    expect(JSON.stringify(item.body)).not.toContain('秘密');
  });

  it('notes, follow-up, decline and withdraw land on the timeline', async () => {
    const id = (await postRequest(t, coordinator)).id;
    const unitId = (await t.request('GET', `/api/inbox/${id}`, { token: staff })).body.matchingUnits[0].id;
    const accepted = await t.request('POST', `/api/emergency-requests/${id}/accept`, { token: staff, body: { unitId } });
    expect(accepted.status).toBe(201);
    expect((await t.request('POST', `/api/emergency-requests/${id}/accept`, { token: staff, body: { unitId } })).status).toBe(409);
    expect((await t.request('POST', `/api/emergency-requests/${id}/decline`, { token: staff, body: { reason: 'full' } })).status).toBe(409);
    const withdrawn = await t.request('POST', `/api/offers/${accepted.body.response.offer.id}/withdraw`, { token: staff });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.response.offer.status).toBe('withdrawn');
    const declined = await t.request('POST', `/api/emergency-requests/${id}/decline`, { token: staff, body: { reason: 'staffing', note: '夜勤者不足' } });
    expect(declined.body.response).toEqual({ kind: 'declined', reason: 'staffing', note: '夜勤者不足' });
    expect((await t.request('POST', `/api/emergency-requests/${id}/notes`, { token: coordinator, body: { text: '本人は自宅近くを希望' } })).status).toBe(201);
    const fu = await t.request('PUT', `/api/emergency-requests/${id}/follow-up`, { token: coordinator, body: { followUpOn: inDays(14) } });
    expect(fu.body.followUpOn).toBe(inDays(14));
    expect(fu.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['posted', 'matched', 'offer', 'offer_withdrawn', 'declined', 'note', 'follow_up']);
    expect(fu.body.timeline.find((e: { kind: string }) => e.kind === 'declined').text.ja).toContain('職員体制');
    const cancelled = await t.request('POST', `/api/emergency-requests/${id}/cancel`, { token: coordinator });
    expect(cancelled.body.status).toBe('cancelled');
    expect((await t.request('POST', `/api/emergency-requests/${id}/accept`, { token: staff, body: { unitId } })).status).toBe(409);
  });

  type Case = [name: string, body: unknown, field: string];
  const cases: Case[] = [
    ['nights above 30', requestBody({ nights: 31 }), 'nights'],
    ['nights zero', requestBody({ nights: 0 }), 'nights'],
    ['from in the past (JST)', requestBody({ from: inDays(-1) }), 'from'],
    ['from not a date', requestBody({ from: '2026-02-30' }), 'from'],
    ['unknown municipality', requestBody({ municipalityCode: '99999' }), 'municipalityCode'],
    ['municipality not 5 digits', requestBody({ municipalityCode: '4321' }), 'municipalityCode'],
    ['unknown category', requestBody({ needs: { categories: ['alien' as never] } }), 'needs.categories'],
    ['no category', requestBody({ needs: { categories: [] } }), 'needs.categories'],
    ['support level 7', requestBody({ needs: { supportLevel: 7 } }), 'needs.supportLevel'],
    ['child with an adult age band', requestBody({ needs: { child: true } }), 'needs.child'],
    ['needs missing', { ...requestBody(), needs: undefined }, 'needs'],
    ['urgency unknown', requestBody({ urgency: 'asap' as never }), 'urgency'],
    ['situation empty', requestBody({ situation: '' }), 'situation'],
    ['unknown field', { ...requestBody(), name: 'x' }, 'name'],
    ['person without a name', requestBody({ person: {} as never }), 'person.name'],
    ['contracted organisation not a provider', requestBody({ contractedOrganisationId: '00000000-0000-4000-8000-000000000000' }), 'contractedOrganisationId'],
  ];
  it.each(cases)('400 naming the field: %s', async (_name, body, field) => {
    const r = await t.request('POST', '/api/emergency-requests', { token: coordinator, body });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('validation_failed');
    expect(r.body.details.map((d: { field: string }) => d.field)).toContain(field);
    const detail = r.body.details.find((d: { field: string }) => d.field === field);
    // the person reads the field's Japanese label (「空床数」, not 「free」)
    expect(detail.message.ja).toContain(`「${fieldLabel(field).ja}」`);
    expect(detail.message.en).toContain(field);
  });

  it('400 on malformed answers and ids', async () => {
    const accept = await t.request('POST', `/api/emergency-requests/${requestId}/accept`, { token: staff, body: { unitId: 'nope' } });
    expect([accept.status, accept.body.details[0].field]).toEqual([400, 'unitId']);
    const decline = await t.request('POST', `/api/emergency-requests/${requestId}/decline`, { token: staff, body: { reason: 'bored' } });
    expect([decline.status, decline.body.details[0].field]).toEqual([400, 'reason']);
    const id = await t.request('GET', '/api/emergency-requests/123', { token: coordinator });
    expect([id.status, id.body.details[0].field]).toEqual([400, 'id']);
    const fu = await t.request('PUT', `/api/emergency-requests/${requestId}/follow-up`, { token: coordinator, body: { followUpOn: 'soon' } });
    expect([fu.status, fu.body.details[0].field]).toEqual([400, 'followUpOn']);
    expect((await t.request('GET', `/api/emergency-requests?status=lost`, { token: coordinator })).status).toBe(400);
    expect(today()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
