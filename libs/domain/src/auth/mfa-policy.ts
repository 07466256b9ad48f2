import { Role } from '@akiwa/contracts';

/** `required`: every role below must use two factors (production default); `optional`: only organisations that require it. */
export type MfaEnforcement = 'required' | 'optional';

/**
 * Who can read personal data (要配慮個人情報): admins (audit), coordinators (their requests), provider
 * staff (a confirmed placement's person), municipal officers (trial-stay persons of their municipality).
 */
export const ROLES_READING_PERSONAL_DATA: readonly Role[] = [Role.Admin, Role.Coordinator, Role.ProviderStaff, Role.MunicipalOfficer];

/** Whether this user must have a second factor before doing anything. */
export function mfaRequired(user: { role: Role; organisationRequiresMfa: boolean }, enforcement: MfaEnforcement): boolean {
  if (user.organisationRequiresMfa) return true;
  return enforcement === 'required' && (user.role === Role.Admin || ROLES_READING_PERSONAL_DATA.includes(user.role));
}
