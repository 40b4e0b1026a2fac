/**
 * Reading a file of units (Excel .xlsx or CSV), pure: bytes in, rows and problems out; no Nest,
 * no database. Columns: "Mã khối/đơn vị", "Tên", "Loại", "Thuộc" (the parent's code), "Số người"
 * (headcount), found by their header (accents, case and punctuation do not matter) in the first
 * rows of each sheet, below a title block if any. Every cell problem is reported with its sheet,
 * row and column; a row with a problem is not returned. Never throws.
 *
 * Checks that need the whole file or the contest's current units (duplicate codes, parents) are
 * in units-plan.ts.
 */
import {
  excelGrid,
  findHeader as findHeaderRow,
  HEADER_SEARCH_ROWS,
  type FileCell,
  type FileGrid as Grid,
  type HeaderMap as FieldMap,
  INSTRUCTION_SHEET,
  loadWorkbook,
  MAX_UNZIPPED_BYTES,
  precheckListFile,
  readCsvGrid,
  visibleSheets,
} from '../../common/import/tabular-file';
import { normalizeLabel } from '../../question-banks/formats/normalize';
import {
  MAX_UNITS_PER_CONTEST,
  UNIT_CODE_MAX,
  UNIT_KIND_LABELS,
  UNIT_NAME_MAX,
  type UnitImportProblem,
  type UnitKind,
} from '../../shared/units';

export type { FileCell };

/** A units file is a short list; 2 MB holds tens of thousands of rows. */
export const MAX_UNITS_FILE_BYTES = 2 * 1024 * 1024;

export const UNIT_FIELDS = ['code', 'name', 'kind', 'parent', 'headcount'] as const;
export type UnitField = (typeof UNIT_FIELDS)[number];

/** The header our template writes for each field. */
export const UNIT_HEADERS: Record<UnitField, string> = {
  code: 'Mã khối/đơn vị',
  name: 'Tên',
  kind: 'Loại',
  parent: 'Thuộc (mã đơn vị cha)',
  headcount: 'Số người',
};

/** Accepted headers, compared after normalizeLabel (no accents, lower case, punctuation → space). */
const HEADER_SYNONYMS: Record<UnitField, readonly string[]> = {
  code: ['ma khoi don vi', 'ma don vi', 'ma khoi', 'ma', 'ma dv', 'ma to dan pho', 'code'],
  name: ['ten', 'ten don vi', 'ten khoi don vi', 'ten khoi', 'ten to dan pho', 'don vi', 'name'],
  kind: ['loai', 'loai don vi', 'phan loai', 'cap', 'kind'],
  parent: [
    'thuoc',
    'thuoc ma don vi cha',
    'thuoc ma khoi',
    'thuoc khoi',
    'ma don vi cha',
    'don vi cha',
    'ma khoi cha',
    'ma cap tren',
    'cap tren',
    'parent',
  ],
  headcount: [
    'so nguoi',
    'so nguoi headcount',
    'tong so nguoi',
    'so luong',
    'so luong nguoi',
    'bien che',
    'so can bo',
    'headcount',
  ],
};
const IGNORED_HEADERS = new Set(['stt', 'tt', 'so thu tu', 'ghi chu']);

/** Words of the "Loại" column. */
const KIND_WORDS: Record<string, UnitKind> = {
  khoi: 'block',
  block: 'block',
  'don vi': 'unit',
  dv: 'unit',
  unit: 'unit',
  'to dan pho': 'residential_group',
  tdp: 'residential_group',
  to: 'residential_group',
  residential_group: 'residential_group',
  'residential group': 'residential_group',
};

const CODE_PATTERN = /^[A-Z0-9][A-Z0-9._-]*$/;

export interface UnitFileRow {
  sheet: string | null;
  /** 1-based row of the file. */
  row: number;
  /** Upper-case. */
  code: string;
  name: string;
  kind: UnitKind;
  /** Upper-case code of the parent, or null. */
  parentCode: string | null;
  headcount: number;
  /** The header of each field's column as written, for problem locations. */
  columns: Partial<Record<UnitField, string>>;
}

export interface UnitFileResult {
  format: 'xlsx' | 'csv';
  /** Rows without problems. */
  rows: UnitFileRow[];
  /** Data rows read, with or without problems. */
  rowCount: number;
  /** Valid codes of the rows rejected for another problem (their children need not fail too). */
  rejectedCodes: string[];
  problems: UnitImportProblem[];
  notices: string[];
}

// ---- messages ---------------------------------------------------------------------------------

const msg = {
  emptyFile: () => 'Tệp rỗng.',
  tooLarge: (bytes: number) =>
    `Tệp nặng ${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB, vượt quá giới hạn ${MAX_UNITS_FILE_BYTES / 1024 / 1024} MB của danh sách đơn vị.`,
  legacyExcel: () =>
    'Tệp Excel đời cũ (.xls) chưa được hỗ trợ: hãy mở tệp và lưu lại dưới dạng .xlsx hoặc .csv.',
  notXlsx: () => 'Tệp có đuôi .xlsx nhưng không phải tệp Excel hợp lệ (có thể tệp bị hỏng).',
  corruptXlsx: () => 'Không đọc được tệp Excel (tệp bị hỏng hoặc không phải .xlsx).',
  unzippedTooLarge: () =>
    `Tệp chứa hơn ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB dữ liệu sau khi giải nén: không phải một danh sách đơn vị.`,
  binary: () => 'Tệp không phải Excel (.xlsx) hay CSV: không đọc được nội dung.',
  csvSyntax: (detail: string) => `Tệp CSV sai cú pháp: ${detail}.`,
  noHeader: () =>
    `Không tìm thấy dòng tiêu đề: cần ít nhất các cột "${UNIT_HEADERS.code}" và "${UNIT_HEADERS.name}" (xem tệp mẫu).`,
  missingHeadcountColumn: () =>
    `Thiếu cột "${UNIT_HEADERS.headcount}": tỷ lệ tham gia được tính theo số người của từng đơn vị.`,
  duplicateColumn: (header: string, first: string) =>
    `Cột "${header}" trùng ý nghĩa với cột "${first}": chỉ giữ một cột.`,
  noKindColumn: () =>
    `Tệp không có cột "${UNIT_HEADERS.kind}": mọi dòng được coi là "${UNIT_KIND_LABELS.unit}".`,
  ignoredColumns: (sheet: string | null, columns: string[]) =>
    `${sheet ? `Trang tính "${sheet}": ` : ''}bỏ qua các cột không dùng đến: ${columns.map((c) => `"${c}"`).join(', ')}.`,
  skippedSheet: (sheet: string) =>
    `Bỏ qua trang tính "${sheet}" vì không có dòng tiêu đề danh sách đơn vị.`,
  noRows: () => 'Tệp không có dòng đơn vị nào.',
  tooManyRows: () =>
    `Tệp có hơn ${MAX_UNITS_PER_CONTEST} đơn vị: vượt quá giới hạn của một hội thi; các dòng từ đây không được đọc.`,
  missingCode: () => 'Thiếu mã đơn vị.',
  badCode: (value: string) =>
    `Mã "${value}" không hợp lệ: chỉ dùng chữ cái không dấu, chữ số và các dấu - _ . (tối đa ${UNIT_CODE_MAX} ký tự).`,
  missingName: () => 'Thiếu tên đơn vị.',
  longName: () => `Tên đơn vị dài quá ${UNIT_NAME_MAX} ký tự.`,
  badKind: (value: string) =>
    `Loại "${value}" không hợp lệ: ghi "${UNIT_KIND_LABELS.block}", "${UNIT_KIND_LABELS.unit}" hoặc "${UNIT_KIND_LABELS.residential_group}".`,
  blockWithParent: () =>
    `${UNIT_KIND_LABELS.block} là cấp trên cùng nên không thuộc đơn vị nào: để trống cột này.`,
  selfParent: () => 'Đơn vị không thể thuộc chính nó.',
  missingHeadcount: () => 'Thiếu số người của đơn vị.',
  badHeadcount: (value: string) => `Số người phải là số nguyên không âm (đang là "${value}").`,
};

// ---- headers ----------------------------------------------------------------------------------

function fieldOf(header: string): UnitField | 'ignored' | null {
  const key = normalizeLabel(header);
  if (IGNORED_HEADERS.has(key)) return 'ignored';
  for (const field of UNIT_FIELDS) if (HEADER_SYNONYMS[field].includes(key)) return field;
  return null;
}

type HeaderMap = FieldMap<UnitField>;

const isHeader = (map: HeaderMap) => map.fields.code !== undefined && map.fields.name !== undefined;

function findHeader(grid: Grid): { at: number; map: HeaderMap } | null {
  return findHeaderRow(grid, fieldOf, isHeader);
}

// ---- values -----------------------------------------------------------------------------------

/** "K1", " tdp-01 " → "TDP-01"; null when it is not a valid code. */
export function normalizeUnitCode(value: string): string | null {
  const code = value.trim().toUpperCase();
  return code.length <= UNIT_CODE_MAX && CODE_PATTERN.test(code) ? code : null;
}

/** "Khối", "Tổ dân phố", "TDP", "đơn vị"… → the kind; null for anything else. */
export function parseUnitKind(value: string): UnitKind | null {
  return KIND_WORDS[normalizeLabel(value)] ?? null;
}

/** 120, "120", "1.200", "1 200" → the integer; null when it is not a non-negative integer. */
export function parseHeadcount(cell: FileCell): number | null {
  if (cell.number !== undefined)
    return Number.isSafeInteger(cell.number) && cell.number >= 0 ? cell.number : null;
  const text = (cell.text ?? '').trim();
  if (!/^\d{1,3}(?:[.,\s]\d{3})+$|^\d+$/.test(text)) return null;
  const value = Number(text.replace(/[.,\s]/g, ''));
  return Number.isSafeInteger(value) ? value : null;
}

// ---- reading ----------------------------------------------------------------------------------

interface GridRead {
  rows: UnitFileRow[];
  rowCount: number;
  rejectedCodes: string[];
  problems: UnitImportProblem[];
  notices: string[];
  /** The grid has no header row. */
  headerless: boolean;
}

function readGrid(grid: Grid, remaining: number): GridRead {
  const out: GridRead = {
    rows: [],
    rowCount: 0,
    rejectedCodes: [],
    problems: [],
    notices: [],
    headerless: false,
  };
  const found = findHeader(grid);
  if (!found) {
    out.headerless = true;
    return out;
  }
  const { map } = found;
  const headerRow = grid.rows[found.at].number;
  const at = (column: string | null, row: number | null, message: string) =>
    out.problems.push({ sheet: grid.sheet, row, column, message });
  for (const d of map.duplicates) at(d.header, headerRow, msg.duplicateColumn(d.header, d.first));
  if (map.unknown.length > 0) out.notices.push(msg.ignoredColumns(grid.sheet, map.unknown));
  if (!map.fields.kind) out.notices.push(msg.noKindColumn());
  if (!map.fields.headcount) {
    at(null, headerRow, msg.missingHeadcountColumn());
    return out;
  }
  const columns: Partial<Record<UnitField, string>> = {};
  for (const field of UNIT_FIELDS) {
    const column = map.fields[field];
    if (column) columns[field] = column.header;
  }

  for (const row of grid.rows.slice(found.at + 1)) {
    const cell = (field: UnitField): FileCell | undefined => {
      const column = map.fields[field];
      return column ? row.cells[column.index] : undefined;
    };
    if (UNIT_FIELDS.every((f) => !cell(f)?.text && !cell(f)?.problem)) continue;
    if (out.rowCount >= remaining) {
      at(null, row.number, msg.tooManyRows());
      break;
    }
    out.rowCount += 1;
    const before = out.problems.length;
    const problem = (field: UnitField, message: string) => {
      at(columns[field] ?? UNIT_HEADERS[field], row.number, message);
    };
    for (const field of UNIT_FIELDS) {
      const broken = cell(field)?.problem;
      if (broken) problem(field, broken);
    }
    const text = (field: UnitField) => cell(field)?.text ?? null;

    const rawCode = text('code');
    const code = rawCode === null ? null : normalizeUnitCode(rawCode);
    if (rawCode === null) {
      if (!cell('code')?.problem) problem('code', msg.missingCode());
    } else if (code === null) problem('code', msg.badCode(rawCode));

    const name = (text('name') ?? '').replace(/\s+/g, ' ');
    if (name === '') {
      if (!cell('name')?.problem) problem('name', msg.missingName());
    } else if (name.length > UNIT_NAME_MAX) problem('name', msg.longName());

    const rawKind = text('kind');
    const kind = rawKind === null ? 'unit' : parseUnitKind(rawKind);
    if (kind === null && rawKind !== null) problem('kind', msg.badKind(rawKind));

    const rawParent = text('parent');
    const parentCode = rawParent === null ? null : normalizeUnitCode(rawParent);
    if (rawParent !== null) {
      if (parentCode === null) problem('parent', msg.badCode(rawParent));
      else if (kind === 'block') problem('parent', msg.blockWithParent());
      else if (code !== null && parentCode === code) problem('parent', msg.selfParent());
    }

    const headcountCell = cell('headcount');
    let headcount: number | null = 0;
    if (headcountCell?.text) {
      headcount = parseHeadcount(headcountCell);
      if (headcount === null) {
        const shown =
          headcountCell.number === undefined
            ? headcountCell.text
            : headcountCell.text.replace('.', ',');
        problem('headcount', msg.badHeadcount(shown));
      }
    } else if (kind !== 'block' && !headcountCell?.problem) {
      problem('headcount', msg.missingHeadcount());
    }

    if (out.problems.length > before || code === null || kind === null || headcount === null) {
      if (code !== null) out.rejectedCodes.push(code);
      continue;
    }
    out.rows.push({
      sheet: grid.sheet,
      row: row.number,
      code,
      name,
      kind,
      parentCode,
      headcount,
      columns,
    });
  }
  return out;
}

function emptyResult(format: 'xlsx' | 'csv'): UnitFileResult {
  return { format, rows: [], rowCount: 0, rejectedCodes: [], problems: [], notices: [] };
}

function merge(result: UnitFileResult, read: GridRead): void {
  result.rows.push(...read.rows);
  result.rowCount += read.rowCount;
  result.rejectedCodes.push(...read.rejectedCodes);
  result.problems.push(...read.problems);
  result.notices.push(...read.notices);
}

function fileProblem(message: string): UnitImportProblem {
  return { sheet: null, row: null, column: null, message };
}

async function readXlsx(buffer: Buffer): Promise<UnitFileResult> {
  const result = emptyResult('xlsx');
  const loaded = await loadWorkbook(buffer);
  if (!loaded.ok) {
    result.problems.push(
      fileProblem(
        loaded.reason === 'unzipped_too_large' ? msg.unzippedTooLarge() : msg.corruptXlsx(),
      ),
    );
    return result;
  }
  let withHeader = 0;
  for (const sheet of visibleSheets(loaded.workbook)) {
    const remaining = MAX_UNITS_PER_CONTEST - result.rowCount;
    const read = readGrid(excelGrid(sheet, remaining + HEADER_SEARCH_ROWS + 1), remaining);
    if (read.headerless) {
      if (sheet.rowCount > 0 && !INSTRUCTION_SHEET.test(normalizeLabel(sheet.name)))
        result.notices.push(msg.skippedSheet(sheet.name));
      continue;
    }
    withHeader += 1;
    merge(result, read);
  }
  if (withHeader === 0) {
    result.notices = [];
    result.problems.push(fileProblem(msg.noHeader()));
  }
  return result;
}

function readCsv(buffer: Buffer): UnitFileResult {
  const result = emptyResult('csv');
  const read = readCsvGrid(buffer, (grid) => findHeader(grid) !== null);
  if (!read.ok) {
    result.problems.push(
      fileProblem(
        read.reason === 'binary'
          ? msg.binary()
          : read.syntax === null
            ? msg.noHeader()
            : msg.csvSyntax(read.syntax),
      ),
    );
    return result;
  }
  result.notices.push(...read.notices);
  merge(result, readGrid(read.grid, MAX_UNITS_PER_CONTEST));
  return result;
}

/** Reads an .xlsx (by content) or a CSV file of units. Never throws. */
export async function readUnitsFile(buffer: Buffer, filename: string): Promise<UnitFileResult> {
  const check = precheckListFile(buffer, filename, MAX_UNITS_FILE_BYTES);
  const empty = (message: string): UnitFileResult => ({
    ...emptyResult(check.kind),
    problems: [fileProblem(message)],
  });
  if (!check.ok) {
    switch (check.reason) {
      case 'empty':
        return empty(msg.emptyFile());
      case 'too_large':
        return empty(msg.tooLarge(buffer.length));
      case 'legacy':
        return empty(msg.legacyExcel());
      case 'not_xlsx':
        return empty(msg.notXlsx());
    }
  }
  let result: UnitFileResult;
  try {
    result = check.kind === 'xlsx' ? await readXlsx(buffer) : readCsv(buffer);
  } catch {
    return empty(check.kind === 'xlsx' ? msg.corruptXlsx() : msg.binary());
  }
  if (result.problems.length === 0 && result.rows.length === 0)
    result.problems.push(fileProblem(msg.noRows()));
  return result;
}
