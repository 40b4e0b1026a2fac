import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { Clock, CLOCK } from '../common/clock/clock';
import {
  ContestView,
  PARTICIPANT_GROUP_LABELS,
  PARTICIPANT_GROUPS,
  PublicContest,
  RoundSummary,
  RoundView,
} from '../shared/rounds';
import {
  Blueprint,
  BlueprintProblem,
  InvalidBlueprintError,
  blueprintSize,
  validateBlueprint,
} from './domain/blueprint';
import { RoundAction, nextRoundStatus } from './domain/deadline';
import { DEFAULT_SCORING, ScoringPolicy, validateScoringPolicy } from './domain/scoring';
import { CreateContestDto, CreateRoundDto } from './dto/rounds.dto';
import { ContestEntity } from './entities/contest.entity';
import { RoundEntity } from './entities/round.entity';
import {
  BankNotFoundForRoundError,
  ContestNotFoundError,
  InvalidRoundError,
  RoundNotFoundError,
  RoundTransitionError,
} from './rounds.errors';
import { RoundsRepository } from './rounds.repository';

/** Organizers: contests, rounds and the round lifecycle. Every change is audited in its transaction. */
@Injectable()
export class ContestsService {
  constructor(
    private readonly repo: RoundsRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  createContest(context: AuditContext, input: CreateContestDto): Promise<ContestView> {
    return this.dataSource.transaction(async (m) => {
      const contest = await this.repo.insertContest(
        {
          name: input.name.trim(),
          description: input.description?.trim() ?? '',
          requiresCccd: input.requiresCccd ?? false,
        },
        m,
      );
      await this.audit.record(
        context,
        {
          action: 'contest.created',
          entityType: 'contest',
          entityId: contest.id,
          after: { name: contest.name, requiresCccd: contest.requiresCccd },
        },
        m,
      );
      return toContestView(contest);
    });
  }

  async listContests(): Promise<ContestView[]> {
    return (await this.repo.listContestsNewestFirst()).map(toContestView);
  }

  async listPublicContests(): Promise<PublicContest[]> {
    const contests = await this.repo.listContestsNewestFirst();
    const result: PublicContest[] = [];
    for (const contest of contests) {
      const rounds = (await this.repo.listRoundsByOpening(contest.id)).filter(
        (r) => r.status !== 'draft',
      );
      if (rounds.length > 0)
        result.push({ ...toContestView(contest), rounds: rounds.map(toRoundSummary) });
    }
    return result;
  }

  /** What anyone may see of a contest: its registration fields and its non-draft rounds. */
  async publicContest(id: string): Promise<ContestView & { rounds: RoundSummary[] }> {
    const contest = await this.repo.findContest(id);
    if (!contest) throw new ContestNotFoundError();
    const rounds = await this.repo.listRoundsByOpening(id);
    return {
      ...toContestView(contest),
      rounds: rounds.filter((r) => r.status !== 'draft').map(toRoundSummary),
    };
  }

  async listRounds(contestId: string): Promise<RoundView[]> {
    if (!(await this.repo.findContest(contestId))) throw new ContestNotFoundError();
    return (await this.repo.listRoundsByOpening(contestId)).map(toRoundView);
  }

  /**
   * A new round in draft. The blueprint is checked against the bank's published questions for
   * every participant group, so each group can always be served a full draw.
   */
  async createRound(
    context: AuditContext,
    contestId: string,
    input: CreateRoundDto,
  ): Promise<RoundView> {
    if (!(await this.repo.findContest(contestId))) throw new ContestNotFoundError();
    if (!(await this.repo.bankExists(input.bankId))) throw new BankNotFoundForRoundError();
    const opensAt = new Date(input.opensAt);
    const closesAt = new Date(input.closesAt);
    const problems: { field: string; message: string }[] = [];
    if (closesAt.getTime() <= opensAt.getTime())
      problems.push({ field: 'closesAt', message: 'Giờ đóng vòng thi phải sau giờ mở.' });
    const scoring = parseScoring(input.scoring);
    if (typeof scoring === 'string') problems.push({ field: 'scoring', message: scoring });
    if (problems.length > 0) throw new InvalidRoundError(problems);

    const blueprint: Blueprint = input.blueprint.map((c) => ({
      topicCode: c.topicCode.trim(),
      ...(c.difficulty !== undefined ? { difficulty: c.difficulty } : {}),
      count: c.count,
    }));
    const pool = await this.repo.findPublishedPool(input.bankId);
    const blueprintProblems = blueprintProblemsPerGroup(blueprint, pool);
    if (blueprintProblems.length > 0) throw new InvalidBlueprintError(blueprintProblems);

    return this.dataSource.transaction(async (m) => {
      const round = await this.repo.insertRound(
        {
          contestId,
          name: input.name.trim(),
          status: 'draft',
          opensAt,
          closesAt,
          timeLimitSeconds: input.timeLimitSeconds,
          attemptsAllowed: input.attemptsAllowed ?? 1,
          countedPolicy: input.countedPolicy ?? 'best',
          bankId: input.bankId,
          blueprint,
          shuffleQuestions: input.shuffleQuestions ?? true,
          shuffleOptions: input.shuffleOptions ?? true,
          scoring: scoring as ScoringPolicy,
          predictionKind: input.predictionKind ?? 'perfect_count',
          graceMs: input.graceMs ?? 2000,
        },
        m,
      );
      const view = toRoundView(round);
      await this.audit.record(
        context,
        {
          action: 'round.created',
          entityType: 'round',
          entityId: round.id,
          after: { ...view },
        },
        m,
      );
      return view;
    });
  }

  /** One lifecycle step (publish, open, close), decided by the pure rules with the server clock. */
  transition(context: AuditContext, roundId: string, action: RoundAction): Promise<RoundView> {
    return this.dataSource.transaction(async (m) => {
      const round = await this.repo.findRoundForUpdate(roundId, m);
      if (!round) throw new RoundNotFoundError();
      const next = nextRoundStatus(round.status, action, this.clock.now(), {
        opensAt: round.opensAt,
        closesAt: round.closesAt,
        graceMs: round.graceMs,
      });
      if (!next.ok) throw new RoundTransitionError(next.reason);
      const before = round.status;
      await this.repo.updateRoundStatus(round.id, next.status, m);
      await this.audit.record(
        context,
        {
          action: `round.${action}`,
          entityType: 'round',
          entityId: round.id,
          before: { status: before },
          after: { status: next.status },
        },
        m,
      );
      round.status = next.status;
      return toRoundView(round);
    });
  }
}

/** Problems of the blueprint for each participant group, each prefixed with the group's name. */
function blueprintProblemsPerGroup(
  blueprint: Blueprint,
  pool: Parameters<typeof validateBlueprint>[1],
): BlueprintProblem[] {
  const seen = new Set<string>();
  const problems: BlueprintProblem[] = [];
  for (const group of PARTICIPANT_GROUPS) {
    for (const p of validateBlueprint(blueprint, pool, group)) {
      // Shape problems (empty, duplicate cells) are the same for every group: report them once.
      const key = p.message;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push({
        ...p,
        message: `Đối tượng "${PARTICIPANT_GROUP_LABELS[group]}": ${p.message}`,
      });
    }
  }
  return problems;
}

/** The organizer's scoring object checked for shape and values; a Vietnamese problem otherwise. */
function parseScoring(input: Record<string, unknown> | undefined): ScoringPolicy | string {
  if (input === undefined) return DEFAULT_SCORING;
  const invalid = 'Cách tính điểm không hợp lệ.';
  const points = input.points;
  const partialCredit = input.partialCredit ?? false;
  if (typeof partialCredit !== 'boolean' || typeof points !== 'object' || points === null)
    return invalid;
  const kind = (points as { kind?: unknown }).kind;
  const value = (points as { points?: unknown }).points;
  let policy: ScoringPolicy;
  if (kind === 'equal' && typeof value === 'number') {
    policy = { points: { kind: 'equal', points: value }, partialCredit };
  } else if (kind === 'by_difficulty' && typeof value === 'object' && value !== null) {
    const map = value as Record<string, unknown>;
    const at = (k: string): number => {
      const v = map[k];
      return typeof v === 'number' ? v : Number.NaN;
    };
    policy = {
      points: {
        kind: 'by_difficulty',
        points: { easy: at('easy'), medium: at('medium'), hard: at('hard') },
      },
      partialCredit,
    };
  } else return invalid;
  const problems = validateScoringPolicy(policy);
  return problems.length > 0 ? problems.join(' ') : policy;
}

export function toContestView(c: ContestEntity): ContestView {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    requiresCccd: c.requiresCccd,
    isSample: c.isSample,
    createdAt: c.createdAt.toISOString(),
  };
}

export function toRoundSummary(r: RoundEntity): RoundSummary {
  return {
    id: r.id,
    contestId: r.contestId,
    name: r.name,
    status: r.status,
    opensAt: r.opensAt.toISOString(),
    closesAt: r.closesAt.toISOString(),
    timeLimitSeconds: r.timeLimitSeconds,
    attemptsAllowed: r.attemptsAllowed,
    questionCount: blueprintSize(r.blueprint),
    predictionKind: r.predictionKind,
    reviewPolicy: r.reviewPolicy,
    leaderboardVisibility: r.leaderboardVisibility,
    eligibleGroups: r.eligibleGroups,
    resultsPublishedAt: r.resultsPublishedAt?.toISOString() ?? null,
  };
}

function toRoundView(r: RoundEntity): RoundView {
  return {
    ...toRoundSummary(r),
    countedPolicy: r.countedPolicy,
    bankId: r.bankId,
    blueprint: r.blueprint,
    shuffleQuestions: r.shuffleQuestions,
    shuffleOptions: r.shuffleOptions,
    scoring: r.scoring,
    graceMs: r.graceMs,
    trueValue: r.trueValue === null ? null : Number(r.trueValue),
    tieBreakChain: r.tieBreakChain,
    prizeQuotas: r.prizeQuotas,
    closedAt: r.closedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}
