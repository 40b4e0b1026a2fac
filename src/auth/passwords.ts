import * as argon2 from 'argon2';
import { hash as cryptoHash, randomBytes } from 'node:crypto';

/** argon2id with the library's defaults (m=64 MiB, t=3, p=4), which follow OWASP guidance. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, so that "unknown user" costs the same time as "wrong password". */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

/** Readable one-time password: no 0/O/1/l/I confusion when read off a log line. */
export function generateOneTimePassword(length = 14): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}

export function generateSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of a session token, as stored (one-shot `crypto.hash`: half the cost of a Hash object). */
export function hashSessionToken(token: string): Buffer {
  return cryptoHash('sha256', token, 'buffer');
}

export const MIN_PASSWORD_LENGTH = 10;
