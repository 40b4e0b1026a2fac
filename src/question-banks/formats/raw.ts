import type { QuestionType } from '../domain/question';
import type { ImportProblem } from './types';

/** Fields a file can carry for one question, besides the options. */
export const RAW_FIELDS = [
  'code',
  'topic',
  'type',
  'text',
  'correct',
  'difficulty',
  'explanation',
  'source',
  'article',
  'tags',
  'audience',
  'status',
  'practice',
  'image',
] as const;
export type RawField = (typeof RAW_FIELDS)[number];

export interface RawOption {
  /** null for an empty cell. */
  text: string | null;
  /** Header as written ("Phương án C") or null. */
  column: string | null;
  /** The cell could not be read; a problem was already reported for it. */
  broken?: boolean;
}

/**
 * A question as a reader found it, every value still as written in the file. Every format
 * produces these; validate.ts turns them into QuestionDraft or problems, in one place.
 */
export interface RawQuestion {
  sheet: string | null;
  row: number | null;
  /** Prefix for messages about this question in formats without rows ("Câu 12"). */
  label: string | null;
  /** How another question refers to this one in a message ("dòng 5", "Câu 12"). */
  ref: string;
  /**
   * Values as written. A field that is absent means "the file has no such column"; null or ''
   * means "the column exists but this cell is empty" (that matters for the article column).
   */
  values: Partial<Record<RawField, string | null>>;
  /** Header text of each field's column, for problem locations. */
  columns: Partial<Record<RawField, string>>;
  /** Fields whose cell could not be read (a problem was already reported). */
  broken: Set<RawField>;
  options: RawOption[];
  /** Tags already split (json). Otherwise values.tags is split on , ; | and new lines. */
  tagList?: string[];
  /** Correct options shown by formatting (bold, underline, '*') or by GIFT '='. */
  marked?: number[];
  /** Type stated by the format itself (GIFT). Wins over values.type. */
  typeHint?: QuestionType;
  /** Problems the reader already found for this question; the question is rejected if any. */
  problems: ImportProblem[];
  /**
   * The reader could not make sense of this question at all (an unsupported GIFT type, a JSON
   * entry that is not an object): only its own problems are reported, no further checks.
   */
  rejected?: boolean;
}

export function newRawQuestion(
  sheet: string | null,
  row: number | null,
  label: string | null,
  ref: string,
): RawQuestion {
  return {
    sheet,
    row,
    label,
    ref,
    values: {},
    columns: {},
    broken: new Set(),
    options: [],
    problems: [],
  };
}

/** What one reader returns before validation. */
export interface ReadResult {
  raws: RawQuestion[];
  problems: ImportProblem[];
  /** Topics declared by the file itself (json, the "Chủ đề" sheet of our xlsx export). */
  declaredTopics?: { code: string; name: string; description?: string | null }[];
  meta?: Record<string, unknown>;
}

export function problem(
  sheet: string | null,
  row: number | null,
  column: string | null,
  message: string,
): ImportProblem {
  return { sheet, row, column, message };
}
