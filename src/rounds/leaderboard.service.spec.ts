import { ManualClock } from '../common/clock/clock';
import { DEFAULT_TIE_BREAK_CHAIN } from './domain/ranking';
import { LEADERBOARD_PUSH_INTERVAL_MS, LeaderboardService } from './leaderboard.service';
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
