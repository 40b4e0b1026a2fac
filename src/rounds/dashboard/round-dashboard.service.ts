import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '../../common/clock/clock';
import type { RoundDashboard } from '../../shared/dashboard';
import { PARTICIPANT_GROUPS } from '../../shared/rounds';
import { treeOrder } from '../../units/unit-tree';
import { UnitsRepository } from '../../units/units.repository';
import { RoundNotFoundError } from '../rounds.errors';
import { InvalidUnitRankError } from '../../units/units.errors';
import {
  DURATION_BUCKETS,
  durationHistogram,
  parseUnitRank,
  roundMaxScore,
  scoreBucketSpec,
  scoreHistogram,
  scoreHistogramKind,
  unitDashboard,
} from './dashboard';
import { participationWorkbook } from './participation-xlsx';
import { RoundDashboardRepository } from './round-dashboard.repository';

/** The organizers' live view of a round: attempts, scores, groups and participation by unit. */
@Injectable()
export class RoundDashboardService {
  constructor(
    private readonly repo: RoundDashboardRepository,
    private readonly units: UnitsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async dashboard(roundId: string, unitRank?: string): Promise<RoundDashboard> {
    const rankBy = parseUnitRank(unitRank);
    if ('error' in rankBy) throw new InvalidUnitRankError(rankBy.error);
    return this.repo.inSnapshot(async (m) => {
      const round = await this.repo.findRound(roundId, m);
      if (!round) throw new RoundNotFoundError();
      const attempts = await this.repo.countAttempts(round.id, m);
      const groups = await this.repo.countByGroup(round.id, round.contestId, m);
      const maxScore = roundMaxScore(round.scoring, round.blueprint, attempts.maxScoreSeen);
      const kind = scoreHistogramKind(round.scoring, maxScore);
      const spec = scoreBucketSpec(kind, maxScore);
      const scoreCounts = spec ? await this.repo.scoreBuckets(round.id, spec, m) : new Map();
      const durationCounts = await this.repo.durationBuckets(
        round.id,
        round.timeLimitSeconds * 1000,
        DURATION_BUCKETS,
        m,
      );
      const units = treeOrder(await this.units.listByContest(round.contestId, m));
      const perUnit = await this.repo.countByUnitAndScore(round.id, m);
      const byUnit = unitDashboard(units, perUnit, rankBy);

      const sum = (pick: (g: (typeof groups)[number]) => number) =>
        groups.reduce((total, g) => total + pick(g), 0);
      const submitted = sum((g) => g.submitted);
      const scoreSum = sum((g) => g.scoreSum);
      return {
        roundId: round.id,
        roundName: round.name,
        contestId: round.contestId,
        status: round.status,
        opensAt: round.opensAt.toISOString(),
        closesAt: round.closesAt.toISOString(),
        timeLimitSeconds: round.timeLimitSeconds,
        generatedAt: this.clock.now().toISOString(),
        attempts: {
          started: attempts.started,
          inProgress: attempts.inProgress,
          submitted: attempts.submitted,
          autoSubmitted: attempts.autoSubmitted,
        },
        participants: {
          registered: sum((g) => g.registered),
          started: attempts.participants,
          submitted,
          perfect: sum((g) => g.perfect),
        },
        averageScore: submitted === 0 ? null : round2(scoreSum / submitted),
        scores: scoreHistogram(kind, maxScore, scoreCounts),
        durations: durationHistogram(round.timeLimitSeconds, durationCounts),
        // Every group, also one nobody registered in yet.
        groups: PARTICIPANT_GROUPS.map((group) => {
          const g = groups.find((row) => row.group === group);
          return {
            group,
            registered: g?.registered ?? 0,
            started: g?.started ?? 0,
            submitted: g?.submitted ?? 0,
            averageScore: g && g.submitted > 0 ? round2(g.scoreSum / g.submitted) : null,
          };
        }),
        units: {
          enabled: units.length > 0,
          rankBy,
          rows: byUnit.rows,
          ranking: byUnit.ranking,
          blockRanking: byUnit.blockRanking,
          total: byUnit.total,
          withoutUnit: byUnit.withoutUnit,
        },
      };
    });
  }

  /** `participation.xlsx`: participation by unit and the collective ranking. */
  async participationExport(
    roundId: string,
    unitRank?: string,
  ): Promise<{ filename: string; asciiFilename: string; buffer: Buffer }> {
    const dashboard = await this.dashboard(roundId, unitRank);
    const contestName = await this.repo.inSnapshot((m) =>
      this.repo.findContestName(dashboard.contestId, m),
    );
    return participationWorkbook(dashboard, contestName);
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
