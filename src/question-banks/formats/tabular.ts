/**
 * Reading questions from a grid of cells: one Excel sheet or one CSV file. Finds the header row
 * below a title block, maps the columns, and makes one RawQuestion per data row.
 */
import { HEADER_SEARCH_ROWS } from './limits';
import { msg } from './messages';
import {
  isQuestionHeader,
  mapHeaderRow,
  matchTopicSheetHeader,
  type ColumnRef,
  type HeaderMap,
} from './headers';
import { foldVietnamese, normalizeLabel, sentenceCaseIfShouting } from './normalize';
import { newRawQuestion, problem, type RawField, type RawQuestion } from './raw';
import type { ImportProblem } from './types';

export interface GridCell {
  /** Text of the cell, or null when empty. */
  text: string | null;
  /** The cell holds a number (or a date) rather than text. */
  isNumber?: boolean;
  /** The cell could not be read (formula without result, error value). */
  problem?: string;
  /** Address of the merge master when this cell is a non-master part of a merged range. */
  mergedFrom?: string;
}

export interface GridRow {
  /** Real 1-based row number. */
  number: number;
  /** Indexed by zero-based column. */
  cells: (GridCell | undefined)[];
}

export interface Grid {
  /** Sheet name for xlsx, null for csv. */
  sheet: string | null;
  rows: GridRow[];
}

export interface GridReadResult {
  raws: RawQuestion[];
  problems: ImportProblem[];
  /** Why the sheet was skipped, when it was. */
  skipped?: 'empty' | 'instructions' | 'topics';
  declaredTopics: { code: string; name: string; description: string | null }[];
  ignoredColumns: string[];
}

/** Fields whose merged (non-master) cells cannot belong to several questions. */
const PER_QUESTION_FIELDS: ReadonlySet<RawField> = new Set(['text', 'correct', 'code']);

const GENERIC_SHEET =
  /^(sheet|trang tinh|trang|bang tinh|bang|data|du lieu|cau hoi|ngan hang cau hoi|ngan hang|danh sach cau hoi|questions?)\s*\d*$/;
const INSTRUCTION_SHEET =
  /(huong dan|instruction|readme|gioi thieu|ghi chu|thong tin|the le|tong hop|danh muc)/;
const SECTION_ROW =
  /^(?:(?:chu de|chuyen de|linh vuc|phan|muc)\s*(?:\d+|[ivxlc]+)?\s*[:.)\-–]?\s*|(?:[ivxlc]+|\d+)\s*[.)\-–]\s+)/;

export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function texts(row: GridRow | undefined, width: number): (string | null)[] {
  const out: (string | null)[] = [];
  for (let i = 0; i < width; i += 1) out.push(row?.cells[i]?.text ?? null);
  return out;
}

function rowWidth(rows: readonly GridRow[]): number {
  return rows.reduce((max, row) => Math.max(max, row.cells.length), 0);
}

/** A cell with content of its own (the non-master parts of a merged range do not count). */
function isFilled(cell: GridCell | undefined): boolean {
  return (
    cell !== undefined &&
    !cell.mergedFrom &&
    ((cell.text ?? '').trim() !== '' || cell.problem !== undefined)
  );
}

function filledCount(row: GridRow): number {
  return row.cells.filter(isFilled).length;
}

/** The topic a sheet's name stands for, or null for "Sheet1", "Câu hỏi"… */
export function topicFromSheetName(sheet: string | null): string | null {
  if (sheet === null) return null;
  const key = normalizeLabel(sheet);
  if (key === '' || GENERIC_SHEET.test(key) || INSTRUCTION_SHEET.test(key)) return null;
  return sheet.trim();
}

/** A row holding a single cell like "PHẦN I. CẢI CÁCH THỂ CHẾ" or "Chủ đề 2: …" names a topic. */
function sectionTopic(row: GridRow): string | null {
  if (filledCount(row) !== 1) return null;
  const text = (row.cells.find(isFilled)?.text ?? '').trim();
  if (text === '' || text.length > 200) return null;
  const folded = foldVietnamese(text);
  const prefix = SECTION_ROW.exec(folded);
  if (prefix) {
    const name = text.slice(prefix[0].length).trim();
    return name === '' ? null : sentenceCaseIfShouting(name);
  }
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 4 && letters === letters.toLocaleUpperCase('vi') && /\s/.test(text)) {
    return sentenceCaseIfShouting(text);
  }
  return null;
}

interface HeaderFound {
  map: HeaderMap;
  /** Index in grid.rows of the (last) header row. */
  position: number;
}

function findHeader(rows: readonly GridRow[], width: number): HeaderFound | null {
  for (
    let position = 0;
    position < rows.length && rows[position].number <= HEADER_SEARCH_ROWS;
    position += 1
  ) {
    const own = texts(rows[position], width);
    const map = mapHeaderRow(own);
    if (isQuestionHeader(map)) return { map, position };
    // Two-row headers: "Câu hỏi | Phương án (merged) | …" above "| A | B | C | D |".
    const above = rows[position - 1];
    if (position > 0 && above.number === rows[position].number - 1 && map.options.size >= 2) {
      const upper = texts(above, width);
      const combined = mapHeaderRow(
        own.map((text, i) => (text !== null && text.trim() !== '' ? text : upper[i])),
      );
      if (isQuestionHeader(combined)) return { map: combined, position };
    }
  }
  return null;
}

function readTopicSheet(grid: Grid, width: number): GridReadResult | null {
  for (
    let position = 0;
    position < grid.rows.length && grid.rows[position].number <= HEADER_SEARCH_ROWS;
    position += 1
  ) {
    const cols: Partial<Record<'code' | 'name' | 'description', number>> = {};
    texts(grid.rows[position], width).forEach((text, index) => {
      const field = text === null ? null : matchTopicSheetHeader(text);
      if (field && cols[field] === undefined) cols[field] = index;
    });
    if (cols.code === undefined || cols.name === undefined) continue;
    const result: GridReadResult = {
      raws: [],
      problems: [],
      skipped: 'topics',
      declaredTopics: [],
      ignoredColumns: [],
    };
    for (const row of grid.rows.slice(position + 1)) {
      if (filledCount(row) === 0) continue;
      const code = (row.cells[cols.code]?.text ?? '').trim();
      const name = (row.cells[cols.name]?.text ?? '').trim();
      const description =
        cols.description === undefined ? '' : (row.cells[cols.description]?.text ?? '').trim();
      if (code === '' || name === '') {
        result.problems.push(problem(grid.sheet, row.number, null, msg.topicSheetRow()));
      } else {
        result.declaredTopics.push({ code, name, description: description || null });
      }
    }
    return result;
  }
  return null;
}

export interface GridContext {
  /** How many questions the file may still hold; reading stops one past it. */
  remaining: number;
}

export function readGrid(grid: Grid, context: GridContext): GridReadResult {
  const width = rowWidth(grid.rows);
  const header = findHeader(grid.rows, width);
  if (!header) {
    const topics = readTopicSheet(grid, width);
    if (topics) return topics;
    const empty = grid.rows.every((row) => filledCount(row) === 0);
    const base: GridReadResult = { raws: [], problems: [], declaredTopics: [], ignoredColumns: [] };
    if (empty) return { ...base, skipped: 'empty' };
    const prose = grid.rows.every((row) => filledCount(row) <= 2);
    const named = grid.sheet !== null && INSTRUCTION_SHEET.test(normalizeLabel(grid.sheet));
    if (prose || named) return { ...base, skipped: 'instructions' };
    return { ...base, problems: [problem(grid.sheet, null, null, msg.noHeader())] };
  }

  const { map } = header;
  const result: GridReadResult = {
    raws: [],
    problems: map.duplicates.map(([dup, first]) =>
      problem(
        grid.sheet,
        grid.rows[header.position].number,
        dup.header,
        msg.duplicateColumn(dup.header, first.header),
      ),
    ),
    declaredTopics: [],
    ignoredColumns: map.unknown,
  };
  const headerTexts = texts(grid.rows[header.position], width)
    .map((t) => normalizeLabel(t ?? ''))
    .join('|');
  const sheetTopic = topicFromSheetName(grid.sheet);
  const optionCount = Math.max(...map.options.keys()) + 1;
  let section: string | null = null;
  const mapped = [...map.fields.values(), ...map.options.values()];
  const optionsAndKey = [...map.options.values(), map.fields.get('correct')].filter(
    (c): c is ColumnRef => c !== undefined,
  );

  for (const row of grid.rows.slice(header.position + 1)) {
    if (result.raws.length > context.remaining) break;
    if (filledCount(row) === 0) continue;
    if (
      texts(row, width)
        .map((t) => normalizeLabel(t ?? ''))
        .join('|') === headerTexts
    )
      continue;
    const hasData = mapped.some((c) => isFilled(row.cells[c.index]));
    if (!hasData || optionsAndKey.every((c) => !isFilled(row.cells[c.index]))) {
      const topic = sectionTopic(row);
      if (topic !== null) {
        section = topic;
        continue;
      }
      // e.g. template rows with only "STT" filled in
      if (!hasData) continue;
    }

    const raw = newRawQuestion(grid.sheet, row.number, null, `dòng ${row.number}`);
    const readCell = (
      ref: ColumnRef,
      field: RawField | null,
    ): { text: string | null; broken: boolean } => {
      const cell = row.cells[ref.index];
      if (!cell) return { text: null, broken: false };
      if (cell.problem) {
        raw.problems.push(problem(grid.sheet, row.number, ref.header, cell.problem));
        return { text: null, broken: true };
      }
      if (cell.mergedFrom && (field === null || PER_QUESTION_FIELDS.has(field))) {
        raw.problems.push(
          problem(grid.sheet, row.number, ref.header, msg.mergedCell(cell.mergedFrom)),
        );
        return { text: null, broken: true };
      }
      if (field === 'text' && cell.isNumber) {
        raw.problems.push(
          problem(grid.sheet, row.number, ref.header, msg.numberAsQuestion(cell.text ?? '')),
        );
        return { text: null, broken: true };
      }
      return { text: cell.text, broken: false };
    };

    for (const [field, ref] of map.fields) {
      const { text, broken } = readCell(ref, field);
      raw.values[field] = text;
      raw.columns[field] = ref.header;
      if (broken) raw.broken.add(field);
    }
    for (let index = 0; index < optionCount; index += 1) {
      const ref = map.options.get(index);
      if (!ref) {
        raw.options.push({ text: null, column: null });
        continue;
      }
      const { text, broken } = readCell(ref, null);
      raw.options.push({ text, column: ref.header, broken });
    }
    if (!(raw.values.topic ?? '').trim()) {
      const fallback = section ?? sheetTopic;
      if (fallback !== null) raw.values.topic = fallback;
    }
    result.raws.push(raw);
  }
  return result;
}
