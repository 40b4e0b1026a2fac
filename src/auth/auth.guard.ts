import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthenticatedError } from '../common/errors/domain-error';
import type { Role } from '../shared/roles';
import {
  ALLOW_PENDING_PASSWORD_CHANGE,
  AuthenticatedRequest,
  IS_PUBLIC,
  ROLES_KEY,
} from './auth.decorators';
import { PasswordChangeRequiredError } from './auth.errors';
import { AuthService } from './auth.service';
import { extractSessionToken } from './session-token.extractor';

/**
 * Global guard for HTTP routes: everything needs a staff session unless marked @Public().
 * A session whose account must still change its one-time password reaches only the routes
 * marked @AllowPendingPasswordChange(). @Roles() narrows further.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = extractSessionToken(request.headers);
    const principal = token ? await this.auth.authenticate(token) : null;
    if (!principal) throw new UnauthenticatedError();
    request.principal = principal;

    if (
      principal.mustChangePassword &&
      !this.reflector.getAllAndOverride<boolean>(ALLOW_PENDING_PASSWORD_CHANGE, targets)
    ) {
      throw new PasswordChangeRequiredError();
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) throw new ForbiddenError();
    return true;
  }
}
