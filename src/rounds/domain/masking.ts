/**
 * Personal data at the edges, pure: Vietnamese mobile numbers and citizen ID (CCCD) numbers
 * are checked and normalized at registration, and phones are masked on public pages
 * (Nghị định 13/2023/NĐ-CP). Messages are Vietnamese, shown next to the form field.
 */

export type Checked = { ok: true; value: string } | { ok: false; reason: string };

/** Mobile prefixes in use since the 2018 renumbering: 03, 05, 07, 08, 09. */
const MOBILE = /^0[35789]\d{8}$/;
/** Spaces, dots, dashes and parentheses people type inside numbers. */
const SEPARATORS = /[\s.\-()]/g;

export const PHONE_REQUIRED = 'Vui lòng nhập số điện thoại.';
export const PHONE_INVALID =
  'Số điện thoại không hợp lệ: cần 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09 (có thể viết dạng +84).';
export const CCCD_REQUIRED = 'Vui lòng nhập số căn cước công dân.';
export const CCCD_INVALID = 'Số căn cước công dân phải gồm đúng 12 chữ số.';

/** What a masked phone looks like when the stored value is not a valid number. */
export const MASKED_UNKNOWN_PHONE = 'xxxx xxx xxx';

/**
 * The canonical form 0xxxxxxxxx of a Vietnamese mobile number. Accepts 0xxxxxxxxx, +84xxxxxxxxx
 * and 84xxxxxxxxx (also "+84 0912…", a common way of writing it), with spaces, dots, dashes
 * or parentheses between digits.
 */
export function normalizeVietnamesePhone(input: string): Checked {
  const compact = input.replace(SEPARATORS, '');
  if (compact === '') return { ok: false, reason: PHONE_REQUIRED };
  let local = compact;
  if (/^\+?84\d+$/.test(compact)) {
    const rest = compact.replace(/^\+?84/, '');
    local = rest.startsWith('0') ? rest : `0${rest}`;
  }
  return MOBILE.test(local) ? { ok: true, value: local } : { ok: false, reason: PHONE_INVALID };
}

/** "0912345678" or "+84 912 345 678" → "09xx xxx 678": the network prefix and the last 3 digits. */
export function maskPhone(input: string): string {
  const phone = normalizeVietnamesePhone(input);
  if (!phone.ok) return MASKED_UNKNOWN_PHONE;
  return `${phone.value.slice(0, 2)}xx xxx ${phone.value.slice(7)}`;
}

/** A CCCD number without spaces: exactly 12 digits. */
export function normalizeCccd(input: string): Checked {
  const compact = input.replace(/\s/g, '');
  if (compact === '') return { ok: false, reason: CCCD_REQUIRED };
  return /^\d{12}$/.test(compact)
    ? { ok: true, value: compact }
    : { ok: false, reason: CCCD_INVALID };
}

export function isValidCccd(input: string): boolean {
  return normalizeCccd(input).ok;
}
