/** Units (đơn vị) of a contest and their import. Shared by server and client. */

export const UNIT_KINDS = ['block', 'unit', 'residential_group'] as const;
/** A block (khối) groups units; units and residential groups (tổ dân phố) are what people pick. */
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  block: 'Khối',
  unit: 'Đơn vị',
  residential_group: 'Tổ dân phố',
};

/** Longest unit code; codes are stored upper-case. */
export const UNIT_CODE_MAX = 50;
export const UNIT_NAME_MAX = 200;
/** Most units a contest may have (a ward has tens; a province a few hundred). */
export const MAX_UNITS_PER_CONTEST = 2000;

/**
 * One unit. `headcount` counts the people belonging directly to this unit (not its children):
 * the participation figures roll up. A block has no parent; a unit or residential group has a
 * block as parent, or none in a contest without blocks.
 */
export interface UnitView {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  kind: UnitKind;
  headcount: number;
}

/** `GET /api/contests/:id/units` (public): every unit, in tree order (a block, then its units). */
export interface UnitListResponse {
  items: UnitView[];
}

/** One thing wrong in an imported file; `row` is the 1-based row, `column` the header as written. */
export interface UnitImportProblem {
  sheet: string | null;
  row: number | null;
  column: string | null;
  message: string;
}

export type UnitImportAction = 'create' | 'update' | 'unchanged';

export interface UnitImportPreviewRow {
  sheet: string | null;
  row: number;
  action: UnitImportAction;
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  headcount: number;
}

/**
 * `POST /api/contests/:id/units/import[?dryRun=true]`: upsert by code, all or nothing. Units of
 * the contest that are not in the file are kept as they are (`kept`).
 */
export interface UnitImportReport {
  format: 'xlsx' | 'csv';
  dryRun: boolean;
  /** True when the units were written (not a dry run, no problem). */
  written: boolean;
  /** Rows read from the file. */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Units of the contest the file does not mention: left alone. */
  kept: number;
  problems: UnitImportProblem[];
  preview: UnitImportPreviewRow[];
  notices: string[];
  /** A Vietnamese sentence for the organizer. */
  summary: string;
}
