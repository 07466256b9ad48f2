import type { Bilingual } from '../app.exception';

/** User administration. */
export const UserTexts = {
  emailTaken: { ja: 'このメールアドレスは既に使われています', en: 'This email is already in use' },
  unknownOrganisation: { ja: '組織が見つかりません', en: 'Unknown organisation' },
  roleNotAllowed: (kind: string, role: string): Bilingual => ({
    ja: 'この種別の組織にはこの役割のユーザーを登録できません',
    en: `An organisation of kind ${kind} cannot have role ${role}`,
  }),
};
