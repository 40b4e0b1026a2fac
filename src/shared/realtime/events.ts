/**
 * The one typed map of socket.io events, imported by the server, the web client and the tests,
 * so a renamed event or a changed payload breaks the build instead of production.
 * Pure types: no runtime imports. docs/socket-protocol.md documents every event.
 */
import type { AnswerSaved, AttemptResult, LeaderboardView } from '../rounds';

/** Every error a person may see: a stable code and a Vietnamese message. */
export interface SocketErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: { field?: string; message: string }[];
}

/** Every client → server event is acknowledged with exactly one of these. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: SocketErrorBody };
export type AckCallback<T> = (reply: Ack<T>) => void;

export interface ClockSyncRequest {
  /** The client's Date.now() when it sent the request. */
  clientSentAt: number;
}

export interface ClockSyncReply {
  clientSentAt: number;
  /** The server's Date.now() when it answered. offset ≈ serverNow − (clientSentAt + rtt/2). */
  serverNow: number;
}

export interface WhoAmIReply {
  /** The staff account behind the connection's session cookie, if any. */
  staff: { accountId: string; username: string; role: string } | null;
}

/** Watch a round's live leaderboard (public or participants-only, per the round's setting). */
export interface LeaderboardWatchRequest {
  roundId: string;
  /** One participant group's ranking; absent: overall. */
  group?: 'civil_servant' | 'citizen';
  /** Needed when the round's leaderboard is for participants only; adds `me` to the ack. */
  participantToken?: string;
}

/**
 * Save one answer of a timed-round attempt: the same as `PUT /api/attempts/:id/answers/:position`
 * (same checks, limits, errors and reply), over the open connection.
 */
export interface AttemptSaveRequest {
  /** The participant's session token (what the HTTP API takes as X-Participant-Token). */
  participantToken: string;
  attemptId: string;
  /** The question's position in the attempt (0-based, as shown). */
  position: number;
  /** Indexes (0-based, in the order shown) of the chosen options; empty: none chosen. */
  chosen: number[];
}

/** Submit a timed-round attempt: the same as `POST /api/attempts/:id/submit`. */
export interface AttemptSubmitRequest {
  participantToken: string;
  attemptId: string;
  /** The answer to the round's prediction question, if any. */
  prediction?: number;
}

/** Client → server. Each takes a payload and an ack callback. */
export interface ClientToServerEvents {
  'clock:sync': (payload: ClockSyncRequest, ack: AckCallback<ClockSyncReply>) => void;
  'session:whoami': (payload: Record<string, never>, ack: AckCallback<WhoAmIReply>) => void;
  /** Joins the round's leaderboard room; the ack carries the current leaderboard (with `me`). */
  'leaderboard:watch': (
    payload: LeaderboardWatchRequest,
    ack: AckCallback<LeaderboardView>,
  ) => void;
  'leaderboard:unwatch': (
    payload: { roundId: string },
    ack: AckCallback<Record<string, never>>,
  ) => void;
  /** Autosave of one answer; the ack says it is in the database (or why not). */
  'attempt:save': (payload: AttemptSaveRequest, ack: AckCallback<AnswerSaved>) => void;
  /** Final submission: graded at once; the ack carries the result with the provisional rank. */
  'attempt:submit': (payload: AttemptSubmitRequest, ack: AckCallback<AttemptResult>) => void;
}

/** Server → client. */
export interface ServerToClientEvents {
  /** Sent once on connect: lets the client start its clock offset estimate at once. */
  'server:hello': (payload: { serverNow: number; protocol: number }) => void;
  /**
   * The top of a watched leaderboard, at most once a second per round and only when it
   * changed; `me` is always null here (ask `leaderboard:watch` again for your own row).
   */
  'leaderboard:update': (payload: LeaderboardView) => void;
}

export const SOCKET_PROTOCOL_VERSION = 1;

export type ClientEventName = keyof ClientToServerEvents;
export type ClientEventPayload<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];
export type ClientEventReply<E extends ClientEventName> =
  Parameters<ClientToServerEvents[E]>[1] extends AckCallback<infer R> ? R : never;
