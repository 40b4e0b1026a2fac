import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '../accounts/accounts.service';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { ErrorDetail } from '../common/errors/domain-error';
import { ContestNotFoundError } from '../rounds/rounds.errors';
import {
  MAX_UNITS_PER_CONTEST,
  UNIT_KIND_LABELS,
  type UnitImportReport,
  type UnitKind,
  type UnitView,
} from '../shared/units';
import { CreateUnitDto, UpdateUnitDto } from './dto/units.dto';
import { UnitEntity } from './entities/unit.entity';
import { normalizeUnitCode, readUnitsFile } from './import/units-file';
import { planUnitImport, type UnitImportPlan } from './import/units-plan';
import { buildUnitsTemplate } from './import/units-template';
import { treeOrder } from './unit-tree';
import {
  InvalidUnitError,
  UnitCodeTakenError,
  UnitInUseError,
  UnitNotFoundError,
} from './units.errors';
import { UnitsRepository } from './units.repository';

/** The result of checking the unit a person chose at registration. */
export type RegistrationUnit =
  { ok: true; unit: { id: string; name: string } | null } | { ok: false; message: string };

/** Units of a contest: the tree organizers maintain (audited) and what registration checks. */
@Injectable()
export class UnitsService {
  constructor(
    private readonly repo: UnitsRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Every unit of the contest in tree order (a block, then its units). */
  async list(contestId: string): Promise<UnitView[]> {
    if (!(await this.repo.contestExists(contestId))) throw new ContestNotFoundError();
    return treeOrder(await this.repo.listByContest(contestId)).map(toUnitView);
  }

  create(context: AuditContext, contestId: string, input: CreateUnitDto): Promise<UnitView> {
    return this.dataSource.transaction(async (m) => {
      if (!(await this.repo.lockContestUnits(contestId, m))) throw new ContestNotFoundError();
      const problems: ErrorDetail[] = [];
      const code = codeOrProblem(input.code, problems);
      const name = nameOrProblem(input.name, problems);
      const parentId = input.parentId ?? null;
      await this.checkParent(contestId, null, input.kind, parentId, problems, m);
      if ((await this.repo.countByContest(contestId, m)) >= MAX_UNITS_PER_CONTEST) {
        problems.push({
          message: `Hội thi đã có ${MAX_UNITS_PER_CONTEST} đơn vị, không thể thêm nữa.`,
        });
      }
      if (problems.length > 0 || code === null) throw new InvalidUnitError(problems);
      const unit = await this.insert(
        {
          contestId,
          parentId,
          code,
          name,
          kind: input.kind,
          headcount: input.headcount,
          sortOrder: input.sortOrder ?? (await this.repo.nextSortOrder(contestId, m)),
        },
        m,
      );
      const view = toUnitView(unit);
      await this.audit.record(
        context,
        { action: 'unit.created', entityType: 'unit', entityId: unit.id, after: { ...view } },
        m,
      );
      return view;
    });
  }

  update(context: AuditContext, id: string, input: UpdateUnitDto): Promise<UnitView> {
    return this.dataSource.transaction(async (m) => {
      const found = await this.repo.findById(id, m);
      if (!found) throw new UnitNotFoundError();
      await this.repo.lockContestUnits(found.contestId, m);
      const current = await this.repo.findById(id, m);
      if (!current) throw new UnitNotFoundError();
      const problems: ErrorDetail[] = [];
      const code = input.code === undefined ? current.code : codeOrProblem(input.code, problems);
      const name = input.name === undefined ? current.name : nameOrProblem(input.name, problems);
      const kind = input.kind ?? current.kind;
      const parentId =
        input.parentId !== undefined
          ? input.parentId
          : kind === 'block'
            ? null // becoming a block takes it out of its block
            : current.parentId;
      await this.checkParent(current.contestId, current.id, kind, parentId, problems, m);
      if (kind !== 'block' && current.kind === 'block') {
        const children = await this.repo.countChildren(current.id, m);
        if (children > 0) {
          problems.push({
            field: 'kind',
            message: `Khối "${current.name}" đang có ${children} đơn vị trực thuộc nên không thể đổi loại.`,
          });
        }
      }
      if (kind === 'block' && current.kind !== 'block') {
        const people = await this.repo.countParticipants(current.id, m);
        if (people > 0) {
          problems.push({
            field: 'kind',
            message: `Đã có ${people} người dự thi đăng ký vào "${current.name}" nên không thể đổi thành ${UNIT_KIND_LABELS.block}.`,
          });
        }
      }
      if (problems.length > 0 || code === null) throw new InvalidUnitError(problems);
      const before = toUnitView(current);
      const changes = {
        code,
        name,
        kind,
        parentId,
        headcount: input.headcount ?? current.headcount,
        sortOrder: input.sortOrder ?? current.sortOrder,
      };
      try {
        await this.repo.update(current.id, changes, m);
      } catch (error) {
        if (isUniqueViolation(error)) throw new UnitCodeTakenError(code);
        throw error;
      }
      if (name !== current.name) await this.repo.refreshParticipantUnitNames(current.contestId, m);
      const after = toUnitView({ id: current.id, ...changes });
      await this.audit.record(
        context,
        {
          action: 'unit.updated',
          entityType: 'unit',
          entityId: id,
          before: { ...before },
          after: { ...after },
        },
        m,
      );
      return after;
    });
  }

  /** Refused while the unit has units under it or participants registered in it. */
  remove(context: AuditContext, id: string): Promise<void> {
    return this.dataSource.transaction(async (m) => {
      const found = await this.repo.findById(id, m);
      if (!found) throw new UnitNotFoundError();
      await this.repo.lockContestUnits(found.contestId, m);
      const unit = await this.repo.findById(id, m);
      if (!unit) throw new UnitNotFoundError();
      const children = await this.repo.countChildren(id, m);
      if (children > 0) {
        throw new UnitInUseError(
          `Không thể xóa: ${UNIT_KIND_LABELS[unit.kind].toLowerCase()} "${unit.name}" còn ${children} đơn vị trực thuộc. Hãy xóa hoặc chuyển các đơn vị đó trước.`,
        );
      }
      const people = await this.repo.countParticipants(id, m);
      if (people > 0) {
        throw new UnitInUseError(
          `Không thể xóa: đã có ${people} người dự thi đăng ký vào "${unit.name}". Hãy sửa tên hoặc số người thay vì xóa.`,
        );
      }
      await this.repo.delete(id, m);
      await this.audit.record(
        context,
        {
          action: 'unit.deleted',
          entityType: 'unit',
          entityId: id,
          before: { ...toUnitView(unit), contestId: unit.contestId },
        },
        m,
      );
    });
  }

  /**
   * Imports a units file: upsert by code, all or nothing. A dry run (or a file with any
   * problem) writes nothing and reports what would happen and every problem.
   */
  async importFile(
    context: AuditContext,
    contestId: string,
    file: { buffer: Buffer; filename: string },
    dryRun: boolean,
  ): Promise<UnitImportReport> {
    if (!(await this.repo.contestExists(contestId))) throw new ContestNotFoundError();
    const read = await readUnitsFile(file.buffer, file.filename);
    const report = (plan: UnitImportPlan | null, written: boolean): UnitImportReport => {
      const problems = [...read.problems, ...(plan?.problems ?? [])].sort(
        (a, b) => (a.sheet ?? '').localeCompare(b.sheet ?? '') || (a.row ?? 0) - (b.row ?? 0),
      );
      const units = plan?.units ?? [];
      const count = (action: string) => units.filter((u) => u.action === action).length;
      const result: UnitImportReport = {
        format: read.format,
        dryRun,
        written,
        rows: read.rowCount,
        created: count('create'),
        updated: count('update'),
        unchanged: count('unchanged'),
        kept: plan?.kept ?? 0,
        problems,
        preview: units.map((u) => ({
          sheet: u.sheet,
          row: u.row,
          action: u.action,
          code: u.code,
          name: u.name,
          kind: u.kind,
          parentCode: u.parentCode,
          headcount: u.headcount,
        })),
        notices: read.notices,
        summary: '',
      };
      result.summary = summarize(result);
      return result;
    };

    const plan = (existing: Parameters<typeof planUnitImport>[0]) =>
      planUnitImport(existing, read.rows, { rejectedCodes: new Set(read.rejectedCodes) });

    if (dryRun || read.problems.length > 0) {
      return report(plan(await this.repo.listWithParticipants(contestId)), false);
    }
    return this.dataSource.transaction(async (m) => {
      await this.repo.lockContestUnits(contestId, m);
      const planned = plan(await this.repo.listWithParticipants(contestId, m));
      if (planned.problems.length > 0) return report(planned, false);
      const ids = await this.repo.upsertByCode(
        contestId,
        planned.units.filter((u) => u.parentCode === null).map((u) => ({ ...u, parentId: null })),
        m,
      );
      const existing = await this.repo.listByContest(contestId, m);
      for (const unit of existing) if (!ids.has(unit.code)) ids.set(unit.code, unit.id);
      await this.repo.upsertByCode(
        contestId,
        planned.units.flatMap((u) =>
          u.parentCode === null ? [] : [{ ...u, parentId: ids.get(u.parentCode) ?? null }],
        ),
        m,
      );
      await this.repo.refreshParticipantUnitNames(contestId, m);
      const done = report(planned, true);
      await this.audit.record(
        context,
        {
          action: 'units.imported',
          entityType: 'contest',
          entityId: contestId,
          after: {
            filename: file.filename,
            created: done.created,
            updated: done.updated,
            unchanged: done.unchanged,
            kept: done.kept,
          },
        },
        m,
      );
      return done;
    });
  }

  template(): Promise<Buffer> {
    return buildUnitsTemplate();
  }

  /**
   * Checks the unit chosen at registration: required (and not a block) when the contest has
   * units, refused when it has none. The problem is a Vietnamese message for the `unitId` field.
   */
  async checkRegistrationUnit(
    contestId: string,
    unitId: string | undefined,
  ): Promise<RegistrationUnit> {
    const found = await this.repo.findRegistrationUnit(contestId, unitId ?? null);
    if (!found.contestHasUnits) {
      return unitId === undefined
        ? { ok: true, unit: null }
        : { ok: false, message: 'Hội thi này không có danh sách đơn vị: hãy ghi tên đơn vị.' };
    }
    if (unitId === undefined)
      return { ok: false, message: 'Vui lòng chọn đơn vị hoặc tổ dân phố của bạn.' };
    if (!found.unit) return { ok: false, message: 'Đơn vị đã chọn không thuộc hội thi này.' };
    if (found.unit.kind === 'block') {
      return {
        ok: false,
        message: 'Hãy chọn một đơn vị hoặc tổ dân phố cụ thể trong khối, không chọn cả khối.',
      };
    }
    return { ok: true, unit: { id: found.unit.id, name: found.unit.name } };
  }

  // ---- helpers -------------------------------------------------------------------------------

  private async insert(
    values: Omit<UnitEntity, 'id' | 'createdAt'>,
    m: EntityManager,
  ): Promise<UnitEntity> {
    try {
      return await this.repo.insert(values, m);
    } catch (error) {
      if (isUniqueViolation(error)) throw new UnitCodeTakenError(values.code);
      throw error;
    }
  }

  /** Two levels: a block has no parent; another unit's parent is a block of the same contest. */
  private async checkParent(
    contestId: string,
    selfId: string | null,
    kind: UnitKind,
    parentId: string | null,
    problems: ErrorDetail[],
    m: EntityManager,
  ): Promise<void> {
    if (parentId === null) return;
    if (kind === 'block') {
      problems.push({
        field: 'parentId',
        message: `${UNIT_KIND_LABELS.block} là cấp trên cùng nên không thuộc khối nào.`,
      });
      return;
    }
    if (parentId === selfId) {
      problems.push({ field: 'parentId', message: 'Đơn vị không thể thuộc chính nó.' });
      return;
    }
    const parent = await this.repo.findById(parentId, m);
    if (!parent || parent.contestId !== contestId) {
      problems.push({ field: 'parentId', message: 'Không tìm thấy khối cha trong hội thi này.' });
    } else if (parent.kind !== 'block') {
      problems.push({
        field: 'parentId',
        message: `"${parent.name}" là ${UNIT_KIND_LABELS[parent.kind].toLowerCase()}, không phải khối: chỉ khối mới có đơn vị trực thuộc.`,
      });
    }
  }
}

function codeOrProblem(value: string, problems: ErrorDetail[]): string | null {
  const code = normalizeUnitCode(value);
  if (code === null) {
    problems.push({
      field: 'code',
      message: 'Mã chỉ gồm chữ cái không dấu, chữ số và các dấu - _ . (tối đa 50 ký tự).',
    });
  }
  return code;
}

function nameOrProblem(value: string, problems: ErrorDetail[]): string {
  const name = value.trim().replace(/\s+/g, ' ');
  if (name === '') problems.push({ field: 'name', message: 'Vui lòng nhập tên đơn vị.' });
  return name;
}

function summarize(r: UnitImportReport): string {
  if (r.problems.length > 0) {
    return `Tệp có ${r.problems.length} lỗi nên chưa nhập đơn vị nào. Hãy sửa các dòng được liệt kê rồi tải tệp lên lại.`;
  }
  const kept =
    r.kept > 0 ? ` ${r.kept} đơn vị đang có nhưng không có trong tệp được giữ nguyên.` : '';
  if (r.written) {
    return `Đã nhập: thêm ${r.created} đơn vị, cập nhật ${r.updated}, không đổi ${r.unchanged}.${kept}`;
  }
  return `Tệp hợp lệ: sẽ thêm ${r.created} đơn vị, cập nhật ${r.updated}, không đổi ${r.unchanged}.${kept} Chưa ghi gì cho đến khi bạn xác nhận nhập.`;
}

export function toUnitView(
  u: Pick<UnitEntity, 'id' | 'parentId' | 'code' | 'name' | 'kind' | 'headcount'>,
): UnitView {
  return {
    id: u.id,
    parentId: u.parentId,
    code: u.code,
    name: u.name,
    kind: u.kind,
    headcount: u.headcount,
  };
}
