import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A contest (hội thi): its rounds and its registered participants belong to it. */
@Entity({ name: 'contests' })
export class ContestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** Registration asks for the citizen ID (CCCD). */
  @Column({ name: 'requires_cccd', type: 'boolean', default: false })
  requiresCccd: boolean;

  @Column({ name: 'is_sample', type: 'boolean', default: false })
  isSample: boolean;

  /** When the organizers erased the participants' personal data (null: not erased). */
  @Column({ name: 'personal_data_purged_at', type: 'timestamptz', nullable: true })
  personalDataPurgedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
