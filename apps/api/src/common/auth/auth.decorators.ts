import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role, SessionRestriction } from '@akiwa/contracts';
import type { AuthUser } from './auth-user';

export const IS_PUBLIC = 'akiwa:public';
export const ROLES = 'akiwa:roles';
export const ALLOW_RESTRICTED = 'akiwa:allow-restricted';

/** The route needs no login (login itself, health, refresh). Everything else does. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The route also serves a session restricted to these steps (MFA enrolment, a password change): those very steps, and me. */
export const AllowRestricted = (...restrictions: SessionRestriction[]) => SetMetadata(ALLOW_RESTRICTED, restrictions);

/**
 * The route needs one of these roles (none given: any logged-in user). Scoping to the caller's
 * organisation is the service's job, using `@CurrentUser()`'s organisationId in every query.
 */
export const Auth = (...roles: Role[]) =>
  applyDecorators(SetMetadata(ROLES, roles), ApiBearerAuth(), ApiUnauthorizedResponse({ description: 'Not logged in' }), ApiForbiddenResponse({ description: 'Wrong role or organisation' }));

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  const req = ctx.switchToHttp().getRequest<{ user?: AuthUser }>();
  if (!req.user) throw new Error('CurrentUser used on a public route');
  return req.user;
});
