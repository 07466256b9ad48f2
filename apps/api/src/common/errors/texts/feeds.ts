import type { Bilingual } from '../app.exception';

/** The open-data feeds and their API keys. */
export const FeedTexts = {
  unknownOrganisation: { ja: '「organisationId」の組織が見つかりません', en: 'organisationId: no such organisation' },
  noArea: {
    ja: '「organisationId」の組織に市区町村が設定されていないため、APIキーの範囲（都道府県）が決まりません',
    en: 'organisationId: the organisation has no municipality, so the key has no prefecture to read',
  },
  keyRequired: { ja: 'フィードにはAPIキーが必要です（X-Api-Key ヘッダー、または Authorization: ApiKey …）', en: 'Feeds need an API key (X-Api-Key, or Authorization: ApiKey …)' },
  invalidKey: { ja: 'APIキーが正しくありません', en: 'Invalid API key' },
  revokedKey: { ja: 'このAPIキーは失効しています', en: 'This API key has been revoked' },
  outsideArea: { ja: 'このAPIキーで読める都道府県の外です', en: 'This API key does not read that area' },
  rateLimited: (retryAfterSeconds: number): Bilingual => ({
    ja: `このAPIキーの利用回数が上限に達しました。${retryAfterSeconds}秒後に再度お試しください`,
    en: `Rate limit of this API key reached; retry in ${retryAfterSeconds} s`,
  }),
  pastSnapshot: { ja: '「date」に過去の日付は指定できません（過去の空き状況は保存していません）', en: 'date must not be in the past' },
};
