import type { Bilingual } from '../app.exception';

/** A refused webhook URL: 「URL」 and the reason. */
const url = (ja: string, en: string): Bilingual => ({ ja: `「URL」${ja}`, en: `url ${en}` });

/** Webhook subscriptions. */
export const WebhookTexts = {
  exactlyOneArea: { ja: '「地域」は都道府県・圏域・市区町村のどれか一つを指定してください', en: 'area: give exactly one of prefectureCode, regionId, municipalityCode' },
  urlInvalid: url('の形式が正しくありません（https://… の形で入力してください）', 'must be an absolute https:// URL'),
  urlNotHttps: url('は https:// で始まる必要があります', 'must use https'),
  urlCredentials: url('に利用者名やパスワードを含めないでください（署名で認証します）', 'must not carry credentials (deliveries are signed)'),
  urlUnresolvable: (host: string) => url(`のホスト名「${host}」の名前解決ができません`, `host ${host} does not resolve`),
  /** `where`: the host, or the host and the private addresses it resolves to. */
  urlPrivate: (where: string) => url(`は内部ネットワーク（${where}）を指しています。外部から到達できる宛先を指定してください`, 'must not point to a private or loopback network'),
};
