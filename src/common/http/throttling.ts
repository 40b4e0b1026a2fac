import { ExecutionContext, SetMetadata } from '@nestjs/common';
import type { ThrottlerOptions } from '@nestjs/throttler';
import type { AppConfig } from '../../config/app-config';

const AUTH_RATE_LIMITED = 'throttle:auth';

/** Routes that check a password: they also count against the strict `auth` limit. */
export const AuthRateLimited = () => SetMetadata(AUTH_RATE_LIMITED, true);

const isAuthRoute = (context: ExecutionContext): boolean =>
  Reflect.getMetadata(AUTH_RATE_LIMITED, context.getHandler()) === true;

/**
 * Two per-address limits (in-process counters: per instance, see docs/architecture.md):
 * `default` for the whole API, `auth` for password checks only.
 */
export function throttlers(config: AppConfig): ThrottlerOptions[] {
  return [
    { name: 'default', ttl: 60_000, limit: config.http.rateLimitPerMinute },
    {
      name: 'auth',
      ttl: 60_000,
      limit: config.auth.loginRateLimit,
      skipIf: (context) => !isAuthRoute(context),
    },
  ];
}
