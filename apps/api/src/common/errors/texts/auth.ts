import type { Bilingual } from '../app.exception';

/** Log-in, sessions, MFA, passwords and the account; the guards' and gateways' authentication refusals. */
export const AuthTexts = {
  authenticationRequired: { ja: 'ログインが必要です', en: 'Authentication required' },
  logInAgain: { ja: 'もう一度ログインしてください', en: 'Please log in again' },
  mfaEnrolmentRequired: { ja: '先に二要素認証を設定してください', en: 'Set up two-factor authentication first' },
  passwordChangeRequired: { ja: '先に新しいパスワードを設定してください', en: 'Choose a new password first' },
  invalidCredentials: { ja: 'メールアドレスまたはパスワードが正しくありません', en: 'Wrong email or password' },
  tooManyFailedLogins: (retryAfterSeconds: number): Bilingual => ({
    ja: `ログインの失敗が続いたため、${retryAfterSeconds}秒後にもう一度お試しください`,
    en: `Too many failed logins; try again in ${retryAfterSeconds} s`,
  }),
  invalidMfaCode: { ja: '確認コードが正しくありません', en: 'Wrong verification code' },
  noMfaEnrolment: { ja: '先に二要素認証の設定を始めてください', en: 'Start the enrolment first' },
  mfaRequired: { ja: 'このアカウントでは二要素認証を無効にできません', en: 'Two-factor authentication is required for your account' },
  wrongPassword: { ja: '「現在のパスワード」が正しくありません', en: 'currentPassword is wrong' },
  unchangedPassword: { ja: '「新しいパスワード」が現在のものと同じです', en: 'newPassword is the same as the current one' },
  weakPassword: {
    ja: '「パスワード」が推測されやすすぎます。よくある語・名前・メールアドレス・キーボードの並びを避け、長くしてください',
    en: 'password is too easy to guess: avoid common words, names, your email and keyboard patterns, and make it longer',
  },
  crossSite: { ja: '別のサイトからの要求は受け付けません', en: 'Cross-site request refused' },
};
