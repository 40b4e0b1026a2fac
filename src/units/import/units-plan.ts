/**
 * What importing a units file would do to a contest, pure. The import is an upsert by code, all
 * or nothing: a row whose code the contest already has updates that unit, any other row creates
 * one, and units the file does not mention are kept as they are (they may have participants).
 * Checks that need the whole file and the contest's current units live here: duplicate codes,
 * parents (known, and a block), units that would lose their block, blocks that have participants.
 */
import {
  MAX_UNITS_PER_CONTEST,
  UNIT_KIND_LABELS,
  type UnitImportAction,
  type UnitImportProblem,
  type UnitKind,
} from '../../shared/units';
import { UNIT_HEADERS, type UnitField, type UnitFileRow } from './units-file';

/** A unit the contest has now. */
export interface ExistingUnit {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  headcount: number;
  sortOrder: number;
  /** Participants registered in this unit. */
  participants: number;
}

export interface PlannedUnit {
  sheet: string | null;
  row: number;
  action: UnitImportAction;
  /** The unit updated, null for a new one. */
  existingId: string | null;
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  headcount: number;
  /**
   * Display order. A file that lists every unit of the contest sets the order (its row order);
   * otherwise units keep their place and new ones go after the others, in file order.
   */
  sortOrder: number;
}

export interface UnitImportPlan {
  units: PlannedUnit[];
  problems: UnitImportProblem[];
  /** Units of the contest the file does not mention. */
  kept: number;
}

const where = (row: { sheet: string | null; row: number }, sameSheet: boolean) =>
  sameSheet || row.sheet === null ? `dòng ${row.row}` : `dòng ${row.row} trang tính "${row.sheet}"`;

export function planUnitImport(
  existing: readonly ExistingUnit[],
  rows: readonly UnitFileRow[],
  options: {
    /** Codes of rows the reader rejected: a child of one is not also told its parent is unknown. */
    rejectedCodes?: ReadonlySet<string>;
  } = {},
): UnitImportPlan {
  const problems: UnitImportProblem[] = [];
  const problem = (row: UnitFileRow, field: UnitField | null, message: string) => {
    problems.push({
      sheet: row.sheet,
      row: row.row,
      column: field === null ? null : (row.columns[field] ?? UNIT_HEADERS[field]),
      message,
    });
  };

  const byCode = new Map(existing.map((u) => [u.code, u]));
  const codeOf = new Map(existing.map((u) => [u.id, u.code]));
  const inFile = new Map<string, UnitFileRow>();
  for (const row of rows) {
    const first = inFile.get(row.code);
    if (first) {
      problem(
        row,
        'code',
        `Mã "${row.code}" đã có ở ${where(first, first.sheet === row.sheet)}: mỗi đơn vị một mã.`,
      );
      continue;
    }
    inFile.set(row.code, row);
  }
  /** The kind a code will have after the import. */
  const kindAfter = (code: string): UnitKind | null =>
    inFile.get(code)?.kind ?? byCode.get(code)?.kind ?? null;

  for (const row of inFile.values()) {
    if (row.parentCode !== null) {
      const parentKind = kindAfter(row.parentCode);
      if (parentKind === null) {
        if (!options.rejectedCodes?.has(row.parentCode)) {
          problem(
            row,
            'parent',
            `Không tìm thấy đơn vị cha có mã "${row.parentCode}" (trong tệp hoặc trong hội thi).`,
          );
        }
      } else if (parentKind !== 'block') {
        problem(
          row,
          'parent',
          `Đơn vị cha "${row.parentCode}" là ${UNIT_KIND_LABELS[parentKind]}, không phải ${UNIT_KIND_LABELS.block}: chỉ khối mới có đơn vị trực thuộc.`,
        );
      }
    }
    const current = byCode.get(row.code);
    if (current && row.kind === 'block' && current.kind !== 'block' && current.participants > 0) {
      problem(
        row,
        'kind',
        `Đã có ${current.participants} người dự thi đăng ký vào "${current.name}" nên không thể đổi thành ${UNIT_KIND_LABELS.block}.`,
      );
    }
  }

  // Units the file does not mention keep their parent: it must stay a block.
  const keptChildren = new Map<string, string[]>();
  let kept = 0;
  for (const unit of existing) {
    if (inFile.has(unit.code)) continue;
    kept += 1;
    const parentCode = unit.parentId === null ? null : codeOf.get(unit.parentId);
    if (parentCode === undefined || parentCode === null) continue;
    keptChildren.set(parentCode, [...(keptChildren.get(parentCode) ?? []), unit.code]);
  }
  for (const [parentCode, children] of keptChildren) {
    const row = inFile.get(parentCode);
    if (!row || row.kind === 'block') continue;
    const list = children.slice(0, 5).join(', ') + (children.length > 5 ? ', …' : '');
    problem(
      row,
      'kind',
      `"${row.code}" đang có đơn vị trực thuộc không có trong tệp (${list}) nên phải là ${UNIT_KIND_LABELS.block}.`,
    );
  }

  if (kept + inFile.size > MAX_UNITS_PER_CONTEST) {
    problems.push({
      sheet: null,
      row: null,
      column: null,
      message: `Sau khi nhập, hội thi sẽ có ${kept + inFile.size} đơn vị, vượt quá giới hạn ${MAX_UNITS_PER_CONTEST}.`,
    });
  }

  const reorder = kept === 0;
  let next = existing.reduce((max, u) => Math.max(max, u.sortOrder + 1), 0);
  const units = [...inFile.values()].map((row, index): PlannedUnit => {
    const current = byCode.get(row.code);
    const sortOrder = reorder ? index : (current?.sortOrder ?? next++);
    const currentParent =
      current?.parentId === null || current === undefined
        ? null
        : (codeOf.get(current.parentId) ?? null);
    const same =
      current !== undefined &&
      current.name === row.name &&
      current.kind === row.kind &&
      current.headcount === row.headcount &&
      currentParent === row.parentCode;
    return {
      sheet: row.sheet,
      row: row.row,
      action: current === undefined ? 'create' : same ? 'unchanged' : 'update',
      existingId: current?.id ?? null,
      code: row.code,
      name: row.name,
      kind: row.kind,
      parentCode: row.parentCode,
      headcount: row.headcount,
      sortOrder,
    };
  });
  return { units, problems, kept };
}
