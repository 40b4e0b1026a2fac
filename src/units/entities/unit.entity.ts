import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { UnitKind } from '../../shared/units';

/**
 * A unit of a contest (khối, đơn vị, tổ dân phố). Two levels at most: a block has no parent, a
 * unit or residential group has a block as parent (or none). `headcount` counts the people of
 * this unit itself; figures roll up to the block.
 */
@Entity({ name: 'units' })
export class UnitEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'contest_id', type: 'uuid' })
  contestId: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  /** Upper-case, unique per contest. */
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: UnitKind;

  @Column({ type: 'integer', default: 0 })
  headcount: number;

  @Column({ name: 'sort_order', type: 'integer', default: 0 })
  sortOrder: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
