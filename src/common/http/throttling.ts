import { ExecutionContext, SetMetadata } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { ThrottlerOptions } from '@nestjs/throttler';
import type { AppConfig } from '../../config/app-config';

const AUTH_RATE_LIMITED = 'throttle:auth';
const PARTICIPANT_RATE_LIMITED = 'throttle:participant';

/** Routes that check a password: they also count against the strict `auth` limit. */
export const AuthRateLimited = () => SetMetadata(AUTH_RATE_LIMITED, true);

/**
 * A participant's writes (start, answer, submit): also limited per participant token, so one
 * person's script cannot flood the round while a whole office behind one address stays within
 * the per-address limit.
 */
export const ParticipantRateLimited = () => SetMetadata(PARTICIPANT_RATE_LIMITED, true);

/** Per participant, route and minute: a 40-question round with changed answers fits easily. */
export const PARTICIPANT_WRITES_PER_MINUTE = 240;

const isAuthRoute = (context: ExecutionContext): boolean =>
  Reflect.getMetadata(AUTH_RATE_LIMITED, context.getHandler()) === true;

const isParticipantWrite = (context: ExecutionContext): boolean =>
  Reflect.getMetadata(PARTICIPANT_RATE_LIMITED, context.getHandler()) === true;

/** The participant token (hashed: the counters never hold a usable token), else the address. */
function participantTracker(req: Record<string, unknown>): string {
  const headers = req.headers as Record<string, string | string[] | undefined> | undefined;
  const token = headers?.['x-participant-token'];
  if (typeof token === 'string' && token !== '')
    return createHash('sha256').update(token).digest('hex');
  return typeof req.ip === 'string' ? req.ip : 'unknown';
}

/**
 * Per-address limits (in-process counters: per instance, see docs/architecture.md): `default`
 * for the whole API, `auth` for password checks only; and `participant`, per participant token,
 * for a participant's writes.
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
    {
      name: 'participant',
      ttl: 60_000,
      limit: PARTICIPANT_WRITES_PER_MINUTE,
      skipIf: (context) => !isParticipantWrite(context),
      getTracker: participantTracker,
    },
  ];
}
