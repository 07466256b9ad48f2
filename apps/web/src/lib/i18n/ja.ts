import { CATEGORY_LABELS, NEED_LABELS, ROOM_GENDER_LABELS, SERVICE_TYPE_LABELS } from '@akiwa/contracts';

/**
 * The texts several screens share (the app's frame, roles, errors, the welfare terms); a feature's own
 * texts live beside it in features/<name>/i18n.ts (listed in src/feature-texts.ts).
 * Japanese is the source language: every key exists here first, and en.ts is typed against it.
 * Terms follow the welfare workers' own vocabulary (see shared/docs/domain.md).
 */
export const ja = {
  app: {
    name: '空き輪',
    nameLatin: 'Akiwa',
    tagline: '障害福祉の空き状況共有・緊急受入調整',
    skipToContent: '本文へ移動',
    loading: '読み込み中…',
  },
  language: {
    label: '表示言語',
    ja: '日本語',
    en: 'English',
  },
  auth: {
    loginTitle: 'ログイン',
    loginLead: '事業所・拠点コーディネーター・市町村・管理者のアカウントでログインしてください。',
    email: 'メールアドレス',
    password: 'パスワード',
    submit: 'ログイン',
    submitting: 'ログインしています…',
    logout: 'ログアウト',
    sessionExpired: 'ログインの有効期限が切れました。もう一度ログインしてください。',
    sessionEnded: {
      logged_out: 'ログアウトしました。',
      revoked: 'ログインが終了されました。もう一度ログインしてください。',
      deactivated: 'アカウントが無効になったため、ログインが終了しました。',
      role_changed: '役割が変更されたため、ログインが終了しました。もう一度ログインしてください。',
      refresh_reuse: '不正な利用のおそれがあるため、このログインを終了しました。もう一度ログインしてください。',
      password_changed: 'パスワードが変更されたため、ログインが終了しました。新しいパスワードでログインしてください。',
      token_expired: 'ログインの有効期限が切れました。もう一度ログインしてください。',
    },
    required: {
      email: 'メールアドレスを入力してください。',
      password: 'パスワードを入力してください。',
    },
  },
  role: {
    provider_staff: '事業所職員',
    coordinator: '拠点コーディネーター',
    municipal_officer: '市町村担当者',
    admin: 'システム管理者',
  },
  organisationKind: {
    provider: '障害福祉サービス事業所',
    consultation_centre: '相談支援事業所・基幹相談支援センター',
    municipality: '市町村',
    administrator: '運営管理',
  },
  nav: {
    apiKeys: 'APIキー',
    webhooks: 'Webhook',
    label: 'メインメニュー',
    menu: 'メニュー',
    closeMenu: 'メニューを閉じる',
    home: 'ホーム',
    providerVacancies: '空き状況',
    providerInbox: '緊急依頼受信箱',
    providerTrialStays: '体験利用',
    providerProfile: '事業所の情報',
    providerUrgent: '緊急の相談',
    coordinatorBoard: '空き状況ボード',
    coordinatorRequests: '緊急依頼',
    coordinatorTrialStays: '体験利用予約',
    coordinatorOncall: '当番表',
    coordinatorLedger: '登録者台帳',
    notificationSettings: '通知設定',
    reports: '集計・年次検証',
    municipalitySettings: '市町村の設定',
    organisations: '組織管理',
    users: 'ユーザー管理',
    audit: '監査ログ',
  },
  connection: {
    label: 'リアルタイム接続',
    connected: '接続中',
    connecting: '接続しています…',
    offline: 'オフライン',
    offlineBanner: 'オフラインです。再接続すると最新の情報に更新します。',
  },
  table: {
    actions: '操作',
    previous: '前へ',
    next: '次へ',
    range: '{{total}}件中 {{from}}–{{to}}件',
  },
  errors: {
    title: 'エラー',
    network: 'サーバーに接続できません。通信状態を確認して、もう一度お試しください。',
    unknown: '予期しないエラーが発生しました。',
    retry: '再読み込み',
    forbiddenTitle: '権限がありません',
    forbiddenBody: 'この画面を表示する権限がありません。',
    notFoundTitle: 'ページが見つかりません',
    notFoundBody: 'お探しのページは存在しないか、移動しました。',
    backHome: 'ホームへ戻る',
  },
  common: {
    required: '必須',
    optional: '任意',
    saving: '保存しています…',
  },
  serviceType: SERVICE_TYPE_LABELS.ja,
  category: CATEGORY_LABELS.ja,
  need: NEED_LABELS.ja,
  roomGender: ROOM_GENDER_LABELS.ja,
  gender: {
    male: '男性',
    female: '女性',
  },
  supportLevel: {
    '0': '非該当',
    level: '区分{{level}}',
  },
};
