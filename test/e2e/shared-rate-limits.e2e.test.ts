import { Redis } from 'ioredis';
import { SharedThrottlerStorage } from '../../src/redis/throttler-storage';
import { hasRedisServer, RedisProcess, startRedisProcess } from '../support/redis-process';

/**
 * Rate-limit counters with REDIS_URL: shared by every instance through Redis, and counted in the
 * process when Redis does not answer (an outage must not refuse or hang requests). A private
 * redis-server, killed and started again by the test.
 */
const describeRedis = hasRedisServer() ? describe : describe.skip;

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describeRedis('shared rate-limit counters', () => {
  let redis: RedisProcess;
  const storages: SharedThrottlerStorage[] = [];

  beforeAll(async () => {
    redis = await startRedisProcess();
  });
  afterAll(async () => {
    storages.forEach((s) => {
      s.onApplicationShutdown();
    });
    await redis.stop();
  });

  const storage = () => {
    const created = new SharedThrottlerStorage(redis.url);
    storages.push(created);
    return created;
  };

  it('counts the hits of two instances together, blocks past the limit, and falls back to the process while Redis is down', async () => {
    const a = storage();
    const b = storage();
    await until(() => a.shared && b.shared);
    const hit = (s: SharedThrottlerStorage) =>
      s.increment('203.0.113.7', 60_000, 3, 60_000, 'default');

    expect((await hit(a)).totalHits).toBe(1);
    expect((await hit(b)).totalHits).toBe(2);
    expect((await hit(a)).totalHits).toBe(3);
    const over = await hit(b);
    expect(over.totalHits).toBe(4);
    expect(over.isBlocked).toBe(true);
    expect(over.timeToBlockExpire).toBeGreaterThan(0);
    const probe = new Redis(redis.url);
    expect(await probe.keys('*203.0.113.7*')).toHaveLength(2); // hits and the block
    probe.disconnect();

    await redis.kill();
    const started = Date.now();
    const local = await hit(a);
    expect(Date.now() - started).toBeLessThan(1_000); // refused at once, not queued
    expect(local.totalHits).toBe(1); // this process's own counter
    expect(local.isBlocked).toBe(false);

    await until(() => !a.shared && !b.shared);

    await redis.start();
    // ioredis reconnects (≤ 2 s between attempts) to the new, empty Redis. A new address, so
    // that a count of 2 can only come from Redis (each process's own counter would say 1).
    await until(() => a.shared && b.shared);
    const other = (s: SharedThrottlerStorage) =>
      s.increment('203.0.113.8', 60_000, 3, 60_000, 'default');
    expect((await other(b)).totalHits).toBe(1);
    expect((await other(a)).totalHits).toBe(2);
  });
});
