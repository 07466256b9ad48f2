import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { normaliseName } from '@akiwa/domain';
import { personalDataCipher, type PersonalDataCipher } from '../../src/common/crypto/personal-data.cipher';
import { asRole, DEFAULT_APP_ROLE, roleOf } from '../../src/database/app-role';
import { runMigrations } from '../../src/database/migrate';
import { ENCRYPTED_COLUMNS, rowKeyOf } from '../../src/personal-data/personal-data-registry';
import { postRequest } from '../support/emergency';
import { testPersonalDataKey } from '../support/postgres';
import { DEMO, nextEvent, startTestApp, type TestApp } from '../support/test-app';
import { createUnit, inDays, today } from '../support/units';

const run = promisify(execFile);
// the template's demo is sealed with the run's key: the first key is that one
const KEY_1 = testPersonalDataKey();
const KEY_2 = randomBytes(32).toString('base64');
const SITUATION = '母が救急搬送された。本人はてんかん発作の既往あり';
const NAME = '監査 一郎';
/**
 * What a user types about the person in each flow, each text unique, so that any copy of it anywhere
 * in the database (any table, any column, bytea included) is found by the scan below.
 */
const ENTERED = {
  situation: SITUATION,
  name: NAME,
  address: '宇城市松橋町1-1',
  medical: '抗てんかん薬を朝夕に服用',
  situation2: '父の入院で在宅介護者が不在、夜間に徘徊あり',
  name2: '点検 二郎',
  declineNote: '医療的ケア（吸引）に夜間対応できる看護師がいない',
  note: '本人は大きな音でパニックになる、個室が望ましい',
  idempotentNote: '母親の退院は来週火曜の見込み',
  personUpdate: '090-7777-1234',
  trialName: '体験 三郎',
  trialNote: '夜間に不穏あり、頓服はリスペリドン',
  trialReason: '本人が肺炎で入院したため',
  waitingNotes: '家族の就労継続が困難、早期入居希望',
  ledgerMedication: 'バルプロ酸を一日二回、発作時はジアゼパム',
};

/** Issue 8, "Personal data everywhere it lives": every registered column holds ciphertext, and a key can be rotated. */
describe('personal data at rest', () => {
  let t: TestApp;
  let placedId: string;
  let declinedId: string;
  /**
   * Every flow that takes personal data, through the public API as the web app drives it: post,
   * accept, confirm, notes (one with an Idempotency-Key, whose answer is stored for replay), the
   * person added later, a decline with a note, the pushes they cause (outbox), and trial stays
   * (person, booking with a note, cancellation with a reason, waiting list).
   */
  beforeAll(async () => {
    t = await startTestApp({ PERSONAL_DATA_KEY: KEY_1 });
    const coordinator = (await t.login(DEMO.coordinator)).accessToken;
    const ukisato = (await t.login(DEMO.providerStaff)).accessToken;
    const misumiLogin = await t.login(DEMO.otherProviderStaff);
    const misumi = misumiLogin.accessToken;
    const ok = (r: { status: number; body: unknown }, status: number) => {
      if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
      return r;
    };
    // pushes are written to the outbox with the change: a socket of each side is open throughout
    const sockets = [t.socket(coordinator), t.socket(ukisato)];
    await Promise.all(sockets.map((s) => nextEvent(s, 'session:ready')));

    // accept → confirm → notes → person added
    const placed = await postRequest(t, coordinator, { situation: ENTERED.situation, person: { name: ENTERED.name, address: ENTERED.address, medicalNotes: ENTERED.medical } });
    const inbox = (await t.request('GET', `/api/inbox/${placed.id}`, { token: ukisato })).body;
    const offer = ok(await t.request('POST', `/api/emergency-requests/${placed.id}/accept`, { token: ukisato, body: { unitId: inbox.matchingUnits[0].id } }), 201).body;
    ok(await t.request('POST', `/api/emergency-requests/${placed.id}/confirm`, { token: coordinator, body: { offerId: offer.response.offer.id } }), 200);
    ok(await t.request('POST', `/api/emergency-requests/${placed.id}/notes`, { token: coordinator, body: { text: ENTERED.note } }), 201);
    const headers = { 'idempotency-key': 'personal-data-scan-0001' };
    ok(await t.request('POST', `/api/emergency-requests/${placed.id}/notes`, { token: coordinator, body: { text: ENTERED.idempotentNote }, headers }), 201);
    // a retry gets the stored answer back (decrypted: a recorded read)
    const replayed = await t.request('POST', `/api/emergency-requests/${placed.id}/notes`, { token: coordinator, body: { text: ENTERED.idempotentNote }, headers });
    if (replayed.status !== 201 || replayed.headers.get('idempotent-replayed') !== 'true') throw new Error(`the retry was not replayed: ${replayed.status}`);
    ok(await t.request('PUT', `/api/emergency-requests/${placed.id}/person`, { token: coordinator, body: { person: { name: ENTERED.name, phone: ENTERED.personUpdate } } }), 200);
    ok(await t.request('GET', `/api/inbox/${placed.id}`, { token: ukisato }), 200);
    placedId = placed.id;

    // decline with a note
    const declined = await postRequest(t, coordinator, { situation: ENTERED.situation2, person: { name: ENTERED.name2 } });
    ok(await t.request('POST', `/api/emergency-requests/${declined.id}/decline`, { token: ukisato, body: { reason: 'medical_care', note: ENTERED.declineNote } }), 200);
    ok(await t.request('GET', '/api/inbox', { token: ukisato }), 200);
    ok(await t.request('GET', `/api/emergency-requests/${declined.id}`, { token: coordinator }), 200);
    declinedId = declined.id;

    // trial stays: the person, a booking with a note, its cancellation with a reason, the waiting list
    const room = await createUnit(t, misumi, { serviceType: 'group_home_care', trialOk: true, emergencyOk: false, categories: ['psychiatric'], roomGender: 'either', capacity: 1 });
    ok(await t.request('PUT', `/api/trial-stays/units/${room.id}/offer`, { token: misumi, body: { houseRules: '', whatToBring: '', openings: [{ from: today(), to: inDays(60) }] } }), 200);
    const person = ok(
      await t.request('POST', '/api/trial-persons', {
        token: coordinator,
        body: { displayName: ENTERED.trialName, ageBand: '30-49', gender: 'male', municipalityCode: '43213', categories: ['psychiatric'], supportLevel: 3, specialNeeds: [] },
      }),
      201,
    ).body;
    const stay = ok(await t.request('POST', '/api/trial-stays', { token: coordinator, body: { unitId: room.id, personId: person.id, from: inDays(2), to: inDays(5), note: ENTERED.trialNote } }), 201).body;
    ok(await t.request('POST', `/api/trial-stays/${stay.id}/cancel`, { token: coordinator, body: { reason: ENTERED.trialReason } }), 200);
    ok(
      await t.request('POST', '/api/waiting-list', {
        token: coordinator,
        body: { organisationId: misumiLogin.user.organisation.id, personId: person.id, roomGender: 'either', waitingSince: today(), notes: ENTERED.waitingNotes },
      }),
      201,
    );
    // the ledger: a 緊急時利用登録届
    ok(
      await t.request('POST', '/api/ledger/registrations', {
        token: coordinator,
        body: {
          municipalityCode: '43213',
          form: {
            notifiedOn: '2026-11-20', notifier: { name: NAME }, registrant: { name: NAME, nameKana: 'かんさ いちろう', birthDate: '1970-01-01', sex: 'male' },
            certificates: {}, emergencyContacts: [], medication: ENTERED.ledgerMedication,
          },
          profile: { categories: ['intellectual'], child: false, supportLevel: 3, specialNeeds: [] },
          riskFlags: [], urgencyTier: 'normal', consent: { by: 'self', on: '2026-11-20', organisationIds: [] },
        },
      }),
      201,
    );
    for (const s of sockets) s.disconnect();
  });
  afterAll(() => t.close());

  /** Every blob of every registered column, with the plaintext it decrypts to. */
  async function blobs(cipher: PersonalDataCipher) {
    const all: { column: string; keyId: number; blob: Buffer; plain: string }[] = [];
    for (const c of ENCRYPTED_COLUMNS) {
      const rows: { id: string; blob: Buffer }[] = await t.owner(`SELECT ${rowKeyOf(c)} AS id, ${c.encrypted} AS blob FROM ${c.table} WHERE ${c.encrypted} IS NOT NULL`);
      for (const r of rows) all.push({ column: `${c.table}.${c.encrypted}`, keyId: r.blob[0], blob: r.blob, plain: cipher.decrypt(r.blob, c.aad(r.id)) });
    }
    return all;
  }

  it('keeps every registered column as ciphertext after the flows, with no plaintext left beside it', async () => {
    const all = await blobs(personalDataCipher({ PERSONAL_DATA_KEY: KEY_1 }));
    const columns = new Set(all.map((b) => b.column));
    for (const c of ['emergency_requests.person_encrypted', 'emergency_requests.situation_encrypted', 'persons.display_name_encrypted', 'registrations.form_encrypted', 'request_events.text_encrypted', 'request_responses.note_encrypted', 'idempotency_keys.response_encrypted']) expect(columns).toContain(c);
    expect(all.some((b) => b.plain === SITUATION)).toBe(true);
    expect(all.some((b) => b.plain.includes(NAME))).toBe(true);
    for (const b of all) {
      expect(b.keyId).toBe(1);
      expect(b.blob.includes(Buffer.from(b.plain, 'utf8'))).toBe(false);
    }
    // no plaintext twin (the column an encrypted one replaced) is left to be written or read
    const twins = ENCRYPTED_COLUMNS.map((c) => `${c.table}.${c.encrypted.replace(/_encrypted$/, '')}`);
    const existing: { column: string }[] = await t.owner(
      `SELECT table_name || '.' || column_name AS column FROM information_schema.columns WHERE table_schema = 'public' AND table_name || '.' || column_name = ANY($1::text[])`,
      [twins],
    );
    expect(existing).toEqual([]);
  });

  it('leaves no plaintext of what was entered anywhere in the database after every flow (any table, any column, bytea included)', async () => {
    const tables: { name: string }[] = await t.owner(`SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`);
    expect(tables.length).toBeGreaterThan(30);
    // a row as text shows bytea as hex: the UTF-8 of each text in hex finds an unencrypted blob too
    const needles = Object.entries(ENTERED).flatMap(([field, text]) => [
      [field, text],
      [`${field} (bytea)`, Buffer.from(text, 'utf8').toString('hex')],
    ]);
    const found: string[] = [];
    for (const { name } of tables) {
      const hits: { i: number }[] = await t.owner(
        `SELECT DISTINCT n.i FROM (SELECT x::text AS r FROM ${name} x) y, unnest($1::text[]) WITH ORDINALITY AS n(needle, i) WHERE strpos(y.r, n.needle) > 0`,
        [needles.map(([, needle]) => needle)],
      );
      for (const { i } of hits) found.push(`${needles[Number(i) - 1][0]} in ${name}`);
    }
    expect(found).toEqual([]);
    // and every one of them is there, encrypted in a registered column (so the scan looked at the right data)
    const plain = (await blobs(personalDataCipher({ PERSONAL_DATA_KEY: KEY_1 }))).map((b) => b.plain).join('\n');
    for (const [field, text] of Object.entries(ENTERED)) expect({ field, stored: plain.includes(text) }).toEqual({ field, stored: true });
    // the decrypted reads of those texts were recorded
    const actions = (await t.owner(`SELECT DISTINCT action FROM audit_log`)).map((r: { action: string }) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['person.read', 'request.texts.read', 'decline_note.read', 'idempotent_answer.read']));
  });

  it('the migration that encrypted notes, decline notes and stored answers encrypts the rows an earlier version left in plaintext', async () => {
    const ownerUrl = asRole(t.env.DATABASE_URL, roleOf(process.env.AKIWA_TEST_ADMIN_URL!));
    // back to the schema before EncryptRequestTexts1765800000000, with plaintext rows as that version wrote them
    await t.owner(`
      ALTER TABLE request_events DROP CONSTRAINT request_events_no_plaintext_text, DROP COLUMN text_encrypted;
      ALTER TABLE request_responses DROP COLUMN note_encrypted, ADD COLUMN note text NOT NULL DEFAULT '';
      ALTER TABLE idempotency_keys DROP COLUMN response_encrypted, ADD COLUMN response jsonb;
      DELETE FROM migrations WHERE name = 'EncryptRequestTexts1765800000000';
    `);
    const [{ userId }] = await t.owner(`SELECT id AS "userId" FROM users WHERE email = $1`, [DEMO.coordinator]);
    await t.owner(`INSERT INTO request_events(request_id, kind, actor_id, data) VALUES ($1, 'note', $2, '{"text": "旧版のメモ：本人は犬が苦手"}')`, [placedId, userId]);
    await t.owner(`UPDATE request_responses SET note = '旧版の辞退メモ：夜間の吸引不可' WHERE request_id = $1`, [declinedId]);
    await t.owner(`INSERT INTO idempotency_keys(user_id, key, method, path, request_hash, status, response) VALUES ($1, 'old-answer', 'POST', '/x', 'h', 201, '{"situation": "旧版の応答：母が入院"}')`, [userId]);
    const old = ['旧版のメモ：本人は犬が苦手', '旧版の辞退メモ：夜間の吸引不可', '旧版の応答：母が入院'];

    // without the key it refuses (and its transaction leaves nothing half done)
    await expect(runMigrations(ownerUrl, { name: DEFAULT_APP_ROLE })).rejects.toThrow(/PERSONAL_DATA_KEY/);
    expect(await t.owner(`SELECT 1 FROM information_schema.columns WHERE table_name = 'request_events' AND column_name = 'text_encrypted'`)).toEqual([]);
    expect(await runMigrations(ownerUrl, { name: DEFAULT_APP_ROLE }, personalDataCipher({ PERSONAL_DATA_KEY: KEY_1 }))).toEqual(['EncryptRequestTexts1765800000000']);

    for (const table of ['request_events', 'request_responses', 'idempotency_keys']) {
      const rows: { r: string }[] = await t.owner(`SELECT x::text AS r FROM ${table} x`);
      for (const text of old) expect({ table, found: rows.some(({ r }) => r.includes(text) || r.includes(Buffer.from(text).toString('hex'))) }).toEqual({ table, found: false });
    }
    // the app reads them back with its key: the migration bound each to its row as the code does
    const coordinator = (await t.login(DEMO.coordinator)).accessToken;
    const view = (await t.request('GET', `/api/emergency-requests/${placedId}`, { token: coordinator })).body;
    expect(view.timeline.map((e: { text: { ja: string } }) => e.text.ja)).toContain(old[0]);
    const ukisato = (await t.login(DEMO.providerStaff)).accessToken;
    expect((await t.request('GET', `/api/inbox/${declinedId}`, { token: ukisato })).body.response).toMatchObject({ kind: 'declined', note: old[1] });
  });

  it('npm run rotate-personal-data-key re-encrypts everything under the new key, reading the old one by its key id', async () => {
    const before = await blobs(personalDataCipher({ PERSONAL_DATA_KEY: KEY_1 }));
    const ownerUrl = asRole(t.env.DATABASE_URL, roleOf(process.env.AKIWA_TEST_ADMIN_URL!));
    const cli = resolve(__dirname, '../../dist/personal-data/rotate-personal-data-key.js');
    const env = {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: ownerUrl,
      PERSONAL_DATA_KEY: KEY_2,
      PERSONAL_DATA_KEY_ID: '2',
      PERSONAL_DATA_PREVIOUS_KEYS: `1:${KEY_1}`,
      JWT_SECRET: 'x'.repeat(48),
      AUDIT_HMAC_KEY: randomBytes(32).toString('base64'),
      APP_DATABASE_PASSWORD: 'not-used-by-the-rotation',
    };
    const { stdout } = await run(process.execPath, [cli], { env });
    expect(stdout).toMatch(/emergency_requests\.situation_encrypted: \d+ re-encrypted under key 2/);
    // the new key alone reads every blob now, and they say what they said before
    const after = await blobs(personalDataCipher({ PERSONAL_DATA_KEY: KEY_2, PERSONAL_DATA_KEY_ID: 2 }));
    expect(after.map((b) => b.keyId)).toEqual(after.map(() => 2));
    expect(after.map((b) => [b.column, b.plain]).sort()).toEqual(before.map((b) => [b.column, b.plain]).sort());
    // the ledger's blind indexes follow the key: rebuilt, so a search under the new key finds the name
    const [ix] = await t.owner(`SELECT name_index, kana_index FROM registrations LIMIT 1`);
    const k2 = personalDataCipher({ PERSONAL_DATA_KEY: KEY_2, PERSONAL_DATA_KEY_ID: 2 });
    expect(ix.name_index.equals(k2.blindIndex('name', normaliseName(NAME)))).toBe(true);
    expect(ix.kana_index.equals(k2.blindIndex('name', normaliseName('カンサイチロウ')))).toBe(true);
    // a second run has nothing left to do
    expect((await run(process.execPath, [cli], { env })).stdout).not.toMatch(/: [1-9]\d* re-encrypted/);
  });

});
