import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { ThrottlerStorage } from '@nestjs/throttler';
import {
  type StorageRecord,
  WindowThrottlerStorage,
} from '../common/http/window-throttler-storage';
import type { Redis } from 'ioredis';
import { createRedisClient } from './redis';

/**
 * Rate-limit counters shared by every instance through Redis. If Redis cannot answer (an outage,
 * or the first milliseconds before the connection is up), the counter of this process is used
 * for that request instead (fail open, per instance): an outage of Redis must not turn into
 * refused or hanging requests during a contest.
 */
export class SharedThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger(SharedThrottlerStorage.name);
  private readonly client: Redis;
  private readonly redis: ThrottlerStorageRedisService;
  private readonly local = new WindowThrottlerStorage();
  private failing = false;

  constructor(url: string) {
    this.client = createRedisClient(url, 'rate-limit', { queueWhileDown: false });
    this.redis = new ThrottlerStorageRedisService(this.client);
  }

  /** Whether the counters are in Redis right now (false before the first connection, in an outage). */
  get shared(): boolean {
    return this.client.status === 'ready';
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<StorageRecord> {
    try {
      const record = await this.redis.increment(key, ttl, limit, blockDuration, throttlerName);
      this.failing = false;
      return record;
    } catch (error) {
      if (!this.failing)
        this.logger.warn({ err: error }, 'Rate-limit counters fall back to this process');
      this.failing = true;
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  onApplicationShutdown(): void {
    this.local.onApplicationShutdown();
    this.client.disconnect();
  }
}
