// What this device remembers about practice, in localStorage: the session in progress (to
// resume it after a reload), an answer chosen but not yet acknowledged by the server, and the
// questions this device answered wrongly. Every access is guarded: private browsing and some
// in-app browsers refuse storage, and practice must still work without it.

import type { PracticeSessionCreated } from '../../../../src/shared/practice';

const CURRENT_KEY = 'cchc.practice.current';
const MISSED_KEY = 'cchc.practice.missed';
const PENDING_KEY = 'cchc.practice.pending';

/** The most missed ids kept: the oldest are forgotten first. */
export const MISSED_CAP = 500;

export interface StoredSession {
  id: string;
  token: string;
  /** For the start page's "continue" offer without a request; the server stays the authority. */
  total: number;
  answered: number;
}

/** An answer the participant chose whose reply has not arrived yet. */
export interface PendingAnswer {
  id: string;
  position: number;
  chosen: number[];
}

function read(key: string): unknown {
  try {
    const text = window.localStorage.getItem(key);
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or refused: practice goes on, only resuming is lost.
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

export function loadCurrent(): StoredSession | null {
  const value = read(CURRENT_KEY);
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.token !== 'string') {
    return null;
  }
  return {
    id: value.id,
    token: value.token,
    total: typeof value.total === 'number' ? value.total : 0,
    answered: typeof value.answered === 'number' ? value.answered : 0,
  };
}

export function saveCurrent(session: StoredSession | null): void {
  write(CURRENT_KEY, session);
}

export function loadPending(sessionId: string): PendingAnswer | null {
  const value = read(PENDING_KEY);
  if (!isRecord(value) || value.id !== sessionId || typeof value.position !== 'number') return null;
  const chosen = Array.isArray(value.chosen)
    ? value.chosen.filter((c): c is number => typeof c === 'number')
    : [];
  return { id: sessionId, position: value.position, chosen };
}

export function savePending(pending: PendingAnswer | null): void {
  write(PENDING_KEY, pending);
}

export function loadMissed(): string[] {
  const value = read(MISSED_KEY);
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}

function saveMissed(ids: readonly string[]): void {
  write(MISSED_KEY, ids.length ? ids.slice(-MISSED_CAP) : null);
}

/** A wrong answer adds the question (as the most recent), a right one removes it. */
export function recordResult(questionId: string, correct: boolean): void {
  const ids = loadMissed().filter((id) => id !== questionId);
  if (!correct) ids.push(questionId);
  saveMissed(ids);
}

/** Forgets ids the server can no longer draw (removed from practice). */
export function forgetMissed(questionIds: readonly string[]): void {
  const gone = new Set(questionIds);
  saveMissed(loadMissed().filter((id) => !gone.has(id)));
}

// ---- Within this page load only ----------------------------------------------------------------

let handedOff: PracticeSessionCreated | null = null;
let notice: string | null = null;

/**
 * Passes a just-created session to the session page: no request needed, and it works even
 * where storage is refused.
 */
export function handOff(session: PracticeSessionCreated): void {
  handedOff = session;
}

export function takeHandOff(): PracticeSessionCreated | null {
  const session = handedOff;
  handedOff = null;
  return session;
}

/** A message for the start page (the stored session was gone). */
export function setNotice(text: string): void {
  notice = text;
}

export function takeNotice(): string | null {
  const text = notice;
  notice = null;
  return text;
}
