import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'practice_answers' })
export class PracticeAnswerEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ name: 'question_id', type: 'uuid' })
  questionId: string;

  @Column({ name: 'question_version', type: 'integer' })
  questionVersion: number;

  @Column({ name: 'topic_id', type: 'uuid' })
  topicId: string;

  @Column({ type: 'jsonb' })
  chosen: number[];

  @Column({ type: 'boolean' })
  correct: boolean;

  @Column({ name: 'answered_at', type: 'timestamptz' })
  answeredAt: Date;
}
