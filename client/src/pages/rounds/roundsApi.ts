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
import { ApiError, apiGet } from '../../lib/api';
import { noteServerTime } from '../../lib/clock';
import type { ErrorBody } from '../../types';

const TIMEOUT_MS = 30_000;
const TOKEN_HEADER = 'X-Participant-Token';

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return typeof body.code === 'string' && typeof body.message === 'string';
}

function fallbackMessage(status: number): string {
  if (status === 404) return 'Không tìm thấy dữ liệu yêu cầu.';
  if (status === 429) return 'Bạn thao tác quá nhanh. Vui lòng đợi một lát rồi thử lại.';
  if (status >= 500) return `Máy chủ đang gặp sự cố (mã ${status}). Vui lòng thử lại sau ít phút.`;
  return `Yêu cầu không thành công (mã ${status}). Vui lòng thử lại.`;
}

async function call<T>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  token: string | null,
  body?: unknown,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort();
  }, TIMEOUT_MS);
  const sentAt = Date.now();
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(token ? { [TOKEN_HEADER]: token } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
    });
  } catch {
    throw controller.signal.aborted
      ? new ApiError(0, 'TIMEOUT', 'Máy chủ phản hồi quá lâu. Vui lòng kiểm tra mạng và thử lại.')
      : new ApiError(
          0,
          'NETWORK_ERROR',
          'Không kết nối được với máy chủ. Vui lòng kiểm tra mạng và thử lại.',
        );
  } finally {
    clearTimeout(timer);
  }
  const receivedAt = Date.now();
  let parsed: unknown = null;
  try {
    parsed = await response.json();
  } catch {
    // Not JSON (a proxy's error page): handled below.
  }
  if (response.ok && parsed !== null) {
    const serverNow = (parsed as { serverNow?: unknown }).serverNow;
    if (typeof serverNow === 'string') noteServerTime(serverNow, sentAt, receivedAt);
    return parsed as T;
  }
  if (isErrorBody(parsed)) {
    throw new ApiError(response.status, parsed.code, parsed.message, parsed.details ?? []);
  }
  throw new ApiError(response.status, `HTTP_${response.status}`, fallbackMessage(response.status));
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
