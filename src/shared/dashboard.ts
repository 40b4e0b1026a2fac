/** The organizer's live round dashboard: `GET /api/rounds/:id/dashboard`. Shared by server and client. */
import type { RoundStatus } from '../rounds/domain/deadline';
import type { ParticipantGroup } from './rounds';
import type { UnitKind } from './units';

/**
 * Keys of the collective ranking: UNIT_RANK_KEYS of rounds/domain/participation.ts, repeated
 * here so the client does not compile the domain module (rounds/dashboard/dashboard.ts checks
 * that both lists agree).
 */
export const DASHBOARD_UNIT_RANK_KEYS = ['rate', 'averageScore', 'participants'] as const;
export type UnitRankKey = (typeof DASHBOARD_UNIT_RANK_KEYS)[number];

export const UNIT_RANK_LABELS: Record<UnitRankKey, string> = {
  rate: 'Tỷ lệ tham gia',
  averageScore: 'Điểm trung bình',
  participants: 'Số người dự thi',
};
export const DEFAULT_UNIT_RANK: readonly UnitRankKey[] = ['rate', 'averageScore'];

/**
 * Scores of counted attempts: `points` buckets hold one score each (`from` = the score, for
 * rounds of at most 30 points), `ranges` buckets hold from ≤ score < to, the last one also
 * holding score = to (the round's maximum).
 */
export interface ScoreHistogram {
  kind: 'points' | 'ranges';
  maxScore: number | null;
  buckets: { from: number; to: number; count: number }[];
}

/** Durations of counted attempts, fromMs ≤ duration < toMs; the last bucket holds the rest. */
export interface DurationHistogram {
  buckets: { fromMs: number; toMs: number; count: number }[];
}

export interface GroupDashboardRow {
  group: ParticipantGroup;
  registered: number;
  /** Distinct people with at least one attempt in the round. */
  started: number;
  /** Distinct people with a counted (submitted) attempt. */
  submitted: number;
  averageScore: number | null;
}

export interface UnitTotals {
  headcount: number;
  participants: number;
  rate: number | null;
  averageScore: number | null;
}

/** A unit's participation, rolled up over its children (see rounds/domain/participation.ts). */
export interface UnitDashboardRow {
  unitId: string;
  parentId: string | null;
  code: string;
  name: string;
  kind: UnitKind;
  depth: number;
  headcount: number;
  /** Distinct people with a counted attempt. */
  participants: number;
  /** participants ÷ headcount (above 1 when the headcount is outdated); null when headcount is 0. */
  rate: number | null;
  averageScore: number | null;
  /** Collective rank among the units of the same level (blocks among blocks); null when not ranked. */
  rank: number | null;
}

export interface RoundDashboard {
  roundId: string;
  roundName: string;
  contestId: string;
  status: RoundStatus;
  opensAt: string;
  closesAt: string;
  timeLimitSeconds: number;
  /** Server time of the figures. */
  generatedAt: string;
  attempts: { started: number; inProgress: number; submitted: number; autoSubmitted: number };
  participants: {
    /** Registered in the contest. */
    registered: number;
    /** Distinct people with at least one attempt. */
    started: number;
    /** Distinct people with a counted attempt (the round's standings). */
    submitted: number;
    /** Counted attempts with every answer right. */
    perfect: number;
  };
  averageScore: number | null;
  scores: ScoreHistogram;
  durations: DurationHistogram;
  groups: GroupDashboardRow[];
  units: {
    /** The contest has units (otherwise rows and rankings are empty). */
    enabled: boolean;
    rankBy: UnitRankKey[];
    /** Tree order: a block, then its units. */
    rows: UnitDashboardRow[];
    /** Units and residential groups in rank order. */
    ranking: UnitDashboardRow[];
    /** Blocks in rank order (empty without blocks). */
    blockRanking: UnitDashboardRow[];
    /** All units together (the top-level rows added up). */
    total: UnitTotals;
    /** Counted participants linked to no unit (registered before units existed, or unit deleted). */
    withoutUnit: number;
  };
}
