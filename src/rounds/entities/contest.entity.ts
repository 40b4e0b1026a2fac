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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
