import { hashSessionToken } from '../auth/passwords';
import { ManualClock } from '../common/clock/clock';
import { acceptsAnswer, LATE_ANSWER_REASON } from './domain/deadline';
import { AttemptsService, FULL_SWEEP_INTERVAL_MS, SWEEP_INTERVAL_MS } from './attempts.service';
import type { ParticipantsService } from './participants.service';
import {
  VersionContents,
  type QuestionVersionsRepository,
} from '../question-banks/question-versions.repository';
import type { QuestionDraft } from '../question-banks/domain/question';
import type { LeaderboardService } from './leaderboard.service';
import { ParticipantUnauthenticatedError } from './rounds.errors';
import type { AttemptItem } from './entities/attempt.entity';
import type {
  AttemptRow,
  ClaimedAttempt,
  ClaimedSubmission,
  RoundsRepository,
} from './rounds.repository';
import type { LandedGrade, StandingsRepository } from './standings.repository';

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

const contents = new VersionContents();
contents.set('q1', 1, content('single', [1], ['A', 'B', 'C']) as QuestionDraft);
contents.set('q2', 3, content('true_false', [0], ['Đúng', 'Sai']) as QuestionDraft);

function setup(start = '2026-03-03T02:10:00Z') {
  const clock = new ManualClock(start);
  const answers = [
    { position: 0, chosen: [1] },
    { position: 1, chosen: [1] },
  ];
  /** One row of `saveParticipantAnswers` (the service sends batches of saves). */
  const saveParticipantAnswer = jest.fn().mockResolvedValue(null);
  /** One row of `claimParticipantSubmissions` (the service sends batches of submits). */
  const claimParticipantSubmission = jest.fn().mockResolvedValue(null);
  const repo = {
    saveParticipantAnswer,
    saveParticipantAnswers: (values: unknown[]) =>
      Promise.all(values.map((v) => saveParticipantAnswer(v) as Promise<unknown>)),
    findAnswerTarget: jest.fn().mockResolvedValue(null),
    claimParticipantSubmission,
    claimParticipantSubmissions: jest.fn(
      (
        values: {
          attemptId: string;
          tokenHash: Buffer;
          now: Date;
          prediction: number | null;
          predictionKinds: string[] | null;
        }[],
      ) =>
        Promise.all(
          values.map(
            (v) =>
              claimParticipantSubmission(
                v.attemptId,
                v.tokenHash,
                v.now,
                v.prediction,
                v.predictionKinds,
              ) as Promise<unknown>,
          ),
        ),
    ),
    findParticipantAttempt: jest.fn().mockResolvedValue(null),
    claimOverdue: jest.fn().mockResolvedValue([]),
    claimSubmission: jest.fn().mockResolvedValue(null),
    findUngraded: jest.fn().mockResolvedValue([]),
    listAnswers: jest.fn().mockResolvedValue(answers),
    listAnswersOf: jest
      .fn()
      .mockImplementation((ids: string[]) =>
        Promise.resolve(new Map(ids.map((id) => [id, answers]))),
      ),
  };
  const change = { roundId: 'r1', participantGroup: 'citizen', previousScore: null, score: 1 };
  /** One grade of `storeGrades` (the service stores a batch's grades together). */
  const storeGrade = jest.fn().mockResolvedValue(change);
  const standings = {
    storeGrade,
    storeGrades: jest.fn((grades: { attemptId: string; grade: unknown }[], ...rest: unknown[]) =>
      Promise.all(grades.map((g) => storeGrade(g.attemptId, g.grade, ...rest) as Promise<unknown>)),
    ),
    findStanding: jest.fn().mockResolvedValue(null),
  };
  const leaderboards = {
    gradeLanded: jest.fn(),
    rankedCount: jest.fn().mockResolvedValue(12),
    liveRank: jest.fn().mockResolvedValue(4),
  };
  const versions = {
    findContents: jest.fn().mockResolvedValue(contents),
  };
  const participants = {
    requireParticipant: jest.fn().mockRejectedValue(new ParticipantUnauthenticatedError()),
  };
  const service = new AttemptsService(
    repo as unknown as RoundsRepository,
    versions as unknown as QuestionVersionsRepository,
    participants as unknown as ParticipantsService,
    standings as unknown as StandingsRepository,
    leaderboards as unknown as LeaderboardService,
    clock,
  );
  return { clock, repo, service, standings, leaderboards, versions, participants };
}

/** What `findAnswerTarget` reads about an attempt (the autosave's refusal diagnostics). */
interface AnswerTarget {
  status: string;
  deadline: Date;
  graceMs: number;
  item: AttemptItem | null;
  type: string | null;
}

/**
 * One attempt behind both autosave queries, as the database would answer them: the save writes
 * only when every check passes (the conditions of `saveParticipantAnswers`' statement), the
 * diagnostic reads the same state. `writes` records what was written.
 */
function attemptStore(repo: ReturnType<typeof setup>['repo'], target: AnswerTarget) {
  const writes: { position: number; chosen: readonly number[]; now: Date }[] = [];
  repo.saveParticipantAnswer.mockImplementation(
    (v: { position: number; chosen: readonly number[]; now: Date }) => {
      const item = target.item;
      const ok =
        target.status === 'in_progress' &&
        acceptsAnswer(target.deadline, v.now, target.graceMs) &&
        item !== null &&
        target.type !== null &&
        (target.type === 'multiple' || v.chosen.length <= 1) &&
        v.chosen.every((c) => c < item.optionOrder.length);
      if (!ok) return Promise.resolve(null);
      writes.push({ position: v.position, chosen: v.chosen, now: v.now });
      return Promise.resolve({ deadline: target.deadline });
    },
  );
  repo.findAnswerTarget.mockImplementation(() => Promise.resolve(target));
  return writes;
}

describe('AttemptsService.saveAnswer', () => {
  const target: AnswerTarget = {
    status: 'in_progress',
    deadline,
    graceMs: 2000,
    item: { questionId: 'q1', version: 1, cell: 0, optionOrder: [2, 0, 1] },
    type: 'single',
  };

  it('saves in one statement (display indexes in; the statement stores original ones) and reports the time left', async () => {
    const { repo, service } = setup();
    const writes = attemptStore(repo, target);
    const saved = await service.saveAnswer('a1', 'token', 0, [0]);
    expect(repo.saveParticipantAnswer).toHaveBeenCalledTimes(1);
    expect(repo.saveParticipantAnswer).toHaveBeenCalledWith({
      attemptId: 'a1',
      tokenHash: hashSessionToken('token'),
      position: 0,
      chosen: [0],
      now: new Date('2026-03-03T02:10:00Z'),
    });
    expect(writes).toHaveLength(1);
    // Nothing else is read when the save succeeds.
    expect(repo.findAnswerTarget).not.toHaveBeenCalled();
    expect(saved).toEqual({
      position: 0,
      chosen: [0],
      savedAt: '2026-03-03T02:10:00.000Z',
      serverNow: '2026-03-03T02:10:00.000Z',
      remainingMs: 10 * 60_000,
    });
  });

  it('sends each choice once and replies with them ascending', async () => {
    const { repo, service } = setup();
    attemptStore(repo, { ...target, type: 'multiple' });
    const saved = await service.saveAnswer('a1', 'token', 0, [2, 0, 2]);
    expect(repo.saveParticipantAnswer).toHaveBeenCalledWith(
      expect.objectContaining({ chosen: [2, 0] }),
    );
    expect(saved.chosen).toEqual([0, 2]);
  });

  it('accepts an answer within the grace and rejects one that arrives after deadline + grace', async () => {
    const { clock, repo, service } = setup('2026-03-03T02:20:02Z');
    const writes = attemptStore(repo, target);
    await expect(service.saveAnswer('a1', 'token', 0, [1])).resolves.toMatchObject({
      remainingMs: 0,
    });
    clock.advance(1);
    await expect(service.saveAnswer('a1', 'token', 0, [1])).rejects.toMatchObject({
      code: 'ATTEMPT_TIME_UP',
      message: LATE_ANSWER_REASON,
    });
    expect(writes).toHaveLength(1);
  });

  it('judges lateness by the arrival time, read before any query', async () => {
    const { clock, repo, service } = setup('2026-03-03T02:20:01Z');
    const writes = attemptStore(repo, target);
    const slow = repo.saveParticipantAnswer.getMockImplementation();
    // The database answers 5 s later: still on time, since the request arrived within the grace.
    repo.saveParticipantAnswer.mockImplementation((v: { now: Date }) => {
      clock.advance(5000);
      return slow?.(v);
    });
    await expect(service.saveAnswer('a1', 'token', 0, [1])).resolves.toMatchObject({
      savedAt: '2026-03-03T02:20:01.000Z',
    });
    expect(writes.map((w) => w.now)).toEqual([new Date('2026-03-03T02:20:01Z')]);
  });

  it('refuses two choices on a single-answer question and a choice out of range', async () => {
    const { repo, service } = setup();
    const writes = attemptStore(repo, target);
    await expect(service.saveAnswer('a1', 'token', 0, [0, 1])).rejects.toMatchObject({
      code: 'INVALID_CHOICE',
    });
    await expect(service.saveAnswer('a1', 'token', 0, [3])).rejects.toMatchObject({
      code: 'INVALID_CHOICE',
    });
    expect(writes).toEqual([]);
  });

  it('refuses negative or fractional choices without trying to save them', async () => {
    const { repo, service } = setup();
    const writes = attemptStore(repo, target);
    await expect(service.saveAnswer('a1', 'token', 0, [-1])).rejects.toMatchObject({
      code: 'INVALID_CHOICE',
    });
    await expect(service.saveAnswer('a1', 'token', 0, [0.5])).rejects.toMatchObject({
      code: 'INVALID_CHOICE',
    });
    expect(repo.saveParticipantAnswer).not.toHaveBeenCalled();
    expect(writes).toEqual([]);
  });

  it('tells the participant the attempt was submitted when the save lost the race to a submit', async () => {
    const { repo, service } = setup();
    attemptStore(repo, { ...target, status: 'submitted' });
    await expect(service.saveAnswer('a1', 'token', 0, [0])).rejects.toMatchObject({
      code: 'ATTEMPT_SUBMITTED',
    });
    // The save refused although everything looks in order a moment later: still "submitted".
    repo.findAnswerTarget.mockResolvedValue(target);
    await expect(service.saveAnswer('a1', 'token', 0, [0])).rejects.toMatchObject({
      code: 'ATTEMPT_SUBMITTED',
    });
  });

  describe('says why a save was refused, in the order of the checks', () => {
    it('late before finished: a submitted attempt past deadline + grace is "time up"', async () => {
      const { repo, service } = setup('2026-03-03T02:25:00Z');
      attemptStore(repo, { ...target, status: 'auto_submitted' });
      await expect(service.saveAnswer('a1', 'token', 0, [0])).rejects.toMatchObject({
        code: 'ATTEMPT_TIME_UP',
        message: LATE_ANSWER_REASON,
      });
    });

    it('a finished attempt within its time: "submitted", with the usual message', async () => {
      const { repo, service } = setup();
      attemptStore(repo, { ...target, status: 'submitted' });
      await expect(service.saveAnswer('a1', 'token', 0, [0])).rejects.toMatchObject({
        code: 'ATTEMPT_SUBMITTED',
        message: 'Bài thi đã được nộp: không thể thay đổi câu trả lời.',
      });
    });

    it('late before a bad position or a bad choice', async () => {
      const { repo, service } = setup('2026-03-03T02:25:00Z');
      attemptStore(repo, { ...target, item: null, type: null });
      await expect(service.saveAnswer('a1', 'token', 9, [-1])).rejects.toMatchObject({
        code: 'ATTEMPT_TIME_UP',
      });
    });

    it('a position with no question: "invalid position"; a negative one is refused before any query', async () => {
      const { repo, service } = setup();
      attemptStore(repo, { ...target, item: null, type: null });
      await expect(service.saveAnswer('a1', 'token', 9, [0])).rejects.toMatchObject({
        code: 'INVALID_POSITION',
      });
      expect(repo.findAnswerTarget).toHaveBeenCalledWith(
        'a1',
        hashSessionToken('token'),
        9,
        new Date('2026-03-03T02:10:00Z'),
      );
      repo.saveParticipantAnswer.mockClear();
      await expect(service.saveAnswer('a1', 'token', -1, [0])).rejects.toMatchObject({
        code: 'INVALID_POSITION',
      });
      expect(repo.saveParticipantAnswer).not.toHaveBeenCalled();
    });

    it('another participant’s attempt: "not found" (404), not a hint that it exists', async () => {
      const { repo, service, participants } = setup();
      participants.requireParticipant.mockResolvedValue({ id: 'p2' });
      await expect(service.saveAnswer('a1', 'other-token', 0, [0])).rejects.toMatchObject({
        code: 'ATTEMPT_NOT_FOUND',
      });
      expect(repo.saveParticipantAnswer).toHaveBeenCalledTimes(1);
      expect(participants.requireParticipant).toHaveBeenCalledWith('other-token');
    });

    it('no token or an unknown one: "sign in" (401); without a token nothing is queried', async () => {
      const { repo, service } = setup();
      await expect(service.saveAnswer('a1', 'forged', 0, [0])).rejects.toMatchObject({
        code: 'PARTICIPANT_UNAUTHENTICATED',
      });
      repo.saveParticipantAnswer.mockClear();
      repo.findAnswerTarget.mockClear();
      await expect(service.saveAnswer('a1', undefined, 0, [0])).rejects.toMatchObject({
        code: 'PARTICIPANT_UNAUTHENTICATED',
      });
      expect(repo.saveParticipantAnswer).not.toHaveBeenCalled();
      expect(repo.findAnswerTarget).not.toHaveBeenCalled();
    });
  });
});

describe('AttemptsService.submit', () => {
  const items = claimed.items;
  const submission: ClaimedSubmission = {
    ...claimed,
    submittedAt: new Date('2026-03-03T02:10:00Z'),
    roundId: 'r1',
    participantId: 'p1',
    status: 'submitted',
    prediction: 3,
  };
  const landed: LandedGrade = {
    roundId: 'r1',
    participantGroup: 'citizen',
    previousScore: null,
    score: 1,
    grade: { score: 1, maxScore: 2, correctCount: 1, perfect: false, durationMs: 10 * 60_000 },
    counted: {
      attemptId: 'a1',
      score: 1,
      durationMs: 10 * 60_000,
      submittedAt: new Date('2026-03-03T02:10:00Z'),
      finalRank: null,
    },
  };
  const expected = {
    id: 'a1',
    roundId: 'r1',
    status: 'submitted',
    score: 1,
    maxScore: 2,
    correctCount: 1,
    questionCount: 2,
    perfect: false,
    durationMs: 10 * 60_000,
    startedAt: '2026-03-03T02:00:00.000Z',
    submittedAt: '2026-03-03T02:10:00.000Z',
    prediction: 3,
    rank: 4,
    rankedParticipants: 12,
    provisional: true,
    counted: true,
  };
  /** The same attempt read back, as `result()` (and a repeated submit) sees it. */
  const stored: AttemptRow = {
    id: 'a1',
    roundId: 'r1',
    participantId: 'p1',
    number: 1,
    items,
    startedAt,
    deadline,
    submittedAt: new Date('2026-03-03T02:10:00Z'),
    status: 'submitted',
    prediction: 3,
    score: 1,
    maxScore: 2,
    correctCount: 1,
    perfect: false,
    durationMs: 10 * 60_000,
    graceMs: 2000,
    predictionKind: 'perfect_count',
    tieBreakChain: claimed.tieBreakChain,
  };

  it('claims with the checks folded in, grades, and replies from what it holds', async () => {
    const { repo, service, standings, leaderboards, participants, versions } = setup();
    repo.claimParticipantSubmission.mockResolvedValue(submission);
    standings.storeGrade.mockResolvedValue(landed);
    await expect(service.submit('a1', 'token', 3)).resolves.toEqual(expected);
    expect(repo.claimParticipantSubmission).toHaveBeenCalledWith(
      'a1',
      hashSessionToken('token'),
      new Date('2026-03-03T02:10:00Z'),
      3,
      ['perfect_count', 'perfect_percent'],
    );
    // The answers are read after the claim, by a statement of their own.
    expect(repo.listAnswersOf).toHaveBeenCalledWith(['a1']);
    expect(versions.findContents).toHaveBeenCalledWith(items);
    expect(standings.storeGrade).toHaveBeenCalledWith(
      'a1',
      { score: 1, maxScore: 2, correctCount: 1, perfect: false, durationMs: 10 * 60_000 },
      'best',
      claimed.tieBreakChain,
    );
    expect(leaderboards.gradeLanded).toHaveBeenCalledWith(landed);
    expect(leaderboards.liveRank).toHaveBeenCalledWith(
      'r1',
      null,
      claimed.tieBreakChain,
      landed.counted,
    );
    // Nothing is read again for the reply.
    expect(participants.requireParticipant).not.toHaveBeenCalled();
    expect(repo.findParticipantAttempt).not.toHaveBeenCalled();
    expect(standings.findStanding).not.toHaveBeenCalled();
  });

  it('replies exactly what result() replies for the same attempt, key order included', async () => {
    const { repo, service, standings, participants } = setup();
    repo.claimParticipantSubmission.mockResolvedValue(submission);
    standings.storeGrade.mockResolvedValue(landed);
    const fresh = await service.submit('a1', 'token', 3);
    participants.requireParticipant.mockResolvedValue({ id: 'p1' });
    repo.findParticipantAttempt.mockResolvedValue(stored);
    standings.findStanding.mockResolvedValue({ ...landed.counted, participantId: 'p1' });
    const readBack = await service.result('a1', 'token');
    expect(JSON.stringify(fresh)).toBe(JSON.stringify(readBack));
  });

  it('replies with the counted attempt’s rank when the new one did not beat it, and a final rank once there is one', async () => {
    const { repo, service, standings, leaderboards } = setup();
    repo.claimParticipantSubmission.mockResolvedValue(submission);
    const older = { ...landed.counted, attemptId: 'a0', score: 2 };
    standings.storeGrade.mockResolvedValue({ ...landed, score: null, counted: older });
    await expect(service.submit('a1', 'token', 3)).resolves.toMatchObject({
      counted: false,
      provisional: true,
      rank: 4,
    });
    expect(leaderboards.liveRank).toHaveBeenCalledWith('r1', null, claimed.tieBreakChain, older);
    leaderboards.liveRank.mockClear();
    standings.storeGrade.mockResolvedValue({ ...landed, counted: { ...older, finalRank: 7 } });
    await expect(service.submit('a1', 'token', 3)).resolves.toMatchObject({
      rank: 7,
      provisional: false,
    });
    expect(leaderboards.liveRank).not.toHaveBeenCalled();
  });

  it('claims only for a round whose prediction kind accepts the value given', async () => {
    const { repo, service } = setup();
    const kinds = async (prediction: number | undefined) => {
      repo.claimParticipantSubmission.mockClear();
      await service.submit('a1', 'token', prediction).catch(() => undefined);
      return repo.claimParticipantSubmission.mock.calls.at(0)?.at(4) as unknown;
    };
    await expect(kinds(undefined)).resolves.toBeNull();
    await expect(kinds(3.5)).resolves.toEqual(['perfect_percent']);
    await expect(kinds(150)).resolves.toEqual(['perfect_count']);
    await expect(kinds(-1)).resolves.toEqual([]);
  });

  it('when the claim refuses: 401 without a valid session, 404 for another’s attempt', async () => {
    const { repo, service, participants } = setup();
    await expect(service.submit('a1', 'forged', undefined)).rejects.toMatchObject({
      code: 'PARTICIPANT_UNAUTHENTICATED',
    });
    repo.claimParticipantSubmission.mockClear();
    await expect(service.submit('a1', undefined, undefined)).rejects.toMatchObject({
      code: 'PARTICIPANT_UNAUTHENTICATED',
    });
    expect(repo.claimParticipantSubmission).not.toHaveBeenCalled();
    participants.requireParticipant.mockResolvedValue({ id: 'p2' });
    await expect(service.submit('a1', 'other', undefined)).rejects.toMatchObject({
      code: 'ATTEMPT_NOT_FOUND',
    });
    expect(repo.claimSubmission).not.toHaveBeenCalled();
  });

  it('when the claim refuses an attempt in progress: the prediction is invalid for its round', async () => {
    const { repo, service, participants } = setup();
    participants.requireParticipant.mockResolvedValue({ id: 'p1' });
    repo.findParticipantAttempt.mockResolvedValue({
      ...stored,
      status: 'in_progress',
      submittedAt: null,
      score: null,
    });
    await expect(service.submit('a1', 'token', 2.5)).rejects.toMatchObject({
      code: 'INVALID_PREDICTION',
      message: 'Số người dự đoán phải là số nguyên không âm.',
    });
    expect(repo.claimSubmission).not.toHaveBeenCalled();
  });

  it('a repeated submit gets the stored result and grades nothing again', async () => {
    const { repo, service, standings, participants } = setup();
    participants.requireParticipant.mockResolvedValue({ id: 'p1' });
    repo.findParticipantAttempt.mockResolvedValue(stored);
    standings.findStanding.mockResolvedValue({ ...landed.counted, participantId: 'p1' });
    await expect(service.submit('a1', 'token', 5)).resolves.toEqual(expected);
    expect(repo.claimSubmission).not.toHaveBeenCalled();
    expect(repo.findUngraded).not.toHaveBeenCalled();
    expect(standings.storeGrade).not.toHaveBeenCalled();
    // Read once: the reply comes from the attempt the checks read.
    expect(repo.findParticipantAttempt).toHaveBeenCalledTimes(1);
  });

  it('a repeated submit that finds the grade not stored yet grades it first (the same grade lands once)', async () => {
    const { repo, service, standings, participants } = setup();
    participants.requireParticipant.mockResolvedValue({ id: 'p1' });
    repo.findParticipantAttempt
      .mockResolvedValueOnce({ ...stored, score: null })
      .mockResolvedValue(stored);
    repo.findUngraded.mockResolvedValue([submission]);
    standings.storeGrade.mockResolvedValue(null);
    standings.findStanding.mockResolvedValue({ ...landed.counted, participantId: 'p1' });
    await expect(service.submit('a1', 'token', 5)).resolves.toEqual(expected);
    expect(repo.findUngraded).toHaveBeenCalledWith(1, 'a1');
    expect(standings.storeGrade).toHaveBeenCalledTimes(1);
  });
});

describe('AttemptsService.submit, submits arriving together', () => {
  it('claims them in one statement and stores their grades in another; each gets its own reply', async () => {
    const { repo, service, standings } = setup();
    repo.claimParticipantSubmission.mockImplementation((id: string) =>
      Promise.resolve(
        id === 'a3' ? null : { ...claimed, id, roundId: 'r1', participantId: `p-${id}` },
      ),
    );
    standings.storeGrade.mockImplementation((id: string) =>
      Promise.resolve({
        roundId: 'r1',
        participantGroup: 'citizen',
        previousScore: null,
        score: 1,
        grade: { score: 1, maxScore: 2, correctCount: 1, perfect: false, durationMs: 1 },
        counted: {
          attemptId: id,
          score: 1,
          durationMs: 1,
          submittedAt: new Date(),
          finalRank: null,
        },
      }),
    );
    // Two batches run at once: the first two go at once, each alone; the next three arrive
    // while they are written and share a batch.
    const replies = await Promise.allSettled(
      ['a1', 'a2', 'a3', 'a4', 'a5'].map((id) => service.submit(id, `token-${id}`, undefined)),
    );
    expect(
      repo.claimParticipantSubmissions.mock.calls.map((c) => c[0].map((v) => v.attemptId)),
    ).toEqual([['a1'], ['a2'], ['a3', 'a4', 'a5']]);
    expect(standings.storeGrades.mock.calls.map((c) => c[0].map((g) => g.attemptId))).toEqual([
      ['a1'],
      ['a2'],
      ['a4', 'a5'],
    ]);
    expect(replies.map((r) => (r.status === 'fulfilled' ? r.value.id : 'refused'))).toEqual([
      'a1',
      'a2',
      'refused', // a3's claim refused: the checks one by one say why (no session here)
      'a4',
      'a5',
    ]);
  });

  it('stores the grades one at a time when the batch statement fails', async () => {
    const { repo, service, standings } = setup();
    repo.claimOverdue.mockResolvedValue([claimed, { ...claimed, id: 'a2' }]);
    standings.storeGrades.mockRejectedValueOnce(new Error('ON CONFLICT … a second time'));
    await expect(service.sweepOverdue()).resolves.toBe(2);
    expect(standings.storeGrades.mock.calls.map((c) => c[0].map((g) => g.attemptId))).toEqual([
      ['a1', 'a2'],
      ['a1'],
      ['a2'],
    ]);
  });
});

describe('AttemptsService sweeper', () => {
  it('grades what it claims with the answers in original indexes', async () => {
    const { repo, service, standings, leaderboards } = setup();
    repo.claimOverdue.mockResolvedValue([claimed]);
    await expect(service.sweepOverdue()).resolves.toBe(1);
    expect(repo.listAnswersOf).toHaveBeenCalledWith(['a1']);
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

  it('reads the answers of a whole batch in one query, after the claim', async () => {
    const { repo, service, standings } = setup();
    const order: string[] = [];
    repo.claimOverdue.mockImplementation(() => {
      order.push('claim');
      return Promise.resolve([claimed, { ...claimed, id: 'a2' }]);
    });
    repo.listAnswersOf.mockImplementation((ids: string[]) => {
      order.push('answers');
      return Promise.resolve(new Map([[ids[0], [{ position: 0, chosen: [1] }]]]));
    });
    await expect(service.sweepOverdue()).resolves.toBe(2);
    expect(order).toEqual(['claim', 'answers']);
    expect(repo.listAnswers).not.toHaveBeenCalled();
    expect(
      standings.storeGrade.mock.calls.map((c) => [c[0], (c[1] as { score: number }).score]),
    ).toEqual([
      ['a1', 1],
      ['a2', 0],
    ]);
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
