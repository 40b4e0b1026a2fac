/**
 * Text helpers for Vietnamese: accent- and case-insensitive comparison (header matching,
 * duplicate detection, accent-insensitive search) and cleaning of text read from files.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;

function foldChar(ch: string): string {
  if (ch === 'đ' || ch === 'Đ') return 'd';
  const lower = ch.toLowerCase();
  if (lower.length !== ch.length) return ch;
  const stripped = lower.normalize('NFD').replace(COMBINING_MARKS, '');
  return stripped.length === lower.length ? stripped : lower;
}

/**
 * Lowercases and strips diacritics (đ → d) one UTF-16 unit at a time, so that the result has
 * exactly the same length as the NFC input: a regex match on the folded text gives indexes
 * that are valid in the original text.
 */
export function foldVietnamese(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      out += code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : text[i];
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out += text[i];
    } else {
      out += foldChar(text[i]);
    }
  }
  return out;
}

/** Lowercase, strip diacritics (including đ → d), collapse whitespace, trim. */
export function normalizeVietnamese(text: string): string {
  return foldVietnamese(text.normalize('NFC')).replace(/\s+/g, ' ').trim();
}

/** Like normalizeVietnamese, and punctuation becomes a space: for header and value matching. */
export function normalizeLabel(text: string): string {
  return normalizeVietnamese(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Cleans text read from a file: NFC (decomposed Vietnamese from old converters), Windows
 * line ends, non-breaking and zero-width spaces, trailing spaces on each line, outer blanks.
 */
export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/\u200b|\u200c|\u200d|\ufeff/g, '')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}

/** A stable code for a topic name: "Cải cách thể chế" → "cai-cach-the-che". */
export function slugify(text: string, fallback = 'chung'): string {
  const slug = normalizeVietnamese(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/g, '');
  return slug || fallback;
}

/** "CẢI CÁCH THỂ CHẾ" → "Cải cách thể chế"; text with lowercase letters is left alone. */
export function sentenceCaseIfShouting(text: string): string {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 2 || letters !== letters.toLocaleUpperCase('vi')) return text;
  const lower = text.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

/** An optional capture group: TypeScript types every group of a match as `string`. */
export function group(match: RegExpExecArray, index: number): string | undefined {
  const value: string | undefined = match[index];
  return value;
}
