import { ManualClock } from '../common/clock/clock';
import { LATE_ANSWER_REASON } from './domain/deadline';
import { AttemptsService, FULL_SWEEP_INTERVAL_MS, SWEEP_INTERVAL_MS } from './attempts.service';
import type { ParticipantsService } from './participants.service';
import type { QuestionVersionsRepository } from '../question-banks/question-versions.repository';
import type { LeaderboardService } from './leaderboard.service';
import type { ClaimedAttempt, RoundsRepository } from './rounds.repository';
import type { StandingsRepository } from './standings.repository';

const deadline = new Date('2026-03-03T02:20:00Z');
const startedAt = new Date('2026-03-03T02:00:00Z');

const claimed: ClaimedAttempt = {
  id: 'a1',
  items: [
    { questionId: 'q1', version: 1, cell: 0, optionOrder: [2, 0, 1] },
    { questionId: 'q2', version: 3, cell: 0, optionOrder: [1, 0] },
  ],
  startedAt,
  submittedAt: deadline,
  scoring: { points: { kind: 'equal', points: 1 }, partialCredit: false },
  countedPolicy: 'best',
  tieBreakChain: ['score', 'prediction', 'duration', 'submittedAt'],
};

const content = (type: string, correct: number[], options: string[]) => ({
  type,
  correct,
  options,
  difficulty: 'easy',
  text: 'Câu hỏi',
});

function setup(start = '2026-03-03T02:10:00Z') {
  const clock = new ManualClock(start);
  const repo = {
    findAnswerTarget: jest.fn(),
    saveAnswer: jest.fn().mockResolvedValue(true),
    claimOverdue: jest.fn().mockResolvedValue([]),
    claimSubmission: jest.fn().mockResolvedValue(null),
    findUngraded: jest.fn().mockResolvedValue([]),
    listAnswers: jest.fn().mockResolvedValue([
      { position: 0, chosen: [1] },
      { position: 1, chosen: [1] },
    ]),
  };
  const change = { roundId: 'r1', participantGroup: 'citizen', previousScore: null, score: 1 };
  const standings = { storeGrade: jest.fn().mockResolvedValue(change) };
  const leaderboards = { gradeLanded: jest.fn() };
  const versions = {
    findVersionContents: jest.fn().mockResolvedValue([
      { questionId: 'q1', version: 1, content: content('single', [1], ['A', 'B', 'C']) },
      { questionId: 'q2', version: 3, content: content('true_false', [0], ['Đúng', 'Sai']) },
    ]),
  };
  const participants = { requireParticipant: jest.fn() };
  const service = new AttemptsService(
    repo as unknown as RoundsRepository,
    versions as unknown as QuestionVersionsRepository,
    participants as unknown as ParticipantsService,
    standings as unknown as StandingsRepository,
    leaderboards as unknown as LeaderboardService,
    clock,
  );
  return { clock, repo, service, standings, leaderboards };
}

describe('AttemptsService.saveAnswer', () => {
  const target = {
    status: 'in_progress',
    deadline,
    graceMs: 2000,
    item: { questionId: 'q1', version: 1, cell: 0, optionOrder: [2, 0, 1] },
    type: 'single',
  };

  it('stores the answer in original option indexes and reports the time left', async () => {
    const { repo, service } = setup();
    repo.findAnswerTarget.mockResolvedValue(target);
    const saved = await service.saveAnswer('a1', 'token', 0, [0]);
    expect(repo.saveAnswer).toHaveBeenCalledWith('a1', 0, [2], new Date('2026-03-03T02:10:00Z'));
    expect(saved).toMatchObject({ position: 0, chosen: [0], remainingMs: 10 * 60_000 });
  });

  it('accepts an answer within the grace and rejects one that arrives after deadline + grace', async () => {
    const { clock, repo, service } = setup('2026-03-03T02:20:02Z');
    repo.findAnswerTarget.mockResolvedValue(target);
    await expect(service.saveAnswer('a1', 'token', 0, [1])).resolves.toMatchObject({
      remainingMs: 0,
    });
    clock.advance(1);
    await expect(service.saveAnswer('a1', 'token', 0, [1])).rejects.toMatchObject({
      code: 'ATTEMPT_TIME_UP',
      message: LATE_ANSWER_REASON,
    });
    expect(repo.saveAnswer).toHaveBeenCalledTimes(1);
  });

  it('refuses two choices on a single-answer question and a choice out of range', async () => {
    const { repo, service } = setup();
    repo.findAnswerTarget.mockResolvedValue(target);
    await expect(service.saveAnswer('a1', 'token', 0, [0, 1])).rejects.toMatchObject({
      code: 'INVALID_CHOICE',
    });
    await expect(service.saveAnswer('a1', 'token', 0, [3])).rejects.toMatchObject({
      code: 'INVALID_CHOICE',
    });
    expect(repo.saveAnswer).not.toHaveBeenCalled();
  });

  it('tells the participant the attempt was submitted when the save lost the race to a submit', async () => {
    const { repo, service } = setup();
    repo.findAnswerTarget.mockResolvedValue(target);
    repo.saveAnswer.mockResolvedValue(false);
    await expect(service.saveAnswer('a1', 'token', 0, [0])).rejects.toMatchObject({
      code: 'ATTEMPT_SUBMITTED',
    });
  });
});

describe('AttemptsService sweeper', () => {
  it('grades what it claims with the answers in original indexes', async () => {
    const { repo, service, standings, leaderboards } = setup();
    repo.claimOverdue.mockResolvedValue([claimed]);
    await expect(service.sweepOverdue()).resolves.toBe(1);
    // q1: chose original 1 = correct; q2: chose original 1 (Sai) but Đúng is right.
    expect(standings.storeGrade).toHaveBeenCalledWith(
      'a1',
      { score: 1, maxScore: 2, correctCount: 1, perfect: false, durationMs: 20 * 60_000 },
      'best',
      claimed.tieBreakChain,
    );
    expect(leaderboards.gradeLanded).toHaveBeenCalledWith(
      expect.objectContaining({ roundId: 'r1', score: 1 }),
    );
  });

  it('sweeps at start, then only when nothing it started is due every full-sweep interval, and stops with the module', async () => {
    jest.useFakeTimers();
    try {
      const { clock, repo, service } = setup();
      service.onApplicationBootstrap();
      await jest.advanceTimersByTimeAsync(SWEEP_INTERVAL_MS * 3);
      expect(repo.claimOverdue).toHaveBeenCalledTimes(1);
      expect(repo.claimOverdue).toHaveBeenLastCalledWith(clock.now(), expect.any(Number));
      clock.advance(FULL_SWEEP_INTERVAL_MS);
      await jest.advanceTimersByTimeAsync(SWEEP_INTERVAL_MS);
      expect(repo.claimOverdue).toHaveBeenCalledTimes(2);
      await service.onModuleDestroy();
      clock.advance(FULL_SWEEP_INTERVAL_MS);
      await jest.advanceTimersByTimeAsync(SWEEP_INTERVAL_MS * 3);
      expect(repo.claimOverdue).toHaveBeenCalledTimes(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('never runs two sweeps at once when one is slow', async () => {
    jest.useFakeTimers();
    try {
      const { clock, repo, service } = setup();
      let release: (v: ClaimedAttempt[]) => void = () => undefined;
      repo.claimOverdue.mockReturnValueOnce(new Promise((r) => (release = r)));
      service.onApplicationBootstrap();
      await jest.advanceTimersByTimeAsync(SWEEP_INTERVAL_MS * 3);
      expect(repo.claimOverdue).toHaveBeenCalledTimes(1);
      clock.advance(FULL_SWEEP_INTERVAL_MS);
      await jest.advanceTimersByTimeAsync(SWEEP_INTERVAL_MS);
      expect(repo.claimOverdue).toHaveBeenCalledTimes(1);
      release([]);
      await jest.advanceTimersByTimeAsync(SWEEP_INTERVAL_MS);
      expect(repo.claimOverdue).toHaveBeenCalledTimes(2);
      await service.onModuleDestroy();
    } finally {
      jest.useRealTimers();
    }
  });
});
