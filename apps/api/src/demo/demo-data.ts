import { OrganisationKind, Role } from '@akiwa/contracts';

export const DEMO_PASSWORD = 'akiwa-demo-2026';

export interface DemoOrganisation {
  key: string;
  name: string;
  kind: OrganisationKind;
  municipalityCode: string | null;
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
    municipalityCode: '43101',
    users: [{ email: 'coordinator@kumamoto-kikan.example', displayName: '拠点コーディネーター 井上 舞', role: Role.Coordinator }],
  },
  {
    key: 'shiroi-kikan',
    name: '白井市基幹相談支援センター',
    kind: OrganisationKind.ConsultationCentre,
    municipalityCode: '12232',
    users: [{ email: 'coordinator@shiroi-kikan.example', displayName: '拠点コーディネーター 佐藤 健', role: Role.Coordinator }],
  },
  {
    key: 'matsue-kikan',
    name: '松江市障がい者基幹相談支援センター',
    kind: OrganisationKind.ConsultationCentre,
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
