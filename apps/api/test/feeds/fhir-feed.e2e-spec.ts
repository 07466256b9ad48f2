import type { Bundle, HealthcareService, Location, Organization, Resource, Schedule, Slot } from '@medplum/fhirtypes';
import type { IssuedApiKey, UnitView } from '@akiwa/contracts';
import { addDays, serviceNightSpan } from '@akiwa/domain';
import { DEMO, startTestApp, type TestApp } from '../support/test-app';
import { createUnit, setRange, today } from '../support/units';
import { feed, issueKey, organisationId } from '../support/feeds';
import { fhirErrors, fhirR4 } from '../support/fhir-schema';

/** The FHIR R4 feeds: valid against the official R4 JSON schema, free/busy from the calendar's rule, inside the key's prefecture. */
describe('FHIR feeds', () => {
  let t: TestApp;
  let staff: string;
  let key: IssuedApiKey;
  let open: UnitView;
  let paused: UnitView;

  beforeAll(async () => {
    // compiled first: it blocks the process (the app's too) for seconds, long enough for kept-alive sockets to be dropped
    fhirR4();
    t = await startTestApp({ FEED_RATE_LIMIT_PER_MINUTE: '1000', LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent' });
    const admin = (await t.login(DEMO.admin)).accessToken;
    staff = (await t.login(DEMO.providerStaff)).accessToken;
    key = await issueKey(t, admin, await organisationId(t, admin, '短期入所事業所 うきさと'));
    // a unit of 5: tonight 3 free (○), tomorrow 1 (△), the night after full (×), then nothing confirmed (?)
    open = await createUnit(t, staff, { capacity: 5, categories: ['intellectual', 'psychiatric'], acceptsChildren: true, supportLevelMin: 2, supportLevelMax: 5, specialNeeds: ['medical_care'], roomGender: 'female' });
    await setRange(t, staff, open.id, today(), today(), 3);
    await setRange(t, staff, open.id, addDays(today(), 1), addDays(today(), 1), 1);
    await setRange(t, staff, open.id, addDays(today(), 2), addDays(today(), 2), 0);
    paused = await createUnit(t, staff, { capacity: 2 });
    await setRange(t, staff, paused.id, today(), addDays(today(), 5), 2);
    const until = new Date(Date.now() + 48 * 3600_000).toISOString();
    const r = await t.request('PUT', `/api/units/${paused.id}/admissions`, { token: staff, body: { pausedUntil: until, pauseReason: '感染症発生のため', nightAdmission: true } });
    expect(r.status).toBe(200);
  }, 120_000);
  afterAll(() => t.close());

  const bundle = async (path: string): Promise<Bundle> => {
    const r = await feed(t, key.key, path);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/fhir+json');
    return r.json();
  };
  const resources = <T extends Resource>(b: Bundle, type: T['resourceType']) => (b.entry ?? []).map((e) => e.resource!).filter((r): r is T => r.resourceType === type);

  it('the schema check itself fails on a wrong bundle (so passing means something)', () => {
    const slot = { resourceType: 'Slot', id: 'x', schedule: { reference: 'Schedule/x' }, status: 'open', start: 'tonight', end: serviceNightSpan(today()).end };
    expect(fhirErrors({ resourceType: 'Bundle', type: 'searchset', entry: [{ resource: slot }] } as never).length).toBeGreaterThan(0);
    expect(fhirErrors({ resourceType: 'Bundle', type: 'searchset', entry: [{ resource: { ...slot, status: 'free', start: serviceNightSpan(today()).start } }] } as never)).toEqual([]);
  });

  it('streams a Slot per unit-night with free/busy from the calendar’s marks, valid FHIR R4', async () => {
    const r = await feed(t, key.key, '/api/feeds/fhir/Slot?municipalityCode=43213&days=60');
    expect(r.status).toBe(200);
    // streamed: no length known up front
    expect(r.headers.get('content-length')).toBeNull();
    const b: Bundle = await r.json();
    expect(fhirErrors(b as never)).toEqual([]);
    expect(b).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });

    const slots = resources<Slot>(b, 'Slot').filter((s) => s.schedule.reference === `Schedule/${open.id}`);
    expect(slots).toHaveLength(60);
    expect(slots.slice(0, 4).map((s) => s.status)).toEqual(['free', 'free', 'busy', 'busy-unavailable']);
    expect(slots.slice(0, 3).map((s) => s.comment)).toEqual(['空床 3', '空床 1（残りわずか）', '満床']);
    expect(slots[0]).toMatchObject(serviceNightSpan(today()));
    expect(slots[59].start).toBe(serviceNightSpan(addDays(today(), 59)).start);
    // a paused unit's free beds are not free
    const pausedSlots = resources<Slot>(b, 'Slot').filter((s) => s.schedule.reference === `Schedule/${paused.id}`);
    expect(pausedSlots[0]).toMatchObject({ status: 'busy-unavailable', comment: '受入停止中' });
    const schedules = resources<Schedule>(b, 'Schedule');
    expect(schedules.find((s) => s.id === open.id)?.actor).toEqual([{ reference: `Location/${open.id}`, display: open.name }, { reference: `HealthcareService/${open.id}` }]);
    // every unit of the municipality: one schedule and 60 slots each
    expect(resources<Slot>(b, 'Slot')).toHaveLength(schedules.length * 60);
  });

  it('gives each unit tonight’s bed status as Location.operationalStatus, and whom it accepts as HealthcareService.eligibility', async () => {
    const locations = await bundle('/api/feeds/fhir/Location?municipalityCode=43213');
    expect(fhirErrors(locations as never)).toEqual([]);
    const byId = new Map(resources<Location>(locations, 'Location').map((l) => [l.id, l]));
    expect(byId.get(open.id)?.operationalStatus).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/v2-0116', code: 'U' });
    expect(byId.get(paused.id)?.operationalStatus?.code).toBe('C');
    expect(byId.get(paused.id)?.description).toContain('感染症発生のため');
    expect(byId.get(open.id)?.managingOrganization?.reference).toBe(`Organization/${open.organisationId}`);

    const services = await bundle('/api/feeds/fhir/HealthcareService?municipalityCode=43213');
    expect(fhirErrors(services as never)).toEqual([]);
    const hs = resources<HealthcareService>(services, 'HealthcareService').find((s) => s.id === open.id)!;
    expect(hs.eligibility?.map((e) => e.code?.coding?.[0].code)).toEqual(['category:intellectual', 'category:psychiatric', 'children', 'support-level', 'need:medical_care', 'room-gender:female']);
    expect(hs.eligibility?.find((e) => e.code?.coding?.[0].code === 'support-level')?.comment).toContain('2〜5');

    const orgs = await bundle('/api/feeds/fhir/Organization');
    expect(fhirErrors(orgs as never)).toEqual([]);
    const names = resources<Organization>(orgs, 'Organization').map((o) => o.name);
    expect(names).toContain('短期入所事業所 うきさと');
    expect(new Set(names).size).toBe(names.length);
  });

  it('reads only inside the key’s prefecture; bad input is a 4xx naming the field in Japanese', async () => {
    expect((await feed(t, key.key, '/api/feeds/fhir/Slot?prefectureCode=13')).status).toBe(403);
    const otherPrefecture = await t.owner(`SELECT code FROM municipalities WHERE prefecture_code <> '43' LIMIT 1`);
    if (otherPrefecture.length) expect((await feed(t, key.key, `/api/feeds/fhir/Location?municipalityCode=${otherPrefecture[0].code}`)).status).toBe(403);
    const past = await feed(t, key.key, `/api/feeds/fhir/Slot?from=${addDays(today(), -3)}`);
    expect(past.status).toBe(400);
    expect((await past.json()).message.ja).toContain('開始日');
    const tooMany = await feed(t, key.key, '/api/feeds/fhir/Slot?days=365');
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).details[0].field).toBe('days');
    expect((await feed(t, key.key, '/api/feeds/fhir/Slot?municipalityCode=99999')).status).toBe(400);
  });
});
