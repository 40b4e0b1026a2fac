import { MIN_PASSWORD_LENGTH } from '../types';

// No look-alike characters (0/O, 1/l/I): the password is read out or written down.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random temporary password, 12 characters, from the browser's secure generator. */
export function randomPassword(length = 12): string {
  const out: string[] = [];
  const limit = 256 - (256 % ALPHABET.length);
  const bytes = new Uint8Array(64);
  while (out.length < length) {
    crypto.getRandomValues(bytes);
    for (const byte of bytes) {
      if (byte < limit && out.length < length) out.push(ALPHABET.charAt(byte % ALPHABET.length));
    }
  }
  return out.join('');
}

/** Counts Unicode code points of the NFC form ("ễ" is one however it was typed), as the server does. */
export function passwordLength(password: string): number {
  let count = 0;
  for (const _codePoint of password.normalize('NFC')) count++;
  return count;
}

/** Vietnamese message when a new password is too short, else undefined. */
export function checkNewPassword(password: string): string | undefined {
  if (!password) return 'Vui lòng nhập mật khẩu mới.';
  if (passwordLength(password) < MIN_PASSWORD_LENGTH) {
    return `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`;
  }
  return undefined;
}
