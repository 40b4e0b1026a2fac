/**
 * Excel (.xlsx) reader: every visible sheet becomes a Grid read by tabular.ts. Cell values are
 * turned into text here: rich text, hyperlinks, formulas (their cached result), dates, numbers,
 * booleans, errors and merged ranges.
 */
import ExcelJS from 'exceljs';
import { HEADER_SEARCH_ROWS } from './limits';
import { msg } from './messages';
import { problem, type ReadResult } from './raw';
import { readGrid, type Grid, type GridCell, type GridRow } from './tabular';
import type { ImportLimits } from './types';

const pad = (n: number): string => String(n).padStart(2, '0');

function formatDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const day = `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
  const time =
    date.getUTCHours() + date.getUTCMinutes() + date.getUTCSeconds() === 0
      ? ''
      : ` ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  return day + time;
}

function formatNumber(value: number, numFmt: string | undefined): string {
  if (!Number.isFinite(value)) return String(value);
  if (numFmt && numFmt.includes('%')) return `${Number((value * 100).toPrecision(12))}%`;
  return String(Number(value.toPrecision(15)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof Date);
}

function richTextOf(value: unknown): string | null {
  if (!isRecord(value) || !Array.isArray(value.richText)) return null;
  return value.richText
    .map((part: unknown) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
    .join('');
}

/** The text of a plain (non-formula) value. */
function plainValue(value: unknown, numFmt: string | undefined): GridCell {
  if (value === null || value === undefined) return { text: null };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: formatNumber(value, numFmt), isNumber: true };
  if (typeof value === 'boolean') return { text: value ? 'Đúng' : 'Sai' };
  if (value instanceof Date) return { text: formatDate(value), isNumber: true };
  const rich = richTextOf(value);
  if (rich !== null) return { text: rich };
  if (isRecord(value)) {
    if (typeof value.error === 'string') return { text: null, problem: msg.cellError(value.error) };
    if ('hyperlink' in value || 'text' in value) {
      const text = value.text;
      if (typeof text === 'string') return { text };
      const inner = richTextOf(text);
      if (inner !== null) return { text: inner };
      if (typeof value.hyperlink === 'string') return { text: value.hyperlink };
    }
  }
  return { text: null, problem: msg.unreadableCell() };
}

function cellOf(cell: ExcelJS.Cell): GridCell {
  let value: unknown;
  try {
    value = cell.value;
  } catch {
    return { text: null };
  }
  let result: GridCell;
  if (isRecord(value) && ('formula' in value || 'sharedFormula' in value)) {
    const written = typeof value.formula === 'string' ? value.formula : value.sharedFormula;
    const formula = typeof written === 'string' ? written : '';
    if (value.result === undefined || value.result === null) {
      result = { text: null, problem: msg.formulaWithoutResult(formula) };
    } else {
      result = plainValue(value.result, cell.numFmt);
    }
  } else {
    result = plainValue(value, cell.numFmt);
  }
  if (result.text !== null) {
    const text = result.text.normalize('NFC');
    result.text = text.trim() === '' ? null : text;
  }
  let master: ExcelJS.Cell | undefined;
  try {
    master = cell.isMerged ? cell.master : undefined;
  } catch {
    master = undefined;
  }
  if (master && master.address !== cell.address) result.mergedFrom = master.address;
  return result;
}

function gridOf(sheet: ExcelJS.Worksheet, maxRows: number): Grid {
  const rows: GridRow[] = [];
  let filled = 0;
  const last = sheet.rowCount;
  for (let number = 1; number <= last && filled < maxRows; number += 1) {
    const row = sheet.findRow(number);
    if (!row) continue;
    const cells: (GridCell | undefined)[] = [];
    let any = false;
    const width = Math.min(row.cellCount, 200);
    for (let col = 1; col <= width; col += 1) {
      const cell = row.findCell(col);
      if (!cell) continue;
      const grid = cellOf(cell);
      if (grid.text !== null || grid.problem) any = true;
      cells[col - 1] = grid;
    }
    if (any) {
      rows.push({ number, cells });
      filled += 1;
    }
  }
  return { sheet: sheet.name, rows };
}

export async function readXlsx(buffer: Buffer, limits: ImportLimits): Promise<ReadResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs' index.d.ts declares its own `Buffer` (an ArrayBuffer); Node's Buffer works at runtime.
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      raws: [],
      problems: [problem(null, null, null, msg.corruptZip('xlsx', detail.slice(0, 200)))],
    };
  }

  const result: ReadResult = { raws: [], problems: [], declaredTopics: [] };
  const sheets: string[] = [];
  const skippedSheets: { sheet: string; reason: string }[] = [];
  const ignoredColumns: { sheet: string; columns: string[] }[] = [];

  for (const sheet of workbook.worksheets) {
    sheets.push(sheet.name);
    if (sheet.state === 'hidden' || sheet.state === 'veryHidden') {
      skippedSheets.push({ sheet: sheet.name, reason: 'hidden' });
      continue;
    }
    const remaining = Math.max(limits.maxQuestions - result.raws.length, 0);
    const grid = gridOf(sheet, remaining + HEADER_SEARCH_ROWS + 1);
    const read = readGrid(grid, { remaining });
    result.raws.push(...read.raws);
    result.problems.push(...read.problems);
    result.declaredTopics?.push(...read.declaredTopics);
    if (read.skipped) skippedSheets.push({ sheet: sheet.name, reason: read.skipped });
    if (read.ignoredColumns.length > 0)
      ignoredColumns.push({ sheet: sheet.name, columns: read.ignoredColumns });
    if (result.raws.length > limits.maxQuestions) break;
  }
  result.meta = { sheets, skippedSheets, ignoredColumns };
  return result;
}
