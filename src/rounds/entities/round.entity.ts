import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Blueprint } from '../domain/blueprint';
import type { RoundStatus } from '../domain/deadline';
import type { PredictionKind } from '../domain/prediction';
import type { CountPolicy, TieBreakKey } from '../domain/ranking';
import type { GroupDraw } from '../../shared/round-rules';
import type {
  LeaderboardVisibility,
  ParticipantGroup,
  PrizeQuotas,
  ReviewPolicy,
} from '../../shared/rounds';
import type { ScoringPolicy } from '../domain/scoring';

/** A round (vòng / tuần thi) of a contest: its window, its limits and how attempts are drawn and graded. */
@Entity({ name: 'rounds' })
export class RoundEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'contest_id', type: 'uuid' })
  contestId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: 'draft' })
  status: RoundStatus;

  @Column({ name: 'opens_at', type: 'timestamptz' })
  opensAt: Date;

  @Column({ name: 'closes_at', type: 'timestamptz' })
  closesAt: Date;

  @Column({ name: 'time_limit_seconds', type: 'integer' })
  timeLimitSeconds: number;

  @Column({ name: 'attempts_allowed', type: 'integer', default: 1 })
  attemptsAllowed: number;

  @Column({ name: 'counted_policy', type: 'text', default: 'best' })
  countedPolicy: CountPolicy;

  @Column({ name: 'bank_id', type: 'uuid' })
  bankId: string;

  @Column({ type: 'jsonb' })
  blueprint: Blueprint;

  @Column({ name: 'shuffle_questions', type: 'boolean', default: true })
  shuffleQuestions: boolean;

  @Column({ name: 'shuffle_options', type: 'boolean', default: true })
  shuffleOptions: boolean;

  @Column({ type: 'jsonb' })
  scoring: ScoringPolicy;

  @Column({ name: 'prediction_kind', type: 'text', default: 'perfect_count' })
  predictionKind: PredictionKind;

  @Column({ name: 'grace_ms', type: 'integer', default: 2000 })
  graceMs: number;

  /** The prediction's real figure, computed at close; null before. Numeric: read as a string. */
  @Column({ name: 'true_value', type: 'numeric', nullable: true })
  trueValue: string | null;

  @Column({ name: 'review_policy', type: 'text', default: 'after_close' })
  reviewPolicy: ReviewPolicy;

  @Column({ name: 'leaderboard_visibility', type: 'text', default: 'public' })
  leaderboardVisibility: LeaderboardVisibility;

  @Column({ name: 'tie_break_chain', type: 'jsonb' })
  tieBreakChain: TieBreakKey[];

  @Column({ name: 'prize_quotas', type: 'jsonb' })
  prizeQuotas: PrizeQuotas;

  /** Per participant group: another bank and blueprint (see GroupDraw). */
  @Column({ name: 'group_draws', type: 'jsonb' })
  groupDraws: Partial<Record<ParticipantGroup, GroupDraw>>;

  @Column({ name: 'eligible_groups', type: 'jsonb' })
  eligibleGroups: ParticipantGroup[];

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'results_published_at', type: 'timestamptz', nullable: true })
  resultsPublishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
