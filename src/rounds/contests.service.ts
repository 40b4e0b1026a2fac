import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { Clock, CLOCK } from '../common/clock/clock';
import {
  ContestView,
  PARTICIPANT_GROUP_LABELS,
  PARTICIPANT_GROUPS,
  ParticipantGroup,
  PublicContest,
  RoundSummary,
  RoundView,
} from '../shared/rounds';
import {
  Blueprint,
  BlueprintProblem,
  InvalidBlueprintError,
  validateBlueprint,
} from './domain/blueprint';
import { RoundAction, canChangeRules, nextRoundStatus } from './domain/deadline';
import { DEFAULT_TIE_BREAK_CHAIN, validateTieBreakChain } from './domain/ranking';
import type { GroupDraw } from '../shared/round-rules';
import { DEFAULT_SCORING, ScoringPolicy, validateScoringPolicy } from './domain/scoring';
import {
  CreateContestDto,
  BlueprintCellDto,
  CreateRoundDto,
  GroupDrawsDto,
  UpdateContestDto,
  UpdateRoundDto,
} from './dto/rounds.dto';
import { RoundEntity } from './entities/round.entity';
import { ResultsService } from './results.service';
import { toContestView, toRoundSummary, toRoundView } from './round-views';
import {
  BankNotFoundForRoundError,
  ContestNotFoundError,
  InvalidRoundError,
  RoundNotDraftError,
  RoundNotFoundError,
  RoundTransitionError,
  RulesLockedError,
} from './rounds.errors';
import { RoundsRepository } from './rounds.repository';

/** Organizers: contests, rounds and the round lifecycle. Every change is audited in its transaction. */
@Injectable()
export class ContestsService {
  constructor(
    private readonly repo: RoundsRepository,
    private readonly audit: AuditService,
    private readonly results: ResultsService,
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

  async getRound(id: string): Promise<RoundView> {
    const round = await this.repo.findRound(id);
    if (!round) throw new RoundNotFoundError();
    return toRoundView(round);
  }

  async listRounds(contestId: string): Promise<RoundView[]> {
    if (!(await this.repo.findContest(contestId))) throw new ContestNotFoundError();
    return (await this.repo.listRoundsByOpening(contestId)).map(toRoundView);
  }

  async updateContest(
    context: AuditContext,
    id: string,
    input: UpdateContestDto,
  ): Promise<ContestView> {
    return this.dataSource.transaction(async (m) => {
      const contest = await this.repo.findContestForUpdate(id, m);
      if (!contest) throw new ContestNotFoundError();
      const before = toContestView(contest);
      if (input.name !== undefined) contest.name = input.name.trim();
      if (input.description !== undefined) contest.description = input.description.trim();
      if (input.requiresCccd !== undefined) contest.requiresCccd = input.requiresCccd;
      await this.repo.updateContest(
        contest.id,
        {
          name: contest.name,
          description: contest.description,
          requiresCccd: contest.requiresCccd,
        },
        m,
      );
      const after = toContestView(contest);
      await this.audit.record(
        context,
        {
          action: 'contest.updated',
          entityType: 'contest',
          entityId: id,
          before: { ...before },
          after: { ...after },
        },
        m,
      );
      return after;
    });
  }

  /**
   * Deletes a contest with its rounds, participants and attempts (the sample contest, or a
   * contest created by mistake). The audit log keeps who did it and the contest's name.
   */
  async deleteContest(context: AuditContext, id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const contest = await this.repo.findContestForUpdate(id, m);
      if (!contest) throw new ContestNotFoundError();
      const counts = await this.repo.countContestContents(id, m);
      await this.repo.deleteContest(id, m);
      await this.audit.record(
        context,
        {
          action: 'contest.deleted',
          entityType: 'contest',
          entityId: id,
          before: { name: contest.name, isSample: contest.isSample, ...counts },
        },
        m,
      );
    });
  }

  /**
   * A new round in draft. The blueprint is checked against the bank's published questions for
   * every eligible participant group, so each group can always be served a full draw.
   */
  async createRound(
    context: AuditContext,
    contestId: string,
    input: CreateRoundDto,
  ): Promise<RoundView> {
    if (!(await this.repo.findContest(contestId))) throw new ContestNotFoundError();
    const settings = await this.resolveSettings(input, null);
    return this.dataSource.transaction(async (m) => {
      const round = await this.repo.insertRound(
        { contestId, status: 'draft', ...settings, prizeQuotas: {} },
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

  /**
   * Changes a round's settings. Rules that decide fairness (bank, blueprint, time limit,
   * attempts, scoring, counting, prediction, tie-break, groups) are locked once anyone has
   * started an attempt; the name, the closing time (extended) and display settings are not.
   */
  async updateRound(
    context: AuditContext,
    roundId: string,
    input: UpdateRoundDto,
  ): Promise<RoundView> {
    return this.dataSource.transaction(async (m) => {
      const round = await this.repo.findRoundForUpdate(roundId, m);
      if (!round) throw new RoundNotFoundError();
      const changesRules = FAIRNESS_FIELDS.some((f) => input[f] !== undefined);
      if (changesRules || input.opensAt !== undefined) {
        const permission = canChangeRules(
          round.status,
          await this.repo.countAttemptsOfRound(round.id, m),
        );
        if (!permission.ok) throw new RulesLockedError(permission.reason);
      }
      if (round.status === 'closed' || round.status === 'results_published')
        throw new RulesLockedError('Vòng thi đã đóng: không thể thay đổi thể lệ.');
      const before = toRoundView(round);
      const settings = await this.resolveSettings(input, round, m);
      await this.repo.updateRound(round.id, settings, m);
      const after = toRoundView(Object.assign(round, settings));
      await this.audit.record(
        context,
        {
          action: 'round.updated',
          entityType: 'round',
          entityId: round.id,
          before: { ...before },
          after: { ...after },
        },
        m,
      );
      return after;
    });
  }

  /** Only a draft round can be deleted: a published one may have participants' attempts. */
  async deleteRound(context: AuditContext, roundId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const round = await this.repo.findRoundForUpdate(roundId, m);
      if (!round) throw new RoundNotFoundError();
      if (round.status !== 'draft') throw new RoundNotDraftError();
      await this.repo.deleteRound(round.id, m);
      await this.audit.record(
        context,
        {
          action: 'round.deleted',
          entityType: 'round',
          entityId: round.id,
          before: { name: round.name },
        },
        m,
      );
    });
  }

  /** The settings of a new round (base null: defaults) or a changed one, checked. */
  private async resolveSettings(
    input: UpdateRoundDto,
    base: RoundEntity | null,
    manager?: EntityManager,
  ): Promise<RoundSettings> {
    const problems: { field: string; message: string }[] = [];
    const bankId = input.bankId ?? base?.bankId;
    if (bankId === undefined || !(await this.repo.bankExists(bankId, manager)))
      throw new BankNotFoundForRoundError();
    const opensAt = input.opensAt !== undefined ? new Date(input.opensAt) : base?.opensAt;
    const closesAt = input.closesAt !== undefined ? new Date(input.closesAt) : base?.closesAt;
    const name = input.name?.trim() ?? base?.name;
    const timeLimitSeconds = input.timeLimitSeconds ?? base?.timeLimitSeconds;
    const blueprintInput = input.blueprint ?? base?.blueprint;
    if (!opensAt) problems.push({ field: 'opensAt', message: 'Vui lòng nhập giờ mở vòng thi.' });
    if (!closesAt)
      problems.push({ field: 'closesAt', message: 'Vui lòng nhập giờ đóng vòng thi.' });
    if (!name) problems.push({ field: 'name', message: 'Vui lòng nhập tên vòng thi.' });
    if (!timeLimitSeconds)
      problems.push({ field: 'timeLimitSeconds', message: 'Vui lòng nhập thời gian làm bài.' });
    if (!blueprintInput)
      problems.push({ field: 'blueprint', message: 'Vui lòng nhập cấu trúc đề thi.' });
    if (opensAt && closesAt && closesAt.getTime() <= opensAt.getTime())
      problems.push({ field: 'closesAt', message: 'Giờ đóng vòng thi phải sau giờ mở.' });
    const scoring =
      input.scoring !== undefined
        ? parseScoring(input.scoring)
        : (base?.scoring ?? DEFAULT_SCORING);
    if (typeof scoring === 'string') problems.push({ field: 'scoring', message: scoring });
    const tieBreakChain = input.tieBreakChain ??
      base?.tieBreakChain ?? [...DEFAULT_TIE_BREAK_CHAIN];
    for (const message of validateTieBreakChain(tieBreakChain))
      problems.push({ field: 'tieBreakChain', message });
    if (
      problems.length > 0 ||
      !opensAt ||
      !closesAt ||
      !name ||
      !timeLimitSeconds ||
      !blueprintInput ||
      typeof scoring === 'string'
    )
      throw new InvalidRoundError(problems);

    const blueprint = toBlueprint(blueprintInput);
    const eligibleGroups = input.eligibleGroups ?? base?.eligibleGroups ?? [...PARTICIPANT_GROUPS];
    const groupDraws =
      input.groupDraws !== undefined ? toGroupDraws(input.groupDraws) : (base?.groupDraws ?? {});
    if (
      input.blueprint !== undefined ||
      input.bankId !== undefined ||
      input.eligibleGroups !== undefined ||
      input.groupDraws !== undefined ||
      !base
    ) {
      const drawProblems: BlueprintProblem[] = [];
      const ownGroups = eligibleGroups.filter((g) => !groupDraws[g]);
      if (ownGroups.length > 0) {
        const pool = await this.repo.findPublishedPool(bankId, manager);
        drawProblems.push(...blueprintProblemsPerGroup(blueprint, pool, ownGroups));
      }
      for (const group of eligibleGroups) {
        const draw = groupDraws[group];
        if (!draw) continue;
        if (!(await this.repo.bankExists(draw.bankId, manager)))
          throw new BankNotFoundForRoundError();
        const pool = await this.repo.findPublishedPool(draw.bankId, manager);
        drawProblems.push(...blueprintProblemsPerGroup(draw.blueprint, pool, [group]));
      }
      if (drawProblems.length > 0) throw new InvalidBlueprintError(drawProblems);
    }
    return {
      name,
      opensAt,
      closesAt,
      timeLimitSeconds,
      attemptsAllowed: input.attemptsAllowed ?? base?.attemptsAllowed ?? 1,
      countedPolicy: input.countedPolicy ?? base?.countedPolicy ?? 'best',
      bankId,
      blueprint,
      shuffleQuestions: input.shuffleQuestions ?? base?.shuffleQuestions ?? true,
      shuffleOptions: input.shuffleOptions ?? base?.shuffleOptions ?? true,
      scoring,
      predictionKind: input.predictionKind ?? base?.predictionKind ?? 'perfect_count',
      graceMs: input.graceMs ?? base?.graceMs ?? 2000,
      reviewPolicy: input.reviewPolicy ?? base?.reviewPolicy ?? 'after_close',
      leaderboardVisibility: input.leaderboardVisibility ?? base?.leaderboardVisibility ?? 'public',
      eligibleGroups,
      tieBreakChain,
      groupDraws,
    };
  }

  /**
   * One lifecycle step (publish, open, close, publish results), decided by the pure rules with
   * the server clock. Closing computes the results (see ResultsService.close).
   */
  async transition(
    context: AuditContext,
    roundId: string,
    action: RoundAction,
  ): Promise<RoundView> {
    if (action === 'close') return toRoundView(await this.results.close(context, roundId));
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
      const changes: Partial<RoundEntity> = { status: next.status };
      if (action === 'publish_results') changes.resultsPublishedAt = this.clock.now();
      await this.repo.updateRound(round.id, changes, m);
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
      return toRoundView(Object.assign(round, changes));
    });
  }
}

/** The settings that decide fairness: locked once anyone has started an attempt. */
const FAIRNESS_FIELDS = [
  'bankId',
  'blueprint',
  'timeLimitSeconds',
  'attemptsAllowed',
  'countedPolicy',
  'shuffleQuestions',
  'shuffleOptions',
  'scoring',
  'predictionKind',
  'graceMs',
  'eligibleGroups',
  'tieBreakChain',
  'groupDraws',
] as const satisfies readonly (keyof UpdateRoundDto)[];

type RoundSettings = Pick<
  RoundEntity,
  | 'name'
  | 'opensAt'
  | 'closesAt'
  | 'timeLimitSeconds'
  | 'attemptsAllowed'
  | 'countedPolicy'
  | 'bankId'
  | 'blueprint'
  | 'shuffleQuestions'
  | 'shuffleOptions'
  | 'scoring'
  | 'predictionKind'
  | 'graceMs'
  | 'reviewPolicy'
  | 'leaderboardVisibility'
  | 'eligibleGroups'
  | 'tieBreakChain'
  | 'groupDraws'
>;

/** The organizer's per-group draws, trimmed like the round's own blueprint. */
function toGroupDraws(input: GroupDrawsDto): Partial<Record<ParticipantGroup, GroupDraw>> {
  const draws: Partial<Record<ParticipantGroup, GroupDraw>> = {};
  for (const group of PARTICIPANT_GROUPS) {
    const draw = input[group];
    if (draw) draws[group] = { bankId: draw.bankId, blueprint: toBlueprint(draw.blueprint) };
  }
  return draws;
}

function toBlueprint(cells: readonly BlueprintCellDto[]): Blueprint {
  return cells.map((c) => ({
    topicCode: c.topicCode.trim(),
    ...(c.difficulty !== undefined ? { difficulty: c.difficulty } : {}),
    count: c.count,
  }));
}

/** Problems of the blueprint for each participant group, each prefixed with the group's name. */
function blueprintProblemsPerGroup(
  blueprint: Blueprint,
  pool: Parameters<typeof validateBlueprint>[1],
  groups: readonly ParticipantGroup[],
): BlueprintProblem[] {
  const seen = new Set<string>();
  const problems: BlueprintProblem[] = [];
  for (const group of groups) {
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
