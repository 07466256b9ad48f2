import { useTranslation } from 'react-i18next';
import type { FeatureBundle } from '../../lib/i18n';

/** Account security texts (two factors, passwords), under `account.` (listed in src/feature-texts.ts). */
const ja = {
  title: 'アカウントとセキュリティ',
  lead: 'ログインに使う二要素認証とパスワードを管理します。',
  mfa: {
    title: '二要素認証（確認コード）',
    on: '有効',
    off: '無効',
    required: 'このアカウントでは二要素認証が必須です。',
    recoveryLeft: '残りの回復コード：{{count}}個',
    start: '二要素認証を設定する',
    restart: '認証アプリを設定し直す',
    scan: '認証アプリ（Google Authenticator、Microsoft Authenticator など）でこのQRコードを読み取ってください。',
    secretLabel: '読み取れない場合は、このキーを入力してください',
    qrLabel: '認証アプリ用のQRコード',
    code: '確認コード（6桁）',
    codeHint: '認証アプリに表示されている6桁の数字',
    verify: '確認して有効にする',
    recoveryTitle: '回復コード',
    recoveryLead: 'スマートフォンをなくしたときに、確認コードの代わりに一度ずつ使えます。今だけ表示します。印刷するか安全な場所に控えてください。',
    recoveryDone: '控えました',
    disable: '二要素認証を無効にする',
    disableCode: '無効にするには確認コードを入力してください',
    enabledNotice: '二要素認証を有効にしました。',
    disabledNotice: '二要素認証を無効にしました。',
  },
  password: {
    title: 'パスワードの変更',
    current: '現在のパスワード',
    next: '新しいパスワード',
    nextHint: '12文字以上。よくある語・名前・メールアドレス・キーボードの並びは使えません。',
    submit: 'パスワードを変更する',
    changed: 'パスワードを変更しました。ほかの端末のログインは終了しました。',
  },
  restricted: {
    mfaTitle: '二要素認証の設定が必要です',
    mfaLead: 'このアカウントでは、ログインに確認コードが必要です。設定が終わるまで他の画面は使えません。',
    passwordTitle: '新しいパスワードを設定してください',
    passwordLead: '管理者が発行した一時パスワードでログインしました。続けるには自分のパスワードを設定してください。',
    continue: '続ける',
  },
  login: {
    codeTitle: '確認コードの入力',
    codeLead: '認証アプリに表示されている6桁の確認コード、または回復コードを入力してください。',
    code: '確認コード',
    submit: '確認する',
    back: 'メールアドレスの入力に戻る',
    required: '確認コードを入力してください。',
  },
  admin: {
    reset: 'パスワード再発行',
    resetConfirm: '{{name}} さんの一時パスワードを発行します。現在のログインはすべて終了します。よろしいですか？',
    resetDone: '{{name}} さんの一時パスワード（一度だけ表示）：',
    mfaReset: '二要素認証をリセット',
    mfaResetConfirm: '{{name}} さんの二要素認証を解除します。現在のログインはすべて終了し、必要な場合は次回ログイン時に再設定します。よろしいですか？',
    mfaResetDone: '{{name}} さんの二要素認証をリセットしました',
    mfaRequired: 'この組織の全員に二要素認証を必須にする',
    mfaColumn: '二要素認証',
  },
  link: 'アカウント設定',
};

const en: typeof ja = {
  title: 'Account and security',
  lead: 'Manage the two-factor authentication and the password you log in with.',
  mfa: {
    title: 'Two-factor authentication (verification codes)',
    on: 'On',
    off: 'Off',
    required: 'Two-factor authentication is required for this account.',
    recoveryLeft: 'Recovery codes left: {{count}}',
    start: 'Set up two-factor authentication',
    restart: 'Set up the authenticator app again',
    scan: 'Scan this QR code with an authenticator app (Google Authenticator, Microsoft Authenticator…).',
    secretLabel: 'If you cannot scan it, enter this key',
    qrLabel: 'QR code for the authenticator app',
    code: 'Verification code (6 digits)',
    codeHint: 'The 6 digits shown in the authenticator app',
    verify: 'Verify and turn on',
    recoveryTitle: 'Recovery codes',
    recoveryLead: 'If you lose your phone, each works once instead of a code. Shown only now: print them or keep them somewhere safe.',
    recoveryDone: 'I have kept them',
    disable: 'Turn off two-factor authentication',
    disableCode: 'Enter a verification code to turn it off',
    enabledNotice: 'Two-factor authentication is on.',
    disabledNotice: 'Two-factor authentication is off.',
  },
  password: {
    title: 'Change password',
    current: 'Current password',
    next: 'New password',
    nextHint: 'At least 12 characters; no common words, names, your email or keyboard patterns.',
    submit: 'Change password',
    changed: 'Password changed. You were logged out on your other devices.',
  },
  restricted: {
    mfaTitle: 'Set up two-factor authentication',
    mfaLead: 'This account needs a verification code to log in. Other screens are available once it is set up.',
    passwordTitle: 'Choose a new password',
    passwordLead: 'You logged in with a one-time password from an administrator. Choose your own password to continue.',
    continue: 'Continue',
  },
  login: {
    codeTitle: 'Verification code',
    codeLead: 'Enter the 6-digit code from your authenticator app, or a recovery code.',
    code: 'Verification code',
    submit: 'Verify',
    back: 'Back to email and password',
    required: 'Enter the verification code.',
  },
  admin: {
    reset: 'Reset password',
    resetConfirm: 'Issue a one-time password for {{name}}? All their sessions will end.',
    resetDone: 'One-time password for {{name}} (shown once):',
    mfaReset: 'Reset two-factor',
    mfaResetConfirm: 'Remove the two-factor authentication of {{name}}? All their sessions will end; they set it up again at the next login when required.',
    mfaResetDone: 'Two-factor authentication of {{name}} was reset',
    mfaRequired: 'Require two-factor authentication for everyone in this organisation',
    mfaColumn: 'Two factors',
  },
  link: 'Account',
};

declare module '../../lib/i18n/feature-texts' {
  interface FeatureTexts {
    account: typeof ja;
  }
}
export const texts: FeatureBundle<'account'> = { ja, en };

/** `at` for this feature's texts (under `account.`), `t` for the shared ones. */
export function useAccountTexts() {
  const { t } = useTranslation();
  const { t: at } = useTranslation(undefined, { keyPrefix: 'account' });
  return { at, t };
}
