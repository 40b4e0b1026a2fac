import { parse } from 'cookie';
import { SESSION_COOKIE } from './principal';

/** A session token from `Authorization: Bearer …` (scripts) or the session cookie (browsers). */
export function extractSessionToken(headers: {
  authorization?: string;
  cookie?: string;
}): string | null {
  const auth = headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || null;
  if (headers.cookie) return parse(headers.cookie)[SESSION_COOKIE] ?? null;
  return null;
}
