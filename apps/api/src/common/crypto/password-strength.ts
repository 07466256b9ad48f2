import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as ja from '@zxcvbn-ts/language-ja';
import { AppException } from '../errors/app.exception';
import { AuthTexts } from '../errors/texts';

/** zxcvbn with the common (breached/top passwords), English and Japanese (names, words, romaji) dictionaries. */
const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...en.dictionary, ...ja.dictionary },
  graphs: common.adjacencyGraphs,
});

/** 0–4; 3 = "safely unguessable" (about 10^8 guesses), the least we accept. */
export const MIN_PASSWORD_SCORE = 3;

/**
 * Refuses common and breached-pattern passwords (keyboard walks, dictionary words with digits, the
 * user's own name or email): a 400 naming the field (「パスワード」).
 */
export function assertStrongPassword(password: string, field: string, userInputs: string[] = []): void {
  const result = zxcvbn.check(password, userInputs.flatMap((s) => [s, ...s.split(/[@.\s_-]+/)]).filter((s) => s.length >= 3));
  if (result.score < MIN_PASSWORD_SCORE) {
    throw AppException.invalidField(field, 'weak_password', AuthTexts.weakPassword);
  }
}
