import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { AuditContext } from '../audit/audit.service';
import { UnauthenticatedError } from '../common/errors/domain-error';
import type { Role } from '../shared/roles';
import type { Principal } from './principal';

export const IS_PUBLIC = 'auth:public';
export const ROLES_KEY = 'auth:roles';
export const ALLOW_PENDING_PASSWORD_CHANGE = 'auth:allowPendingPasswordChange';

/** No sign-in needed (public pages, health, sign-in itself). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles. Without it, any signed-in staff member may call the route. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Reachable while the account still has to change its one-time password. */
export const AllowPendingPasswordChange = () => SetMetadata(ALLOW_PENDING_PASSWORD_CHANGE, true);

export type AuthenticatedRequest = Request & { principal?: Principal };

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => {
    const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    // Only reachable behind AuthGuard, which sets it or refuses the request.
    if (!principal) throw new UnauthenticatedError();
    return principal;
  },
);

export function clientIp(request: Request): string | null {
  return request.ip ?? request.socket.remoteAddress ?? null;
}

/** Who is acting, from where: for the audit log. */
export const Actor = createParamDecorator((_: unknown, ctx: ExecutionContext): AuditContext => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  const principal = request.principal;
  return {
    actor: principal ? { id: principal.accountId, username: principal.username } : null,
    ip: clientIp(request),
  };
});
