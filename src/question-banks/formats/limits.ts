import type { ImportLimits } from './types';

export const IMPORT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  maxFileBytes: 10 * 1024 * 1024,
  maxQuestions: 5000,
  maxTextLength: 2000,
  maxOptionLength: 500,
  maxExplanationLength: 4000,
});

/** Rows (or paragraphs) searched for the header row of a sheet. */
export const HEADER_SEARCH_ROWS = 30;

export function resolveLimits(overrides?: Partial<ImportLimits>): ImportLimits {
  return { ...IMPORT_LIMITS, ...overrides };
}
