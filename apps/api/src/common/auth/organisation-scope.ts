import { Role } from '@akiwa/contracts';
import { AppException } from '../errors/app.exception';
import type { AuthUser } from './auth-user';

/** A user acts only inside their own organisation; admins may act on any. */
export function assertOwnOrganisation(auth: AuthUser, organisationId: string): void {
  if (auth.role !== Role.Admin && auth.organisationId !== organisationId) {
    throw AppException.forbidden('This belongs to another organisation', '他の組織のデータは操作できません');
  }
}
