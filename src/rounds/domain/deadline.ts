/**
 * Time rules of a round and of an attempt, pure: `now` is always an argument.
 *
 * Windows are half-open: a round is open from `opensAt` (included) to `closesAt` (excluded).
 * An attempt's deadline is min(start + time limit, round close); an answer is accepted up to
 * and including deadline + grace (the grace absorbs network latency, it is not extra time:
 * the countdown shown to the participant ends at the deadline).
 */
import {
  ROUND_ACTIONS,
  ROUND_STATUSES,
  ROUND_STATUS_LABELS,
  type RoundAction,
  type RoundStatus,
} from '../../shared/round-rules';

export { ROUND_ACTIONS, ROUND_STATUSES, ROUND_STATUS_LABELS };
export type { RoundAction, RoundStatus };

const ACTION_LABELS: Record<RoundAction, string> = {
  publish: 'công bố vòng thi',
  open: 'mở vòng thi',
  close: 'đóng vòng thi',
  publish_results: 'công bố kết quả',
};

/** Where each action may be taken from and where it leads. */
const TRANSITIONS: Record<RoundAction, { from: RoundStatus; to: RoundStatus }> = {
  publish: { from: 'draft', to: 'published' },
  open: { from: 'published', to: 'open' },
  close: { from: 'open', to: 'closed' },
  publish_results: { from: 'closed', to: 'results_published' },
};

export interface RoundTimes {
  opensAt: Date;
  closesAt: Date;
  /** Grace for late answers; the round closes only once it has passed. Default 0. */
  graceMs?: number;
}

export type Transition = { ok: true; status: RoundStatus } | { ok: false; reason: string };
export type Permission = { ok: true } | { ok: false; reason: string };

/** min(startedAt + limit, roundClosesAt). */
export function attemptDeadline(
  startedAt: Date,
  timeLimitSeconds: number,
  roundClosesAt: Date,
): Date {
  if (!Number.isFinite(timeLimitSeconds) || timeLimitSeconds <= 0) {
    throw new RangeError(`timeLimitSeconds must be positive, got ${timeLimitSeconds}`);
  }
  return new Date(Math.min(startedAt.getTime() + timeLimitSeconds * 1000, roundClosesAt.getTime()));
}

/** What a participant is told when an answer arrives after deadline + grace. */
export const LATE_ANSWER_REASON = 'Đã hết giờ làm bài: câu trả lời này không được ghi nhận.';

/** Whether an answer received at `receivedAt` still counts: up to deadline + grace inclusive. */
export function acceptsAnswer(deadline: Date, receivedAt: Date, graceMs: number): boolean {
  if (!Number.isFinite(graceMs) || graceMs < 0) {
    throw new RangeError(`graceMs must be >= 0, got ${graceMs}`);
  }
  return receivedAt.getTime() <= deadline.getTime() + graceMs;
}

/** Milliseconds left on the countdown; 0 once the deadline has passed, never negative. */
export function remainingMs(deadline: Date, now: Date): number {
  return Math.max(0, deadline.getTime() - now.getTime());
}

/**
 * Whether participants may start attempts now: the round is published (or opened) and `now`
 * is inside [opensAt, closesAt). The times decide, not a scheduler: a published round whose
 * opening time has come is open even if nobody has run the `open` action yet.
 */
export function isRoundOpen(round: RoundTimes & { status: RoundStatus }, now: Date): boolean {
  const t = now.getTime();
  return (
    (round.status === 'published' || round.status === 'open') &&
    t >= round.opensAt.getTime() &&
    t < round.closesAt.getTime()
  );
}

/**
 * The lifecycle draft → published → open → closed → results_published, one step at a time:
 * - publish: the closing time must be after the opening time and still in the future;
 * - open: from the opening time until the closing time;
 * - close: once closing time + grace has passed (late answers within the grace still count);
 * - publish_results: any time after closing.
 */
export function nextRoundStatus(
  current: RoundStatus,
  action: RoundAction,
  now: Date,
  round: RoundTimes,
): Transition {
  const { from, to } = TRANSITIONS[action];
  if (current !== from) {
    return {
      ok: false,
      reason: `Không thể ${ACTION_LABELS[action]} khi vòng thi đang ở trạng thái "${ROUND_STATUS_LABELS[current]}".`,
    };
  }
  const t = now.getTime();
  const opens = round.opensAt.getTime();
  const closes = round.closesAt.getTime();
  switch (action) {
    case 'publish':
      if (closes <= opens) return refuse('Giờ đóng vòng thi phải sau giờ mở.');
      if (t >= closes) return refuse('Giờ đóng vòng thi đã qua, hãy đặt lại thời gian.');
      break;
    case 'open':
      if (t < opens) return refuse('Chưa đến giờ mở vòng thi.');
      if (t >= closes) return refuse('Đã quá giờ đóng vòng thi.');
      break;
    case 'close':
      if (t < closes + (round.graceMs ?? 0)) return refuse('Chưa đến giờ đóng vòng thi.');
      break;
    case 'publish_results':
      break;
  }
  return { ok: true, status: to };
}

/**
 * Whether the fairness rules (blueprint, time limit, attempts allowed, scoring) may still
 * change: yes in draft, and after publishing only while nobody has started an attempt.
 */
export function canChangeRules(status: RoundStatus, attemptsStarted: number): Permission {
  if (!Number.isSafeInteger(attemptsStarted) || attemptsStarted < 0) {
    throw new RangeError(`attemptsStarted must be a non-negative integer, got ${attemptsStarted}`);
  }
  switch (status) {
    case 'draft':
      return { ok: true };
    case 'published':
    case 'open':
      return attemptsStarted === 0
        ? { ok: true }
        : refuse(
            'Đã có người bắt đầu làm bài: không thể thay đổi cấu trúc đề, thời gian làm bài hay cách tính điểm.',
          );
    case 'closed':
    case 'results_published':
      return refuse('Vòng thi đã đóng: không thể thay đổi thể lệ.');
  }
}

function refuse(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
