import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The latest autosaved answer at one position of an attempt, in ORIGINAL option indexes. */
@Entity({ name: 'attempt_answers' })
export class AttemptAnswerEntity {
  @PrimaryColumn({ name: 'attempt_id', type: 'uuid' })
  attemptId: string;

  @PrimaryColumn({ type: 'integer' })
  position: number;

  @Column({ type: 'jsonb' })
  chosen: number[];

  @Column({ name: 'saved_at', type: 'timestamptz' })
  savedAt: Date;
}
