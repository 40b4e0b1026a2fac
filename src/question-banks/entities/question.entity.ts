import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Audience, Difficulty, QuestionStatus, QuestionType } from '../domain/question';

/**
 * A question's current state. Every edit writes a new immutable row in question_versions and
 * bumps `version`; attempts and games record the version they showed, so an edit never changes
 * what a finished attempt recorded.
 */
@Entity({ name: 'questions' })
@Index('uq_questions_bank_normalized_text', ['bankId', 'normalizedText'], { unique: true })
@Index('ix_questions_bank_topic', ['bankId', 'topicId'])
export class QuestionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'bank_id', type: 'uuid' })
  bankId: string;

  @Column({ name: 'topic_id', type: 'uuid' })
  topicId: string;

  @Column({ type: 'text', nullable: true })
  code: string | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'text' })
  type: QuestionType;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'jsonb' })
  options: string[];

  /** Zero-based indexes of the correct options. Never sent to a participant before the question closes. */
  @Column({ type: 'jsonb' })
  correct: number[];

  @Column({ type: 'text' })
  difficulty: Difficulty;

  @Column({ type: 'text', default: '' })
  explanation: string;

  @Column({ name: 'source_document', type: 'text', default: '' })
  sourceDocument: string;

  @Column({ name: 'source_article', type: 'text', nullable: true })
  sourceArticle: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  tags: string[];

  @Column({ type: 'text' })
  audience: Audience;

  @Column({ type: 'text', nullable: true })
  image: string | null;

  @Column({ type: 'text' })
  status: QuestionStatus;

  @Column({ type: 'boolean', default: true })
  practice: boolean;

  /** normalizeVietnamese(text): duplicate detection within a bank. */
  @Column({ name: 'normalized_text', type: 'text' })
  normalizedText: string;

  /** normalizeVietnamese of text, options, explanation, source, tags and code: accent-insensitive search. */
  @Column({ name: 'search_text', type: 'text' })
  searchText: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
