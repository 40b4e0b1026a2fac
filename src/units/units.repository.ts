import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { UnitKind } from '../shared/units';
import { UnitEntity } from './entities/unit.entity';
import type { ExistingUnit } from './import/units-plan';

export interface UnitUpsert {
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  headcount: number;
  sortOrder: number;
}

/** What registration needs to know about a chosen unit. */
export interface RegistrationUnitLookup {
  contestHasUnits: boolean;
  unit: { id: string; name: string; kind: UnitKind } | null;
}

@Injectable()
export class UnitsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async contestExists(contestId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM contests WHERE id = $1`, [
      contestId,
    ]);
    return rows.length > 0;
  }

  /**
   * Serializes changes to one contest's unit tree (the two-level rule spans rows): locks the
   * contest row FOR NO KEY UPDATE, which registrations (FOR KEY SHARE through their foreign key)
   * do not wait for. False when the contest does not exist.
   */
  async lockContestUnits(contestId: string, manager: EntityManager): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM contests WHERE id = $1 FOR NO KEY UPDATE`,
      [contestId],
    );
    return rows.length > 0;
  }

  listByContest(contestId: string, manager?: EntityManager): Promise<UnitEntity[]> {
    return this.m(manager).find(UnitEntity, {
      where: { contestId },
      order: { sortOrder: 'ASC', code: 'ASC' },
    });
  }

  async countByContest(contestId: string, manager: EntityManager): Promise<number> {
    return manager.count(UnitEntity, { where: { contestId } });
  }

  /** The contest's units with the number of participants registered in each. */
  async listWithParticipants(contestId: string, manager?: EntityManager): Promise<ExistingUnit[]> {
    const rows = await this.m(manager).query<
      {
        id: string;
        code: string;
        name: string;
        kind: UnitKind;
        parent_id: string | null;
        headcount: number;
        sort_order: number;
        participants: string;
      }[]
    >(
      `SELECT u.id, u.code, u.name, u.kind, u.parent_id, u.headcount, u.sort_order,
              (SELECT count(*) FROM participants p WHERE p.unit_id = u.id) AS participants
         FROM units u
        WHERE u.contest_id = $1`,
      [contestId],
    );
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      kind: r.kind,
      parentId: r.parent_id,
      headcount: r.headcount,
      sortOrder: r.sort_order,
      participants: Number(r.participants),
    }));
  }

  findById(id: string, manager?: EntityManager): Promise<UnitEntity | null> {
    return this.m(manager).findOneBy(UnitEntity, { id });
  }

  async countChildren(id: string, manager: EntityManager): Promise<number> {
    return manager.count(UnitEntity, { where: { parentId: id } });
  }

  async countParticipants(id: string, manager: EntityManager): Promise<number> {
    const rows = await manager.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM participants WHERE unit_id = $1`,
      [id],
    );
    return Number(rows[0].n);
  }

  async nextSortOrder(contestId: string, manager: EntityManager): Promise<number> {
    const rows = await manager.query<{ next: number }[]>(
      `SELECT COALESCE(max(sort_order) + 1, 0)::int AS next FROM units WHERE contest_id = $1`,
      [contestId],
    );
    return rows[0].next;
  }

  /** Throws a unique violation (uq_units_contest_code) for a code already used in the contest. */
  insert(
    values: Omit<UnitEntity, 'id' | 'createdAt'>,
    manager: EntityManager,
  ): Promise<UnitEntity> {
    const repo = manager.getRepository(UnitEntity);
    return repo.save(repo.create(values));
  }

  async update(
    id: string,
    changes: Partial<Omit<UnitEntity, 'id' | 'contestId' | 'createdAt'>>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(UnitEntity, { id }, changes);
  }

  async delete(id: string, manager: EntityManager): Promise<void> {
    await manager.delete(UnitEntity, { id });
  }

  /** Inserts or updates (by code) a batch of units in one statement; returns their ids by code. */
  async upsertByCode(
    contestId: string,
    units: readonly UnitUpsert[],
    manager: EntityManager,
  ): Promise<Map<string, string>> {
    if (units.length === 0) return new Map();
    const rows = await manager.query<{ id: string; code: string }[]>(
      `INSERT INTO units (contest_id, code, name, kind, parent_id, headcount, sort_order)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::uuid[], $6::int[], $7::int[])
       ON CONFLICT (contest_id, code) DO UPDATE
          SET name = EXCLUDED.name, kind = EXCLUDED.kind, parent_id = EXCLUDED.parent_id,
              headcount = EXCLUDED.headcount, sort_order = EXCLUDED.sort_order
       RETURNING id, code`,
      [
        contestId,
        units.map((u) => u.code),
        units.map((u) => u.name),
        units.map((u) => u.kind),
        units.map((u) => u.parentId),
        units.map((u) => u.headcount),
        units.map((u) => u.sortOrder),
      ],
    );
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  /** Keeps participants' free-text `unit` equal to their unit's name after a rename. */
  async refreshParticipantUnitNames(contestId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE participants p SET unit = u.name
         FROM units u
        WHERE p.unit_id = u.id AND u.contest_id = $1 AND p.unit IS DISTINCT FROM u.name`,
      [contestId],
    );
  }

  /** Whether the contest has units, and the unit `unitId` if it is one of them. */
  async findRegistrationUnit(
    contestId: string,
    unitId: string | null,
  ): Promise<RegistrationUnitLookup> {
    const rows = await this.dataSource.query<
      { has_units: boolean; id: string | null; name: string | null; kind: UnitKind | null }[]
    >(
      `SELECT EXISTS (SELECT 1 FROM units WHERE contest_id = $1) AS has_units, u.id, u.name, u.kind
         FROM (SELECT 1) one
         LEFT JOIN units u ON u.contest_id = $1 AND u.id = $2::uuid`,
      [contestId, unitId],
    );
    const r = rows[0];
    return {
      contestHasUnits: r.has_units,
      unit:
        r.id !== null && r.name !== null && r.kind !== null
          ? { id: r.id, name: r.name, kind: r.kind }
          : null,
    };
  }
}
