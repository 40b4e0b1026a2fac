import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Gender, ParticipantGroup } from '../../shared/rounds';

/** A person registered in a contest. Phone and CCCD are unique per contest (one identity per person). */
@Entity({ name: 'participants' })
export class ParticipantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'contest_id', type: 'uuid' })
  contestId: string;

  @Column({ name: 'full_name', type: 'text' })
  fullName: string;

  @Column({ name: 'birth_year', type: 'integer' })
  birthYear: number;

  @Column({ type: 'text' })
  gender: Gender;

  /** Canonical 0xxxxxxxxx. */
  @Column({ type: 'text' })
  phone: string;

  @Column({ type: 'text', nullable: true })
  cccd: string | null;

  /** Free text in contests without units; the chosen unit's name otherwise (for exports). */
  @Column({ type: 'text', nullable: true })
  unit: string | null;

  /** The chosen unit in a contest with units (written with the registration). */
  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId?: string | null;

  @Column({ name: 'participant_group', type: 'text' })
  participantGroup: ParticipantGroup;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  @Column({ name: 'consent_at', type: 'timestamptz' })
  consentAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
