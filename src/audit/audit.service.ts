import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditQuery, AuditRepository } from './audit.repository';
import { AuditEntryEntity } from './entities/audit-entry.entity';

/** Who did something and from where; built by controllers from the request. */
export interface AuditContext {
  actor: { id: string; username: string } | null;
  ip: string | null;
}

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export interface AuditEntryView {
  id: string;
  at: string;
  actor: { id: string; username: string } | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
}

@Injectable()
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  /** Write inside the caller's transaction when given one, so the action and its record commit together. */
  record(context: AuditContext, record: AuditRecord, manager?: EntityManager): Promise<void> {
    return this.repository.append(
      {
        actorId: context.actor?.id ?? null,
        actorUsername: context.actor?.username ?? null,
        action: record.action,
        entityType: record.entityType,
        entityId: record.entityId ?? null,
        before: record.before ?? null,
        after: record.after ?? null,
        ip: context.ip,
      },
      manager,
    );
  }

  async list(
    query: AuditQuery,
  ): Promise<{ items: AuditEntryView[]; total: number; page: number; pageSize: number }> {
    const [rows, total] = await this.repository.findPageNewestFirst(query);
    return { items: rows.map(toView), total, page: query.page, pageSize: query.pageSize };
  }
}

function toView(row: AuditEntryEntity): AuditEntryView {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor:
      row.actorUsername !== null ? { id: row.actorId ?? '', username: row.actorUsername } : null,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    ip: row.ip,
  };
}
