import { WindowThrottlerStorage } from './window-throttler-storage';

describe('WindowThrottlerStorage', () => {
  let now: number;
  let storage: WindowThrottlerStorage;
  const hit = (key = 'k', limit = 3, ttl = 60_000, block = 60_000) =>
    storage.increment(key, ttl, limit, block, 'default');

  beforeEach(() => {
    now = 1_000_000;
    storage = new WindowThrottlerStorage(() => now);
  });
  afterEach(() => {
    storage.onApplicationShutdown();
  });

  it('counts hits in a window that opens at the first hit and lets the limit through', async () => {
    expect(await hit()).toEqual({
      totalHits: 1,
      timeToExpire: 60,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
    now += 20_500;
    expect(await hit()).toMatchObject({ totalHits: 2, timeToExpire: 40, isBlocked: false });
    expect(await hit()).toMatchObject({ totalHits: 3, isBlocked: false });
  });

  it('blocks the hit over the limit for the block duration, then opens a new window', async () => {
    for (let i = 0; i < 3; i++) await hit('k', 3, 60_000, 30_000);
    now += 1_000;
    expect(await hit('k', 3, 60_000, 30_000)).toEqual({
      totalHits: 4,
      timeToExpire: 59,
      isBlocked: true,
      timeToBlockExpire: 30,
    });
    now += 29_999;
    expect(await hit('k', 3, 60_000, 30_000)).toMatchObject({ isBlocked: true });
    now += 1;
    expect(await hit('k', 3, 60_000, 30_000)).toEqual({
      totalHits: 1,
      timeToExpire: 60,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
  });

  it('stays blocked when the window ends before the block does', async () => {
    for (let i = 0; i < 4; i++) await hit('k', 3, 10_000, 60_000);
    now += 15_000;
    expect(await hit('k', 3, 10_000, 60_000)).toMatchObject({
      totalHits: 1,
      isBlocked: true,
      timeToBlockExpire: 45,
    });
  });

  it('resets the count when the window ends', async () => {
    for (let i = 0; i < 3; i++) await hit();
    now += 60_000;
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false, timeToExpire: 60 });
  });

  it('keeps keys and throttlers apart', async () => {
    for (let i = 0; i < 4; i++) await hit('a');
    expect(await hit('b')).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(await storage.increment('a', 60_000, 3, 60_000, 'auth')).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });

  it('sweeps the counters whose window and block have ended', async () => {
    await hit('short', 3, 1_000, 1_000);
    for (let i = 0; i < 4; i++) await hit('blocked', 3, 1_000, 120_000);
    await hit('long', 3, 60_000, 60_000);
    expect(storage.size).toBe(3);
    now += 2_000;
    storage.sweep();
    expect(storage.size).toBe(2);
    now += 120_000;
    storage.sweep();
    expect(storage.size).toBe(0);
  });
});
