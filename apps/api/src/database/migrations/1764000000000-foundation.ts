import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Geography as reference data (JIS municipality codes, 5 digits). Frozen here: later changes get a new migration. */
const PREFECTURES: [string, string, string][] = [
  ['12', '千葉県', 'Chiba'],
  ['32', '島根県', 'Shimane'],
  ['43', '熊本県', 'Kumamoto'],
];
const REGIONS: [string, string, string, string][] = [
  ['43-kumamoto', '43', '熊本圏域', 'Kumamoto region'],
  ['43-uki', '43', '宇城圏域', 'Uki region'],
  ['43-kamimashiki', '43', '上益城圏域', 'Kamimashiki region'],
  ['43-yatsushiro', '43', '八代圏域', 'Yatsushiro region'],
  ['12-inba', '12', '印旛圏域', 'Inba region'],
  ['32-matsue', '32', '松江圏域', 'Matsue region'],
  ['32-izumo', '32', '出雲圏域', 'Izumo region'],
];
// code, name, English, kind, prefecture, region, parent city (wards)
const MUNICIPALITIES: [string, string, string, string, string, string, string | null][] = [
  ['43100', '熊本市', 'Kumamoto City', 'city', '43', '43-kumamoto', null],
  ['43101', '熊本市中央区', 'Chuo Ward, Kumamoto', 'ward', '43', '43-kumamoto', '43100'],
  ['43102', '熊本市東区', 'Higashi Ward, Kumamoto', 'ward', '43', '43-kumamoto', '43100'],
  ['43103', '熊本市西区', 'Nishi Ward, Kumamoto', 'ward', '43', '43-kumamoto', '43100'],
  ['43104', '熊本市南区', 'Minami Ward, Kumamoto', 'ward', '43', '43-kumamoto', '43100'],
  ['43105', '熊本市北区', 'Kita Ward, Kumamoto', 'ward', '43', '43-kumamoto', '43100'],
  ['43211', '宇土市', 'Uto City', 'city', '43', '43-uki', null],
  ['43213', '宇城市', 'Uki City', 'city', '43', '43-uki', null],
  ['43348', '美里町', 'Misato Town', 'town', '43', '43-uki', null],
  ['43441', '御船町', 'Mifune Town', 'town', '43', '43-kamimashiki', null],
  ['43442', '嘉島町', 'Kashima Town', 'town', '43', '43-kamimashiki', null],
  ['43443', '益城町', 'Mashiki Town', 'town', '43', '43-kamimashiki', null],
  ['43444', '甲佐町', 'Kosa Town', 'town', '43', '43-kamimashiki', null],
  ['43447', '山都町', 'Yamato Town', 'town', '43', '43-kamimashiki', null],
  ['43202', '八代市', 'Yatsushiro City', 'city', '43', '43-yatsushiro', null],
  ['43468', '氷川町', 'Hikawa Town', 'town', '43', '43-yatsushiro', null],
  ['12232', '白井市', 'Shiroi City', 'city', '12', '12-inba', null],
  ['12231', '印西市', 'Inzai City', 'city', '12', '12-inba', null],
  ['12212', '佐倉市', 'Sakura City', 'city', '12', '12-inba', null],
  ['12211', '成田市', 'Narita City', 'city', '12', '12-inba', null],
  ['32201', '松江市', 'Matsue City', 'city', '32', '32-matsue', null],
  ['32206', '安来市', 'Yasugi City', 'city', '32', '32-matsue', null],
  ['32203', '出雲市', 'Izumo City', 'city', '32', '32-izumo', null],
];

export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE prefectures (
        code varchar(2) PRIMARY KEY,
        name text NOT NULL,
        name_en text NOT NULL
      );
      CREATE TABLE regions (
        id varchar(40) PRIMARY KEY,
        prefecture_code varchar(2) NOT NULL REFERENCES prefectures(code),
        name text NOT NULL,
        name_en text NOT NULL
      );
      CREATE TABLE municipalities (
        code varchar(5) PRIMARY KEY,
        name text NOT NULL,
        name_en text NOT NULL,
        kind varchar(10) NOT NULL CHECK (kind IN ('city','town','village','ward')),
        prefecture_code varchar(2) NOT NULL REFERENCES prefectures(code),
        region_id varchar(40) REFERENCES regions(id),
        parent_code varchar(5) REFERENCES municipalities(code)
      );
      CREATE INDEX municipalities_region_idx ON municipalities(region_id);
      CREATE INDEX municipalities_prefecture_idx ON municipalities(prefecture_code);

      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind varchar(24) NOT NULL CHECK (kind IN ('provider','consultation_centre','municipality','administrator')),
        municipality_code varchar(5) REFERENCES municipalities(code),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX organisations_name_key ON organisations(name);
      CREATE INDEX organisations_municipality_idx ON organisations(municipality_code);

      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        email text NOT NULL,
        display_name text NOT NULL,
        role varchar(24) NOT NULL CHECK (role IN ('provider_staff','coordinator','municipal_officer','admin')),
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX users_email_key ON users(lower(email));
      CREATE INDEX users_organisation_idx ON users(organisation_id);

      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash char(64) NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX refresh_tokens_user_idx ON refresh_tokens(user_id);

      CREATE TABLE login_failures (
        id bigserial PRIMARY KEY,
        email text NOT NULL,
        ip text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX login_failures_email_idx ON login_failures(lower(email), at);
      CREATE INDEX login_failures_ip_idx ON login_failures(ip, at);
    `);
    for (const p of PREFECTURES) await q.query(`INSERT INTO prefectures(code, name, name_en) VALUES ($1,$2,$3)`, p);
    for (const r of REGIONS) await q.query(`INSERT INTO regions(id, prefecture_code, name, name_en) VALUES ($1,$2,$3,$4)`, r);
    // cities before their wards (parent_code foreign key)
    for (const m of [...MUNICIPALITIES].sort((a, b) => Number(a[6] !== null) - Number(b[6] !== null))) {
      await q.query(`INSERT INTO municipalities(code, name, name_en, kind, prefecture_code, region_id, parent_code) VALUES ($1,$2,$3,$4,$5,$6,$7)`, m);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_failures, refresh_tokens, users, organisations, municipalities, regions, prefectures`);
  }
}
