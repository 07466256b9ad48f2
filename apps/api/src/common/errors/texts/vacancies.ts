import type { Bilingual } from '../app.exception';

/** Vacancies: declaring free beds, the windows of nights, search and the live subscription. */
export const VacancyTexts = {
  changedFirst: { ja: '他の人が先に空床を更新しました。最新の空床を確認してください', en: 'Someone else changed these vacancies first; review the current state' },
  roomGender: (roomGender: string, gender: string): Bilingual => ({
    ja: `このユニットの居室（${roomGender}）には「${gender}」の空床は登録できません`,
    en: `This unit's rooms (${roomGender}) cannot have ${gender} vacancies`,
  }),
  heldOn: (night: string): Bilingual => ({ ja: `${night}は緊急受入・体験利用で確保中の床があるため、これ以上減らせません`, en: `Beds on ${night} are held for emergency offers or trial stays` }),
  belowHeldOn: (field: string, night: string): Bilingual => ({ ja: `「${field}」: 確保中の床数より少なくできません（${night}）`, en: `${field} would leave fewer free beds than held on ${night}` }),
  negativeOn: (field: string, night: string): Bilingual => ({ ja: `「${field}」: 空床数は0未満にできません（${night}）`, en: `${field} would make free beds negative on ${night}` }),
  aboveCapacityOn: (field: string, capacity: number, night: string): Bilingual => ({
    ja: `「${field}」: 空床数が定員（${capacity}）を超えます（${night}）`,
    en: `${field} would exceed the capacity of ${capacity} on ${night}`,
  }),
  aboveCapacity: { ja: '空床数が定員を超えます', en: 'Free beds would exceed the capacity' },
  negative: { ja: '空床数は0未満にできません', en: 'Free beds cannot be negative' },
  belowHeld: { ja: '確保中の床数より少なくできません', en: 'Free beds cannot go below held beds' },
  belowHeldField: { ja: '「free」が確保中の床数を下回ります', en: 'free would go below held beds' },
  toBeforeFrom: (toField: string, fromField: string): Bilingual => ({ ja: `「${toField}」は「${fromField}」以降の日付にしてください`, en: `${toField} must not be before ${fromField}` }),
  tooManyNights: (toField: string, fromField: string, max: number): Bilingual => ({
    ja: `「${toField}」までの期間は${max}泊以内にしてください`,
    en: `${toField} must be within ${max} nights of ${fromField}`,
  }),
  tooFarAhead: (field: string, maxDays: number): Bilingual => ({ ja: `「${field}」は${maxDays}日先までにしてください`, en: `${field} must be within ${maxDays} days from today` }),
  areaRequired: { ja: '地域（prefectureCode・regionId・municipalityCode のいずれか）を指定してください', en: 'Give an area: prefectureCode, regionId or municipalityCode' },
  outsideArea: (field: string): Bilingual => ({ ja: `「${field}」が他の指定地域に含まれていません`, en: `${field} is not inside the other area given` }),
  unknownArea: (field: string): Bilingual => ({ ja: `「${field}」は登録されていない地域です`, en: `${field} is not a known area` }),
  exactlyOneArea: { ja: '「area」には prefectureCode・regionId・municipalityCode のどれか一つを指定してください', en: 'area must name exactly one of prefectureCode, regionId, municipalityCode' },
};
