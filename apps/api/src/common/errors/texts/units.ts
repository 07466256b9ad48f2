import type { Bilingual } from '../app.exception';

/** Units (rooms): their settings, retirement and names. */
export const UnitTexts = {
  changedFirst: { ja: '他の人がこのユニットを先に更新しました。最新の内容を確認してください', en: 'Someone else changed this unit first; review the current version' },
  supportLevelRange: { ja: '「supportLevelMax」は「supportLevelMin」以上にしてください', en: 'supportLevelMax must not be less than supportLevelMin' },
  vacanciesOfOtherGender: (night: string, gender: string): Bilingual => ({
    ja: `${night}以降に「${gender}」の空床が登録されています。先に空床を0にしてください`,
    en: `Free beds for ${gender} are declared from ${night}; set them to 0 first`,
  }),
  retired: { ja: 'このユニットは廃止されています', en: 'This unit has been retired' },
  /** `night`: the first night whose free beds no longer fit; none means from today. */
  belowFreeBeds: (night: string | undefined): Bilingual => ({
    ja: `${night ?? '今日'}以降の空床数が新しい定員を超えています。先に空床を減らしてください`,
    en: `Free beds declared from ${night ?? 'today'} exceed the new capacity; lower them first`,
  }),
  nameTaken: { ja: '同じ名前のユニットが既にあります', en: 'A unit with this name already exists' },
  nameTakenField: { ja: '「name」は既に使われています', en: 'name is already in use' },
};
