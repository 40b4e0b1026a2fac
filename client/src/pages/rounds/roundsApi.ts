// The timed-round API. Participant calls carry the contest's session token in a header, which
// the shared `api()` helper does not send, hence `call` below (same errors, field details kept).
// Every reply that carries the server's time refines the clock offset used by countdowns.
import type {
  AnswerSaved,
  AttemptResult,
  AttemptReview,
  AttemptStatus,
  AttemptView,
  ContestView,
  Gender,
  LeaderboardView,
  ParticipantGroup,
  ParticipantSignedIn,
  PublicContest,
  RoundSummary,
} from './contract';
import { ApiError, apiGet, request } from '../../lib/api';
import { noteServerTime } from '../../lib/clock';

const TOKEN_HEADER = 'X-Participant-Token';

/** Every reply that carries the server's time refines the clock offset of the countdown. */
function noteTime(body: unknown, sentAt: number, receivedAt: number): void {
  const serverNow = (body as { serverNow?: unknown } | null)?.serverNow;
  if (typeof serverNow === 'string') noteServerTime(serverNow, sentAt, receivedAt);
}

function call<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  token: string | null,
  body?: unknown,
): Promise<T> {
  return request<T>(method, path, body, {
    headers: token ? { [TOKEN_HEADER]: token } : {},
    notify: false,
    onReply: noteTime,
  });
}

const enc = encodeURIComponent;

/** A route the server does not have (yet): the page leaves that part out. */
export const isMissingEndpoint = (error: unknown) =>
  error instanceof ApiError &&
  error.status === 404 &&
  (error.code === 'NOT_FOUND' || error.code === 'HTTP_404');

/** The stored token is no longer valid (expired, or the organizer cleared the sessions). */
export const isSignedOut = (error: unknown) => error instanceof ApiError && error.status === 401;

/** Nothing to retry: the network or a busy server, not the request itself. */
export const isTransient = (error: unknown) =>
  error instanceof ApiError && (error.status === 0 || error.status === 429 || error.status >= 500);

// ---- Contests, registration, sign-in ---------------------------------------------------------

export type ContestDetail = ContestView & { rounds: RoundSummary[] };

/** A unit of `GET /api/contests/:id/units` (UnitView in src/shared/units.ts): only what we show. */
export interface Unit {
  id: string;
  parentId: string | null;
  name: string;
  /** 'block' (khối) groups units; 'unit' and 'residential_group' are what people pick. */
  kind: string;
}

export interface RegisterRequest {
  fullName: string;
  birthYear: number;
  gender: Gender;
  phone: string;
  cccd?: string;
  unit?: string;
  unitId?: string;
  participantGroup: ParticipantGroup;
  password: string;
  consent: true;
}

export const fetchPublicContests = () =>
  apiGet<{ items: PublicContest[] }>('/public/contests').then((body) => body.items);

export const fetchContest = (contestId: string) =>
  call<ContestDetail>('GET', `/contests/${enc(contestId)}`, null);

/** The contest's units, or null when it has none or the server cannot list them. */
export async function fetchUnits(contestId: string): Promise<Unit[] | null> {
  try {
    const body = await call<{ items?: unknown }>('GET', `/contests/${enc(contestId)}/units`, null);
    return Array.isArray(body.items) && body.items.length > 0 ? (body.items as Unit[]) : null;
  } catch {
    return null; // 404 (no units, or no such endpoint yet) or a failure: free-text unit.
  }
}

export const register = (contestId: string, request: RegisterRequest) =>
  call<ParticipantSignedIn>('POST', `/contests/${enc(contestId)}/participants`, null, request);

/** Revokes the session on the server; the page forgets it whatever the answer. */
export const signOut = (token: string) =>
  call<undefined>('DELETE', '/participant-session', token).catch(() => undefined);

export const signIn = (contestId: string, phone: string, password: string) =>
  call<ParticipantSignedIn>('POST', `/contests/${enc(contestId)}/sessions`, null, {
    phone,
    password,
  });

// ---- Attempts --------------------------------------------------------------------------------

export interface MyAttempt {
  id: string;
  number: number;
  status: AttemptStatus;
  score: number | null;
  maxScore: number | null;
  submittedAt: string | null;
}

export interface MyAttempts {
  attemptsAllowed: number;
  items: MyAttempt[];
}

/** Starts an attempt or returns the one in progress (idempotent on the server). */
export const startAttempt = (roundId: string, token: string) =>
  call<AttemptView>('POST', `/rounds/${enc(roundId)}/attempts`, token);

/** The participant's attempts in a round; null while the server has no such endpoint. */
export async function fetchMyAttempts(roundId: string, token: string): Promise<MyAttempts | null> {
  try {
    return await call<MyAttempts>('GET', `/rounds/${enc(roundId)}/my-attempts`, token);
  } catch (error) {
    if (isMissingEndpoint(error)) return null;
    throw error;
  }
}

export const fetchAttempt = (attemptId: string, token: string) =>
  call<AttemptView>('GET', `/attempts/${enc(attemptId)}`, token);

export const saveAnswer = (attemptId: string, token: string, position: number, chosen: number[]) =>
  call<AnswerSaved>('PUT', `/attempts/${enc(attemptId)}/answers/${position}`, token, { chosen });

export const submitAttempt = (attemptId: string, token: string, prediction: number | null) =>
  call<AttemptResult>(
    'POST',
    `/attempts/${enc(attemptId)}/submit`,
    token,
    prediction === null ? {} : { prediction },
  );

export const fetchResult = (attemptId: string, token: string) =>
  call<AttemptResult>('GET', `/attempts/${enc(attemptId)}/result`, token);

export const fetchReview = (attemptId: string, token: string) =>
  call<AttemptReview>('GET', `/attempts/${enc(attemptId)}/review`, token);

// ---- Leaderboard -----------------------------------------------------------------------------

export const fetchLeaderboard = (
  roundId: string,
  group: ParticipantGroup | null,
  token: string | null,
) => {
  const query = new URLSearchParams({ limit: '50' });
  if (group) query.set('group', group);
  return call<LeaderboardView>(
    'GET',
    `/rounds/${enc(roundId)}/leaderboard?${query.toString()}`,
    token,
  );
};
