// The server's clock as seen from this device. Countdowns use it, never the phone's clock alone:
// phones are often minutes off. Each reply carrying the server's time is a sample; the sample
// with the shortest round trip among the recent ones gives the offset.

interface Sample {
  /** serverNow − local time at the middle of the round trip. */
  offset: number;
  rtt: number;
}

/** Recent samples only: a device whose clock was changed forgets the old offset quickly. */
const KEEP = 5;
let samples: Sample[] = [];
let offset = 0;

/**
 * Records the server time `serverNow` (ISO string or epoch ms) of a reply to a request sent at
 * `sentAt` and received at `receivedAt` (both local `Date.now()`).
 */
export function noteServerTime(
  serverNow: string | number,
  sentAt: number,
  receivedAt: number = Date.now(),
): void {
  const server = typeof serverNow === 'number' ? serverNow : Date.parse(serverNow);
  if (!Number.isFinite(server) || receivedAt < sentAt) return;
  const rtt = receivedAt - sentAt;
  samples = [...samples, { offset: server - (sentAt + rtt / 2), rtt }].slice(-KEEP);
  const best = samples.reduce((a, b) => (b.rtt < a.rtt ? b : a));
  offset = best.offset;
}

/** The server's time now, in epoch milliseconds, as well as this device can tell. */
export function serverNow(): number {
  return Date.now() + offset;
}

/** Milliseconds until `deadline` (ISO) by the server's clock; never negative. */
export function msUntil(deadline: string): number {
  return Math.max(0, Date.parse(deadline) - serverNow());
}

/** "05:07" for 307 000 ms; "1:02:03" past an hour. Rounds up, so 0.4 s left still shows 00:01. */
export function formatCountdown(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mm = String(minutes).padStart(2, '0');
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}
