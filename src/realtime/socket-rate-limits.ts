import { Inject, Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import { hashSessionToken } from '../auth/passwords';
import { PARTICIPANT_WRITES_PER_MINUTE } from '../common/http/throttling';
import { DomainError } from '../common/errors/domain-error';
import { HTTP_STATUS_MESSAGES } from '../common/errors/error-body';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { socketClientAddress } from './socket-address';

const WINDOW_MS = 60_000;

/** A socket message over its rate limit: the same code and message as HTTP's 429. */
export class SocketRateLimitedError extends DomainError {
  constructor() {
    const { code, message } = HTTP_STATUS_MESSAGES[429];
    super('too_many_requests', code, message);
  }
}

/**
 * Rate limits of socket messages that write, in the storage of the HTTP limits (in-process, or
 * Redis with REDIS_URL, so several instances share them) and with the same budgets: per address
 * (API_RATE_LIMIT per minute, per event) and per participant token (PARTICIPANT_WRITES_PER_MINUTE
 * per event). The counters are the socket's own: an event does not use up its HTTP route's.
 */
@Injectable()
export class SocketRateLimits {
  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Counts one `event` from the connection `handshake` with `token`; throws
   * SocketRateLimitedError when over.
   */
  async participantWrite(
    event: string,
    handshake: Parameters<typeof socketClientAddress>[0],
    token: string,
  ): Promise<void> {
    const address = socketClientAddress(handshake, this.config.http.trustProxy);
    // The counters never hold a usable token.
    const participant = hashSessionToken(token).toString('base64url');
    const [byAddress, byParticipant] = await Promise.all([
      this.storage.increment(
        `socket:${event}:${address}`,
        WINDOW_MS,
        this.config.http.rateLimitPerMinute,
        WINDOW_MS,
        'default',
      ),
      this.storage.increment(
        `socket:${event}:${participant}`,
        WINDOW_MS,
        PARTICIPANT_WRITES_PER_MINUTE,
        WINDOW_MS,
        'participant',
      ),
    ]);
    if (byAddress.isBlocked || byParticipant.isBlocked) throw new SocketRateLimitedError();
  }
}
