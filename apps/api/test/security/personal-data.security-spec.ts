import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { personalDataCipher, type PersonalDataCipher } from '../../src/common/crypto/personal-data.cipher';
import { normaliseName } from '@akiwa/domain';
import { asRole, roleOf } from '../../src/database/app-role';
import { ENCRYPTED_COLUMNS } from '../../src/personal-data/personal-data-registry';
import { postRequest } from '../support/emergency';
import { DEMO, startTestApp, type TestApp } from '../support/test-app';

const run = promisify(execFile);
const KEY_1 = randomBytes(32).toString('base64');
const KEY_2 = randomBytes(32).toString('base64');
const SITUATION = '母が救急搬送された。本人はてんかん発作の既往あり';
const NAME = '監査 一郎';

/** Issue 8, "Personal data everywhere it lives": every registered column holds ciphertext, and a key can be rotated. */
describe('personal data at rest', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PERSONAL_DATA_KEY: KEY_1 });
    const coordinator = (await t.login(DEMO.coordinator)).accessToken;
    await postRequest(t, coordinator, { situation: SITUATION, person: { name: NAME, address: '宇城市松橋町1-1', medicalNotes: '抗てんかん薬' } });
    const p = await t.request('POST', '/api/trial-persons', {
      token: coordinator,
      body: { displayName: NAME, ageBand: '30-49', gender: 'male', municipalityCode: '43213', categories: ['intellectual'], supportLevel: 3, specialNeeds: [] },
    });
    expect(p.status).toBe(201);
    const reg = await t.request('POST', '/api/ledger/registrations', {
      token: coordinator,
      body: {
        municipalityCode: '43213',
        form: {
          notifiedOn: '2026-11-20', notifier: { name: NAME }, registrant: { name: NAME, nameKana: 'かんさ いちろう', birthDate: '1970-01-01', sex: 'male' },
          certificates: {}, emergencyContacts: [], medication: '抗てんかん薬',
        },
        profile: { categories: ['intellectual'], child: false, supportLevel: 3, specialNeeds: [] },
        riskFlags: [], urgencyTier: 'normal', consent: { by: 'self', on: '2026-11-20', organisationIds: [] },
      },
    });
    expect(reg.status).toBe(201);
  });
  afterAll(() => t.close());

  /** Every blob of every registered column, with the plaintext it decrypts to. */
  async function blobs(cipher: PersonalDataCipher) {
    const all: { column: string; keyId: number; blob: Buffer; plain: string }[] = [];
    for (const c of ENCRYPTED_COLUMNS) {
      const rows: { id: string; blob: Buffer }[] = await t.owner(`SELECT id::text AS id, ${c.encrypted} AS blob FROM ${c.table} WHERE ${c.encrypted} IS NOT NULL`);
      for (const r of rows) all.push({ column: `${c.table}.${c.encrypted}`, keyId: r.blob[0], blob: r.blob, plain: cipher.decrypt(r.blob, c.aad(r.id)) });
    }
    return all;
  }

  it('keeps every registered column as ciphertext after the flows, with no plaintext left beside it', async () => {
    const all = await blobs(personalDataCipher({ PERSONAL_DATA_KEY: KEY_1 }));
    const columns = new Set(all.map((b) => b.column));
    for (const c of ['emergency_requests.person_encrypted', 'emergency_requests.situation_encrypted', 'persons.display_name_encrypted', 'registrations.form_encrypted']) expect(columns).toContain(c);
    expect(all.some((b) => b.plain === SITUATION)).toBe(true);
    expect(all.some((b) => b.plain.includes(NAME))).toBe(true);
    for (const b of all) {
      expect(b.keyId).toBe(1);
      expect(b.blob.includes(Buffer.from(b.plain, 'utf8'))).toBe(false);
    }
    for (const c of ENCRYPTED_COLUMNS.filter((x) => x.legacyPlaintext)) {
      const [{ n }] = await t.owner(`SELECT count(*)::int AS n FROM ${c.table} WHERE ${c.legacyPlaintext} IS NOT NULL`);
      expect({ column: `${c.table}.${c.legacyPlaintext}`, plaintextRows: n }).toEqual({ column: `${c.table}.${c.legacyPlaintext}`, plaintextRows: 0 });
    }
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
