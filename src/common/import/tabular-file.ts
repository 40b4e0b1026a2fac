/**
 * Reading simple list files (Excel .xlsx or CSV) into grids of cells, pure: no Nest, no
 * database. Shared by the readers of short lists (units of a contest, contestants of a live
 * final), which map the columns and check the values themselves. Never throws.
 *
 * - `precheckListFile`: empty, too large, legacy .xls, ".xlsx" that is not a zip.
 * - `loadWorkbook` / `excelGrid`: the cells of a sheet (formulas by their cached result,
 *   rich text joined, an unreadable cell flagged with UNREADABLE_CELL).
 * - `readCsvGrid`: the encoding (UTF-8 with or without BOM, UTF-16, Windows-1258) and the
 *   delimiter (`;`, `,`, tab) that gives a header row.
 * - `findHeader`: the header row among the first rows, columns matched by the caller.
 */
import { parse, type Options } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { isLegacyOffice, isZip } from '../../question-banks/formats/detect';
import { decodeText } from '../../question-banks/formats/text-decode';
import { MAX_UNZIPPED_BYTES, unzippedSize } from '../../question-banks/formats/zip-size';

export { MAX_UNZIPPED_BYTES };

/** Rows searched for the header row of a sheet. */
export const HEADER_SEARCH_ROWS = 30;
/** Columns read per row. */
const MAX_COLUMNS = 50;
/** Sheets without a header row that are skipped without a notice (a template's help sheet). */
export const INSTRUCTION_SHEET = /^(huong dan|ghi chu|readme|instructions?)\b/;

export const UNREADABLE_CELL = 'Không đọc được ô này (lỗi công thức hoặc kiểu dữ liệu lạ).';

export interface FileCell {
  text: string | null;
  /** The cell held a number (xlsx) or text written as one (csv). */
  number?: number;
  problem?: string;
}

export interface FileRow {
  /** 1-based row of the sheet (CSV: record number). */
  number: number;
  cells: (FileCell | undefined)[];
}

export interface FileGrid {
  /** null for CSV. */
  sheet: string | null;
  /** Rows with at least one value or problem, in order. */
  rows: FileRow[];
}

// ---- the file as a whole ----------------------------------------------------------------------

export type ListFileCheck =
  | { ok: true; kind: 'xlsx' | 'csv' }
  | { ok: false; kind: 'xlsx' | 'csv'; reason: 'empty' | 'too_large' | 'legacy' | 'not_xlsx' };

/** What the bytes are (content first: a zip is read as xlsx whatever its name), or why not. */
export function precheckListFile(
  buffer: Buffer,
  filename: string,
  maxBytes: number,
): ListFileCheck {
  const byName = /\.xlsx?$/i.test(filename.trim()) ? 'xlsx' : 'csv';
  if (buffer.length === 0) return { ok: false, kind: byName, reason: 'empty' };
  if (buffer.length > maxBytes) return { ok: false, kind: byName, reason: 'too_large' };
  if (isLegacyOffice(buffer)) return { ok: false, kind: byName, reason: 'legacy' };
  if (isZip(buffer)) return { ok: true, kind: 'xlsx' };
  if (byName === 'xlsx') return { ok: false, kind: byName, reason: 'not_xlsx' };
  return { ok: true, kind: 'csv' };
}

export type WorkbookLoad =
  | { ok: true; workbook: ExcelJS.Workbook }
  | { ok: false; reason: 'unzipped_too_large' | 'corrupt' };

/** Opens an .xlsx, refusing one that unpacks to more than MAX_UNZIPPED_BYTES. */
export async function loadWorkbook(buffer: Buffer): Promise<WorkbookLoad> {
  const unzipped = unzippedSize(buffer);
  if (unzipped !== null && unzipped > MAX_UNZIPPED_BYTES)
    return { ok: false, reason: 'unzipped_too_large' };
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs' index.d.ts declares its own `Buffer` (an ArrayBuffer); Node's Buffer works at runtime.
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return { ok: false, reason: 'corrupt' };
  }
  return { ok: true, workbook };
}

/** Sheets to read: the visible ones. */
export function visibleSheets(workbook: ExcelJS.Workbook): ExcelJS.Worksheet[] {
  return workbook.worksheets.filter((s) => s.state !== 'hidden' && s.state !== 'veryHidden');
}

// ---- cells and grids --------------------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof Date);
}

function richText(value: unknown): string | null {
  if (!isRecord(value) || !Array.isArray(value.richText)) return null;
  return value.richText
    .map((part: unknown) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
    .join('');
}

function plainCell(value: unknown, numFmt: string | undefined): FileCell {
  if (value === null || value === undefined) return { text: null };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') {
    // A number shown with leading zeros ("000" format: 7 shown as 007) is read as shown.
    const padded =
      Number.isSafeInteger(value) && value >= 0 && numFmt !== undefined && /^0+$/.test(numFmt)
        ? String(value).padStart(numFmt.length, '0')
        : String(value);
    return { text: padded, number: value };
  }
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
  const rich = richText(value);
  if (rich !== null) return { text: rich };
  if (isRecord(value)) {
    if (typeof value.error === 'string') return { text: null, problem: UNREADABLE_CELL };
    if (typeof value.text === 'string') return { text: value.text };
    const inner = richText(value.text);
    if (inner !== null) return { text: inner };
  }
  return { text: null, problem: UNREADABLE_CELL };
}

function excelCell(cell: ExcelJS.Cell): FileCell {
  let value: unknown;
  let numFmt: string | undefined;
  try {
    value = cell.value;
    const format: unknown = cell.numFmt;
    numFmt = typeof format === 'string' ? format : undefined;
  } catch {
    return { text: null, problem: UNREADABLE_CELL };
  }
  let out: FileCell;
  if (isRecord(value) && ('formula' in value || 'sharedFormula' in value)) {
    out =
      value.result === undefined || value.result === null
        ? { text: null, problem: UNREADABLE_CELL }
        : plainCell(value.result, numFmt);
  } else {
    out = plainCell(value, numFmt);
  }
  if (out.text !== null) {
    const text = out.text.normalize('NFC').trim();
    out.text = text === '' ? null : text;
  }
  return out;
}

/** The non-empty rows of a sheet, at most `maxRows` of them. */
export function excelGrid(sheet: ExcelJS.Worksheet, maxRows: number): FileGrid {
  const rows: FileRow[] = [];
  for (let number = 1; number <= sheet.rowCount && rows.length < maxRows; number += 1) {
    const row = sheet.findRow(number);
    if (!row) continue;
    const cells: (FileCell | undefined)[] = [];
    let any = false;
    for (let col = 1; col <= Math.min(row.cellCount, MAX_COLUMNS); col += 1) {
      const cell = row.findCell(col);
      if (!cell) continue;
      const read = excelCell(cell);
      if (read.text !== null || read.problem) any = true;
      cells[col - 1] = read;
    }
    if (any) rows.push({ number, cells });
  }
  return { sheet: sheet.name, rows };
}

function csvGrid(text: string, delimiter: string): FileGrid {
  const options: Options = {
    delimiter,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: false,
    trim: false,
  };
  const records: string[][] = parse(text, options);
  return {
    sheet: null,
    rows: records.map((record, index) => ({
      number: index + 1,
      cells: record.map((value) => {
        const cleaned = value.normalize('NFC').trim();
        return { text: cleaned === '' ? null : cleaned };
      }),
    })),
  };
}

export type CsvGridRead =
  | { ok: true; grid: FileGrid; notices: string[] }
  | { ok: false; reason: 'binary' }
  /** `syntax`: the CSV parser's complaint, when one delimiter could not even be parsed. */
  | { ok: false; reason: 'no_header'; syntax: string | null };

/** Decodes a CSV file and splits it with the first delimiter whose grid `hasHeader`. */
export function readCsvGrid(buffer: Buffer, hasHeader: (grid: FileGrid) => boolean): CsvGridRead {
  const decoded = decodeText(buffer);
  if (!decoded.ok) return { ok: false, reason: 'binary' };
  let syntax: string | null = null;
  for (const delimiter of [';', ',', '\t']) {
    try {
      const grid = csvGrid(decoded.text, delimiter);
      if (hasHeader(grid)) return { ok: true, grid, notices: decoded.notices };
    } catch (error) {
      syntax ??= error instanceof Error ? error.message.slice(0, 200) : String(error);
    }
  }
  return { ok: false, reason: 'no_header', syntax };
}

// ---- headers ----------------------------------------------------------------------------------

export interface HeaderMap<F extends string> {
  /** Zero-based column of each field, with its header as written. */
  fields: Partial<Record<F, { index: number; header: string }>>;
  /** Headers that are no field (and not ignored). */
  unknown: string[];
  /** A second column for a field already mapped: the first one is kept. */
  duplicates: { header: string; first: string }[];
}

/** Maps a row's cells to fields; `fieldOf` says which field a header is ('ignored': none, silently). */
export function mapHeader<F extends string>(
  row: FileRow,
  fieldOf: (header: string) => F | 'ignored' | null,
): HeaderMap<F> {
  const map: HeaderMap<F> = { fields: {}, unknown: [], duplicates: [] };
  row.cells.forEach((cell, index) => {
    const header = cell?.text;
    if (!header) return;
    const field = fieldOf(header);
    if (field === 'ignored') return;
    if (field === null) {
      map.unknown.push(header);
      return;
    }
    const first = map.fields[field];
    if (first) map.duplicates.push({ header, first: first.header });
    else map.fields[field] = { index, header };
  });
  return map;
}

/** The first row among the first HEADER_SEARCH_ROWS whose mapping `isHeader` accepts. */
export function findHeader<F extends string>(
  grid: FileGrid,
  fieldOf: (header: string) => F | 'ignored' | null,
  isHeader: (map: HeaderMap<F>) => boolean,
): { at: number; map: HeaderMap<F> } | null {
  for (const [at, row] of grid.rows.slice(0, HEADER_SEARCH_ROWS).entries()) {
    const map = mapHeader(row, fieldOf);
    if (isHeader(map)) return { at, map };
  }
  return null;
}
