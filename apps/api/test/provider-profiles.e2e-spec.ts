import sharp from 'sharp';
import type { ProviderProfileFields, ProviderProfileView } from '@akiwa/contracts';
import { DEMO, startTestApp, type TestApp } from './support/test-app';

/** Provider profiles: the provider writes, coordinators and officers read; photos resized without EXIF. */
describe('provider profiles', () => {
  let t: TestApp;
  let staff: string;
  let coordinator: string;
  let officer: string;
  let staffOrg: string;
  let otherStaff: string;

  const fields: ProviderProfileFields = {
    officeNumber: '４３１０-１００-１２３',
    postalCode: '869-0502',
    address: '熊本県宇城市松橋町松橋１２３番地',
    nearestStation: 'JR松橋駅',
    access: '松橋駅から徒歩10分。駐車場3台',
    phone: '0964-00-1111',
    hours: '平日 8:30〜17:30（夜間は24時間連絡先へ）',
    feePerNight: 3500,
    feePerNightIncludes: '食費（朝・夕）・光熱水費',
    feePerMonth: 45000,
    feePerMonthIncludes: '家賃・共益費',
    transportArea: '宇城市・宇土市',
    transportHours: '9:00〜17:00',
    nightStaffing: 'yakin',
    nightStaffingNote: '夜勤1名（看護師オンコール）',
    medical: ['suction', 'tube_feeding'],
    medicalNote: '胃ろう対応可',
    wheelchair: true,
    machineBath: true,
    description: '住宅街の平屋です。',
    public: false,
  };

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent' });
    const login = await t.login(DEMO.providerStaff);
    staff = login.accessToken;
    staffOrg = (await t.request('GET', '/api/auth/me', { token: staff })).body.organisation?.id ?? login.user?.organisation?.id;
    coordinator = (await t.login(DEMO.coordinator)).accessToken;
    officer = (await t.login(DEMO.officer)).accessToken;
    otherStaff = (await t.login('staff@misumi-gh.example')).accessToken;
  });
  afterAll(() => t.close());

  const save = (body: Partial<ProviderProfileFields> & { version: number }, token = staff) => t.request('PUT', '/api/providers/me/profile', { token, body: { ...fields, ...body } });

  it('round-trips every field; the 事業所番号 is read as typed (full-width, hyphens)', async () => {
    expect(staffOrg).toBeTruthy();
    const empty = await t.request('GET', `/api/providers/${staffOrg}/profile`, { token: staff });
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ version: 0, officeNumber: null, photos: [] });

    const r = await save({ version: 0 });
    expect(r.status).toBe(200);
    const { officeNumber: _, ...rest } = fields;
    expect(r.body).toMatchObject({ ...rest, officeNumber: '4310100123', version: 1, organisationName: '短期入所事業所 うきさと' });
    // the normaliser needs its address data from the network: offline it keeps the address as typed
    expect(r.body.address).toBe(fields.address);

    for (const token of [coordinator, officer]) {
      const read = await t.request<ProviderProfileView>('GET', `/api/providers/${staffOrg}/profile`, { token });
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ ...rest, officeNumber: '4310100123', version: 1 });
    }
  });

  it('refuses an outdated version with 409 and the current profile', async () => {
    const current = (await t.request('GET', `/api/providers/${staffOrg}/profile`, { token: staff })).body as ProviderProfileView;
    const stale = await save({ version: current.version - 1 >= 0 ? current.version - 1 : 0, description: '古い版' });
    expect(stale.status).toBe(409);
    expect(stale.body.current.version).toBe(current.version);
  });

  it.each<[string, Partial<ProviderProfileFields>, string, string]>([
    ['nine digits', { officeNumber: '431010012' }, 'officeNumber', '「事業所番号」は10桁の数字で、先頭2桁は都道府県番号（01〜47）にしてください'],
    ['no prefecture 48', { officeNumber: '4810100123' }, 'officeNumber', '「事業所番号」は10桁の数字で、先頭2桁は都道府県番号（01〜47）にしてください'],
    ['letters', { officeNumber: '43A0100123' }, 'officeNumber', '「事業所番号」は10桁の数字で、先頭2桁は都道府県番号（01〜47）にしてください'],
    ['a negative fee', { feePerNight: -1 }, 'feePerNight', '「1泊あたりの費用」は0以上にしてください'],
    ['an unknown night staffing', { nightStaffing: 'robot' as never }, 'nightStaffing', '「夜間の体制」'],
    ['a bad postal code', { postalCode: '8690' }, 'postalCode', '「郵便番号」の形式が正しくありません'],
    ['an overlong description', { description: 'あ'.repeat(2001) }, 'description', '「事業所の紹介」は2000文字以内で入力してください'],
  ])('400 naming the field in Japanese: %s', async (_, bad, field, ja) => {
    const current = (await t.request('GET', `/api/providers/${staffOrg}/profile`, { token: staff })).body as ProviderProfileView;
    const r = await save({ ...bad, version: current.version });
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.objectContaining({ ja: expect.stringContaining(ja) }) })]));
  });

  it('only the provider writes it; other providers read it only once it is public', async () => {
    expect((await save({ version: 1 }, coordinator)).status).toBe(403);
    expect((await t.request('GET', `/api/providers/${staffOrg}/profile`)).status).toBe(401);
    expect((await t.request('GET', `/api/providers/${staffOrg}/profile`, { token: otherStaff })).status).toBe(404);
    const current = (await t.request('GET', `/api/providers/${staffOrg}/profile`, { token: staff })).body as ProviderProfileView;
    expect((await save({ version: current.version, public: true })).status).toBe(200);
    expect((await t.request('GET', `/api/providers/${staffOrg}/profile`, { token: otherStaff })).status).toBe(200);
    const audit = await t.owner(`SELECT action FROM audit_log WHERE action = 'provider_profile.update' AND subject_id = $1`, [staffOrg]);
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  async function upload(bytes: Buffer, filename: string, type: string, token = staff) {
    const form = new FormData();
    form.append('photo', new Blob([new Uint8Array(bytes)], { type }), filename);
    form.append('caption', '外観');
    const res = await fetch(`${t.url}/api/providers/me/profile/photos`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return { status: res.status, body: await res.json().catch(() => null) };
  }

  it('stores a photo resized, with its EXIF (GPS position) removed, for those who may read the profile', async () => {
    const original = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#88aacc' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'AkiwaCam', Model: 'GPS test' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '32/1 38/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '130/1 39/1 4500/100' } })
      .toBuffer();
    const before = await sharp(original).metadata();
    expect(before.exif?.length).toBeGreaterThan(0); // the upload does carry EXIF with a GPS position
    expect(original.includes(Buffer.from('AkiwaCam'))).toBe(true);

    const r = await upload(original, 'gaikan.jpg', 'image/jpeg');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ width: 1600, height: 1067, caption: '外観' });

    const res = await fetch(`${t.url}/api/providers/${staffOrg}/profile/photos/${r.body.id}`, { headers: { authorization: `Bearer ${coordinator}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    const stored = Buffer.from(await res.arrayBuffer());
    const after = await sharp(stored).metadata();
    expect(after.exif).toBeUndefined();
    expect(stored.includes(Buffer.from('Exif\0\0'))).toBe(false);
    expect(stored.includes(Buffer.from('AkiwaCam'))).toBe(false);
    expect(Math.max(after.width!, after.height!)).toBe(1600);

    const view = (await t.request('GET', `/api/providers/${staffOrg}/profile`, { token: officer })).body as ProviderProfileView;
    expect(view.photos.map((p) => p.id)).toContain(r.body.id);
    expect((await fetch(`${t.url}/api/providers/${staffOrg}/profile/photos/${r.body.id}`)).status).toBe(401);
  });

  it('a file that is not an image, or too large, is refused with 400 naming 「写真」', async () => {
    const text = await upload(Buffer.from('これは画像ではありません'), 'note.jpg', 'image/jpeg');
    expect(text.status).toBe(400);
    expect(text.body.details[0]).toMatchObject({ field: 'photo', code: 'not_image', message: { ja: expect.stringContaining('「写真」') } });

    const pdf = await upload(Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\n'), 'x.pdf', 'application/pdf');
    expect(pdf.status).toBe(400);
    expect(pdf.body.details[0].field).toBe('photo');

    const big = await upload(Buffer.alloc(8 * 1024 * 1024 + 1, 0xff), 'big.jpg', 'image/jpeg');
    expect(big.status).toBe(400);
    expect(big.body.details[0]).toMatchObject({ field: 'photo', code: 'too_large', message: { ja: expect.stringContaining('「写真」') } });

    const none = await fetch(`${t.url}/api/providers/me/profile/photos`, { method: 'POST', headers: { authorization: `Bearer ${staff}` }, body: new FormData() });
    expect(none.status).toBe(400);
  });

  it('a photo is removed only by its own provider', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#fff' } }).png().toBuffer();
    const r = await upload(png, 'a.png', 'image/png');
    expect(r.status).toBe(201);
    expect((await t.request('DELETE', `/api/providers/me/profile/photos/${r.body.id}`, { token: otherStaff })).status).toBe(404);
    expect((await t.request('DELETE', `/api/providers/me/profile/photos/${r.body.id}`, { token: staff })).status).toBe(204);
    const view = (await t.request('GET', `/api/providers/${staffOrg}/profile`, { token: staff })).body as ProviderProfileView;
    expect(view.photos.map((p) => p.id)).not.toContain(r.body.id);
  });
});
