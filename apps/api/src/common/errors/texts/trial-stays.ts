import { addDays, fiscalYearLabel, formatSeireki, nightRuns } from '@akiwa/domain';
import type { Bilingual } from '../app.exception';

/** "2026年12月3日〜2026年12月5日、2026年12月9日": nights grouped into runs (each run's first and last night). */
export function describeNights(nights: readonly string[]): Bilingual {
  const runs = nightRuns(nights).map((r) => ({ first: r.from, last: addDays(r.to, -1) }));
  return {
    ja: runs.map((r) => (r.first === r.last ? formatSeireki(r.first) : `${formatSeireki(r.first)}〜${formatSeireki(r.last)}`)).join('、'),
    en: runs.map((r) => (r.first === r.last ? r.first : `${r.first} to ${r.last}`)).join(', '),
  };
}

/** A stay's status as the refusal names it. */
export const STATUS_JA: Record<string, string> = { requested: '申請中', approved: '承認済み', declined: '辞退', cancelled: '取消' };

/** Trial stays: offers (rooms open, visit slots), persons and their municipalities' limits, bookings. */
export const TrialStayTexts = {
  alreadyBooked: { ja: 'この期間はすでに予約が入っています', en: 'These nights are already booked' },
  nightsBooked: (nights: readonly string[]): Bilingual => {
    const named = describeNights(nights);
    return { ja: `${named.ja}の夜はすでに予約が入っています`, en: `the nights ${named.en} are already booked` };
  },
  periodBooked: { ja: '「入所日」〜「退所日」の期間はすでに予約が入っています', en: 'the nights from–to are already booked' },
  noBedLeft: (nights: readonly string[]): Bilingual => {
    const named = describeNights(nights);
    return { ja: `${named.ja}の夜は空床がありません（緊急受入で確保済み、または満床）`, en: `No bed is left on ${named.en} (held for an emergency, or full)` };
  },
  noBedLeftField: (nights: readonly string[]): Bilingual => {
    const named = describeNights(nights);
    return { ja: `${named.ja}の夜はこのユニットに空床がありません`, en: `the unit has no free bed on ${named.en}` };
  },
  personElsewhere: { ja: 'この方は同じ期間に別の体験利用の予定があります', en: 'This person already has a trial stay on these nights' },
  personElsewhereField: { ja: '「personId」の方は同じ期間に別の予定があります', en: 'personId already has a stay on these nights' },
  notOffered: { ja: 'この期間は体験利用の受付期間外です', en: 'These nights are not open for trial stays' },
  notOfferedField: { ja: '「from」〜「to」の期間は受付していません', en: 'the nights from–to are not offered' },
  empty: { ja: '「to」（退所日）は「from」（入所日）より後の日付にしてください', en: 'to (day of leaving) must be after from' },
  /** The run with the adjoining stays is longer than the limit. */
  consecutiveWithAdjoining: (max: number, runFrom: string, consecutive: number, requested: number): Bilingual => ({
    ja: `体験利用は連続${max}泊までです。前後の体験利用と合わせると${formatSeireki(runFrom)}から連続${consecutive}泊になります（${requested}泊を指定）`,
    en: `A trial stay may last at most ${max} consecutive nights; with the adjoining stays this makes ${consecutive} nights in a row from ${runFrom} (${requested} requested)`,
  }),
  consecutive: (max: number, requested: number): Bilingual => ({
    ja: `1回の体験利用は連続${max}泊までです（${requested}泊を指定）`,
    en: `A trial stay may last at most ${max} consecutive nights (${requested} requested)`,
  }),
  /** `current`: the fiscal year is this one (今年度). */
  perFiscalYear: (max: number, fiscalYear: number, current: boolean, remaining: number, requested: number): Bilingual => {
    const label = fiscalYearLabel(fiscalYear);
    return {
      ja: `体験利用は年度あたり${max}泊までです。${current ? `今年度（${label}）` : label}の残りは${remaining}泊です（${requested}泊を指定）`,
      en: `Trial stays are limited to ${max} nights per fiscal year; ${remaining} remain in fiscal ${fiscalYear} (${requested} requested)`,
    };
  },
  wrongStatus: (status: string): Bilingual => ({
    ja: `この体験利用は現在「${STATUS_JA[status] ?? status}」のため、この操作はできません`,
    en: `This trial stay is ${status}; the action is not possible`,
  }),
  tooManyNights: (max: number): Bilingual => ({ ja: `「to」は「from」から${max}泊以内にしてください`, en: `to must be within ${max} nights of from` }),
  roomGender: { ja: 'この居室は利用者の性別に対応していません', en: 'This room does not take persons of this gender' },
  roomGenderField: { ja: '「personId」の方の性別はこの居室の対象外です', en: 'personId does not fit the room gender' },
  slotTaken: { ja: 'この見学枠はすでに埋まっています', en: 'This visit slot is no longer free' },
  slotTakenField: { ja: '「visitSlotId」の見学枠は選べません', en: 'visitSlotId is not free' },

  // offers
  notTrialRoom: { ja: 'この居室は体験利用を受け付けていません', en: 'This room does not take trial stays' },
  notTrialRoomField: { ja: '「unitId」の居室は体験利用可になっていません', en: 'unitId is not open for trial stays' },
  slotInPast: { ja: '「startsAt」に過去の日時は指定できません', en: 'startsAt must be in the future' },
  slotExists: { ja: '同じ日時の見学枠がすでにあります', en: 'A visit slot at this time already exists' },
  slotExistsField: { ja: '「startsAt」の見学枠はすでにあります', en: 'startsAt already has a slot' },
  slotBooked: { ja: 'この見学枠は予約済みのため削除できません', en: 'This visit slot is booked' },
  unitOrOrganisation: { ja: '「unitId」か「organisationId」のどちらか一方を指定してください', en: 'Give exactly one of unitId, organisationId' },
  searchSpan: { ja: '「to」は「from」より後で、366泊以内にしてください', en: 'to must be after from and within 366 nights' },
  openingOrder: (field: string): Bilingual => ({ ja: `「${field}.to」は「${field}.from」より後の日付にしてください`, en: `${field}.to must be after ${field}.from` }),
  openingPast: (field: string): Bilingual => ({ ja: `「${field}」に過去の期間は指定できません`, en: `${field} must not be in the past` }),
  openingTooFar: (field: string, maxDays: number): Bilingual => ({ ja: `「${field}.to」は${maxDays}日先までにしてください`, en: `${field}.to must be within ${maxDays} days` }),

  // persons and limits
  notOwnMunicipality: { ja: 'この市町村の上限は当該市町村のみ設定できます', en: 'Only this municipality may set its limits' },
  limitsIncoherent: (max: number): Bilingual => ({
    ja: `「連続利用の上限（泊）」は「年度あたりの上限（泊）」（${max}泊）以下にしてください`,
    en: `maxConsecutiveNights must not exceed maxNightsPerFiscalYear (${max})`,
  }),
  municipalityCodeFormat: { ja: '「municipalityCode」は5桁の数字で指定してください', en: 'municipalityCode must be 5 digits' },
};
