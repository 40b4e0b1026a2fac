/** Vietnam has no daylight saving time: a day there starts at 17:00 UTC the day before. */
const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** The day (YYYY-MM-DD) in Asia/Ho_Chi_Minh that contains `at`. */
export function vietnamDay(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * [start of `from`, start of the day after `to`) in UTC, for days given in Vietnam time; default the
 * last 30 days. Null for a reversed, impossible or too long range.
 */
/** The longest range the statistics accept. */
export const MAX_RANGE_DAYS = 366;

export function vietnamDayRange(
  from: string | undefined,
  to: string | undefined,
  now: Date,
): { from: Date; to: Date } | null {
  const toDay = to ?? vietnamDay(now);
  const end = Date.parse(`${toDay}T00:00:00Z`) - OFFSET_MS + DAY_MS;
  const start = from ? Date.parse(`${from}T00:00:00Z`) - OFFSET_MS : end - 30 * DAY_MS;
  if (
    Number.isNaN(start) ||
    Number.isNaN(end) ||
    start >= end ||
    end - start > MAX_RANGE_DAYS * DAY_MS
  )
    return null;
  return { from: new Date(start), to: new Date(end) };
}
