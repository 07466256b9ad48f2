import type { Bilingual } from '../app.exception';

/** Japanese and English text for the class-validator constraints we use; the field is named in both. */
export const VALIDATION_MESSAGES: Record<string, (field: string, args: string) => Bilingual> = {
  whitelistValidation: (f) => ({ ja: `「${f}」は受け付けられない項目です`, en: `${f} is not an accepted field` }),
  isDefined: (f) => ({ ja: `「${f}」は必須です`, en: `${f} is required` }),
  isNotEmpty: (f) => ({ ja: `「${f}」を入力してください`, en: `${f} must not be empty` }),
  isString: (f) => ({ ja: `「${f}」は文字列で入力してください`, en: `${f} must be a string` }),
  isInt: (f) => ({ ja: `「${f}」は整数で入力してください`, en: `${f} must be an integer` }),
  isNumber: (f) => ({ ja: `「${f}」は数値で入力してください`, en: `${f} must be a number` }),
  isBoolean: (f) => ({ ja: `「${f}」は真偽値（true/false）で入力してください`, en: `${f} must be a boolean` }),
  isEmail: (f) => ({ ja: `「${f}」はメールアドレスの形式で入力してください`, en: `${f} must be an email address` }),
  isUuid: (f) => ({ ja: `「${f}」の形式が正しくありません（UUID）`, en: `${f} must be a UUID` }),
  isEnum: (f, a) => ({ ja: `「${f}」は次のいずれかを指定してください: ${a}`, en: `${f} must be one of: ${a}` }),
  isIn: (f, a) => ({ ja: `「${f}」は次のいずれかを指定してください: ${a}`, en: `${f} must be one of: ${a}` }),
  min: (f, a) => ({ ja: `「${f}」は${a}以上にしてください`, en: `${f} must not be less than ${a}` }),
  max: (f, a) => ({ ja: `「${f}」は${a}以下にしてください`, en: `${f} must not be greater than ${a}` }),
  minLength: (f, a) => ({ ja: `「${f}」は${a}文字以上で入力してください`, en: `${f} must be at least ${a} characters` }),
  maxLength: (f, a) => ({ ja: `「${f}」は${a}文字以内で入力してください`, en: `${f} must be at most ${a} characters` }),
  isArray: (f) => ({ ja: `「${f}」は配列で指定してください`, en: `${f} must be an array` }),
  arrayMinSize: (f, a) => ({ ja: `「${f}」は${a}件以上指定してください`, en: `${f} must contain at least ${a} elements` }),
  arrayMaxSize: (f, a) => ({ ja: `「${f}」は${a}件以内で指定してください`, en: `${f} must contain at most ${a} elements` }),
  arrayUnique: (f) => ({ ja: `「${f}」に重複があります`, en: `${f} must not contain duplicates` }),
  isDateString: (f) => ({ ja: `「${f}」は日付（YYYY-MM-DD）で入力してください`, en: `${f} must be a date (YYYY-MM-DD)` }),
  isISO8601: (f) => ({ ja: `「${f}」は日付（YYYY-MM-DD）で入力してください`, en: `${f} must be a date (YYYY-MM-DD)` }),
  matches: (f) => ({ ja: `「${f}」の形式が正しくありません`, en: `${f} has the wrong format` }),
  isObject: (f) => ({ ja: `「${f}」はオブジェクトで指定してください`, en: `${f} must be an object` }),
  isOfficeNumber: (f) => ({ ja: `「${f}」は10桁の数字で、先頭2桁は都道府県番号（01〜47）にしてください`, en: `${f} must be 10 digits starting with a prefecture code (01–47)` }),
  nestedValidation: (f) => ({ ja: `「${f}」の形式が正しくありません`, en: `${f} must be an object` }),
};

/** A constraint without its own text: the field in Japanese, class-validator's English. */
export const validationFallback = (field: string, en: string): Bilingual => ({ ja: `「${field}」が正しくありません`, en });
