import { ManualClock } from '../common/clock/clock';
import { DEFAULT_TIE_BREAK_CHAIN } from './domain/ranking';
import type { RoundEntity } from './entities/round.entity';
import {
  LEADERBOARD_PUSH_INTERVAL_MS,
  LeaderboardService,
  TOP_PAGE_TTL_MS,
} from './leaderboard.service';
import type { StandingsRepository } from './standings.repository';

const row = { score: 7, durationMs: 60_000, submittedAt: new Date('2026-12-01T02:00:00Z') };

function setup() {
  const standings = {
    scoreCounts: jest.fn().mockResolvedValue([
      { group: 'citizen', score: 9, n: 2 },
      { group: 'citizen', score: 7, n: 5 },
      { group: 'civil_servant', score: 10, n: 1 },
      { group: 'civil_servant', score: 3, n: 4 },
    ]),
    countBeforeWithinScore: jest.fn().mockResolvedValue(2),
    liveRankOf: jest.fn().mockResolvedValue(42),
  };
  const service = new LeaderboardService(
    standings as unknown as StandingsRepository,
    new ManualClock('2026-12-01T03:00:00Z'),
  );
  return { standings, service };
}

describe('LeaderboardService ranks from score counts', () => {
  it('ranks after every higher score (from memory) and the rows before it within its score', async () => {
    const { service, standings } = setup();
    await expect(service.liveRank('r', null, DEFAULT_TIE_BREAK_CHAIN, row)).resolves.toBe(
      1 + 3 + 2,
    );
    await expect(service.liveRank('r', 'citizen', DEFAULT_TIE_BREAK_CHAIN, row)).resolves.toBe(
      1 + 2 + 2,
    );
    await expect(service.rankedCount('r', null)).resolves.toBe(12);
    await expect(service.rankedCount('r', 'civil_servant')).resolves.toBe(5);
    expect(standings.scoreCounts).toHaveBeenCalledTimes(1);
  });

  it('counts a landed grade at once: a new standing, then a better attempt replacing it', async () => {
    const { service } = setup();
    await service.rankedCount('r', null);
    service.gradeLanded({
      roundId: 'r',
      participantGroup: 'citizen',
      previousScore: null,
      score: 8,
    });
    await expect(service.rankedCount('r', 'citizen')).resolves.toBe(8);
    await expect(service.liveRank('r', 'citizen', DEFAULT_TIE_BREAK_CHAIN, row)).resolves.toBe(
      1 + 3 + 2,
    );
    service.gradeLanded({ roundId: 'r', participantGroup: 'citizen', previousScore: 8, score: 10 });
    await expect(service.rankedCount('r', 'citizen')).resolves.toBe(8);
    await expect(service.liveRank('r', 'citizen', DEFAULT_TIE_BREAK_CHAIN, row)).resolves.toBe(
      1 + 3 + 2,
    );
    // An attempt that did not beat the counted one changes nothing.
    service.gradeLanded({
      roundId: 'r',
      participantGroup: 'citizen',
      previousScore: 10,
      score: null,
    });
    await expect(service.rankedCount('r', null)).resolves.toBe(13);
  });

  it('counts over the index when the chain does not start with the score', async () => {
    const { service, standings } = setup();
    await expect(service.liveRank('r', null, ['duration', 'score'], row)).resolves.toBe(42);
    expect(standings.countBeforeWithinScore).not.toHaveBeenCalled();
  });
});

describe('LeaderboardService push cadence', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('arms the next tick only once a push is done: a slow push is never followed within a second', async () => {
    jest.useFakeTimers();
    const { service } = setup();
    const pushes: { start: number; end: number }[] = [];
    let slow = true;
    const push = service.pushChanged.bind(service);
    jest.spyOn(service, 'pushChanged').mockImplementation(async () => {
      const start = Date.now();
      await push(); // takes the changed rounds (no server attached: nothing to emit)
      // The first push waits on a slow query, the next ones are quick.
      if (slow) await new Promise((resolve) => setTimeout(resolve, 700));
      slow = false;
      pushes.push({ start, end: Date.now() });
    });
    service.onApplicationBootstrap();
    try {
      service.markChanged('r');
      await jest.advanceTimersByTimeAsync(LEADERBOARD_PUSH_INTERVAL_MS);
      service.markChanged('r');
      await jest.advanceTimersByTimeAsync(LEADERBOARD_PUSH_INTERVAL_MS * 3);
      expect(pushes).toHaveLength(2);
      expect(pushes[1].start - pushes[0].end).toBeGreaterThanOrEqual(LEADERBOARD_PUSH_INTERVAL_MS);
      // Nothing changed since: no further push, but the ticks go on.
      await jest.advanceTimersByTimeAsync(LEADERBOARD_PUSH_INTERVAL_MS * 2);
      expect(pushes).toHaveLength(2);
      service.markChanged('r');
      await jest.advanceTimersByTimeAsync(LEADERBOARD_PUSH_INTERVAL_MS);
      expect(pushes).toHaveLength(3);
    } finally {
      await service.onModuleDestroy();
    }
    service.markChanged('r');
    await jest.advanceTimersByTimeAsync(LEADERBOARD_PUSH_INTERVAL_MS * 2);
    expect(pushes).toHaveLength(3);
  });
});

describe('LeaderboardService shared top pages', () => {
  const round = {
    id: 'r',
    status: 'open',
    trueValue: null,
    tieBreakChain: DEFAULT_TIE_BREAK_CHAIN,
  } as unknown as RoundEntity;
  const standing = (n: number) => ({
    participantId: `p${n}`,
    attemptId: `a${n}`,
    participantGroup: 'citizen',
    score: 10 - n,
    maxScore: 10,
    perfect: false,
    prediction: null,
    durationMs: 60_000,
    startedAt: new Date('2026-12-01T02:00:00Z'),
    submittedAt: new Date('2026-12-01T02:01:00Z'),
    predictionError: null,
    finalRank: null,
    groupRank: null,
    prize: null,
    fullName: `Người ${n}`,
    phone: '0912345678',
    cccd: null,
    unit: null,
    birthYear: 1990,
  });

  function withPages() {
    const { service, standings } = setup();
    const pageLive = jest.fn().mockResolvedValue([standing(1), standing(2)]);
    Object.assign(standings, { pageLive });
    return { service, pageLive };
  }

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('reads the top once for every request within a second, and again after it', async () => {
    const { service, pageLive } = withPages();
    let now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const first = await service.view(round, null, 50, null);
    now += TOP_PAGE_TTL_MS - 1;
    const second = await service.view(round, null, 50, null);
    expect(pageLive).toHaveBeenCalledTimes(1);
    expect(second.rows).toEqual(first.rows);
    expect(first.rows.map((r) => r.rank)).toEqual([1, 2]);
    now += 1;
    await service.view(round, null, 50, null);
    expect(pageLive).toHaveBeenCalledTimes(2);
  });

  it('keeps a top per group and size, and shares one read between requests that miss at once', async () => {
    const { service, pageLive } = withPages();
    await Promise.all([
      service.view(round, null, 50, null),
      service.view(round, null, 50, null),
      service.view(round, 'citizen', 50, null),
      service.view(round, null, 10, null),
    ]);
    expect(pageLive.mock.calls.map((c: unknown[]) => [c[1], c[3]])).toEqual([
      [null, 50],
      ['citizen', 50],
      [null, 10],
    ]);
  });

  it('reads again at once when a grade lands, also one that lands during the read', async () => {
    const { service, pageLive } = withPages();
    await service.view(round, null, 50, null);
    service.markChanged('r');
    await service.view(round, null, 50, null);
    expect(pageLive).toHaveBeenCalledTimes(2);
    // A grade lands while the top is being read: that read is never served again.
    let release: (rows: unknown[]) => void = () => undefined;
    pageLive.mockImplementationOnce(
      () =>
        new Promise((resolve) => {
          release = resolve;
        }),
    );
    service.markChanged('r');
    const during = service.view(round, null, 50, null);
    service.gradeLanded({
      roundId: 'r',
      participantGroup: 'citizen',
      previousScore: null,
      score: 9,
    });
    release([standing(1)]);
    await during;
    await service.view(round, null, 50, null);
    expect(pageLive).toHaveBeenCalledTimes(4);
    // Another round's grade leaves this one's top alone.
    service.markChanged('other');
    await service.view(round, null, 50, null);
    expect(pageLive).toHaveBeenCalledTimes(4);
    service.dropAllTopPages();
    await service.view(round, null, 50, null);
    expect(pageLive).toHaveBeenCalledTimes(5);
  });

  it('does not keep a failed read', async () => {
    const { service, pageLive } = withPages();
    pageLive.mockRejectedValueOnce(new Error('connection lost'));
    await expect(service.view(round, null, 50, null)).rejects.toThrow('connection lost');
    await expect(service.view(round, null, 50, null)).resolves.toMatchObject({ total: 12 });
    expect(pageLive).toHaveBeenCalledTimes(2);
  });
});
