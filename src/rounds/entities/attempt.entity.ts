import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AttemptStatus } from '../../shared/rounds';

/**
 * One drawn question of an attempt: the exact version shown, the blueprint cell it was drawn
 * for and the option order (`optionOrder[displayed] = original`).
 */
export interface AttemptItem {
  questionId: string;
  version: number;
  cell: number;
  optionOrder: number[];
}

/** An attempt (lượt thi). The seed and the drawn items are kept so the draw can be audited. */
@Entity({ name: 'attempts' })
export class AttemptEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @Column({ name: 'participant_id', type: 'uuid' })
  participantId: string;

  @Column({ type: 'integer' })
  number: number;

  /** Unsigned 32-bit seed; bigint, read as a string. */
  @Column({ type: 'bigint' })
  seed: string;

  @Column({ type: 'jsonb' })
  items: AttemptItem[];

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz' })
  deadline: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'text', default: 'in_progress' })
  status: AttemptStatus;

  @Column({ type: 'numeric', nullable: true })
  prediction: string | null;

  @Column({ type: 'numeric', nullable: true })
  score: string | null;

  @Column({ name: 'max_score', type: 'numeric', nullable: true })
  maxScore: string | null;

  @Column({ name: 'correct_count', type: 'integer', nullable: true })
  correctCount: number | null;

  @Column({ type: 'boolean', nullable: true })
  perfect: boolean | null;

  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs: number | null;
}
