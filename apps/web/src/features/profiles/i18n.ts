import { MEDICAL_CAPABILITY_LABELS, NIGHT_STAFFING_LABELS } from '@akiwa/contracts';
import type { FeatureBundle, Widen } from '../../lib/i18n';

/** The provider profile's texts (under `profile.`, listed in src/feature-texts.ts); night staffing and medical care from the contracts' labels. */
const ja = {
  nightStaffing: NIGHT_STAFFING_LABELS.ja,
  medicalCapability: MEDICAL_CAPABILITY_LABELS.ja,
  title: '事業所の情報',
  editTitle: '事業所の情報を編集',
  editLead: 'コーディネーターと市町村の担当者が受入先を選ぶときに見る情報です。「公開」にすると他の事業所からも見えます。',
  view: '事業所の情報',
  save: '保存する',
  saved: '保存しました',
  notSet: '未登録',
  yen: '{{amount}}円',
  includes: '含むもの：{{text}}',
  perNight: '1泊あたり',
  perMonth: '月額',
  sections: { basic: '基本情報', fees: '費用', transport: '送迎', night: '夜間の体制', care: '医療的ケア・設備', photos: '写真', about: '紹介' },
  yes: 'あり',
  no: 'なし',
  publicOn: '公開中（他の事業所からも見えます）',
  publicOff: '非公開（コーディネーター・市町村のみ）',
  normalised: '住所の確認：{{text}}',
  notNormalised: '住所は入力のまま保存しています（住所データに接続できないため未確認）',
  photoAdd: '写真を追加',
  photoFile: '写真のファイル（8MBまで）',
  photoCaption: '写真の説明',
  photoUpload: 'アップロード',
  photoDelete: '写真を削除',
  photoAlt: '{{name}}の写真',
  photoNote: '位置情報（EXIF）は取り除いて保存します。',
  none: '写真はまだありません。',
  conflict: '他の人が先に更新しました。最新の内容を読み込みました。もう一度確認して保存してください。',
};

const en: Widen<typeof ja> = {
  nightStaffing: NIGHT_STAFFING_LABELS.en,
  medicalCapability: MEDICAL_CAPABILITY_LABELS.en,
  title: 'Provider profile',
  editTitle: 'Edit the provider profile',
  editLead: 'What coordinators and municipal officers see when choosing a placement. Public: other providers see it too.',
  view: 'Provider profile',
  save: 'Save',
  saved: 'Saved',
  notSet: 'Not given',
  yen: '¥{{amount}}',
  includes: 'Includes: {{text}}',
  perNight: 'Per night',
  perMonth: 'Per month',
  sections: { basic: 'Basics', fees: 'Fees', transport: 'Pick-up', night: 'At night', care: 'Medical care and facilities', photos: 'Photos', about: 'About' },
  yes: 'Yes',
  no: 'No',
  publicOn: 'Public (other providers see it too)',
  publicOff: 'Not public (coordinators and municipalities only)',
  normalised: 'Address read as: {{text}}',
  notNormalised: 'Address kept as typed (the address data could not be reached to check it)',
  photoAdd: 'Add a photo',
  photoFile: 'Photo file (up to 8 MB)',
  photoCaption: 'Caption',
  photoUpload: 'Upload',
  photoDelete: 'Delete photo',
  photoAlt: 'Photo of {{name}}',
  photoNote: 'Location data (EXIF) is removed before storing.',
  none: 'No photos yet.',
  conflict: 'Someone else saved first. The current version is loaded: check it and save again.',
};

declare module '../../lib/i18n/feature-texts' {
  interface FeatureTexts {
    profile: typeof ja;
  }
}

export const texts: FeatureBundle<'profile'> = { ja: ja, en: en };
