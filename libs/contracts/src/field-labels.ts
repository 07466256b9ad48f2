/**
 * The label a person reads for each field of the API, in Japanese and English: validation messages
 * name 「空床数」, never `free`. One map for the API's validation pipe, its AppException messages and
 * the web. Keys are field names; a dotted path (`needs.supportLevel`) may have its own entry, else its
 * last segment is looked up (array indexes ignored).
 */
export const FIELD_LABELS: Record<string, { ja: string; en: string }> = {
  // vacancies
  free: { ja: '空床数', en: 'free beds' },
  delta: { ja: '増減', en: 'change' },
  night: { ja: '日付', en: 'night' },
  from: { ja: '開始日', en: 'first night' },
  to: { ja: '終了日', en: 'last night' },
  gender: { ja: '性別', en: 'gender' },
  expectedVersion: { ja: '空床の版', en: 'vacancy version' },
  version: { ja: '版', en: 'version' },
  // units
  unitId: { ja: 'ユニット', en: 'unit' },
  name: { ja: '名称', en: 'name' },
  serviceType: { ja: 'サービス種別', en: 'service type' },
  municipalityCode: { ja: '市区町村', en: 'municipality' },
  prefectureCode: { ja: '都道府県', en: 'prefecture' },
  regionId: { ja: '圏域', en: 'region' },
  area: { ja: '地域', en: 'area' },
  capacity: { ja: '定員', en: 'capacity' },
  categories: { ja: '障害種別', en: 'disability categories' },
  category: { ja: '障害種別', en: 'disability category' },
  acceptsChildren: { ja: '障害児の受入', en: 'accepts children' },
  supportLevelMin: { ja: '障害支援区分（下限）', en: 'lowest support level' },
  supportLevelMax: { ja: '障害支援区分（上限）', en: 'highest support level' },
  specialNeeds: { ja: '特別なニーズ', en: 'special needs' },
  roomGender: { ja: '居室の性別', en: 'room gender' },
  emergencyOk: { ja: '緊急受入', en: 'emergency admissions' },
  trialOk: { ja: '体験利用', en: 'trial stays' },
  contact24h: { ja: '24時間連絡先', en: '24-hour contact' },
  note: { ja: '備考', en: 'note' },
  notes: { ja: '備考', en: 'notes' },
  includeRetired: { ja: '廃止済みを含む', en: 'include retired' },
  // emergency requests
  needs: { ja: '本人の状況', en: 'needs' },
  ageBand: { ja: '年齢帯', en: 'age band' },
  child: { ja: '障害児', en: 'child' },
  supportLevel: { ja: '障害支援区分', en: 'support level' },
  nights: { ja: '泊数', en: 'nights' },
  urgency: { ja: '緊急度', en: 'urgency' },
  situation: { ja: '状況', en: 'situation' },
  contractedOrganisationId: { ja: '契約先の事業所', en: 'contracted provider' },
  person: { ja: '本人情報', en: 'personal details' },
  'person.name': { ja: '氏名', en: 'name' },
  nameKana: { ja: 'ふりがな', en: 'kana' },
  birthDate: { ja: '生年月日', en: 'date of birth' },
  address: { ja: '住所', en: 'address' },
  phone: { ja: '電話番号', en: 'phone' },
  emergencyContact: { ja: '緊急連絡先', en: 'emergency contact' },
  wishes: { ja: '本人の意向', en: 'wishes' },
  medicalNotes: { ja: '医療・服薬の情報', en: 'medical notes' },
  reason: { ja: '理由', en: 'reason' },
  offerId: { ja: '申し出', en: 'offer' },
  text: { ja: '記録', en: 'text' },
  followUpOn: { ja: '予定日', en: 'follow-up date' },
  status: { ja: '状態', en: 'status' },
  channel: { ja: '通知方法', en: 'channel' },
  // trial stays and waiting list
  personId: { ja: '利用者', en: 'person' },
  visitSlotId: { ja: '見学枠', en: 'visit slot' },
  startsAt: { ja: '開始日時', en: 'start time' },
  houseRules: { ja: 'ホームのきまり', en: 'house rules' },
  whatToBring: { ja: '持ち物', en: 'what to bring' },
  openings: { ja: '受付期間', en: 'open periods' },
  month: { ja: '月', en: 'month' },
  fiscalYear: { ja: '年度', en: 'fiscal year' },
  maxConsecutiveNights: { ja: '連続利用の上限泊数', en: 'consecutive nights limit' },
  maxNightsPerFiscalYear: { ja: '年度あたりの上限泊数', en: 'nights per fiscal year limit' },
  waitingSince: { ja: '待機開始日', en: 'waiting since' },
  mine: { ja: '自分の担当のみ', en: 'mine only' },
  // accounts and organisations
  email: { ja: 'メールアドレス', en: 'email' },
  password: { ja: 'パスワード', en: 'password' },
  displayName: { ja: '表示名', en: 'display name' },
  role: { ja: '役割', en: 'role' },
  active: { ja: '有効', en: 'active' },
  kind: { ja: '種別', en: 'kind' },
  organisationId: { ja: '組織', en: 'organisation' },
  // paging and bodies
  limit: { ja: '表示件数', en: 'limit' },
  offset: { ja: '開始位置', en: 'offset' },
  body: { ja: 'リクエスト本文', en: 'request body' },
  id: { ja: 'ID', en: 'id' },
  requestId: { ja: '依頼', en: 'request' },
};

/** The label of a field (a path like `needs.categories.0` or `person.name`); the name itself when unknown. */
export function fieldLabel(field: string): { ja: string; en: string } {
  const path = field.split('.').filter((s) => !/^\d+$/.test(s));
  for (let i = 0; i < path.length; i++) {
    const hit = FIELD_LABELS[path.slice(i).join('.')];
    if (hit) return hit;
  }
  return { ja: field, en: field };
}

/** Replaces every 「field」 in a Japanese message by 「its label」 (「free」 → 「空床数」). */
export function labelFieldsJa(text: string): string {
  return text.replace(/「([A-Za-z][\w.]*)」/g, (whole, name: string) => {
    const label = fieldLabel(name);
    return label.ja === name ? whole : `「${label.ja}」`;
  });
}
