import { createParamDecorator, ExecutionContext, SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Permission } from '@stockbridge/shared';
import type { Principal } from './principal';

export const IS_PUBLIC = 'sb:isPublic';
export const PERMISSIONS_KEY = 'sb:permissions';

/** Opts a route out of the global JWT guard. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The caller needs any one of these permissions (from the shared permission map).
 * Also documents the bearer auth, the 401/403 responses and (as `x-permissions`, read by the
 * cross-tenant test matrix) the permissions themselves in OpenAPI.
 */
export const RequirePermission = (...permissions: Permission[]) =>
  applyDecorators(
    SetMetadata(PERMISSIONS_KEY, permissions),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No or invalid token (problem+json, code UNAUTHORIZED)' }),
    ApiForbiddenResponse({ description: `Needs permission ${permissions.join(' or ')} (code FORBIDDEN)` }),
    ApiExtension('x-permissions', permissions),
  );

/** The verified caller. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest().user as Principal;
});
