import fc from 'fast-check';
import {
  DEFAULT_TIE_BREAK_CHAIN,
  PrizeQuota,
  RankableAttempt,
  RankedRow,
  allocatePrizes,
  compareAttempts,
  countedAttempt,
  countedAttempts,
  rankParticipants,
  validateTieBreakChain,
} from './ranking';

const T0 = Date.parse('2026-03-03T01:00:00Z');

/** An attempt started at T0 + startSec and lasting durationSec. */
function attempt(
  participantId: string,
  score: number,
  prediction: number | null,
  durationSec = 600,
  startSec = 0,
  attemptId = `${participantId}#1`,
): RankableAttempt {
  return {
    attemptId,
    participantId,
    score,
    prediction,
    startedAt: new Date(T0 + startSec * 1000),
    submittedAt: new Date(T0 + (startSec + durationSec) * 1000),
  };
}

const final = { trueValue: 100 };
const order = (rows: readonly RankedRow[]) => rows.map((r) => r.attempt.participantId);
const ranks = (rows: readonly RankedRow[]) => rows.map((r) => [r.attempt.participantId, r.rank]);

describe('rankParticipants: the default Vietnamese chain', () => {
  it('ranks a higher score first whatever the other keys say', () => {
    const rows = rankParticipants(
      [attempt('slow', 14, 100, 1700, 500), attempt('fast', 13, 40, 60)],
      final,
    );
    expect(order(rows)).toEqual(['slow', 'fast']);
  });

  it('ranks a closer prediction first when scores are equal', () => {
    const rows = rankParticipants(
      [attempt('far', 15, 150, 60), attempt('near', 15, 90, 900)],
      final,
    );
    expect(order(rows)).toEqual(['near', 'far']);
    expect(rows.map((r) => r.predictionError)).toEqual([10, 50]);
  });

  it('treats predictions above and below the true value by their distance only', () => {
    const rows = rankParticipants(
      [attempt('over', 15, 105, 300), attempt('under', 15, 95, 200)],
      final,
    );
    expect(order(rows)).toEqual(['under', 'over']); // same error: the shorter duration wins
    expect(rows.map((r) => r.rank)).toEqual([1, 2]);
  });

  it('ranks a missing prediction after any given prediction', () => {
    const rows = rankParticipants(
      [attempt('none', 15, null, 30), attempt('wild', 15, 1_000_000, 1500)],
      final,
    );
    expect(order(rows)).toEqual(['wild', 'none']);
    expect(rows[1].predictionError).toBeNull();
  });

  it('lets duration decide between two missing predictions', () => {
    const rows = rankParticipants(
      [attempt('slow', 15, null, 900), attempt('fast', 15, null, 300)],
      final,
    );
    expect(order(rows)).toEqual(['fast', 'slow']);
  });

  it('ranks the shorter duration first when score and prediction error are equal', () => {
    const rows = rankParticipants(
      [attempt('slow', 15, 110, 601), attempt('fast', 15, 90, 600, 3000)],
      final,
    );
    expect(order(rows)).toEqual(['fast', 'slow']);
    expect(rows.map((r) => r.durationMs)).toEqual([600_000, 601_000]);
  });

  it('ranks the earlier submission first when score, error and duration are equal', () => {
    const rows = rankParticipants(
      [attempt('later', 15, 110, 600, 61), attempt('earlier', 15, 90, 600, 60)],
      final,
    );
    expect(order(rows)).toEqual(['earlier', 'later']);
    expect(rows.map((r) => r.rank)).toEqual([1, 2]);
  });

  it('gives the same rank to exact ties on every key and skips the next ranks (1, 2, 2, 4)', () => {
    const rows = rankParticipants(
      [attempt('d', 12, 100), attempt('c', 14, 100), attempt('b', 14, 100), attempt('a', 15, 100)],
      final,
    );
    expect(ranks(rows)).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 4],
    ]);
  });

  it('shares a rank among three tied participants and continues at 5', () => {
    const rows = rankParticipants(
      [
        attempt('a', 15, 1),
        attempt('b', 14, 1),
        attempt('c', 14, 1),
        attempt('d', 14, 1),
        attempt('e', 1, 1),
      ],
      final,
    );
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 2, 2, 5]);
  });

  it('returns no rows for no attempts', () => {
    expect(rankParticipants([], final)).toEqual([]);
  });

  it('refuses two attempts of the same participant', () => {
    expect(() =>
      rankParticipants([attempt('a', 1, 1), attempt('a', 2, 1, 60, 0, 'a#2')], final),
    ).toThrow(/one counted attempt per participant/);
  });

  it('keeps the caller’s own fields on each row', () => {
    const rows = rankParticipants([{ ...attempt('a', 1, 1), name: 'Nguyễn Văn A' }], final);
    expect(rows[0].attempt.name).toBe('Nguyễn Văn A');
  });
});

describe('rankParticipants: before the round closes', () => {
  const attempts = [attempt('far', 15, 500, 200), attempt('near', 15, 100, 300)];

  it('skips the prediction while its true value is unknown and flags the rows provisional', () => {
    const rows = rankParticipants(attempts, { trueValue: null });
    expect(order(rows)).toEqual(['far', 'near']); // duration decides
    expect(rows.every((r) => r.provisional && r.predictionError === null)).toBe(true);
  });

  it('uses the prediction once the true value is known and the ranking is final', () => {
    const rows = rankParticipants(attempts, { trueValue: 100 });
    expect(order(rows)).toEqual(['near', 'far']);
    expect(rows.some((r) => r.provisional)).toBe(false);
  });

  it('lets a missing prediction tie with a given one in a provisional ranking', () => {
    const rows = rankParticipants([attempt('a', 15, null), attempt('b', 15, 3)], {
      trueValue: null,
    });
    expect(rows.map((r) => r.rank)).toEqual([1, 1]);
  });
});

describe('rankParticipants: a configurable chain', () => {
  const attempts = [attempt('quick', 15, 300, 100), attempt('close', 15, 100, 900)];

  it('follows the organizer’s order of keys', () => {
    expect(order(rankParticipants(attempts, final))).toEqual(['close', 'quick']);
    expect(
      order(rankParticipants(attempts, { ...final, chain: ['score', 'duration', 'prediction'] })),
    ).toEqual(['quick', 'close']);
  });

  it('ties everything the chain does not look at', () => {
    const rows = rankParticipants(attempts, { ...final, chain: ['score'] });
    expect(rows.map((r) => r.rank)).toEqual([1, 1]);
    expect(order(rows)).toEqual(['close', 'quick']); // listed by participant id
  });

  it('refuses an empty chain, an unknown key or a repeated key', () => {
    expect(() => rankParticipants(attempts, { ...final, chain: [] })).toThrow(RangeError);
    expect(() => rankParticipants(attempts, { ...final, chain: ['score', 'score'] })).toThrow(
      RangeError,
    );
    expect(validateTieBreakChain([])).toEqual(['Thứ tự xếp hạng phải có ít nhất một tiêu chí.']);
    expect(validateTieBreakChain(['score', 'age', 'score'])).toEqual([
      'Tiêu chí xếp hạng "age" không hợp lệ.',
      'Một tiêu chí xếp hạng bị lặp lại.',
    ]);
    expect(validateTieBreakChain(DEFAULT_TIE_BREAK_CHAIN)).toEqual([]);
  });

  it('compares two attempts the same way the ranking does', () => {
    expect(compareAttempts(attempts[0], attempts[1], final)).toBeGreaterThan(0);
    expect(compareAttempts(attempts[0], attempts[0], final)).toBe(0);
    expect(compareAttempts(attempts[0], attempts[1], { trueValue: null })).toBeLessThan(0);
  });
});

describe('countedAttempt', () => {
  const first = attempt('p', 10, 100, 600, 0, 'p#1');
  const best = attempt('p', 14, 5000, 900, 3600, 'p#2');
  const last = attempt('p', 12, 100, 300, 7200, 'p#3');
  const mine = [last, first, best];

  it('picks the first started attempt', () => {
    expect(countedAttempt(mine, 'first')).toBe(first);
  });

  it('picks the last started attempt', () => {
    expect(countedAttempt(mine, 'last')).toBe(last);
  });

  it('picks the best attempt by score', () => {
    expect(countedAttempt(mine, 'best')).toBe(best);
  });

  it('picks the best attempt without looking at the prediction', () => {
    const wildButFast = attempt('p', 14, 9999, 300, 0, 'p#1');
    const closeButSlow = attempt('p', 14, 100, 900, 3600, 'p#2');
    expect(countedAttempt([closeButSlow, wildButFast], 'best')).toBe(wildButFast);
  });

  it('picks the earlier of two equally good attempts', () => {
    const a = attempt('p', 14, 1, 300, 0, 'p#1');
    const b = attempt('p', 14, 1, 300, 3600, 'p#2');
    expect(countedAttempt([b, a], 'best')).toBe(a);
  });

  it('follows a custom chain to pick the best', () => {
    const quick = attempt('p', 10, 1, 60, 0, 'p#1');
    const high = attempt('p', 14, 1, 900, 3600, 'p#2');
    expect(countedAttempt([quick, high], 'best', ['duration', 'score'])).toBe(quick);
  });

  it('has nothing to count without attempts', () => {
    expect(countedAttempt([], 'best')).toBeNull();
  });

  it('keeps one attempt per participant', () => {
    const other = attempt('q', 3, 1);
    expect(countedAttempts([first, other, best, last], 'best')).toEqual([best, other]);
    expect(countedAttempts([first, other, best, last], 'last')).toEqual([last, other]);
  });
});

describe('allocatePrizes', () => {
  const quota: PrizeQuota = { first: 1, second: 2, third: 3, consolation: 4 };
  const ranked = (scores: number[]) =>
    rankParticipants(
      scores.map((s, i) => attempt(`p${String(i).padStart(2, '0')}`, s, 100)),
      final,
    );
  const prizes = (scores: number[], q: PrizeQuota = quota) =>
    allocatePrizes(ranked(scores), q).map((a) => [a.row.attempt.participantId, a.prize]);

  it('gives the prizes in rank order, one per person, until the quotas are used', () => {
    const scores = [20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9];
    const awards = allocatePrizes(ranked(scores), quota);
    expect(awards.map((a) => a.prize)).toEqual([
      'first',
      'second',
      'second',
      'third',
      'third',
      'third',
      'consolation',
      'consolation',
      'consolation',
      'consolation',
    ]);
    expect(new Set(awards.map((a) => a.row.attempt.participantId)).size).toBe(10);
  });

  it('gives a tie across the first/second boundary the first prize and shrinks the second', () => {
    expect(prizes([20, 20, 18, 17], { first: 1, second: 2, third: 1, consolation: 0 })).toEqual([
      ['p00', 'first'],
      ['p01', 'first'],
      ['p02', 'second'],
      ['p03', 'third'],
    ]);
  });

  it('lets a tie swallow a whole tier: the tier after it starts later', () => {
    // Four tied for second: all get second, which uses up the third prizes' places too.
    expect(
      prizes([20, 19, 19, 19, 19, 15, 14], { first: 1, second: 2, third: 2, consolation: 2 }),
    ).toEqual([
      ['p00', 'first'],
      ['p01', 'second'],
      ['p02', 'second'],
      ['p03', 'second'],
      ['p04', 'second'],
      ['p05', 'consolation'],
      ['p06', 'consolation'],
    ]);
  });

  it('awards a tie at the last boundary to everyone tied, beyond the quota', () => {
    expect(
      prizes([20, 19, 18, 18, 18, 10], { first: 1, second: 1, third: 0, consolation: 2 }),
    ).toEqual([
      ['p00', 'first'],
      ['p01', 'second'],
      ['p02', 'consolation'],
      ['p03', 'consolation'],
      ['p04', 'consolation'],
    ]);
  });

  it('skips a tier with no prizes', () => {
    expect(prizes([3, 2, 1], { first: 1, second: 0, third: 1, consolation: 0 })).toEqual([
      ['p00', 'first'],
      ['p01', 'third'],
    ]);
  });

  it('gives nothing when there are no prizes or nobody ranked', () => {
    expect(prizes([3, 2], { first: 0, second: 0, third: 0, consolation: 0 })).toEqual([]);
    expect(prizes([], quota)).toEqual([]);
  });

  it('accepts the rows in any order', () => {
    const rows = ranked([5, 9, 7]).reverse();
    expect(allocatePrizes(rows, quota).map((a) => a.row.rank)).toEqual([1, 2, 3]);
  });

  it('refuses a provisional ranking', () => {
    const rows = rankParticipants([attempt('a', 1, 1)], { trueValue: null });
    expect(() => allocatePrizes(rows, quota)).toThrow(/final ranking/);
  });

  it('refuses a negative or fractional quota', () => {
    expect(() => allocatePrizes(ranked([1]), { ...quota, third: -1 })).toThrow(RangeError);
    expect(() => allocatePrizes(ranked([1]), { ...quota, first: 1.5 })).toThrow(RangeError);
  });
});

describe('ranking properties', () => {
  const attemptsArb = fc
    .uniqueArray(
      fc.record({
        participantId: fc.string({ minLength: 1, maxLength: 4 }),
        score: fc.integer({ min: 0, max: 3 }),
        prediction: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
        start: fc.integer({ min: 0, max: 3 }),
        duration: fc.integer({ min: 1, max: 3 }),
      }),
      { selector: (a) => a.participantId, maxLength: 25 },
    )
    .map((rows) =>
      rows.map((r) => attempt(r.participantId, r.score, r.prediction, r.duration, r.start)),
    );

  it('gives each row 1 + the number of rows strictly ahead of it, whatever the input order', () => {
    fc.assert(
      fc.property(
        attemptsArb,
        fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
        (attempts, trueValue) => {
          const options = { trueValue };
          const rows = rankParticipants(attempts, options);
          for (const row of rows) {
            const ahead = attempts.filter(
              (a) => compareAttempts(a, row.attempt, options) < 0,
            ).length;
            expect(row.rank).toBe(ahead + 1);
          }
          const again = rankParticipants([...attempts].reverse(), options);
          expect(again.map((r) => [r.attempt.participantId, r.rank])).toEqual(
            rows.map((r) => [r.attempt.participantId, r.rank]),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
