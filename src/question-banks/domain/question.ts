/**
 * The question model shared by every import/export format, the database layer and the contest
 * engines. Pure types: no Nest or TypeORM imports here.
 */

export const QUESTION_TYPES = ['single', 'multiple', 'true_false'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const AUDIENCES = ['all', 'civil_servant', 'citizen'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const QUESTION_STATUSES = ['draft', 'published'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 6;
export const OPTION_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const TRUE_FALSE_OPTIONS = ['Đúng', 'Sai'] as const;

export interface LegalSource {
  /** e.g. "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ" */
  document: string;
  /** e.g. "Điều 3"; null when not known for sure */
  article: string | null;
}

/** A topic (chủ đề) of a bank, referred to by its stable code. */
export interface TopicDraft {
  code: string;
  name: string;
  description?: string | null;
}

/** A question as it travels through import and export (no database ids). */
export interface QuestionDraft {
  /** Optional stable external code, e.g. "TC-001". */
  code?: string | null;
  /** Topic code when known, otherwise the topic name as written in the file. */
  topic: string;
  type: QuestionType;
  text: string;
  /** Option texts in display order, without "A." prefixes. */
  options: string[];
  /** Zero-based indexes of the correct options, ascending. */
  correct: number[];
  difficulty: Difficulty;
  explanation: string;
  source: LegalSource;
  tags: string[];
  audience: Audience;
  /** Optional image URL or data reference. */
  image?: string | null;
  status: QuestionStatus;
  /** May appear in public practice. */
  practice: boolean;
}
