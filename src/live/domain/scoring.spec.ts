import { judgeChoices, responseTime, speedPoints, streakBonusFor } from './scoring';

describe('judgeChoices', () => {
  it.each<[string, number[], number[], boolean]>([
    ['single: the correct index', [2], [2], true],
    ['single: another index', [2], [1], false],
    ['single: the correct index plus another', [2], [2, 1], false],
    ['single: nothing', [2], [], false],
    ['true_false: the correct side', [0], [0], true],
    ['multiple: the exact set, any order', [0, 2], [2, 0], true],
    ['multiple: a subset', [0, 2], [0], false],
    ['multiple: a superset', [0, 2], [0, 1, 2], false],
    ['multiple: the same size, another set', [0, 2], [0, 1], false],
    ['multiple: duplicates do not make a set', [0, 2], [0, 0], false],
  ])('judges %s', (_label, correct, choices, expected) => {
    expect(judgeChoices({ correct }, choices)).toBe(expected);
  });
});

describe('speedPoints', () => {
  it('gives the full points for an instant answer', () => {
    expect(speedPoints(1000, 0, 20_000, true)).toBe(1000);
  });

  it('gives half the points at the deadline', () => {
    expect(speedPoints(1000, 20_000, 20_000, true)).toBe(500);
  });

  it('follows round(P × (1 − (t/T)/2)) in between', () => {
    expect(speedPoints(1000, 5_000, 20_000, true)).toBe(875);
    expect(speedPoints(1000, 1_234, 20_000, true)).toBe(Math.round(1000 * (1 - 1234 / 20000 / 2)));
    expect(speedPoints(100, 3_333, 10_000, true)).toBe(83);
  });

  it('clamps the response time into [0, T]', () => {
    expect(speedPoints(1000, 25_000, 20_000, true)).toBe(500);
    expect(speedPoints(1000, -10, 20_000, true)).toBe(1000);
  });

  it('gives P whatever the time when the speed bonus is off', () => {
    expect(speedPoints(1000, 19_999, 20_000, false)).toBe(1000);
  });

  it('treats a window of 0 ms as an instant answer', () => {
    expect(speedPoints(1000, 5, 0, true)).toBe(1000);
  });
});

describe('streakBonusFor', () => {
  const settings = { streakBonus: 100, streakBonusCap: 250 };

  it('gives nothing for the first correct answer of a streak', () => {
    expect(streakBonusFor(1, settings)).toBe(0);
  });

  it('gives the bonus times (streak − 1), capped', () => {
    expect([2, 3, 4, 5].map((n) => streakBonusFor(n, settings))).toEqual([100, 200, 250, 250]);
  });

  it('is disabled by a bonus of 0', () => {
    expect(streakBonusFor(9, { streakBonus: 0, streakBonusCap: 250 })).toBe(0);
  });
});

describe('responseTime', () => {
  it('is the window minus the time left', () => {
    expect(responseTime(1_000, 5_000, 10_000)).toBe(6_000);
  });

  it('is the whole window for an answer at or after the deadline', () => {
    expect(responseTime(5_000, 5_000, 10_000)).toBe(10_000);
    expect(responseTime(5_400, 5_000, 10_000)).toBe(10_000);
  });

  it('is never negative', () => {
    expect(responseTime(0, 50_000, 10_000)).toBe(0);
  });
});
