import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type PracticeMode = 'topics' | 'mix' | 'missed';

/** One drawn question of a session: the exact version shown, so edits never change a session. */
export interface PracticeItem {
  questionId: string;
  version: number;
  topicId: string;
}

@Entity({ name: 'practice_sessions' })
export class PracticeSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'token_hash', type: 'bytea', select: false })
  tokenHash: Buffer;

  @Column({ type: 'text' })
  mode: PracticeMode;

  @Column({ name: 'topic_ids', type: 'jsonb' })
  topicIds: string[];

  @Column({ type: 'jsonb' })
  items: PracticeItem[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
