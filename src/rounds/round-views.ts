import type { ContestView, RoundSummary, RoundView } from '../shared/rounds';
import { blueprintSize } from './domain/blueprint';
import type { ContestEntity } from './entities/contest.entity';
import type { RoundEntity } from './entities/round.entity';

/** Entities → API views of contests and rounds (never the bank's content). */
export function toContestView(c: ContestEntity): ContestView {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    requiresCccd: c.requiresCccd,
    isSample: c.isSample,
    personalDataPurgedAt: c.personalDataPurgedAt?.toISOString() ?? null,
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
    countedPolicy: r.countedPolicy,
    questionCount: blueprintSize(r.blueprint),
    questionCounts: Object.fromEntries(
      r.eligibleGroups.map((g) => [g, blueprintSize(r.groupDraws[g]?.blueprint ?? r.blueprint)]),
    ),
    predictionKind: r.predictionKind,
    reviewPolicy: r.reviewPolicy,
    leaderboardVisibility: r.leaderboardVisibility,
    eligibleGroups: r.eligibleGroups,
    resultsPublishedAt: r.resultsPublishedAt?.toISOString() ?? null,
  };
}

export function toRoundView(r: RoundEntity): RoundView {
  return {
    ...toRoundSummary(r),
    groupDraws: r.groupDraws,
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
