/**
 * Join attempts per client address: a token bucket, in memory, PER PROCESS (with several
 * instances behind a balancer each keeps its own buckets). Generous on purpose: a ward hall's
 * phones often share one public address behind the same Wi-Fi. LIVE_JOIN_RATE_LIMIT sets the
 * refill per second (default 5) and the capacity (12 seconds' worth: 60).
 */
export class JoinRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity = 60,
    private readonly refillPerSecond = 5,
  ) {}

  /** Takes one token for `key` at `now` (ms); false when the bucket is empty. */
  take(key: string, now: number): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    const refilled = Math.min(
      this.capacity,
      bucket.tokens + ((now - bucket.at) / 1000) * this.refillPerSecond,
    );
    const ok = refilled >= 1;
    this.buckets.set(key, { tokens: ok ? refilled - 1 : refilled, at: now });
    if (this.buckets.size > 10_000) this.sweep(now);
    return ok;
  }

  /** Forgets the buckets that are full again. */
  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.refillPerSecond >= this.capacity)
        this.buckets.delete(key);
    }
  }
}
