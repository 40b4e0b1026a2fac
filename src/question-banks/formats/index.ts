/**
 * Question-bank files: reading (xlsx, csv, docx, Aiken, GIFT, json) and writing (xlsx, json,
 * GIFT). Pure functions: bytes in, data out; no Nest, no database.
 *
 * parseBankFile never throws: whatever is wrong with a file becomes a problem (Vietnamese
 * message, with sheet / row / column), every problem in the file is reported, and only the
 * questions without problems are returned.
 */
import { readAikenText } from './aiken';
import { readCsv } from './csv';
import { detectFormat, extensionOf, formatFromExtension, isLegacyOffice, isZip } from './detect';
import { readDocx } from './docx';
import { writeGift } from './export-gift';
import { writeJson } from './export-json';
import { writeXlsx, writeXlsxTemplate } from './export-xlsx';
import { readGiftText } from './gift';
import { readJsonText } from './json';
import { resolveLimits } from './limits';
import { msg } from './messages';
import { problem, type ReadResult } from './raw';
import { decodeText } from './text-decode';
import type {
  BankExport,
  BankFormat,
  ExportFormat,
  ImportProblem,
  ParseOptions,
  ParseResult,
} from './types';
import { finalizeQuestions } from './validate';
import { readXlsx } from './xlsx';
import { MAX_UNZIPPED_BYTES, unzippedSize } from './zip-size';

export { IMPORT_LIMITS } from './limits';
export { normalizeVietnamese } from './normalize';
export { detectFormat } from './detect';
export { JSON_FORMAT_ID, JSON_FORMAT_VERSION } from './json';
export type {
  BankExport,
  BankFormat,
  BankMeta,
  ExportFormat,
  ImportLimits,
  ImportProblem,
  ParsedQuestion,
  ParseOptions,
  ParseResult,
} from './types';

export const FORMAT_LABELS: Readonly<Record<BankFormat, string>> = {
  xlsx: 'Excel (.xlsx)',
  csv: 'CSV',
  docx: 'Word (.docx)',
  aiken: 'Aiken (Moodle)',
  gift: 'GIFT (Moodle)',
  json: 'JSON',
};

export interface BankFileInput {
  buffer: Buffer;
  filename: string;
  /** Informative only: the content decides the format. */
  mimeType?: string;
}

async function readAs(
  format: BankFormat,
  buffer: Buffer,
  options: ParseOptions,
  notices: string[],
): Promise<ReadResult> {
  const limits = resolveLimits(options.limits);
  const fileProblem = (message: string): ReadResult => ({
    raws: [],
    problems: [problem(null, null, null, message)],
  });
  if (isLegacyOffice(buffer)) return fileProblem(msg.legacyOffice());
  switch (format) {
    case 'xlsx':
    case 'docx': {
      if (!isZip(buffer)) return fileProblem(msg.notZip(format));
      const unzipped = unzippedSize(buffer);
      if (unzipped !== null && unzipped > MAX_UNZIPPED_BYTES)
        return fileProblem(msg.unzippedTooLarge(MAX_UNZIPPED_BYTES));
      return format === 'xlsx' ? readXlsx(buffer, limits) : readDocx(buffer);
    }
    case 'csv': {
      const read = readCsv(buffer, limits);
      const csvNotices = read.meta?.notices;
      if (Array.isArray(csvNotices)) notices.push(...csvNotices.map(String));
      return read;
    }
    case 'aiken':
    case 'gift':
    case 'json': {
      const decoded = decodeText(buffer);
      if (!decoded.ok) return fileProblem(msg.binaryText());
      notices.push(...decoded.notices);
      if (format === 'aiken') return readAikenText(decoded.text);
      if (format === 'gift') return readGiftText(decoded.text);
      return readJsonText(decoded.text);
    }
  }
}

function sortProblems(problems: ImportProblem[], sheets: readonly string[]): ImportProblem[] {
  const order = (sheet: string | null): number => (sheet === null ? -1 : sheets.indexOf(sheet));
  return problems
    .map((p, index) => ({ p, index }))
    .sort(
      (a, b) =>
        order(a.p.sheet) - order(b.p.sheet) || (a.p.row ?? 0) - (b.p.row ?? 0) || a.index - b.index,
    )
    .map(({ p }) => p);
}

async function parse(input: BankFileInput, options: ParseOptions): Promise<ParseResult> {
  const limits = resolveLimits(options.limits);
  const buffer = Buffer.isBuffer(input.buffer) ? input.buffer : Buffer.from(input.buffer);
  const byExtension = formatFromExtension(input.filename);
  const empty = (format: BankFormat, message: string): ParseResult => ({
    format,
    questions: [],
    problems: [problem(null, null, null, message)],
    topics: [],
    meta: { filename: input.filename, size: buffer.length },
  });
  if (buffer.length === 0) return empty(options.format ?? byExtension ?? 'csv', msg.emptyFile());
  if (buffer.length > limits.maxFileBytes) {
    return empty(
      options.format ?? byExtension ?? 'csv',
      msg.fileTooLarge(buffer.length, limits.maxFileBytes),
    );
  }

  const format = options.format ?? detectFormat(buffer, input.filename);
  const notices: string[] = [];
  if (
    !options.format &&
    byExtension !== null &&
    byExtension !== format &&
    !isLegacyOffice(buffer)
  ) {
    notices.push(msg.extensionMismatch(extensionOf(input.filename), FORMAT_LABELS[format]));
  }
  const read = await readAs(format, buffer, options, notices);
  const finalized = finalizeQuestions(read.raws, {
    limits,
    defaultTopic: options.defaultTopic,
    declaredTopics: read.declaredTopics,
  });
  const problems = [...read.problems, ...finalized.problems];
  if (read.raws.length === 0 && problems.length === 0)
    problems.push(problem(null, null, null, msg.noQuestions()));
  const sheets = Array.isArray(read.meta?.sheets) ? read.meta.sheets.map(String) : [];
  return {
    format,
    questions: finalized.questions,
    problems: format === 'docx' || format === 'json' ? problems : sortProblems(problems, sheets),
    topics: finalized.topics,
    meta: {
      ...read.meta,
      filename: input.filename,
      size: buffer.length,
      mimeType: input.mimeType ?? null,
      questionsFound: read.raws.length,
      notices: [...new Set(notices)],
    },
  };
}

/** The file name even when a JavaScript caller passed something else than the type says. */
function filenameOf(input: unknown): string {
  return typeof input === 'object' &&
    input !== null &&
    'filename' in input &&
    typeof input.filename === 'string'
    ? input.filename
    : '';
}

/** Reads a question-bank file. Never throws: bad input becomes `problems`. */
export async function parseBankFile(
  input: BankFileInput,
  options: ParseOptions = {},
): Promise<ParseResult> {
  try {
    return await parse(input, options);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      format: options.format ?? formatFromExtension(filenameOf(input)) ?? 'csv',
      questions: [],
      problems: [problem(null, null, null, msg.unexpected(detail.slice(0, 200)))],
      topics: [],
    };
  }
}

/** Writes a bank as xlsx (the template layout), json (lossless) or GIFT (for Moodle). */
export async function exportBank(
  bank: BankExport,
  format: ExportFormat,
  options: { now?: Date } = {},
): Promise<Buffer> {
  const now = options.now ?? new Date();
  switch (format) {
    case 'xlsx':
      return writeXlsx(bank, now);
    case 'json':
      return Buffer.from(writeJson(bank, now), 'utf8');
    case 'gift':
      return Buffer.from(writeGift(bank), 'utf8');
  }
}

/** The downloadable Excel template: Vietnamese headers, two example rows, an instructions sheet. */
export async function buildXlsxTemplate(options: { now?: Date } = {}): Promise<Buffer> {
  return writeXlsxTemplate(options.now ?? new Date());
}

/** One line for a person: "Trang tính 'Thể chế', dòng 7, cột 'Đáp án đúng': Thiếu đáp án đúng". */
export function describeProblem(p: ImportProblem, format: BankFormat): string {
  if (format !== 'xlsx' && format !== 'csv')
    return p.column && format === 'json' ? `${p.message} (trường "${p.column}")` : p.message;
  const where: string[] = [];
  if (p.sheet !== null) where.push(`Trang tính '${p.sheet}'`);
  if (p.row !== null) where.push(`dòng ${p.row}`);
  if (p.column !== null) where.push(`cột '${p.column}'`);
  if (where.length === 0) return p.message;
  const text = where.join(', ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}: ${p.message}`;
}
