import type { TrialPersonSummary, TrialPersonView, TrialStayChangedEvent, TrialStayView, WaitingEntryView } from '@akiwa/contracts';
import { loadDemoData } from '../src/demo/demo.loader';
import { DEMO_TRIAL_PERSON } from '../src/trial-stays/trial-demo';
import { PersonalDataCipher } from '../src/common/crypto/personal-data.cipher';
import { DEMO, nextEvent, startTestApp, type TestApp } from './support/test-app';
import { createUnit, inDays, today } from './support/units';

const NAME = '宇城 花子（体験）';
const NOTE = '服薬は朝夕、夜間に不穏あり';
const REASON = '本人が入院したため';
const WAIT_NOTES = '母親が要介護となり在宅生活が困難';

interface Audit {
  actor_user_id: string;
  actor_organisation_id: string;
  action: string;
  subject_type: string;
  subject_id: string;
  detail: Record<string, unknown>;
}

describe('trial stays: personal data at rest and access log', () => {
  let t: TestApp;
  let misumi: string; // the home (provider)
  let misumiUser: string;
  let misumiOrg: string;
  let other: string; // another provider
  let otherUser: string;
  let coord: string;
  let coordUser: string;
  let coord2: string;

  beforeAll(async () => {
    t = await startTestApp();
    const m = await t.login(DEMO.otherProviderStaff);
    [misumi, misumiUser, misumiOrg] = [m.accessToken, m.user.id, m.user.organisation.id];
    const o = await t.login(DEMO.providerStaff);
    [other, otherUser] = [o.accessToken, o.user.id];
    const c = await t.login(DEMO.coordinator);
    [coord, coordUser] = [c.accessToken, c.user.id];
    coord2 = (await t.login(DEMO.otherCoordinator)).accessToken;
  });
  afterAll(() => t.close());

  const audits = (where: string, params: unknown[]): Promise<Audit[]> => t.db.query(`SELECT * FROM audit_log WHERE ${where} ORDER BY id`, params);

  async function trialRoom() {
    const u = await createUnit(t, misumi, { serviceType: 'group_home_care', trialOk: true, emergencyOk: false, categories: ['psychiatric'], roomGender: 'either', capacity: 1 });
    const r = await t.request('PUT', `/api/trial-stays/units/${u.id}/offer`, { token: misumi, body: { houseRules: '', whatToBring: '', openings: [{ from: today(), to: inDays(60) }] } });
    expect(r.status).toBe(200);
    return u;
  }

  async function person(displayName = NAME): Promise<TrialPersonView> {
    const r = await t.request('POST', '/api/trial-persons', {
      token: coord,
      body: { displayName, ageBand: '30-49', gender: 'female', municipalityCode: '43213', categories: ['psychiatric'], supportLevel: 2, specialNeeds: [] },
    });
    expect(r.status).toBe(201);
    expect(r.body.displayName).toBe(displayName);
    return r.body;
  }

  function expectSealed(row: Record<string, unknown>, secrets: string[]) {
    const everything = JSON.stringify(row);
    for (const secret of secrets) {
      expect(everything).not.toContain(secret);
      for (const value of Object.values(row)) if (Buffer.isBuffer(value)) expect(value.includes(Buffer.from(secret))).toBe(false);
    }
  }

  it('stores the name, note and reason encrypted, and shows them to the coordinator and the booked home, audited', async () => {
    const room = await trialRoom();
    const p = await person();
    const [pRow] = await t.db.query(`SELECT * FROM trial_persons WHERE id = $1`, [p.id]);
    expect(pRow).not.toHaveProperty('display_name'); // no plaintext column beside the sealed one
    expect(pRow.display_name_encrypted.length).toBeGreaterThan(29);
    expect(pRow.age_band).toBe('30-49'); // what search and policy need stays readable
    expectSealed(pRow, [NAME, '花子']);

    const providerSocket = t.socket(misumi);
    await nextEvent(providerSocket, 'session:ready');
    const heard = nextEvent<TrialStayChangedEvent>(providerSocket, 'trial-stay:changed');
    const booked = await t.request<TrialStayView>('POST', '/api/trial-stays', { token: coord, body: { unitId: room.id, personId: p.id, from: inDays(2), to: inDays(5), note: NOTE } });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ note: NOTE, person: { id: p.id, displayName: NAME } });
    // live events reach every connected user of both organisations: de-identified, screens refetch
    const event = JSON.stringify(await heard);
    for (const secret of [NAME, NOTE]) expect(event).not.toContain(secret);

    const [sRow] = await t.db.query(`SELECT * FROM trial_stays WHERE id = $1`, [booked.body.id]);
    expect(sRow).not.toHaveProperty('note');
    expectSealed(sRow, [NOTE, '服薬']);

    // the booked home sees the person: it is who will come
    const seen = await t.request<TrialStayView>('GET', `/api/trial-stays/${booked.body.id}`, { token: misumi });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ note: NOTE, person: { displayName: NAME } });
    const [view] = await audits(`action = 'trial_stay.view' AND subject_id = $1`, [booked.body.id]);
    expect(view).toMatchObject({ actor_user_id: misumiUser, actor_organisation_id: misumiOrg, subject_type: 'trial_stay', detail: { personId: p.id } });
    const listed = await t.request('GET', `/api/trial-stays?unitId=${room.id}`, { token: misumi });
    expect(listed.body.items[0].person.displayName).toBe(NAME);
    const [list] = await audits(`action = 'trial_stay.list' AND actor_user_id = $1`, [misumiUser]);
    expect(list.subject_id).toBe(booked.body.id); // one stay on the page: its own id
    expect(list.detail).toMatchObject({ personIds: [p.id] });

    // the coordinator's organisation: persons list, summary, bookings
    const persons = await t.request<TrialPersonView[]>('GET', '/api/trial-persons', { token: coord });
    expect(persons.body.find((x) => x.id === p.id)?.displayName).toBe(NAME);
    const [personsLog] = await audits(`action = 'trial_person.list' AND actor_user_id = $1`, [coordUser]);
    expect(personsLog.detail.ids).toContain(p.id);
    const summary = await t.request<TrialPersonSummary>('GET', `/api/trial-persons/${p.id}/summary`, { token: coord });
    expect(summary.body.person.displayName).toBe(NAME);
    expect(summary.body.stays[0]).toMatchObject({ note: NOTE, person: { displayName: NAME } });
    expect(await audits(`action = 'trial_person.view' AND subject_id = $1 AND actor_user_id = $2`, [p.id, coordUser])).toHaveLength(1);
    expect(await audits(`action = 'trial_person.create' AND subject_id = $1`, [p.id])).toHaveLength(1);
    expect(await audits(`action = 'trial_stay.create' AND subject_id = $1`, [booked.body.id])).toHaveLength(1);

    // the reason of a cancellation is about the person too
    const cancelled = await t.request<TrialStayView>('POST', `/api/trial-stays/${booked.body.id}/cancel`, { token: coord, body: { reason: REASON } });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', reason: REASON });
    const [cRow] = await t.db.query(`SELECT * FROM trial_stays WHERE id = $1`, [booked.body.id]);
    expect(cRow).not.toHaveProperty('reason');
    expectSealed(cRow, [REASON, '入院']);
    expect((await t.request('GET', `/api/trial-stays/${booked.body.id}`, { token: misumi })).body.reason).toBe(REASON);

    const chain = await t.db.query(`SELECT count(*)::int AS n FROM audit_log`);
    expect(chain[0].n).toBeGreaterThan(0);
  });

  it('never gives the name to other providers or coordinators, and decrypts nothing for them', async () => {
    const room = await trialRoom();
    const p = await person('他社に見せない名前');
    const booked = await t.request<TrialStayView>('POST', '/api/trial-stays', { token: coord, body: { unitId: room.id, personId: p.id, from: inDays(10), to: inDays(12) } });
    expect(booked.status).toBe(201);
    const before = await audits(`actor_user_id = $1`, [otherUser]);

    expect((await t.request('GET', `/api/trial-stays/${booked.body.id}`, { token: other })).status).toBe(404);
    expect((await t.request('GET', `/api/trial-stays/${booked.body.id}`, { token: coord2 })).status).toBe(404);
    expect((await t.request('POST', `/api/trial-stays/${booked.body.id}/approve`, { token: other })).status).toBe(403);
    const otherList = await t.request('GET', '/api/trial-stays', { token: other });
    const cal = await t.request('GET', `/api/trial-stays/calendar?month=${inDays(10).slice(0, 7)}&unitId=${room.id}`, { token: other });
    const search = await t.request('GET', `/api/trial-stays/search?municipalityCode=43213&from=${inDays(20)}&to=${inDays(21)}`, { token: other });
    const waiting = await t.request<WaitingEntryView[]>('GET', `/api/waiting-list?organisationId=${misumiOrg}`, { token: other });
    for (const r of [otherList, cal, search, waiting]) {
      expect(r.status).toBe(200);
      expect(JSON.stringify(r.body)).not.toContain('他社に見せない名前');
    }
    expect(waiting.body.length).toBeGreaterThan(0);
    expect(waiting.body.every((w) => !w.identified && w.displayName === null && w.notes === null)).toBe(true);
    // nothing was decrypted for the other provider, so nothing was logged as read
    expect(await audits(`actor_user_id = $1`, [otherUser])).toEqual(before);
  });

  it('keeps waiting-list names and notes encrypted, named only for the home and the following centre', async () => {
    const p = await person('待機 一郎');
    const added = await t.request<WaitingEntryView>('POST', '/api/waiting-list', {
      token: coord,
      body: { organisationId: misumiOrg, personId: p.id, roomGender: 'either', waitingSince: today(), notes: WAIT_NOTES },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ displayName: '待機 一郎', notes: WAIT_NOTES, identified: true });
    const [row] = await t.db.query(`SELECT * FROM waiting_list_entries WHERE id = $1`, [added.body.id]);
    expect(row).not.toHaveProperty('display_name');
    expect(row).not.toHaveProperty('notes');
    expectSealed(row, ['待機 一郎', WAIT_NOTES, '要介護']);

    const own = await t.request<WaitingEntryView[]>('GET', '/api/waiting-list', { token: misumi });
    expect(own.body.find((w) => w.id === added.body.id)).toMatchObject({ displayName: '待機 一郎', notes: WAIT_NOTES });
    const [log] = (await audits(`action = 'waiting_list_entry.list' AND actor_user_id = $1`, [misumiUser])).slice(-1);
    expect(log.detail.ids).toContain(added.body.id);
    // the demo's entries, sealed by the demo loader with the app's key, read like any other
    expect(own.body.map((w) => w.displayName)).toEqual(expect.arrayContaining(['Bさん', 'Cさん']));
    const demoPerson = (await t.request<TrialPersonView[]>('GET', '/api/trial-persons', { token: coord })).body.find((x) => x.displayName === DEMO_TRIAL_PERSON)!;
    expect((await t.request('GET', `/api/trial-persons/${demoPerson.id}/summary`, { token: coord })).status).toBe(200);
    // loading the demo again recognises its rows by id, without reading their sealed names
    const count = `SELECT (SELECT count(*) FROM trial_persons)::int AS persons, (SELECT count(*) FROM waiting_list_entries)::int AS entries`;
    const [counted] = await t.db.query(count);
    await loadDemoData(t.db, t.app.get(PersonalDataCipher));
    expect((await t.db.query(count))[0]).toEqual(counted);
    expect((await t.request('DELETE', `/api/waiting-list/${added.body.id}`, { token: coord })).status).toBe(204);
  });

  it('refuses a ciphertext moved onto another row (the additional data binds it to its row)', async () => {
    const a = await person('Aの名前');
    const b = await person('Bの名前');
    await t.db.query(`UPDATE trial_persons SET display_name_encrypted = (SELECT display_name_encrypted FROM trial_persons WHERE id = $1) WHERE id = $2`, [a.id, b.id]);
    const r = await t.request('GET', `/api/trial-persons/${b.id}/summary`, { token: coord });
    // refused as what it is (the additional data did not authenticate), not as any crash
    expect(r.status).toBe(500);
    expect(r.body.code).toBe('personal_data_unreadable');
    expect(JSON.stringify(r.body)).not.toContain('Aの名前');
    // the row itself still reads
    expect((await t.request('GET', `/api/trial-persons/${a.id}/summary`, { token: coord })).status).toBe(200);
    // clean up so later reads of the organisation's list keep working
    await t.db.query(`DELETE FROM trial_persons WHERE id = $1`, [b.id]);
  });
});
