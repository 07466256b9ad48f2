import { Role } from '@akiwa/contracts';
import { AppException } from '../errors/app.exception';
import type { AuthUser } from './auth-user';
import { CommonTexts } from '../errors/texts';

/** A user acts only inside their own organisation; admins may act on any. */
export function assertOwnOrganisation(auth: AuthUser, organisationId: string): void {
  if (auth.role !== Role.Admin && auth.organisationId !== organisationId) {
    throw AppException.forbidden(CommonTexts.otherOrganisation);
  }
}
