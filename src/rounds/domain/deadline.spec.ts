import { ManualClock } from '../../common/clock/clock';
import {
  ROUND_ACTIONS,
  ROUND_STATUSES,
  RoundAction,
  RoundStatus,
  RoundTimes,
  acceptsAnswer,
  attemptDeadline,
  canChangeRules,
  isRoundOpen,
  nextRoundStatus,
  remainingMs,
} from './deadline';

const at = (iso: string) => new Date(iso);
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

const opensAt = at('2026-03-02T01:00:00Z'); // 08:00 Asia/Ho_Chi_Minh
const closesAt = at('2026-03-08T16:59:59Z'); // 23:59:59 Asia/Ho_Chi_Minh
const round: RoundTimes = { opensAt, closesAt, graceMs: 2000 };

describe('attemptDeadline', () => {
  it('ends the attempt after its time limit', () => {
    const start = at('2026-03-03T02:00:00Z');
    expect(attemptDeadline(start, 20 * 60, closesAt)).toEqual(at('2026-03-03T02:20:00Z'));
  });

  it('ends the attempt when the round closes if that comes first', () => {
    const start = plus(closesAt, -5 * 60_000);
    expect(attemptDeadline(start, 20 * 60, closesAt)).toEqual(closesAt);
  });

  it('gives the same deadline when the limit ends exactly at the close', () => {
    expect(attemptDeadline(plus(closesAt, -900_000), 900, closesAt)).toEqual(closesAt);
  });

  it.each([0, -60, Number.NaN, Number.POSITIVE_INFINITY])('refuses a time limit of %p', (limit) => {
    expect(() => attemptDeadline(opensAt, limit, closesAt)).toThrow(RangeError);
  });
});

describe('acceptsAnswer', () => {
  const deadline = at('2026-03-03T02:20:00Z');

  it('accepts an answer before the deadline', () => {
    expect(acceptsAnswer(deadline, plus(deadline, -1), 2000)).toBe(true);
  });

  it('accepts an answer exactly at the deadline', () => {
    expect(acceptsAnswer(deadline, deadline, 2000)).toBe(true);
  });

  it('accepts an answer that arrives within the grace', () => {
    expect(acceptsAnswer(deadline, plus(deadline, 1999), 2000)).toBe(true);
  });

  it('accepts an answer exactly at deadline + grace', () => {
    expect(acceptsAnswer(deadline, plus(deadline, 2000), 2000)).toBe(true);
  });

  it('rejects an answer that arrives 1 ms after deadline + grace', () => {
    expect(acceptsAnswer(deadline, plus(deadline, 2001), 2000)).toBe(false);
  });

  it('rejects an answer 1 ms after the deadline when there is no grace', () => {
    expect(acceptsAnswer(deadline, deadline, 0)).toBe(true);
    expect(acceptsAnswer(deadline, plus(deadline, 1), 0)).toBe(false);
  });

  it('refuses a negative grace', () => {
    expect(() => acceptsAnswer(deadline, deadline, -1)).toThrow(RangeError);
  });
});

describe('remainingMs', () => {
  const deadline = at('2026-03-03T02:20:00Z');

  it('counts down to the deadline with the server clock', () => {
    const clock = new ManualClock('2026-03-03T02:00:00Z');
    expect(remainingMs(deadline, clock.now())).toBe(20 * 60_000);
    clock.advance(19 * 60_000 + 59_999);
    expect(remainingMs(deadline, clock.now())).toBe(1);
  });

  it('is zero exactly at the deadline', () => {
    expect(remainingMs(deadline, deadline)).toBe(0);
  });

  it('never goes negative after the deadline', () => {
    expect(remainingMs(deadline, plus(deadline, 1))).toBe(0);
    expect(remainingMs(deadline, plus(deadline, 3_600_000))).toBe(0);
  });
});

describe('isRoundOpen', () => {
  const published = { ...round, status: 'published' as RoundStatus };

  it('is closed 1 ms before the opening time', () => {
    expect(isRoundOpen(published, plus(opensAt, -1))).toBe(false);
  });

  it('is open exactly at the opening time', () => {
    expect(isRoundOpen(published, opensAt)).toBe(true);
  });

  it('is open 1 ms before the closing time', () => {
    expect(isRoundOpen(published, plus(closesAt, -1))).toBe(true);
  });

  it('is closed exactly at the closing time', () => {
    expect(isRoundOpen(published, closesAt)).toBe(false);
  });

  it.each<[RoundStatus, boolean]>([
    ['draft', false],
    ['published', true],
    ['open', true],
    ['closed', false],
    ['results_published', false],
  ])('inside the window, a %s round is open: %s', (status, open) => {
    expect(isRoundOpen({ ...round, status }, plus(opensAt, 60_000))).toBe(open);
  });
});

describe('nextRoundStatus', () => {
  const during = plus(opensAt, 60_000);
  const before = plus(opensAt, -60_000);
  const after = plus(closesAt, 60_000);

  /** A moment at which the action's time condition holds, so only the status is tested. */
  const goodTime: Record<RoundAction, Date> = {
    publish: before,
    open: during,
    close: after,
    publish_results: after,
  };
  const allowed: Partial<Record<RoundStatus, [RoundAction, RoundStatus]>> = {
    draft: ['publish', 'published'],
    published: ['open', 'open'],
    open: ['close', 'closed'],
    closed: ['publish_results', 'results_published'],
  };

  const pairs = ROUND_STATUSES.flatMap((s) => ROUND_ACTIONS.map((a) => [s, a] as const));
  it.each(pairs)('from %s, action %s', (status, action) => {
    const result = nextRoundStatus(status, action, goodTime[action], round);
    const allowedHere = allowed[status];
    if (allowedHere && allowedHere[0] === action) {
      expect(result).toEqual({ ok: true, status: allowedHere[1] });
    } else {
      expect(result.ok).toBe(false);
      expect(!result.ok && result.reason).toMatch(/^Không thể .+ khi vòng thi đang ở trạng thái "/);
    }
  });

  it('explains a refused transition in Vietnamese', () => {
    expect(nextRoundStatus('draft', 'close', after, round)).toEqual({
      ok: false,
      reason: 'Không thể đóng vòng thi khi vòng thi đang ở trạng thái "Nháp".',
    });
    expect(nextRoundStatus('results_published', 'publish', before, round)).toEqual({
      ok: false,
      reason: 'Không thể công bố vòng thi khi vòng thi đang ở trạng thái "Đã công bố kết quả".',
    });
  });

  it('refuses to publish a round that closes before it opens', () => {
    expect(
      nextRoundStatus('draft', 'publish', before, { opensAt: closesAt, closesAt: opensAt }),
    ).toEqual({
      ok: false,
      reason: 'Giờ đóng vòng thi phải sau giờ mở.',
    });
    expect(nextRoundStatus('draft', 'publish', before, { opensAt, closesAt: opensAt }).ok).toBe(
      false,
    );
  });

  it('refuses to publish a round whose closing time has passed', () => {
    expect(nextRoundStatus('draft', 'publish', closesAt, round)).toEqual({
      ok: false,
      reason: 'Giờ đóng vòng thi đã qua, hãy đặt lại thời gian.',
    });
    expect(nextRoundStatus('draft', 'publish', plus(closesAt, -1), round).ok).toBe(true);
  });

  it('allows publishing while the round is already in its window', () => {
    expect(nextRoundStatus('draft', 'publish', during, round)).toEqual({
      ok: true,
      status: 'published',
    });
  });

  it('opens exactly at the opening time, not 1 ms before', () => {
    expect(nextRoundStatus('published', 'open', plus(opensAt, -1), round)).toEqual({
      ok: false,
      reason: 'Chưa đến giờ mở vòng thi.',
    });
    expect(nextRoundStatus('published', 'open', opensAt, round)).toEqual({
      ok: true,
      status: 'open',
    });
  });

  it('refuses to open a round once its closing time has come', () => {
    expect(nextRoundStatus('published', 'open', closesAt, round)).toEqual({
      ok: false,
      reason: 'Đã quá giờ đóng vòng thi.',
    });
  });

  it('closes only once the closing time and the grace have passed', () => {
    expect(nextRoundStatus('open', 'close', closesAt, round)).toEqual({
      ok: false,
      reason: 'Chưa đến giờ đóng vòng thi.',
    });
    expect(nextRoundStatus('open', 'close', plus(closesAt, 1999), round).ok).toBe(false);
    expect(nextRoundStatus('open', 'close', plus(closesAt, 2000), round)).toEqual({
      ok: true,
      status: 'closed',
    });
  });

  it('closes exactly at the closing time when there is no grace', () => {
    expect(nextRoundStatus('open', 'close', closesAt, { opensAt, closesAt }).ok).toBe(true);
    expect(nextRoundStatus('open', 'close', plus(closesAt, -1), { opensAt, closesAt }).ok).toBe(
      false,
    );
  });

  it('walks the whole lifecycle with a clock', () => {
    const clock = new ManualClock(before);
    let status: RoundStatus = 'draft';
    const step = (action: RoundAction) => {
      const result = nextRoundStatus(status, action, clock.now(), round);
      if (!result.ok) throw new Error(result.reason);
      status = result.status;
    };
    step('publish');
    clock.set(opensAt);
    step('open');
    clock.set(plus(closesAt, 2000));
    step('close');
    clock.advance(86_400_000);
    step('publish_results');
    expect(status).toBe('results_published');
  });
});

describe('canChangeRules', () => {
  it.each<[RoundStatus, number, boolean]>([
    ['draft', 0, true],
    ['draft', 3, true],
    ['published', 0, true],
    ['published', 1, false],
    ['open', 0, true],
    ['open', 1, false],
    ['closed', 0, false],
    ['results_published', 0, false],
  ])('in %s with %i attempts started: %s', (status, started, ok) => {
    expect(canChangeRules(status, started).ok).toBe(ok);
  });

  it('says why the rules are frozen once someone has started', () => {
    expect(canChangeRules('open', 1)).toEqual({
      ok: false,
      reason:
        'Đã có người bắt đầu làm bài: không thể thay đổi cấu trúc đề, thời gian làm bài hay cách tính điểm.',
    });
    expect(canChangeRules('closed', 0)).toEqual({
      ok: false,
      reason: 'Vòng thi đã đóng: không thể thay đổi thể lệ.',
    });
  });

  it.each([-1, 0.5])('refuses an attempts count of %p', (n) => {
    expect(() => canChangeRules('open', n)).toThrow(RangeError);
  });
});
