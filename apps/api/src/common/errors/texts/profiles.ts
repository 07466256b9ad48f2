import type { Bilingual } from '../app.exception';

/** Provider profiles and their photos. */
export const ProfileTexts = {
  changedFirst: { ja: '他の人が事業所の情報を先に更新しました。最新の内容を確認してください', en: 'Someone else changed the profile first; review the current version' },
  photoMissing: { ja: '「photo」に画像を添付してください', en: 'Attach an image as photo' },
  tooManyPhotos: (max: number): Bilingual => ({ ja: `「photo」は${max}枚までです`, en: `At most ${max} photos` }),
  notAnImage: { ja: '「photo」は画像（JPEG・PNG・WebP・HEIC）を送ってください', en: 'photo must be an image (JPEG, PNG, WebP, HEIC)' },
  photoTooLarge: (megabytes: number): Bilingual => ({ ja: `「photo」は${megabytes}MB以下にしてください`, en: `photo must be at most ${megabytes} MB` }),
  imageProcessingUnavailable: { ja: '画像の処理が利用できません（sharp が未導入）', en: 'Image processing is not available (sharp is not installed)' },
};
