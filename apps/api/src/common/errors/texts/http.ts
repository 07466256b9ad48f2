import type { Bilingual } from '../app.exception';
import { AuthTexts } from './auth';
import { CommonTexts } from './common';

/** The edge's texts: the exception filter's answers by HTTP status, body checks, admission, idempotency, health. */
export const HttpTexts = {
  byStatus: {
    400: { ja: 'リクエストが正しくありません', en: 'Bad request' },
    401: AuthTexts.authenticationRequired,
    403: CommonTexts.forbidden,
    404: { ja: '見つかりません', en: 'Not found' },
    405: { ja: 'このメソッドは使えません', en: 'Method not allowed' },
    409: { ja: '他の変更と競合しました', en: 'Conflict' },
    413: { ja: 'リクエストが大きすぎます', en: 'Request body too large' },
    415: { ja: 'この形式のデータは受け付けられません', en: 'Unsupported media type' },
    429: { ja: '試行回数が多すぎます。しばらくしてからお試しください', en: 'Too many attempts; try again later' },
  } as Record<number, Bilingual>,
  /** Any other status: the Japanese of 400, the English reason phrase. */
  otherStatus: (reason: string): Bilingual => ({ ja: 'リクエストが正しくありません', en: reason }),
  malformedJson: { ja: 'JSONの形式が正しくありません', en: 'Malformed JSON body' },
  routeNotFound: (nestMessage: string): Bilingual => ({ ja: 'このURLはありません', en: nestMessage }),
  databaseUnavailable: { ja: 'データベースに一時的に接続できません。しばらくしてからもう一度お試しください', en: 'The database is temporarily unavailable; please try again shortly' },
  personalDataUnreadable: { ja: '個人情報を読み出せません（改ざんまたは鍵の不一致）。管理者に連絡してください', en: 'Stored personal data failed its integrity check; contact an administrator' },
  internal: { ja: 'サーバーで問題が発生しました', en: 'Internal server error' },
  bodyNotAnObject: { ja: 'リクエスト本文はJSONオブジェクトで送ってください', en: 'The request body must be a JSON object' },
  bodyNotAnObjectField: { ja: '「body」はJSONオブジェクトで送ってください', en: 'body must be a JSON object' },
  bodyTooDeep: (maxDepth: number): Bilingual => ({ ja: `「body」の入れ子が深すぎます（${maxDepth}段まで）`, en: `body nests deeper than ${maxDepth} levels` }),
  overloaded: { ja: 'ただいま混み合っています。少し待ってからもう一度お試しください', en: 'The server is busy; please try again in a moment' },
  idempotencyKeyInvalid: { ja: '「Idempotency-Key」ヘッダーは1〜255文字の半角英数字・記号で指定してください', en: 'Idempotency-Key must be 1–255 printable ASCII characters' },
  idempotencyKeyReused: { ja: 'この「Idempotency-Key」は別の内容のリクエストで使われています', en: 'This Idempotency-Key was used for a different request' },
  idempotentInProgress: { ja: '同じリクエストを処理中です。しばらくしてから確認してください', en: 'The same request is still being processed' },
  draining: { ja: 'このサーバーは停止処理中です', en: 'This instance is shutting down' },
  healthDatabaseUnavailable: { ja: 'データベースに接続できません', en: 'Database unavailable' },
  /** The socket's replay request (events:since). */
  eventsAfterInvalid: { ja: '「最後に受け取ったイベント」は0以上の整数です', en: 'after must be an integer ≥ 0' },
  metricsToken: { ja: 'メトリクスの取得にはトークンが必要です', en: 'Metrics need the metrics token' },
};
