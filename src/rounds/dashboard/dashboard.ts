/**
 * Shaping the round dashboard from SQL aggregates, pure: histogram buckets, the round's maximum
 * score, the collective ranking option, and participation per unit through the participation
 * module (participationByUnit, rankUnits), which stays the one place those rules live.
 */
import type {
  DurationHistogram,
  ScoreHistogram,
  UnitDashboardRow,
  UnitTotals,
} from '../../shared/dashboard';
import { DEFAULT_UNIT_RANK, UNIT_RANK_LABELS } from '../../shared/dashboard';
import type { UnitKind } from '../../shared/units';
import { blueprintSize, type Blueprint } from '../domain/blueprint';
import {
  participationByUnit,
  rankUnits,
  UNIT_RANK_KEYS,
  type ParticipantRecord,
  type UnitRankKey,
} from '../domain/participation';
import type { ScoringPolicy } from '../domain/scoring';
import type { UnitRankKey as SharedUnitRankKey } from '../../shared/dashboard';

/** The shared copy of the ranking keys must stay the domain's (a compile error otherwise). */
export const SHARED_RANK_KEYS_AGREE: [UnitRankKey, SharedUnitRankKey] extends [
  SharedUnitRankKey,
  UnitRankKey,
]
  ? true
  : never = true;

/** Score histograms get one bucket per point up to this maximum, ranges above it. */
export const MAX_POINT_BUCKETS = 30;
export const RANGE_BUCKETS = 10;
export const DURATION_BUCKETS = 10;

/** `?unitRank=rate,averageScore` → the keys; a Vietnamese message for anything else. */
export function parseUnitRank(value: string | undefined): UnitRankKey[] | { error: string } {
  if (value === undefined || value.trim() === '') return [...DEFAULT_UNIT_RANK];
  const keys = value.split(',').map((k) => k.trim());
  const known = new Set<string>(UNIT_RANK_KEYS);
  const wrong = keys.filter((k) => !known.has(k));
  const allowed = UNIT_RANK_KEYS.map((k) => `${k} (${UNIT_RANK_LABELS[k]})`).join(', ');
  if (wrong.length > 0)
    return { error: `Tiêu chí xếp hạng không hợp lệ: ${wrong.join(', ')}. Dùng: ${allowed}.` };
  if (new Set(keys).size !== keys.length)
    return { error: 'Mỗi tiêu chí xếp hạng chỉ được ghi một lần.' };
  return keys as UnitRankKey[];
}

/**
 * The round's maximum score: from its scoring policy and blueprint when they decide it (equal
 * points, or points by difficulty with every cell's difficulty fixed), else the largest
 * maximum seen on a graded attempt; null when neither is known yet.
 */
export function roundMaxScore(
  scoring: ScoringPolicy,
  blueprint: Blueprint,
  observed: number | null,
): number | null {
  const points = scoring.points;
  switch (points.kind) {
    case 'equal':
      return round2(points.points * blueprintSize(blueprint));
    case 'by_difficulty': {
      let total = 0;
      for (const cell of blueprint) {
        if (cell.difficulty === undefined) return observed;
        total += points.points[cell.difficulty] * cell.count;
      }
      return round2(total);
    }
  }
}

/** One bucket per point when every score is a whole number of at most MAX_POINT_BUCKETS. */
export function scoreHistogramKind(
  scoring: ScoringPolicy,
  maxScore: number | null,
): ScoreHistogram['kind'] {
  const values =
    scoring.points.kind === 'equal'
      ? [scoring.points.points]
      : Object.values(scoring.points.points);
  const whole = values.every((v) => Number.isInteger(v)) && !scoring.partialCredit;
  return maxScore !== null && whole && Number.isInteger(maxScore) && maxScore <= MAX_POINT_BUCKETS
    ? 'points'
    : 'ranges';
}

/**
 * The width_bucket(score, low, high, count) arguments of the SQL side for a histogram, and the
 * buckets they give (1-based, clamped into 1..count). Null without a known maximum.
 */
export function scoreBucketSpec(
  kind: ScoreHistogram['kind'],
  maxScore: number | null,
): { low: number; high: number; count: number } | null {
  if (maxScore === null || maxScore <= 0) return null;
  return kind === 'points'
    ? { low: 0, high: maxScore + 1, count: maxScore + 1 }
    : { low: 0, high: maxScore, count: RANGE_BUCKETS };
}

/** Every bucket of the histogram, empty ones included, from the SQL counts per bucket number. */
export function scoreHistogram(
  kind: ScoreHistogram['kind'],
  maxScore: number | null,
  counts: ReadonlyMap<number, number>,
): ScoreHistogram {
  const spec = scoreBucketSpec(kind, maxScore);
  if (!spec) return { kind, maxScore, buckets: [] };
  const width = (spec.high - spec.low) / spec.count;
  return {
    kind,
    maxScore,
    buckets: Array.from({ length: spec.count }, (_, i) => ({
      from: round2(spec.low + i * width),
      to: round2(spec.low + (i + 1) * width),
      count: counts.get(i + 1) ?? 0,
    })),
  };
}

/** Durations from 0 to the time limit in DURATION_BUCKETS buckets; later ones go in the last. */
export function durationHistogram(
  timeLimitSeconds: number,
  counts: ReadonlyMap<number, number>,
): DurationHistogram {
  const limitMs = timeLimitSeconds * 1000;
  const width = limitMs / DURATION_BUCKETS;
  return {
    buckets: Array.from({ length: DURATION_BUCKETS }, (_, i) => ({
      fromMs: Math.round(i * width),
      toMs: Math.round((i + 1) * width),
      count: counts.get(i + 1) ?? 0,
    })),
  };
}

export interface DashboardUnit {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  kind: UnitKind;
  headcount: number;
}

/** How many people of a unit have this counted score (GROUP BY unit, score). */
export interface UnitScoreCount {
  unitId: string | null;
  score: number;
  count: number;
}

export interface UnitDashboard {
  rows: UnitDashboardRow[];
  ranking: UnitDashboardRow[];
  blockRanking: UnitDashboardRow[];
  total: UnitTotals;
  withoutUnit: number;
}

/**
 * Participation per unit (tree order, rolled up) and the collective rankings: units and
 * residential groups among themselves, blocks among themselves. `units` must be in tree order.
 *
 * participationByUnit takes one record per person; the database sends one row per (unit,
 * score) instead, so the records are rebuilt from the counts (a few hundred rows on the wire,
 * one small object per participant in memory).
 */
export function unitDashboard(
  units: readonly DashboardUnit[],
  scores: readonly UnitScoreCount[],
  rankBy: readonly UnitRankKey[],
): UnitDashboard {
  const byId = new Map(units.map((u) => [u.id, u]));
  const records: ParticipantRecord[] = [];
  let withoutUnit = 0;
  for (const group of scores) {
    if (group.unitId === null || !byId.has(group.unitId)) {
      withoutUnit += group.count;
      continue;
    }
    for (let i = 0; i < group.count; i += 1) {
      records.push({
        participantId: `${group.unitId}/${String(group.score)}/${String(i)}`,
        unitId: group.unitId,
        score: group.score,
      });
    }
  }
  const stats = participationByUnit(
    units.map((u) => ({ id: u.id, parentId: u.parentId, name: u.name, headcount: u.headcount })),
    records,
  );
  const isBlock = (unitId: string) => byId.get(unitId)?.kind === 'block';
  const ranks = new Map<string, number>();
  const rank = (pick: (unitId: string) => boolean) => {
    const competing = stats.filter((s) => pick(s.unitId));
    if (competing.length === 0) return [];
    const ranked = rankUnits(competing, { order: rankBy });
    for (const r of ranked) ranks.set(r.stats.unitId, r.rank);
    return ranked.map((r) => r.stats.unitId);
  };
  const unitOrder = rank((id) => !isBlock(id));
  const blockOrder = rank(isBlock);
  const rows = stats.flatMap((s): UnitDashboardRow[] => {
    const unit = byId.get(s.unitId);
    if (!unit) return [];
    return [
      {
        unitId: s.unitId,
        parentId: s.parentId,
        code: unit.code,
        name: s.name,
        kind: unit.kind,
        depth: s.depth,
        headcount: s.headcount,
        participants: s.participants,
        rate: s.rate,
        averageScore: s.averageScore === null ? null : round2(s.averageScore),
        rank: ranks.get(s.unitId) ?? null,
      },
    ];
  });
  const rowById = new Map(rows.map((r) => [r.unitId, r]));
  const pick = (ids: string[]) =>
    ids.flatMap((id) => {
      const row = rowById.get(id);
      return row ? [row] : [];
    });
  const roots = stats.filter((s) => s.depth === 0);
  const headcount = roots.reduce((n, s) => n + s.headcount, 0);
  const participants = roots.reduce((n, s) => n + s.participants, 0);
  const scoreSum = roots.reduce((n, s) => n + (s.averageScore ?? 0) * s.participants, 0);
  return {
    rows,
    ranking: pick(unitOrder),
    blockRanking: pick(blockOrder),
    total: {
      headcount,
      participants,
      rate: headcount === 0 ? null : participants / headcount,
      averageScore: participants === 0 ? null : round2(scoreSum / participants),
    },
    withoutUnit,
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
