import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { AuditEntryEntity } from './entities/audit-entry.entity';

export interface AuditQuery {
  page: number;
  pageSize: number;
  action?: string;
  actorId?: string;
}

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async append(entry: Omit<AuditEntryEntity, 'id' | 'at'>, manager?: EntityManager): Promise<void> {
    const repo = (manager ?? this.dataSource.manager).getRepository(AuditEntryEntity);
    await repo.save(repo.create(entry), { reload: false });
  }

  /** Newest first; served by the (action, at) and (actor_id, at) indexes. */
  findPageNewestFirst(query: AuditQuery): Promise<[AuditEntryEntity[], number]> {
    const where: FindOptionsWhere<AuditEntryEntity> = {};
    if (query.action) where.action = query.action;
    if (query.actorId) where.actorId = query.actorId;
    return this.dataSource.getRepository(AuditEntryEntity).findAndCount({
      where,
      order: { at: 'DESC', id: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
  }
}
