/**
 * Reading the correct-answer key as organizers write it: "B", "b", "A,C", "A;C", "A, C",
 * "A và C", "AC", "Đáp án B", the 1-based option number ("2", "1;3"), or the option's own text
 * ("Đúng").
 */
import { OPTION_LETTERS } from '../domain/question';
import { normalizeLabel, normalizeVietnamese } from './normalize';

export interface KeyParse {
  /** Zero-based indexes, ascending, without duplicates. */
  indexes: number[];
  /** Tokens that name an option that does not exist ("E" with 4 options), as written. */
  outOfRange: string[];
  /** Nothing in the key could be read as a letter, a number or an option text. */
  unreadable: boolean;
}

const FILLER =
  /\b(dap an dung|dap an|dung la|phuong an|lua chon|chon|cau|pa|la|answer|key|correct)\b/g;
const JOINER = /\b(va|and)\b/g;

export function letterOf(index: number): string {
  return OPTION_LETTERS[index] ?? String(index + 1);
}

export function lettersOf(indexes: readonly number[]): string {
  return indexes.map(letterOf).join(', ');
}

export function parseKey(raw: string, options: readonly string[]): KeyParse {
  const result: KeyParse = { indexes: [], outOfRange: [], unreadable: false };
  const cleaned = normalizeLabel(raw).replace(FILLER, ' ').replace(JOINER, ' ').trim();
  const tokens = cleaned === '' ? [] : cleaned.split(/\s+/);
  const found = new Set<number>();
  let readable = tokens.length > 0;

  for (const token of tokens) {
    if (/^\d+$/.test(token)) {
      const n = Number(token);
      if (n >= 1 && n <= options.length) found.add(n - 1);
      else result.outOfRange.push(token);
    } else if (/^[a-z]$/.test(token)) {
      const index = token.charCodeAt(0) - 97;
      if (index < options.length) found.add(index);
      else result.outOfRange.push(token.toUpperCase());
    } else if (/^[a-f]{2,6}$/.test(token) && new Set(token).size === token.length) {
      // "AC" typed without a separator
      for (const ch of token) {
        const index = ch.charCodeAt(0) - 97;
        if (index < options.length) found.add(index);
        else result.outOfRange.push(ch.toUpperCase());
      }
    } else {
      readable = false;
      break;
    }
  }

  if (!readable) {
    // Last chance: the key is one option's text ("Đúng", "Cấp xã").
    const wanted = normalizeVietnamese(raw);
    const matches = options
      .map((option, index) => (normalizeVietnamese(option) === wanted ? index : -1))
      .filter((index) => index >= 0);
    if (wanted !== '' && matches.length === 1)
      return { indexes: matches, outOfRange: [], unreadable: false };
    return { indexes: [], outOfRange: [], unreadable: true };
  }
  result.indexes = [...found].sort((a, b) => a - b);
  return result;
}
