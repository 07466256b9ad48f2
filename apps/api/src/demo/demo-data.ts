import { OrganisationKind, Role, ServiceType, type UnitFields, type VacancyGender } from '@akiwa/contracts';

export const DEMO_PASSWORD = 'akiwa-demo-2026';

export interface DemoOrganisation {
  key: string;
  name: string;
  kind: OrganisationKind;
  municipalityCode: string | null;
  /** The number providers call back (shown on every request card of a consultation centre). */
  phone?: string;
  users: { email: string; displayName: string; role: Role }[];
}

const provider = (key: string, name: string, municipalityCode: string, staff: string): DemoOrganisation => ({
  key,
  name,
  kind: OrganisationKind.Provider,
  municipalityCode,
  users: [{ email: `staff@${key}.example`, displayName: staff, role: Role.ProviderStaff }],
});

/** The places of the seed reports, with invented organisations and people. */
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    key: 'akiwa',
    name: '空き輪 運営事務局',
    kind: OrganisationKind.Administrator,
    municipalityCode: null,
    users: [{ email: 'admin@akiwa.example', displayName: '管理者 太郎', role: Role.Admin }],
  },
  {
    key: 'uki-kikan',
    name: '宇城圏域基幹相談支援センター',
    kind: OrganisationKind.ConsultationCentre,
    phone: '0964-32-0000（夜間 090-1111-0000）',
    municipalityCode: '43213',
    users: [
      { email: 'coordinator@uki-kikan.example', displayName: '拠点コーディネーター 中村 恵', role: Role.Coordinator },
      { email: 'soudan@uki-kikan.example', displayName: '相談支援専門員 松本 聡', role: Role.Coordinator },
    ],
  },
  {
    key: 'kumamoto-kikan',
    name: '熊本市基幹相談支援センター',
    kind: OrganisationKind.ConsultationCentre,
    phone: '096-300-0000',
    municipalityCode: '43101',
    users: [{ email: 'coordinator@kumamoto-kikan.example', displayName: '拠点コーディネーター 井上 舞', role: Role.Coordinator }],
  },
  {
    key: 'shiroi-kikan',
    name: '白井市基幹相談支援センター',
    kind: OrganisationKind.ConsultationCentre,
    phone: '047-400-0000',
    municipalityCode: '12232',
    users: [{ email: 'coordinator@shiroi-kikan.example', displayName: '拠点コーディネーター 佐藤 健', role: Role.Coordinator }],
  },
  {
    key: 'matsue-kikan',
    name: '松江市障がい者基幹相談支援センター',
    kind: OrganisationKind.ConsultationCentre,
    phone: '0852-50-0000',
    municipalityCode: '32201',
    users: [{ email: 'coordinator@matsue-kikan.example', displayName: '拠点コーディネーター 山本 由美', role: Role.Coordinator }],
  },
  {
    key: 'city.uki',
    name: '宇城市 福祉部 障がい者支援課',
    kind: OrganisationKind.Municipality,
    municipalityCode: '43213',
    users: [{ email: 'officer@city.uki.example', displayName: '宇城市 障がい者支援課 田中 誠', role: Role.MunicipalOfficer }],
  },
  provider('ukisato-ss', '短期入所事業所 うきさと', '43213', '短期入所 うきさと 生活支援員 吉田 綾'),
  provider('misumi-gh', 'グループホーム みすみ', '43213', 'GH みすみ 世話人 木村 拓也'),
  provider('shiranui-en', '障害者支援施設 しらぬい園', '43213', 'しらぬい園 支援員 林 直子'),
  provider('uto-sakura', '宇土さくら短期入所センター', '43211', '宇土さくら 支援員 清水 翔'),
  provider('misato-gh', 'グループホーム みさとの家', '43348', 'みさとの家 管理者 森 千尋'),
  provider('mashiki-ss', '益城ひだまり短期入所', '43443', 'ひだまり 支援員 池田 修'),
  provider('kumamoto-chuo-ss', '熊本中央ショートステイ こもれび', '43101', 'こもれび 看護師 橋本 陽子'),
  provider('kumamoto-higashi-gh', 'グループホーム ひがしの杜', '43102', 'ひがしの杜 世話人 石井 大輔'),
  provider('shiroi-ss', '白井なしの木短期入所', '12232', 'なしの木 支援員 小林 真理'),
  provider('matsue-gh', 'グループホーム しんじ湖', '32201', 'しんじ湖 管理者 藤田 一郎'),
];

/** A demo unit: whom it accepts, and how its vacancies look (free beds per night, last confirmed hours ago). */
export interface DemoUnit {
  organisationKey: string;
  fields: UnitFields;
  /** Free beds for tonight + i, per gender row; repeated over the 31 nights. */
  freePattern: Partial<Record<VacancyGender, number[]>>;
  confirmedHoursAgo: number;
}

const unit = (organisationKey: string, confirmedHoursAgo: number, freePattern: DemoUnit['freePattern'], fields: Omit<UnitFields, 'note'> & { note?: string }): DemoUnit => ({
  organisationKey,
  confirmedHoursAgo,
  freePattern,
  fields: { note: '', ...fields },
});

/** Acceptance profiles as the seed reports describe them, including the gaps (psychiatric, children, medical care). */
export const DEMO_UNITS: DemoUnit[] = [
  unit('ukisato-ss', 2, { any: [2, 1, 1, 0, 2, 2, 1] }, {
    name: '短期入所 うきさと（併設型）', serviceType: ServiceType.ShortStayAttached, municipalityCode: '43213', capacity: 4,
    categories: ['intellectual', 'physical'], acceptsChildren: false, supportLevelMin: 3, supportLevelMax: 6,
    specialNeeds: ['medical_care', 'severe_physical'], roomGender: 'either', emergencyOk: true, trialOk: false,
    contact24h: '0964-00-1111（夜間 090-0000-1111）', note: '胃ろう・たん吸引に対応（看護師日中常駐）',
  }),
  // its trial room is one of these beds (a trial stay takes one on each night), so a bed stays free every night
  unit('misumi-gh', 30, { male: [1, 1, 1, 1, 2, 2, 1] }, {
    name: 'グループホーム みすみ 1号棟', serviceType: ServiceType.GroupHomeCare, municipalityCode: '43213', capacity: 5,
    categories: ['psychiatric'], acceptsChildren: false, supportLevelMin: 0, supportLevelMax: 4, specialNeeds: [],
    roomGender: 'male', emergencyOk: false, trialOk: true, contact24h: '0964-00-2222', note: '体験利用は最長30日',
  }),
  unit('shiranui-en', 5, { any: [1, 1, 0, 0, 1, 1, 1] }, {
    name: 'しらぬい園 施設入所', serviceType: ServiceType.Residential, municipalityCode: '43213', capacity: 12,
    categories: ['intellectual', 'physical'], acceptsChildren: false, supportLevelMin: 4, supportLevelMax: 6,
    specialNeeds: ['severe_behavioural'], roomGender: 'either', emergencyOk: true, trialOk: false, contact24h: '0964-00-3333',
  }),
  unit('uto-sakura', 6, { male: [1, 1, 1, 0, 0, 1, 1], female: [1, 0, 0, 1, 1, 1, 1] }, {
    name: '宇土さくら 短期入所（単独型）', serviceType: ServiceType.ShortStayStandalone, municipalityCode: '43211', capacity: 4,
    categories: ['intellectual', 'physical'], acceptsChildren: true, supportLevelMin: 0, supportLevelMax: 6, specialNeeds: [],
    roomGender: 'either', emergencyOk: true, trialOk: false, contact24h: '0964-00-4444', note: '障害児の受入可（小学生以上）',
  }),
  unit('misato-gh', 72, { female: [1, 1, 1, 1, 1, 1, 1] }, {
    name: 'みさとの家', serviceType: ServiceType.GroupHomeDaytime, municipalityCode: '43348', capacity: 6,
    categories: ['intellectual', 'psychiatric'], acceptsChildren: false, supportLevelMin: 2, supportLevelMax: 6, specialNeeds: [],
    roomGender: 'female', emergencyOk: false, trialOk: true, contact24h: '0964-00-5555',
  }),
  // last confirmed 10 days ago: shown as unknown and not counted as free
  unit('mashiki-ss', 24 * 10, { any: [2, 2, 2, 2, 2, 2, 2] }, {
    name: '益城ひだまり 短期入所（空床型）', serviceType: ServiceType.ShortStayVacantBed, municipalityCode: '43443', capacity: 2,
    categories: ['physical', 'intractable_disease'], acceptsChildren: false, supportLevelMin: 1, supportLevelMax: 6,
    specialNeeds: ['medical_care'], roomGender: 'either', emergencyOk: true, trialOk: false, contact24h: '096-000-6666',
  }),
  unit('kumamoto-chuo-ss', 1, { any: [1, 2, 2, 1, 0, 1, 2] }, {
    name: 'こもれび 医療型短期入所', serviceType: ServiceType.ShortStayAttached, municipalityCode: '43101', capacity: 3,
    categories: ['physical', 'intellectual', 'intractable_disease'], acceptsChildren: true, supportLevelMin: 0, supportLevelMax: 6,
    specialNeeds: ['medical_care', 'severe_physical'], roomGender: 'either', emergencyOk: true, trialOk: false,
    contact24h: '096-000-7777（24時間）', note: '人工呼吸器の方も相談可',
  }),
  unit('kumamoto-higashi-gh', 40, { any: [0, 0, 1, 1, 1, 0, 0] }, {
    name: 'ひがしの杜', serviceType: ServiceType.GroupHomeExternal, municipalityCode: '43102', capacity: 5,
    categories: ['psychiatric'], acceptsChildren: false, supportLevelMin: 0, supportLevelMax: 3, specialNeeds: [],
    roomGender: 'either', emergencyOk: false, trialOk: true, contact24h: '096-000-8888',
  }),
  unit('shiroi-ss', 3, { any: [1, 1, 1, 1, 1, 0, 0] }, {
    name: 'なしの木 短期入所', serviceType: ServiceType.ShortStayAttached, municipalityCode: '12232', capacity: 2,
    categories: ['intellectual', 'physical'], acceptsChildren: false, supportLevelMin: 2, supportLevelMax: 6, specialNeeds: [],
    roomGender: 'either', emergencyOk: true, trialOk: false, contact24h: '047-000-9999',
  }),
  unit('matsue-gh', 12, { any: [1, 1, 1, 1, 1, 1, 1] }, {
    name: 'しんじ湖 体験室', serviceType: ServiceType.GroupHomeCare, municipalityCode: '32201', capacity: 1,
    categories: ['intellectual'], acceptsChildren: false, supportLevelMin: 1, supportLevelMax: 5, specialNeeds: [],
    roomGender: 'either', emergencyOk: false, trialOk: true, contact24h: '0852-00-0000',
  }),
];

/** Nights of demo vacancies: tonight and the next 30. */
export const DEMO_VACANCY_DAYS = 31;
