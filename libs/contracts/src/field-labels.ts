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
  days: { ja: '表示日数', en: 'days shown' },
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
  pausedUntil: { ja: '受入停止の終了日時', en: 'paused until' },
  pauseReason: { ja: '受入停止の理由', en: 'reason for pausing admissions' },
  nightAdmission: { ja: '夜間受入', en: 'night admissions' },
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
  // escalation delays of a region
  unseenMinutes: { ja: '未確認で再通知するまでの分数', en: 'minutes before unseen escalation' },
  noOfferMinutes: { ja: '申し出なしで当番に通知するまでの分数', en: 'minutes before no-offer escalation' },
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
  // the registrant ledger (緊急時利用登録届, seed 003 別紙3)
  form: { ja: '登録届', en: 'registration form' },
  notifiedOn: { ja: '届出日', en: 'date of notification' },
  notifier: { ja: '届出者', en: 'notifier' },
  'notifier.name': { ja: '届出者の氏名', en: 'notifier name' },
  'notifier.nameKana': { ja: '届出者のふりがな', en: 'notifier kana' },
  relation: { ja: '続柄', en: 'relation' },
  registrant: { ja: '登録者', en: 'registrant' },
  'registrant.name': { ja: '登録者の氏名', en: 'registrant name' },
  'registrant.nameKana': { ja: '登録者のふりがな', en: 'registrant kana' },
  sex: { ja: '性別', en: 'sex' },
  postalCode: { ja: '郵便番号', en: 'postal code' },
  homePhone: { ja: '家の電話', en: 'home phone' },
  mobilePhone: { ja: '携帯電話', en: 'mobile phone' },
  certificates: { ja: '障がい手帳', en: 'certificates' },
  physicalGrade: { ja: '身体障害者手帳（級）', en: 'physical disability grade' },
  ryoiku: { ja: '療育手帳', en: 'ryoiku grade' },
  mentalGrade: { ja: '精神障害者保健福祉手帳（級）', en: 'mental disability grade' },
  independenceSupportMedical: { ja: '自立支援医療', en: 'independence support medical care' },
  specifiedMedicalExpenses: { ja: '特定医療費', en: 'specified medical expenses' },
  'certificates.other': { ja: '手帳・受給者証（その他）', en: 'other certificate' },
  careLevel: { ja: '要介護区分', en: 'care level' },
  'form.reason': { ja: '登録の理由', en: 'reason for registering' },
  mainDisability: { ja: '主な障がい名又は病名', en: 'main disability or illness' },
  servicesUsed: { ja: '利用サービス', en: 'services used' },
  familyDoctor: { ja: 'かかりつけ医療機関', en: 'family doctor' },
  medicalCondition: { ja: '病状・治療状況', en: 'condition and treatment' },
  medication: { ja: '服薬', en: 'medication' },
  otherNotes: { ja: 'その他', en: 'other' },
  expectedEmergency: { ja: '想定される緊急時と対応', en: 'expected emergency and response' },
  wantedServices: { ja: '緊急時に利用したいサービス', en: 'services wanted in an emergency' },
  emergencyContacts: { ja: '緊急連絡先', en: 'emergency contacts' },
  'emergencyContacts.name': { ja: '緊急連絡先の氏名', en: 'emergency contact name' },
  'emergencyContacts.relation': { ja: '緊急連絡先の続柄', en: 'emergency contact relation' },
  'emergencyContacts.address': { ja: '緊急連絡先の住所', en: 'emergency contact address' },
  'emergencyContacts.phone': { ja: '緊急連絡先の連絡先', en: 'emergency contact phone' },
  'emergencyContacts.consented': { ja: '緊急連絡先本人の同意', en: 'emergency contact consent' },
  household: { ja: '同居家族構成', en: 'household' },
  careConsultant: { ja: '相談支援専門員', en: 'care-plan consultant' },
  'careConsultant.name': { ja: '相談支援専門員の氏名', en: 'consultant name' },
  'careConsultant.office': { ja: '相談支援事業所', en: 'consultant office' },
  'careConsultant.phone': { ja: '相談支援専門員の連絡先', en: 'consultant phone' },
  'form.wishes': { ja: '本人の希望（意思決定支援）', en: 'the person’s wishes' },
  coordinatorNotes: { ja: 'コーディネーターの記録', en: 'coordinator notes' },
  profile: { ja: '本人の状況', en: 'profile' },
  riskFlags: { ja: 'リスク', en: 'risk flags' },
  urgencyTier: { ja: '緊急度区分', en: 'urgency tier' },
  consent: { ja: '同意', en: 'consent' },
  'consent.by': { ja: '同意者', en: 'consent given by' },
  'consent.on': { ja: '同意日', en: 'consent date' },
  'consent.organisationIds': { ja: '情報共有に同意した機関', en: 'organisations consented to' },
  grantedDays: { ja: '支給量', en: 'granted days' },
  daysPerMonth: { ja: '支給量（日／月）', en: 'granted days per month' },
  'grantedDays.from': { ja: '支給期間の開始日', en: 'granted period start' },
  'grantedDays.to': { ja: '支給期間の終了日', en: 'granted period end' },
  nextReviewOn: { ja: '次回見直し日', en: 'next review' },
  registrationId: { ja: '登録者', en: 'registration' },
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
