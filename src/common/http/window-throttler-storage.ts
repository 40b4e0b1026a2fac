import { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

/** What a rate-limit storage answers per hit (the package does not export its type). */
export type StorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Counter {
  hits: number;
  /** When the window ends (ms since the epoch). */
  expiresAt: number;
  /** When a block ends; 0 when not blocked. */
  blockedUntil: number;
}

/** How often windows that have ended are dropped, in ms. */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * In-process rate-limit counters: one fixed window per key, so a request costs one map lookup
 * whatever the limit. (`@nestjs/throttler`'s own storage keeps a timestamp per hit and filters
 * the whole list on every request: a busy address at 3,000 requests per minute copied a
 * 3,000-entry array per request.) The rules are those of the Redis storage used when several
 * instances share counters (`SharedThrottlerStorage`), so one instance and many behave alike:
 * the window opens at the first hit and lasts `ttl`; the hit that goes over `limit` blocks the
 * key for `blockDuration`; the first hit after the block opens a new window.
 */
export class WindowThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly counters = new Map<string, Counter>();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /** Keys with a live window or block (for tests and metrics). */
  get size(): number {
    return this.counters.size;
  }

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<StorageRecord> {
    return Promise.resolve(this.hit(`${key}:${throttlerName}`, ttl, limit, blockDuration));
  }

  private hit(key: string, ttl: number, limit: number, blockDuration: number): StorageRecord {
    this.startSweeping();
    const now = this.now();
    let counter = this.counters.get(key);
    if (!counter || (counter.expiresAt <= now && counter.blockedUntil <= now)) {
      counter = { hits: 0, expiresAt: now + ttl, blockedUntil: 0 };
      this.counters.set(key, counter);
    } else if (counter.blockedUntil !== 0 && counter.blockedUntil <= now) {
      // The block is over: this hit opens a new window.
      counter.hits = 0;
      counter.expiresAt = now + ttl;
      counter.blockedUntil = 0;
    } else if (counter.expiresAt <= now) {
      counter.hits = 0;
      counter.expiresAt = now + ttl;
    }
    counter.hits += 1;
    if (counter.blockedUntil === 0 && counter.hits > limit) {
      counter.blockedUntil = now + blockDuration;
    }
    const blocked = counter.blockedUntil > now;
    return {
      totalHits: counter.hits,
      timeToExpire: Math.ceil((counter.expiresAt - now) / 1000),
      isBlocked: blocked,
      timeToBlockExpire: blocked ? Math.ceil((counter.blockedUntil - now) / 1000) : 0,
    };
  }

  /** Drops the counters whose window and block have both ended. */
  sweep(): void {
    const now = this.now();
    for (const [key, counter] of this.counters) {
      if (counter.expiresAt <= now && counter.blockedUntil <= now) this.counters.delete(key);
    }
  }

  private startSweeping(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => {
      this.sweep();
    }, SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  onApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    this.counters.clear();
  }
}
