import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type {
  LiveFormat,
  LivePlayer,
  LiveQuestion,
  LiveSettings,
  LiveState,
} from '../domain/live-room.types';

/**
 * A live final: the reducer state (json, never queried inside; its players in their own column)
 * with a version for compare-and-set, and the timer lease. `questions` is the snapshot taken
 * from the bank, correct answers included: server only.
 */
@Entity({ name: 'live_games' })
export class LiveGameEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Six digits, unique among the games not finished. */
  @Column({ type: 'text' })
  code: string;

  @Column({ name: 'host_account_id', type: 'uuid' })
  hostAccountId: string;

  @Column({ type: 'text' })
  format: LiveFormat;

  @Column({ type: 'jsonb' })
  settings: LiveSettings;

  @Column({ type: 'jsonb' })
  questions: LiveQuestion[];

  /** The state without its players (`players: []`): they are in `players`. */
  @Column({ type: 'json' })
  state: LiveState;

  /** The state's players, written only when one of them changed. */
  @Column({ type: 'json', default: () => "'[]'" })
  players: LivePlayer[];

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'stage_token_hash', type: 'bytea' })
  stageTokenHash: Buffer;

  @Column({ name: 'lease_owner', type: 'text', nullable: true })
  leaseOwner: string | null;

  @Column({ name: 'lease_expires_at', type: 'timestamptz', nullable: true })
  leaseExpiresAt: Date | null;

  @Column({ name: 'lease_epoch', type: 'integer', default: 0 })
  leaseEpoch: number;

  @Column({ name: 'next_timer_at', type: 'timestamptz', nullable: true })
  nextTimerAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
