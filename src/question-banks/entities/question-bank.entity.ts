import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity({ name: 'question_banks' })
export class QuestionBankEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** The date the legal content was last checked against the documents in force. */
  @Column({ name: 'content_checked_at', type: 'date', nullable: true })
  contentCheckedAt: string | null;

  /** A bank loaded automatically on first start; shown as a sample and easy to delete. */
  @Column({ name: 'is_sample', type: 'boolean', default: false })
  isSample: boolean;

  /** Its published questions marked for practice may appear in public practice. */
  @Column({ name: 'practice_enabled', type: 'boolean', default: false })
  practiceEnabled: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
