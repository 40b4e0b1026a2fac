import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { Clock, CLOCK } from '../common/clock/clock';
import { QuestionVersionsRepository } from '../question-banks/question-versions.repository';
import {
  AttemptReview,
  LeaderboardView,
  PARTICIPANT_GROUPS,
  ParticipantGroup,
  PRIZE_TIER_LABELS,
  PrizeQuotas,
  PrizeTierName,
  PublicResults,
  RankingRow,
  RankingView,
  ReviewedQuestion,
} from '../shared/rounds';
import { nextRoundStatus } from './domain/deadline';
import { mapOriginalToChoice } from './domain/draw';
import { truePredictionValue } from './domain/prediction';
import {
  PRIZE_TIERS,
  PrizeQuota,
  RankableAttempt,
  allocatePrizes,
  rankParticipants,
} from './domain/ranking';
import { isCorrectChoice } from '../practice/draw';
import { questionPoints, scoreQuestion } from './domain/scoring';
import { RoundEntity } from './entities/round.entity';
import { AttemptsService } from './attempts.service';
import { toContestView, toRoundSummary } from './round-views';
import {
  LEADERBOARD_DEFAULT_LIMIT,
  LEADERBOARD_MAX_LIMIT,
  LeaderboardService,
  isFinal,
  toLeaderboardRow,
  toRankingRow,
} from './leaderboard.service';
import { ParticipantsService } from './participants.service';
import {
  AttemptNotFoundError,
  AttemptNotSubmittedError,
  ContestNotFoundError,
  InvalidPrizeQuotasError,
  LeaderboardHiddenError,
  LeaderboardParticipantsOnlyError,
  ResultsNotPublishedError,
  ReviewNotAllowedError,
  RoundNotFoundError,
  RoundTransitionError,
} from './rounds.errors';
import { RoundsRepository, type SignedInParticipant } from './rounds.repository';
import { FinalStanding, StandingRow, StandingsRepository } from './standings.repository';

/** How often the server looks for rounds past their closing time to close them. */
export const AUTO_CLOSE_INTERVAL_MS = 5000;
const MAX_PRIZES_PER_TIER = 10_000;
const SYSTEM: AuditContext = { actor: null, ip: null };

/**
 * Results of timed rounds: closing (true value of the prediction, final ranks, prizes — written
 * once into `round_standings`), the organizer's ranking and prize list, publication, the public
 * leaderboard and results, and the review of an attempt under the round's policy.
 */
@Injectable()
export class ResultsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ResultsService.name);
  private timer: NodeJS.Timeout | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly repo: RoundsRepository,
    private readonly standings: StandingsRepository,
    private readonly leaderboards: LeaderboardService,
    private readonly attempts: AttemptsService,
    private readonly participants: ParticipantsService,
    private readonly versions: QuestionVersionsRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.closing) return;
      this.closing = this.closeDueRounds()
        .then(() => undefined)
        .catch((error: unknown) => {
          this.logger.error({ err: error }, 'Automatic close of rounds failed');
        })
        .finally(() => {
          this.closing = undefined;
        });
    }, AUTO_CLOSE_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.closing;
  }

  /** Closes every round past its closing time + grace whose attempts are all graded. */
  async closeDueRounds(): Promise<number> {
    let closed = 0;
    for (const id of await this.repo.findRoundsDueForClose(this.clock.now())) {
      try {
        await this.close(SYSTEM, id);
        closed++;
        this.logger.log(`Round ${id} closed automatically at its closing time`);
      } catch (error) {
        if (!(error instanceof RoundTransitionError)) throw error;
      }
    }
    return closed;
  }

  /**
   * Closes a round (once its closing time + grace has passed): submits what is left in
   * progress, computes the prediction's true value, the final ranks and the prizes.
   */
  async close(context: AuditContext, roundId: string): Promise<RoundEntity> {
    // Attempts left in progress are all past their deadline (deadline ≤ closing time).
    for (let i = 0; i < 1000 && (await this.attempts.sweepOverdue()) > 0; i++);
    const round = await this.dataSource.transaction(async (m) => {
      const round = await this.repo.findRoundForUpdate(roundId, m);
      if (!round) throw new RoundNotFoundError();
      const now = this.clock.now();
      // A published round whose opening time came was open, even if nobody pressed "open".
      const current = round.status === 'published' ? 'open' : round.status;
      const next = nextRoundStatus(current, 'close', now, round);
      if (!next.ok) throw new RoundTransitionError(next.reason);
      if ((await this.repo.countUnfinishedAttempts(round.id, m)) > 0)
        throw new RoundTransitionError(
          'Một số bài thi vừa nộp đang được chấm, vui lòng thử lại sau vài giây.',
        );
      const trueValue = await this.computeResults(round, m);
      await this.repo.markRoundClosed(round.id, { trueValue, closedAt: now }, m);
      await this.audit.record(
        context,
        {
          action: 'round.close',
          entityType: 'round',
          entityId: round.id,
          before: { status: round.status },
          after: { status: 'closed', trueValue },
        },
        m,
      );
      round.status = 'closed';
      round.trueValue = String(trueValue);
      round.closedAt = now;
      return round;
    });
    this.leaderboards.markChanged(round.id);
    return round;
  }

  /**
   * The final ranking from the counted attempts: true value, ranks overall and per group by the
   * round's tie-break chain, and prizes per group from the quotas. Idempotent; returns the true value.
   */
  private async computeResults(round: RoundEntity, m: EntityManager): Promise<number> {
    const rows = await this.standings.listForRanking(round.id, m);
    const trueValue = truePredictionValue(round.predictionKind, rows);
    const options = { trueValue, chain: round.tieBreakChain };
    const rankable = (list: StandingRow[]): (RankableAttempt & { row: StandingRow })[] =>
      list.map((row) => ({
        attemptId: row.attemptId,
        participantId: row.participantId,
        score: row.score,
        prediction: row.prediction,
        startedAt: row.startedAt,
        submittedAt: row.submittedAt,
        row,
      }));
    const final = new Map<string, FinalStanding>();
    for (const ranked of rankParticipants(rankable(rows), options)) {
      final.set(ranked.attempt.participantId, {
        participantId: ranked.attempt.participantId,
        predictionError: ranked.predictionError,
        finalRank: ranked.rank,
        groupRank: ranked.rank,
        prize: null,
      });
    }
    for (const group of PARTICIPANT_GROUPS) {
      const ranked = rankParticipants(
        rankable(rows.filter((r) => r.participantGroup === group)),
        options,
      );
      for (const r of ranked) {
        const entry = final.get(r.attempt.participantId);
        if (entry) entry.groupRank = r.rank;
      }
      const quota = round.prizeQuotas[group];
      if (!quota) continue;
      for (const award of allocatePrizes(ranked, quota)) {
        const entry = final.get(award.row.attempt.participantId);
        if (entry) entry.prize = award.prize;
      }
    }
    await this.standings.writeFinal(round.id, [...final.values()], m);
    return trueValue;
  }

  /** Sets the prize quotas per group; on a closed round the prize list is recomputed at once. */
  async setPrizeQuotas(
    context: AuditContext,
    roundId: string,
    input: Record<string, unknown>,
  ): Promise<RoundEntity> {
    const quotas = parsePrizeQuotas(input);
    const updated = await this.dataSource.transaction(async (m) => {
      const round = await this.repo.findRoundForUpdate(roundId, m);
      if (!round) throw new RoundNotFoundError();
      const before = round.prizeQuotas;
      round.prizeQuotas = quotas;
      await this.repo.updateRound(round.id, { prizeQuotas: quotas }, m);
      if (isFinal(round)) await this.computeResults(round, m);
      await this.audit.record(
        context,
        {
          action: 'round.prize_quotas',
          entityType: 'round',
          entityId: round.id,
          before: { prizeQuotas: before },
          after: { prizeQuotas: quotas },
        },
        m,
      );
      return round;
    });
    // Recomputed prizes show on the leaderboard: watchers get them, requests read them again.
    if (isFinal(updated)) this.leaderboards.markChanged(updated.id);
    return updated;
  }

  async requireRound(roundId: string): Promise<RoundEntity> {
    const round = await this.repo.findRound(roundId);
    if (!round) throw new RoundNotFoundError();
    return round;
  }

  /** The organizer's ranking page, with personal data. */
  async ranking(
    roundId: string,
    group: ParticipantGroup | null,
    limit: number,
    offset: number,
  ): Promise<RankingView> {
    const round = await this.requireRound(roundId);
    const [rows, total] = await Promise.all([
      this.leaderboards.page(round, group, limit, offset),
      this.leaderboards.rankedCount(round.id, group),
    ]);
    return {
      roundId: round.id,
      status: round.status,
      group,
      provisional: !isFinal(round),
      trueValue: round.trueValue === null ? null : Number(round.trueValue),
      total,
      rows: rows.map((r) => toRankingRow(r.rank, r.standing)),
    };
  }

  /** The prize winners by group, tier and rank (empty until the round is closed). */
  async prizes(roundId: string): Promise<{ roundId: string; rows: RankingRow[] }> {
    const round = await this.requireRound(roundId);
    return { roundId: round.id, rows: await this.prizeRows(round) };
  }

  async prizeRows(round: RoundEntity): Promise<RankingRow[]> {
    if (!isFinal(round)) return [];
    const all = await this.standings.listAllWithPeople(round.id);
    return all
      .filter((s) => s.prize !== null)
      .sort(
        (a, b) =>
          PARTICIPANT_GROUPS.indexOf(a.participantGroup) -
            PARTICIPANT_GROUPS.indexOf(b.participantGroup) ||
          tierIndex(a.prize) - tierIndex(b.prize) ||
          (a.groupRank ?? 0) - (b.groupRank ?? 0) ||
          a.participantId.localeCompare(b.participantId),
      )
      .map((s) => toRankingRow(s.groupRank ?? 0, s));
  }

  /** A public (or participants-only) leaderboard, per the round's setting. */
  async leaderboard(
    roundId: string,
    group: ParticipantGroup | null,
    limit: number | undefined,
    token: string | undefined,
  ): Promise<LeaderboardView> {
    // The round and the session are independent reads: both asked at once.
    const signedIn = token ? this.participants.requireParticipant(token) : undefined;
    signedIn?.catch(() => undefined); // judged (or ignored) by leaderboardAccess
    const round = await this.requireRound(roundId);
    const participantId = await this.leaderboardAccess(round, token, signedIn);
    return this.leaderboards.view(
      round,
      group,
      Math.min(limit ?? LEADERBOARD_DEFAULT_LIMIT, LEADERBOARD_MAX_LIMIT),
      participantId,
    );
  }

  /**
   * Who may watch a leaderboard: nobody outside the organizers when hidden, participants of the
   * contest when participants-only, anyone when public. Returns the signed-in participant's id.
   * `signedIn`: the token's participant, when already being looked up.
   */
  async leaderboardAccess(
    round: RoundEntity,
    token: string | undefined,
    signedIn?: Promise<SignedInParticipant>,
  ): Promise<string | null> {
    if (round.status === 'draft') throw new RoundNotFoundError();
    if (round.leaderboardVisibility === 'hidden') throw new LeaderboardHiddenError();
    if (!token) {
      if (round.leaderboardVisibility === 'participants')
        throw new LeaderboardParticipantsOnlyError();
      return null;
    }
    try {
      const participant = await (signedIn ?? this.participants.requireParticipant(token));
      if (participant.contestId === round.contestId) return participant.id;
    } catch (error) {
      if (round.leaderboardVisibility === 'participants') throw error;
      return null;
    }
    if (round.leaderboardVisibility === 'participants')
      throw new LeaderboardParticipantsOnlyError();
    return null;
  }

  /** The public results page, once the organizers published them. */
  async publicResults(roundId: string): Promise<PublicResults> {
    const round = await this.requireRound(roundId);
    if (round.status !== 'results_published') throw new ResultsNotPublishedError();
    const contest = await this.repo.findContest(round.contestId);
    if (!contest) throw new ContestNotFoundError();
    const all = await this.standings.listAllWithPeople(round.id);
    const prizes: PublicResults['prizes'] = [];
    for (const group of PARTICIPANT_GROUPS) {
      for (const prize of PRIZE_TIERS) {
        const rows = all
          .filter((s) => s.participantGroup === group && s.prize === prize)
          .sort((a, b) => (a.groupRank ?? 0) - (b.groupRank ?? 0))
          .map((s) => toLeaderboardRow(s.groupRank ?? 0, s));
        if (rows.length > 0) prizes.push({ group, prize, rows });
      }
    }
    return {
      round: toRoundSummary(round),
      contestName: toContestView(contest).name,
      trueValue: round.trueValue === null ? null : Number(round.trueValue),
      participants: all.length,
      perfectCount: all.filter((s) => s.perfect).length,
      prizes,
    };
  }

  /** A participant's attempts in a round (their own round page). */
  async myAttempts(roundId: string, token: string | undefined) {
    const participant = await this.participants.requireParticipant(token);
    const round = await this.requireRound(roundId);
    if (round.contestId !== participant.contestId || round.status === 'draft')
      throw new RoundNotFoundError();
    const attempts = await this.repo.listParticipantAttempts(round.id, participant.id);
    return {
      attemptsAllowed: round.attemptsAllowed,
      items: attempts.map((a) => ({
        id: a.id,
        number: a.number,
        status: a.status,
        score: a.score,
        maxScore: a.maxScore,
        submittedAt: a.submittedAt?.toISOString() ?? null,
      })),
    };
  }

  /**
   * The correct answers, explanations and legal sources of a submitted attempt, when the round's
   * review policy allows it (never / after submission / after the round closes).
   */
  async review(attemptId: string, token: string | undefined): Promise<AttemptReview> {
    const participant = await this.participants.requireParticipant(token);
    const attempt = await this.repo.findParticipantAttempt(attemptId, participant.id);
    if (!attempt) throw new AttemptNotFoundError();
    if (attempt.status === 'in_progress' || attempt.score === null)
      throw new AttemptNotSubmittedError();
    const round = await this.requireRound(attempt.roundId);
    switch (round.reviewPolicy) {
      case 'never':
        throw new ReviewNotAllowedError('Ban tổ chức không công bố đáp án của vòng thi này.');
      case 'after_close':
        if (round.status !== 'closed' && round.status !== 'results_published')
          throw new ReviewNotAllowedError('Đáp án sẽ được công bố sau khi vòng thi kết thúc.');
        break;
      case 'after_submit':
        break;
    }
    const [contents, answers] = await Promise.all([
      this.versions.findVersionContents(attempt.items),
      this.repo.listAnswers(attempt.id),
    ]);
    const byKey = new Map(contents.map((c) => [`${c.questionId}@${c.version}`, c]));
    const chosenAt = new Map(answers.map((a) => [a.position, a.chosen]));
    const questions: ReviewedQuestion[] = attempt.items.map((item, position) => {
      const c = byKey.get(`${item.questionId}@${item.version}`);
      if (!c) throw new Error(`Missing version ${item.version} of question ${item.questionId}`);
      const chosen = chosenAt.get(position) ?? [];
      const toDisplay = (original: number) => mapOriginalToChoice(item.optionOrder, original);
      const scored = {
        questionId: item.questionId,
        type: c.content.type,
        difficulty: c.content.difficulty,
        correct: c.content.correct,
      };
      const source = c.content.source;
      return {
        position,
        topic: c.topicName,
        type: c.content.type,
        text: c.content.text,
        options: item.optionOrder.map((original) => c.content.options[original]),
        image: c.content.image ?? null,
        chosen: chosen.map(toDisplay).sort((a, b) => a - b),
        correct: c.content.correct.map(toDisplay).sort((a, b) => a - b),
        isCorrect: chosen.length > 0 && isCorrectChoice(chosen, c.content.correct),
        points: scoreQuestion(scored, chosen, round.scoring),
        maxPoints: questionPoints(c.content.difficulty, round.scoring.points),
        explanation: c.content.explanation || null,
        legalSource: source.document
          ? [source.article, source.document].filter(Boolean).join(', ')
          : null,
      };
    });
    return {
      attemptId: attempt.id,
      roundId: attempt.roundId,
      score: attempt.score,
      maxScore: attempt.maxScore ?? 0,
      questions,
    };
  }
}

function tierIndex(prize: PrizeTierName | null): number {
  return prize === null ? PRIZE_TIERS.length : PRIZE_TIERS.indexOf(prize);
}

/** `{ civil_servant: { first: 1, second: 2, third: 3, consolation: 5 }, … }`, checked. */
export function parsePrizeQuotas(input: Record<string, unknown>): PrizeQuotas {
  const problems: { field: string; message: string }[] = [];
  const quotas: PrizeQuotas = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const group = PARTICIPANT_GROUPS.find((g) => g === key);
    if (!group) {
      problems.push({ field: key, message: `Đối tượng "${key}" không hợp lệ.` });
      continue;
    }
    if (typeof value !== 'object' || value === null) {
      problems.push({ field: key, message: 'Số lượng giải phải là một bảng số.' });
      continue;
    }
    const map = value as Record<string, unknown>;
    const quota: PrizeQuota = { first: 0, second: 0, third: 0, consolation: 0 };
    for (const tier of PRIZE_TIERS) {
      const n = map[tier] ?? 0;
      if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n > MAX_PRIZES_PER_TIER) {
        problems.push({
          field: `${key}.${tier}`,
          message: `${PRIZE_TIER_LABELS[tier]}: số lượng phải là số nguyên từ 0 đến ${MAX_PRIZES_PER_TIER}.`,
        });
      } else quota[tier] = n;
    }
    quotas[group] = quota;
  }
  if (problems.length > 0) throw new InvalidPrizeQuotasError(problems);
  return quotas;
}
