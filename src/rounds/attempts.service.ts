import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { isUniqueViolation } from '../accounts/accounts.service';
import { hashSessionToken } from '../auth/passwords';
import { Clock, CLOCK } from '../common/clock/clock';
import { InvalidChoiceError } from '../practice/practice.errors';
import type {
  AnswerSaved,
  AttemptQuestion,
  AttemptResult,
  AttemptStatus,
  AttemptView,
} from '../shared/rounds';
import {
  LATE_ANSWER_REASON,
  acceptsAnswer,
  attemptDeadline,
  isRoundOpen,
  remainingMs,
} from './domain/deadline';
import { MAX_SEED, drawAttempt, mapOriginalToChoice } from './domain/draw';
import { PREDICTION_KINDS, PREDICTION_QUESTIONS, validatePrediction } from './domain/prediction';
import { ScoredItem, scoreAttempt } from './domain/scoring';
import { ParticipantsService } from './participants.service';
import {
  AttemptAlreadySubmittedError,
  AttemptNotFoundError,
  AttemptNotSubmittedError,
  AttemptTimeUpError,
  InvalidAttemptPositionError,
  InvalidPredictionError,
  NoAttemptsLeftError,
  NotEligibleError,
  RoundNotFoundError,
  RoundNotOpenError,
} from './rounds.errors';
import {
  QuestionVersionsRepository,
  VersionContents,
} from '../question-banks/question-versions.repository';
import {
  AttemptRow,
  ClaimedAttempt,
  ClaimedSubmission,
  RoundsRepository,
} from './rounds.repository';
import { LeaderboardService } from './leaderboard.service';
import { CountedStanding, Grade, LandedGrade, StandingsRepository } from './standings.repository';
import { GroupCommit } from '../database/group-commit';
import { isPgIndex } from '../database/pg-int';

/**
 * The sweeper ticks every second. It queries the database when an attempt this process started
 * is past deadline + grace, and in any case every FULL_SWEEP_INTERVAL_MS (attempts started by
 * another instance or before a restart), so an idle server does not poll the database.
 */
export const SWEEP_INTERVAL_MS = 1000;
export const FULL_SWEEP_INTERVAL_MS = 30_000;
const SWEEP_BATCH = 200;
/**
 * At most this many autosaves per statement. A batch holds the saves that arrived while the
 * previous one was being written; at 1,000 saves/s that is a few dozen.
 */
const SAVE_BATCH = 500;
/** At most this many submits per claim and grade statements (see `SAVE_BATCH`). */
const SUBMIT_BATCH = 500;

/** A participant's submit as the batched claim takes it. */
type SubmitRequest = Parameters<RoundsRepository['claimParticipantSubmissions']>[0][number];

/**
 * Attempts of a timed round: start (server-side draw and deadline), resume, autosave, submit
 * (graded at once, exactly once) and the sweeper that submits abandoned attempts at their deadline.
 */
@Injectable()
export class AttemptsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AttemptsService.name);
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  /** deadline + grace (ms) of the attempts this process started and has not swept yet. */
  private dueTimes: number[] = [];
  private lastSweep = Number.NEGATIVE_INFINITY;
  /** Autosaves written together; one (attempt, position) at most once per statement. */
  private readonly saves = new GroupCommit(
    (values: Parameters<RoundsRepository['saveParticipantAnswers']>[0]) =>
      this.repo.saveParticipantAnswers(values),
    { maxBatch: SAVE_BATCH, key: (v) => `${v.attemptId}:${String(v.position)}` },
  );
  /** Submits claimed and graded together; one attempt at most once per batch. */
  private readonly submissions = new GroupCommit(
    (requests: readonly SubmitRequest[]) => this.claimAndGrade(requests),
    { maxBatch: SUBMIT_BATCH, key: (r) => r.attemptId, concurrency: 2 },
  );

  constructor(
    private readonly repo: RoundsRepository,
    private readonly versions: QuestionVersionsRepository,
    private readonly participants: ParticipantsService,
    private readonly standings: StandingsRepository,
    private readonly leaderboards: LeaderboardService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.tick();
    }, SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  private tick(): void {
    if (this.sweeping) return;
    const now = this.clock.now().getTime();
    const due = this.dueTimes.some((t) => t < now);
    if (!due && now - this.lastSweep < FULL_SWEEP_INTERVAL_MS) return;
    this.dueTimes = this.dueTimes.filter((t) => t >= now);
    this.lastSweep = now;
    this.sweeping = this.sweepOverdue()
      .then((count) => {
        // A full batch: there may be more, look again at the next tick.
        if (count >= SWEEP_BATCH) this.lastSweep = Number.NEGATIVE_INFINITY;
      })
      .catch((error: unknown) => {
        this.logger.error({ err: error }, 'Auto-submission of overdue attempts failed');
      })
      .finally(() => {
        this.sweeping = undefined;
      });
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /**
   * Starts an attempt, or returns the one in progress (a double click, a second device). The
   * database holds the limits: parallel starts collide on its unique indexes and the losers
   * get the winner's attempt.
   */
  async start(roundId: string, token: string | undefined): Promise<AttemptView> {
    const participant = await this.participants.requireParticipant(token);
    const round = await this.repo.findRound(roundId);
    if (!round || round.contestId !== participant.contestId || round.status === 'draft')
      throw new RoundNotFoundError();
    if (!round.eligibleGroups.includes(participant.participantGroup)) throw new NotEligibleError();
    for (let tries = 0; tries < 3; tries++) {
      const now = this.clock.now();
      const active = await this.repo.findInProgressAttempt(round.id, participant.id);
      if (active && acceptsAnswer(active.deadline, now, active.graceMs)) return this.view(active);
      if (active) await this.submitOnce(active.id, now, null);
      if (!isRoundOpen(round, now)) throw new RoundNotOpenError();
      if ((await this.repo.countAttempts(round.id, participant.id)) >= round.attemptsAllowed)
        throw new NoAttemptsLeftError(round.attemptsAllowed);

      // A group may have its own bank and blueprint (e.g. residents get an easier paper).
      const draw = round.groupDraws[participant.participantGroup] ?? round;
      const pool = await this.repo.findPublishedPool(draw.bankId);
      const seed = randomInt(0, MAX_SEED + 1);
      const drawn = drawAttempt(pool, draw.blueprint, {
        seed,
        shuffleQuestions: round.shuffleQuestions,
        shuffleOptions: round.shuffleOptions,
        audience: participant.participantGroup,
      });
      const deadline = attemptDeadline(now, round.timeLimitSeconds, round.closesAt);
      try {
        const id = await this.repo.insertNextAttempt({
          roundId: round.id,
          participantId: participant.id,
          attemptsAllowed: round.attemptsAllowed,
          seed,
          items: drawn.map((d) => ({
            questionId: d.questionId,
            version: d.version,
            cell: d.cell,
            optionOrder: d.optionOrder,
          })),
          startedAt: now,
          deadline,
        });
        if (id === null) throw new NoAttemptsLeftError(round.attemptsAllowed);
        this.dueTimes.push(deadline.getTime() + round.graceMs);
        return await this.view(await this.requireAttempt(id, participant.id));
      } catch (error) {
        // Another request of the same person won the race: look again.
        if (!isUniqueViolation(error)) throw error;
      }
    }
    const active = await this.repo.findInProgressAttempt(round.id, participant.id);
    if (active) return this.view(active);
    throw new NoAttemptsLeftError(round.attemptsAllowed);
  }

  /** Resume: the same questions, the saved answers and the time left by the server's clock. */
  async get(id: string, token: string | undefined): Promise<AttemptView> {
    const participant = await this.participants.requireParticipant(token);
    return this.view(await this.requireAttempt(id, participant.id));
  }

  /**
   * Autosave of one answer (display indexes in, original indexes stored). The reply is sent
   * only once the row is committed; after deadline + grace the answer is refused. The arrival
   * time is read before any query. Saves that arrive together are written by one statement
   * (group commit, `SAVE_BATCH`); only a refusal costs a second query, to say why.
   */
  async saveAnswer(
    id: string,
    token: string | undefined,
    position: number,
    chosen: number[],
  ): Promise<AnswerSaved> {
    // jsonb `items -> -1` would be the last item, and the statement takes the position as int.
    if (!isPgIndex(position)) throw new InvalidAttemptPositionError();
    const now = this.clock.now();
    const unique = [...new Set(chosen)];
    // Choices that cannot be indexes never reach the save: the refusal below tells why, in the
    // same order of checks as for any other refusal.
    const plausible = unique.every(isPgIndex);
    const tokenHash = token ? hashSessionToken(token) : null;
    const saved =
      tokenHash && plausible
        ? await this.saves.add({ attemptId: id, tokenHash, position, chosen: unique, now })
        : null;
    if (!saved) return this.refuseAnswer(id, token, tokenHash, position, unique, now);
    return {
      position,
      chosen: [...unique].sort((a, b) => a - b),
      savedAt: now.toISOString(),
      serverNow: now.toISOString(),
      remainingMs: remainingMs(saved.deadline, now),
    };
  }

  /**
   * Why an autosave saved nothing, as an error: no or unknown session (401), not the
   * participant's attempt (404), after deadline + grace, already submitted, no question at that
   * position, choices that do not fit the question. Always throws.
   */
  private async refuseAnswer(
    id: string,
    token: string | undefined,
    tokenHash: Buffer | null,
    position: number,
    unique: readonly number[],
    now: Date,
  ): Promise<never> {
    const target = tokenHash
      ? await this.repo.findAnswerTarget(id, tokenHash, position, now)
      : null;
    if (!target) {
      await this.participants.requireParticipant(token);
      throw new AttemptNotFoundError();
    }
    if (!acceptsAnswer(target.deadline, now, target.graceMs))
      throw new AttemptTimeUpError(LATE_ANSWER_REASON);
    if (target.status !== 'in_progress') throw new AttemptAlreadySubmittedError();
    const { item, type } = target;
    if (!item || !type) throw new InvalidAttemptPositionError();
    if (
      (type !== 'multiple' && unique.length > 1) ||
      unique.some((c) => !Number.isInteger(c) || c < 0 || c >= item.optionOrder.length)
    ) {
      throw new InvalidChoiceError();
    }
    // Everything looks in order now although the save refused: as when a save loses the race
    // to a submit, the attempt is reported submitted (a claim is never undone).
    throw new AttemptAlreadySubmittedError();
  }

  /**
   * Submits and grades at once; a repeated submit gets the stored result, never a second
   * grading. The common case is four statements, the first three shared with the submits that
   * arrived together (group commit, `SUBMIT_BATCH`): the claim (session, ownership and
   * prediction checked inside it), the answers, the grades with the standings; then the rank
   * within the score. The version contents come from memory (one more query for versions not
   * seen yet), the reply from what the submit holds. Anything else (a refusal, a repeated
   * submit) takes the checks one by one.
   */
  async submit(
    id: string,
    token: string | undefined,
    prediction: number | undefined,
  ): Promise<AttemptResult> {
    // The arrival time decides whether the submission is on time, not when it is processed.
    const now = this.clock.now();
    const outcome = token
      ? await this.submissions.add({
          attemptId: id,
          tokenHash: hashSessionToken(token),
          now,
          prediction: prediction ?? null,
          predictionKinds:
            prediction === undefined
              ? null
              : PREDICTION_KINDS.filter((kind) => validatePrediction(kind, prediction).ok),
        })
      : null;
    if (outcome) {
      const { claimed, landed } = outcome;
      if (landed?.counted) return this.submittedResult(claimed, landed, landed.counted);
      // Graded by another request in that instant (the sweeper's catch-up): the stored result.
      return this.resultOf(id, claimed.participantId);
    }
    // Refused, or submitted already: the checks one by one, as for any other request.
    const participant = await this.participants.requireParticipant(token);
    const attempt = await this.requireAttempt(id, participant.id);
    if (attempt.status !== 'in_progress' && attempt.score !== null)
      return this.resultFrom(attempt, participant.id); // a repeated submit: nothing to claim
    if (prediction !== undefined && attempt.status === 'in_progress') {
      const checked = validatePrediction(attempt.predictionKind, prediction);
      if (!checked.ok) throw new InvalidPredictionError(checked.reason);
    }
    await this.submitOnce(id, now, prediction ?? null);
    return this.resultOf(id, participant.id);
  }

  async result(id: string, token: string | undefined): Promise<AttemptResult> {
    const participant = await this.participants.requireParticipant(token);
    return this.resultOf(id, participant.id);
  }

  /** The reply of the submit that claimed and graded the attempt, without reading it again. */
  private async submittedResult(
    claimed: ClaimedSubmission,
    landed: LandedGrade,
    counted: CountedStanding,
  ): Promise<AttemptResult> {
    const [rank, ranked] = await Promise.all([
      counted.finalRank ??
        this.leaderboards.liveRank(claimed.roundId, null, claimed.tieBreakChain, counted),
      this.leaderboards.rankedCount(claimed.roundId, null),
    ]);
    return toAttemptResult({
      id: claimed.id,
      roundId: claimed.roundId,
      status: claimed.status,
      grade: landed.grade,
      questionCount: claimed.items.length,
      startedAt: claimed.startedAt,
      submittedAt: claimed.submittedAt,
      prediction: claimed.prediction,
      rank,
      rankedParticipants: ranked,
      finalRank: counted.finalRank,
      countedAttemptId: counted.attemptId,
    });
  }

  private async resultOf(id: string, participantId: string): Promise<AttemptResult> {
    return this.resultFrom(await this.requireAttempt(id, participantId), participantId);
  }

  /** The result of an attempt as read from the database, with the participant's standing. */
  private async resultFrom(attempt: AttemptRow, participantId: string): Promise<AttemptResult> {
    if (attempt.status === 'in_progress' || attempt.submittedAt === null || attempt.score === null)
      throw new AttemptNotSubmittedError();
    const [standing, ranked] = await Promise.all([
      this.standings.findStanding(attempt.roundId, participantId),
      this.leaderboards.rankedCount(attempt.roundId, null),
    ]);
    let rank: number | null = null;
    if (standing?.finalRank != null) rank = standing.finalRank;
    else if (standing)
      rank = await this.leaderboards.liveRank(
        attempt.roundId,
        null,
        attempt.tieBreakChain,
        standing,
      );
    return toAttemptResult({
      id: attempt.id,
      roundId: attempt.roundId,
      status: attempt.status,
      grade: {
        score: attempt.score,
        maxScore: attempt.maxScore ?? 0,
        correctCount: attempt.correctCount ?? 0,
        perfect: attempt.perfect ?? false,
        durationMs: attempt.durationMs ?? 0,
      },
      questionCount: attempt.items.length,
      startedAt: attempt.startedAt,
      submittedAt: attempt.submittedAt,
      prediction: attempt.prediction,
      rank,
      rankedParticipants: ranked,
      finalRank: standing?.finalRank ?? null,
      countedAttemptId: standing?.attemptId ?? null,
    });
  }

  /**
   * Submits every attempt past deadline + grace, at its deadline, and grades it. Also grades
   * any submitted attempt left without a grade (a crash between claim and grade). Returns how
   * many attempts it auto-submitted.
   */
  async sweepOverdue(): Promise<number> {
    const claimed = await this.repo.claimOverdue(this.clock.now(), SWEEP_BATCH);
    await this.gradeAll(claimed);
    if (claimed.length > 0)
      this.logger.log(`Auto-submitted ${claimed.length} attempt(s) at their deadline`);
    await this.gradeAll(await this.repo.findUngraded(SWEEP_BATCH));
    return claimed.length;
  }

  // ---- helpers -------------------------------------------------------------------------------

  /**
   * One statement claims the attempt, so one request wins; the winner grades at once. A
   * request that lost the race and finds no grade yet computes the same grade (the answers are
   * frozen by the claim); `StandingsRepository.storeGrades` lets only the first write land.
   */
  private async submitOnce(id: string, now: Date, prediction: number | null): Promise<void> {
    const claimed = await this.repo.claimSubmission(id, now, prediction);
    await this.gradeAll(claimed ? [claimed] : await this.repo.findUngraded(1, id));
  }

  /** Claims and grades a batch of participants' submits: three statements for the batch. */
  private async claimAndGrade(
    requests: readonly SubmitRequest[],
  ): Promise<({ claimed: ClaimedSubmission; landed: LandedGrade | null } | null)[]> {
    const claims = await this.repo.claimParticipantSubmissions(requests);
    const landed = await this.gradeAll(claims.filter((c) => c !== null));
    return claims.map((claimed) => claimed && { claimed, landed: landed.get(claimed.id) ?? null });
  }

  /**
   * Grades claimed attempts: their answers in one query, the grades and standings in one
   * statement per counting policy and chain (one per round). The answers are read after the
   * claim (a later statement), so they include every acknowledged save. Returns what landed
   * per attempt (null where another grading landed first).
   */
  private async gradeAll(
    attempts: readonly ClaimedAttempt[],
  ): Promise<Map<string, LandedGrade | null>> {
    const landed = new Map<string, LandedGrade | null>();
    if (attempts.length === 0) return landed;
    const [answers, contents] = await Promise.all([
      this.repo.listAnswersOf(attempts.map((a) => a.id)),
      this.versions.findContents(attempts.flatMap((a) => a.items)),
    ]);
    // One group per counting policy and chain: a handful at most (one per round), compared
    // without building a key per attempt.
    const groups: ClaimedAttempt[][] = [];
    for (const attempt of attempts) {
      const group = groups.find(
        ([first]) =>
          first.countedPolicy === attempt.countedPolicy &&
          first.tieBreakChain.length === attempt.tieBreakChain.length &&
          first.tieBreakChain.every((key, i) => key === attempt.tieBreakChain[i]),
      );
      if (group) group.push(attempt);
      else groups.push([attempt]);
    }
    for (const group of groups) {
      const grades = group.map((attempt) => ({
        attemptId: attempt.id,
        grade: gradeOf(attempt, answers.get(attempt.id) ?? [], contents),
      }));
      const { countedPolicy, tieBreakChain } = group[0];
      let stored: (LandedGrade | null)[];
      try {
        stored = await this.standings.storeGrades(grades, countedPolicy, tieBreakChain);
      } catch (error) {
        if (grades.length === 1) throw error;
        // E.g. two ungraded attempts of one participant (one standing row): one at a time.
        stored = [];
        for (const one of grades)
          stored.push(...(await this.standings.storeGrades([one], countedPolicy, tieBreakChain)));
      }
      grades.forEach(({ attemptId }, i) => {
        const grade = stored[i];
        if (grade) this.leaderboards.gradeLanded(grade);
        landed.set(attemptId, grade);
      });
    }
    return landed;
  }

  private async requireAttempt(id: string, participantId: string): Promise<AttemptRow> {
    const attempt = await this.repo.findParticipantAttempt(id, participantId);
    if (!attempt) throw new AttemptNotFoundError();
    return attempt;
  }

  private async view(attempt: AttemptRow): Promise<AttemptView> {
    const [contents, answers, round] = await Promise.all([
      this.versions.findVersionContents(attempt.items),
      this.repo.listAnswers(attempt.id),
      this.repo.findRound(attempt.roundId),
    ]);
    if (!round) throw new RoundNotFoundError();
    const byKey = new Map(contents.map((c) => [`${c.questionId}@${c.version}`, c]));
    const questions: AttemptQuestion[] = attempt.items.map((item, position) => {
      const c = byKey.get(`${item.questionId}@${item.version}`);
      if (!c) throw new Error(`Missing version ${item.version} of question ${item.questionId}`);
      return {
        position,
        topic: c.topicName,
        type: c.content.type,
        text: c.content.text,
        options: item.optionOrder.map((original) => c.content.options[original]),
        image: c.content.image ?? null,
      };
    });
    const now = this.clock.now();
    return {
      id: attempt.id,
      roundId: attempt.roundId,
      number: attempt.number,
      status: attempt.status,
      startedAt: attempt.startedAt.toISOString(),
      deadline: attempt.deadline.toISOString(),
      serverNow: now.toISOString(),
      remainingMs: attempt.status === 'in_progress' ? remainingMs(attempt.deadline, now) : 0,
      questions,
      answers: answers.flatMap((a) => {
        const item = attempt.items.at(a.position);
        if (!item) return [];
        return [
          {
            position: a.position,
            chosen: a.chosen
              .map((original) => mapOriginalToChoice(item.optionOrder, original))
              .sort((x, y) => x - y),
          },
        ];
      }),
      prediction: {
        kind: round.predictionKind,
        question: PREDICTION_QUESTIONS[round.predictionKind],
        value: attempt.prediction,
      },
    };
  }
}

/** The grade of a claimed attempt's answers. */
function gradeOf(
  attempt: ClaimedAttempt,
  answers: readonly { position: number; chosen: readonly number[] }[],
  contents: VersionContents,
): Grade {
  const items: ScoredItem[] = attempt.items.map((item) => {
    const content = contents.get(item.questionId, item.version);
    if (!content) throw new Error(`Missing version ${item.version} of question ${item.questionId}`);
    return {
      questionId: item.questionId,
      type: content.type,
      difficulty: content.difficulty,
      correct: content.correct,
    };
  });
  const chosen = new Map<string, readonly number[]>();
  for (const a of answers) {
    const item = attempt.items.at(a.position);
    if (item) chosen.set(item.questionId, a.chosen);
  }
  const score = scoreAttempt(items, chosen, attempt.scoring);
  return { ...score, durationMs: attempt.submittedAt.getTime() - attempt.startedAt.getTime() };
}

/**
 * The reply of a submitted attempt, in one shape whether built from a fresh grade or read back
 * (a repeated submit must get exactly the same body).
 */
function toAttemptResult(r: {
  id: string;
  roundId: string;
  status: Exclude<AttemptStatus, 'in_progress'>;
  grade: Grade;
  questionCount: number;
  startedAt: Date;
  submittedAt: Date;
  prediction: number | null;
  rank: number | null;
  rankedParticipants: number;
  finalRank: number | null;
  countedAttemptId: string | null;
}): AttemptResult {
  return {
    id: r.id,
    roundId: r.roundId,
    status: r.status,
    score: r.grade.score,
    maxScore: r.grade.maxScore,
    correctCount: r.grade.correctCount,
    questionCount: r.questionCount,
    perfect: r.grade.perfect,
    durationMs: r.grade.durationMs,
    startedAt: r.startedAt.toISOString(),
    submittedAt: r.submittedAt.toISOString(),
    prediction: r.prediction,
    rank: r.rank,
    rankedParticipants: r.rankedParticipants,
    provisional: r.finalRank === null,
    counted: r.countedAttemptId === r.id,
  };
}
