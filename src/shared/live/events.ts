/**
 * The typed event map of the live final, socket.io namespace `/live`, imported by the server,
 * the web client and the tests. Pure types: no runtime imports. docs/live-protocol.md documents
 * every event, payload, ack and error code.
 */
import type { HostCommand } from '../../live/domain/live-room.types';
import type { CommonView, HostView, PlayerView, StageView } from '../../live/domain/views';
import type { Ack, AckCallback } from '../realtime/events';

export type { Ack, AckCallback, SocketErrorBody } from '../realtime/events';
export type { HostCommand, HostView, PlayerView, StageView };

export const LIVE_NAMESPACE = '/live';

/** Join by the 6-digit code; with a reconnect token, rejoin as the same player. */
export interface LiveJoinRequest {
  code: string;
  name: string;
  number?: string;
  team?: string;
  /** From a previous join's ack (kept in local storage): the same player, same score. */
  reconnectToken?: string;
}

export interface LiveJoinReply {
  gameId: string;
  playerId: string;
  /** Keep it: it is the only way back into the game as the same player. */
  reconnectToken: string;
  serverNow: number;
  view: PlayerView;
}

export interface LiveAnswerRequest {
  questionIndex: number;
  /** Zero-based option indexes. */
  choices: number[];
}

/** Sent once the answer is in the database. */
export interface LiveAnswerReply {
  questionIndex: number;
  choices: number[];
  /** Server arrival time of the answer. */
  receivedAt: number;
}

export interface LiveBuzzRequest {
  questionIndex: number;
}

export interface LiveHostRequest {
  gameId: string;
  /** Absent: only subscribe to the host view. */
  command?: HostCommand;
}

export interface LiveStageRequest {
  gameId: string;
  stageToken: string;
}

/**
 * What every player of a room receives at once while a question runs (no personal data, never
 * the answer): the question goes out once per room. After a reveal each player gets a
 * personal `PlayerView` instead.
 */
export interface RoomView extends CommonView {
  audience: 'room';
}

/** Every view names its game in `roomId` (the game id). */
export type LiveView = HostView | StageView | PlayerView | RoomView;

/** Aggregated answer count, to host and stage, at most 4 times a second. */
export interface LiveCounts {
  gameId: string;
  questionIndex: number;
  answered: number;
  eligible: number;
}

export interface LiveClosed {
  /** kicked: by the host; replaced: the same player connected elsewhere. */
  reason: 'kicked' | 'replaced';
  message: string;
}

export interface LiveClientToServerEvents {
  'live:join': (payload: LiveJoinRequest, ack: AckCallback<LiveJoinReply>) => void;
  'live:answer': (payload: LiveAnswerRequest, ack: AckCallback<LiveAnswerReply>) => void;
  'live:buzz': (payload: LiveBuzzRequest, ack: AckCallback<{ questionIndex: number }>) => void;
  'live:host': (payload: LiveHostRequest, ack: AckCallback<{ view: HostView }>) => void;
  'live:stage': (payload: LiveStageRequest, ack: AckCallback<{ view: StageView }>) => void;
}

export interface LiveServerToClientEvents {
  'live:view': (payload: LiveView) => void;
  'live:counts': (payload: LiveCounts) => void;
  /** Sent just before the server closes the connection. */
  'live:closed': (payload: LiveClosed) => void;
}

export type LiveClientEventName = keyof LiveClientToServerEvents;
export type LiveClientEventPayload<E extends LiveClientEventName> = Parameters<
  LiveClientToServerEvents[E]
>[0];
export type LiveClientEventReply<E extends LiveClientEventName> =
  Parameters<LiveClientToServerEvents[E]>[1] extends AckCallback<infer R> ? R : never;
export type LiveAck<E extends LiveClientEventName> = Ack<LiveClientEventReply<E>>;
