/**
 * CSV reader: UTF-8 with or without BOM (or UTF-16 / Windows-1258), comma, semicolon or tab
 * delimited, quoted fields with new lines. The rows then go through tabular.ts like a sheet.
 */
import { parse, type Options } from 'csv-parse/sync';
import { isQuestionHeader, mapHeaderRow } from './headers';
import { msg } from './messages';
import { problem, type ReadResult } from './raw';
import { readGrid, type GridRow } from './tabular';
import { decodeText } from './text-decode';
import type { ImportLimits } from './types';

type Delimiter = ',' | ';' | '\t';
const DELIMITERS: readonly Delimiter[] = [';', ',', '\t'];

function parseRecords(text: string, delimiter: Delimiter): string[][] {
  const options: Options = {
    delimiter,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: false,
    trim: false,
  };
  return parse(text, options);
}

/** The delimiter under which the header row is found, else the one giving the most columns. */
export function detectDelimiter(text: string): Delimiter {
  const sample = text.split(/\r?\n/).slice(0, 40).join('\n');
  let best: Delimiter = ',';
  let bestScore = -1;
  for (const delimiter of DELIMITERS) {
    let records: string[][];
    try {
      records = parseRecords(sample, delimiter);
    } catch {
      records = sample.split('\n').map((line) => line.split(delimiter));
    }
    if (records.slice(0, 30).some((row) => isQuestionHeader(mapHeaderRow(row)))) return delimiter;
    const widths = records.map((r) => r.length).filter((w) => w > 1);
    const score = widths.length === 0 ? 0 : Math.min(...widths) * 1000 + widths.length;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

function syntaxDetail(error: unknown): { detail: string; line: number | null } {
  const record = error as { code?: unknown; lines?: unknown; message?: unknown };
  const line = typeof record.lines === 'number' ? record.lines : null;
  if (record.code === 'CSV_QUOTE_NOT_CLOSED') {
    return {
      detail: `dấu ngoặc kép (") mở nhưng không được đóng${line ? ` (đến dòng ${line})` : ''}`,
      line,
    };
  }
  return { detail: String(record.message ?? error).slice(0, 200), line };
}

export function readCsv(buffer: Buffer, limits: ImportLimits): ReadResult {
  const decoded = decodeText(buffer);
  if (!decoded.ok) return { raws: [], problems: [problem(null, null, null, msg.binaryText())] };
  const delimiter = detectDelimiter(decoded.text);
  let records: string[][];
  try {
    records = parseRecords(decoded.text, delimiter);
  } catch (error) {
    const { detail, line } = syntaxDetail(error);
    return { raws: [], problems: [problem(null, line, null, msg.csvSyntax(detail))] };
  }
  const rows: GridRow[] = records.map((record, index) => ({
    number: index + 1,
    cells: record.map((value) => {
      const text = value.trim() === '' ? null : value;
      return { text, isNumber: text !== null && /^\s*-?\d+(?:[.,]\d+)?\s*$/.test(text) };
    }),
  }));
  const read = readGrid({ sheet: null, rows }, { remaining: limits.maxQuestions });
  return {
    raws: read.raws,
    problems:
      read.skipped === 'instructions' ? [problem(null, null, null, msg.noHeader())] : read.problems,
    declaredTopics: read.declaredTopics,
    meta: {
      delimiter,
      encoding: decoded.encoding,
      notices: decoded.notices,
      ignoredColumns: read.ignoredColumns,
    },
  };
}
