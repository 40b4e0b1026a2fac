// What this device remembers about timed rounds, in localStorage: the participant's session
// token per contest, and which contest an attempt or a round belongs to (the token to send
// with it). Every access is guarded: private browsing and some in-app browsers refuse storage,
// and the pages still work for the rest of the visit.
import type { ParticipantSignedIn } from './contract';

const SESSIONS_KEY = 'cchc.rounds.sessions';
const OWNERS_KEY = 'cchc.rounds.owners';
const PREDICTION_KEY = 'cchc.rounds.prediction';

export type StoredParticipant = ParticipantSignedIn['participant'];

export interface StoredSession {
  token: string;
  participant: StoredParticipant;
}

type Sessions = Record<string, StoredSession>;
/** "a:<attemptId>" or "r:<roundId>" → contestId. */
type Owners = Record<string, string>;

/** Kept in memory too: storage may be refused, the visit must still work. */
const memory = new Map<string, unknown>();

function read(key: string): unknown {
  try {
    const text = window.localStorage.getItem(key);
    if (text) return JSON.parse(text) as unknown;
  } catch {
    // Refused or corrupted: fall back to this visit's memory.
  }
  return memory.get(key) ?? null;
}

function write(key: string, value: unknown): void {
  memory.set(key, value);
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or refused: remembered for this visit only.
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isSession(value: unknown): value is StoredSession {
  return (
    isRecord(value) &&
    typeof value.token === 'string' &&
    isRecord(value.participant) &&
    typeof value.participant.fullName === 'string' &&
    typeof value.participant.phone === 'string'
  );
}

function sessions(): Sessions {
  const value = read(SESSIONS_KEY);
  if (!isRecord(value)) return {};
  const result: Sessions = {};
  for (const [contestId, session] of Object.entries(value)) {
    if (isSession(session)) result[contestId] = session;
  }
  return result;
}

function owners(): Owners {
  const value = read(OWNERS_KEY);
  if (!isRecord(value)) return {};
  const result: Owners = {};
  for (const [key, contestId] of Object.entries(value)) {
    if (typeof contestId === 'string') result[key] = contestId;
  }
  return result;
}

export function loadSession(contestId: string): StoredSession | null {
  return sessions()[contestId] ?? null;
}

export function saveSession(contestId: string, session: StoredSession): void {
  write(SESSIONS_KEY, { ...sessions(), [contestId]: session });
}

export function forgetSession(contestId: string): void {
  const { [contestId]: _gone, ...rest } = sessions();
  write(SESSIONS_KEY, rest);
}

/** The most owner entries kept: the oldest are forgotten first. */
const OWNERS_CAP = 200;

function remember(key: string, contestId: string): void {
  const { [key]: _old, ...rest } = owners();
  const entries = [...Object.entries(rest), [key, contestId] as const].slice(-OWNERS_CAP);
  write(OWNERS_KEY, Object.fromEntries(entries));
}

export const rememberAttempt = (attemptId: string, contestId: string) => {
  remember(`a:${attemptId}`, contestId);
};
export const rememberRound = (roundId: string, contestId: string) => {
  remember(`r:${roundId}`, contestId);
};

/** The contest of an attempt or a round seen on this device; null when unknown. */
export function contestOf(kind: 'attempt' | 'round', id: string): string | null {
  return owners()[`${kind === 'attempt' ? 'a' : 'r'}:${id}`] ?? null;
}

/**
 * The session to use for an attempt or a round: its contest's, or the only one on this device.
 * Null when none fits (signed out, or another device started it: sign in on the contest page).
 */
export function sessionFor(
  kind: 'attempt' | 'round',
  id: string,
): (StoredSession & { contestId: string }) | null {
  const all = sessions();
  const contestId = contestOf(kind, id);
  if (contestId) {
    const session = all[contestId];
    return session ? { ...session, contestId } : null;
  }
  const entries = Object.entries(all);
  const only = entries.length === 1 ? entries[0] : undefined;
  return only ? { ...only[1], contestId: only[0] } : null;
}

/** The prediction typed but not submitted yet (the server keeps it only with the submission). */
export function loadPrediction(attemptId: string): string {
  const value = read(PREDICTION_KEY);
  return isRecord(value) && value.attemptId === attemptId && typeof value.text === 'string'
    ? value.text
    : '';
}

export function savePrediction(attemptId: string, text: string): void {
  write(PREDICTION_KEY, { attemptId, text });
}
