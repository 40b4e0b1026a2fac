import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';

const logger = new Logger('Redis');

/** Reconnect quickly after a short outage, then every 2 s: never give up. */
export function redisRetryDelay(times: number): number {
  return Math.min(100 * times, 2_000);
}

/**
 * A Redis client for one purpose, named in logs. `queueWhileDown`: commands wait for the
 * connection to come back (the socket.io adapter needs this: a broadcast made during a short
 * outage is sent once Redis is back) instead of failing at once (what a rate-limit counter wants,
 * so an outage never blocks a request).
 */
export function createRedisClient(
  url: string,
  purpose: string,
  options: { queueWhileDown: boolean },
): Redis {
  const client = new Redis(url, {
    connectionName: `cchc-${purpose}`,
    maxRetriesPerRequest: options.queueWhileDown ? null : 0,
    enableOfflineQueue: options.queueWhileDown,
    retryStrategy: redisRetryDelay,
  });
  let down = false;
  client.on('error', (error: Error) => {
    // ioredis reports every failed reconnect: log the first of an outage only.
    if (down) return;
    down = true;
    logger.warn({ err: error, purpose }, 'Redis connection lost; reconnecting');
  });
  client.on('ready', () => {
    if (down) logger.log({ purpose }, 'Redis connection restored');
    down = false;
  });
  return client;
}
