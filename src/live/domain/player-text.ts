/**
 * What a player is called: name, contestant number (số báo danh) and team (unit), their limits
 * and their normalization. Shared by `join` and by the contestant roster (roster.ts), so that a
 * name imported from a file follows exactly the rules of a name typed on a phone.
 */

export const MAX_NAME_LENGTH = 40;
export const MAX_NUMBER_LENGTH = 20;
export const MAX_TEAM_LENGTH = 60;

/** NFC, control characters removed, runs of spaces collapsed, trimmed. */
export function normalizeText(value: string): string {
  return value
    .normalize('NFC')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });

/** Length in user-perceived characters (a Vietnamese letter with its marks counts once). */
export function textLength(value: string): number {
  let count = 0;
  for (const _ of graphemes.segment(value)) count += 1;
  return count;
}

/** Normalized text; null when absent or blank; false when not a string or longer than `max`. */
export function optionalText(value: unknown, max: number): string | null | false {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return false;
  const text = normalizeText(value);
  if (text === '') return null;
  return textLength(text) <= max ? text : false;
}

/** Contestant numbers are compared case-insensitively ("a01" is "A01"). */
export function numberKey(number: string): string {
  return normalizeText(number).toLowerCase();
}
