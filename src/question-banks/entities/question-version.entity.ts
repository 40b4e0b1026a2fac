import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { QuestionDraft } from '../domain/question';

/** An immutable snapshot of a question as it was at one version. Never updated. */
@Entity({ name: 'question_versions' })
@Index('uq_question_versions_question_version', ['questionId', 'version'], { unique: true })
export class QuestionVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'question_id', type: 'uuid' })
  questionId: string;

  @Column({ type: 'integer' })
  version: number;

  /** The whole question (topic by code), as QuestionDraft. */
  @Column({ type: 'jsonb' })
  content: QuestionDraft;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
