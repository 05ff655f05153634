import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { hasPermission, Permission } from '@stockbridge/shared';
import { AppError } from '../errors';
import { IS_PUBLIC, PERMISSIONS_KEY } from './decorators';
import type { Principal } from './principal';

/**
 * Global guard: every route needs a valid JWT unless marked @Public(); routes with
 * @RequirePermission need one of the permissions, checked against the shared map.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    await super.canActivate(context);
    const needed = this.reflector.getAllAndOverride<Permission[] | undefined>(PERMISSIONS_KEY, targets);
    if (needed?.length) {
      const user = context.switchToHttp().getRequest().user as Principal;
      if (!needed.some((p) => hasPermission(user.roles, p))) {
        throw new AppError('FORBIDDEN', `This needs one of: ${needed.join(', ')}`);
      }
    }
    return true;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err || !user) throw new AppError('UNAUTHORIZED', 'A valid bearer token is required');
    return user;
  }
}
