import type { FeatureBundle, Widen } from '../../lib/i18n';

/** The home screen's texts, under `home.`, listed in src/feature-texts.ts. */
const ja = {
  title: 'ホーム',
  welcome: '{{name}} さん、こんにちは。',
  user: '氏名',
  organisation: '所属',
  role: '役割',
  email: 'メールアドレス',
  shortcuts: 'よく使う機能',
  lead: {
    provider_staff: '短期入所・グループホーム・施設入所の空き状況を最新に保ち、緊急依頼に回答します。',
    coordinator: '空き状況を確認し、緊急受入の依頼と体験利用の予約を行います。',
    municipal_officer: '地域生活支援拠点等の運用状況を集計し、年次検証に活用します。',
    admin: '組織とユーザーを管理します。',
  },
};

const en: Widen<typeof ja> = {
  title: 'Home',
  welcome: 'Hello, {{name}}.',
  user: 'Name',
  organisation: 'Organisation',
  role: 'Role',
  email: 'Email address',
  shortcuts: 'Shortcuts',
  lead: {
    provider_staff:
      'Keep the vacancies of your short-stay (短期入所), group-home and residential units current, and answer emergency requests.',
    coordinator: 'Check vacancies, post emergency placement requests and book trial stays.',
    municipal_officer: 'Follow how the community life support base works and prepare the annual review.',
    admin: 'Manage organisations and users.',
  },
};

declare module '../../lib/i18n/feature-texts' {
  interface FeatureTexts {
    home: typeof ja;
  }
}

export const texts: FeatureBundle<'home'> = { ja: ja, en: en };
