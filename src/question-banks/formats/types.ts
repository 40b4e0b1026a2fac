import type { QuestionDraft, TopicDraft } from '../domain/question';

export type BankFormat = 'xlsx' | 'csv' | 'docx' | 'aiken' | 'gift' | 'json';
export const BANK_FORMATS: readonly BankFormat[] = ['xlsx', 'csv', 'docx', 'aiken', 'gift', 'json'];

export type ExportFormat = 'xlsx' | 'json' | 'gift';

/**
 * One thing wrong in an imported file. `row` is the real 1-based row for xlsx/csv; for docx it
 * is the question number as written ("Câu 12") or the paragraph number; for aiken/gift the
 * line number. The message says which. `column` is the header as written in the file (or the
 * cell's column letter, or the JSON field name).
 */
export interface ImportProblem {
  sheet: string | null;
  row: number | null;
  column: string | null;
  message: string;
}

export interface ParsedQuestion {
  draft: QuestionDraft;
  location: { sheet: string | null; row: number | null };
}

export interface ParseResult {
  format: BankFormat;
  /** Only questions without problems. */
  questions: ParsedQuestion[];
  problems: ImportProblem[];
  /** Every question's `topic` is the `code` of one of these. */
  topics: TopicDraft[];
  meta?: Record<string, unknown>;
}

export interface ImportLimits {
  maxFileBytes: number;
  maxQuestions: number;
  maxTextLength: number;
  maxOptionLength: number;
  maxExplanationLength: number;
}

export interface ParseOptions {
  /** Skip detection and read the file as this format. */
  format?: BankFormat;
  /** Topic name for questions that have none (default "Chung"). */
  defaultTopic?: string;
  /** Override some limits (tests, or an organizer with a larger bank). */
  limits?: Partial<ImportLimits>;
}

export interface BankMeta {
  name: string;
  description?: string | null;
  language?: string;
  /** The date the legal content was last checked, "YYYY-MM-DD". */
  contentCheckedAt?: string | null;
  /** ISO timestamp; defaults to the export time. */
  exportedAt?: string;
}

export interface BankExport {
  meta: BankMeta;
  topics: TopicDraft[];
  questions: QuestionDraft[];
}
