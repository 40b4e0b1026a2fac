import { io, Socket } from 'socket.io-client';
import type {
  LiveView,
  LiveAck,
  LiveClientEventName,
  LiveClientEventPayload,
  LiveClientEventReply,
  LiveClientToServerEvents,
  LiveServerToClientEvents,
} from '../../src/shared/live/events';
import { nextConnect } from './socket-client';

/** A socket.io client on the live final's namespace, typed by the shared event map. */
export type LiveSocket = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;

/** Keys that would tell the answer: none may carry a value before the reveal. */
export const ANSWER_KEYS = new Set([
  'correct',
  'correctChoices',
  'isCorrect',
  'explanation',
  'reveal',
]);
/** Phases from which a question's answer may be shown. */
export const REVEALED_PHASES = new Set(['revealed', 'leaderboard', 'finished']);

/** The paths in `value` where an answer key carries a value. */
export function answerLeaks(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => answerLeaks(v, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => [
    ...(ANSWER_KEYS.has(key) && v !== null && v !== undefined ? [`${path}.${key}`] : []),
    ...answerLeaks(v, `${path}.${key}`),
  ]);
}

/** Connects to `/live` over websocket (with a staff session cookie when given). */
export function connectLive(
  baseUrl: string,
  cookie?: string,
  headers: Record<string, string> = {},
): Promise<LiveSocket> {
  const socket: LiveSocket = io(`${baseUrl}/live`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { ...(cookie ? { cookie } : {}), ...headers },
  });
  return nextConnect(socket).then(() => socket);
}

/** Emits a typed event and waits for its ack. */
export function callLive<E extends LiveClientEventName>(
  socket: LiveSocket,
  event: E,
  payload: LiveClientEventPayload<E>,
  timeoutMs = 10_000,
): Promise<LiveAck<E>> {
  return (
    socket.timeout(timeoutMs) as unknown as {
      emitWithAck(e: string, p: unknown): Promise<LiveAck<E>>;
    }
  ).emitWithAck(event, payload);
}

/** Like `callLive`, but throws on an error ack and returns its data. */
export async function okLive<E extends LiveClientEventName>(
  socket: LiveSocket,
  event: E,
  payload: LiveClientEventPayload<E>,
): Promise<LiveClientEventReply<E>> {
  const reply = await callLive(socket, event, payload);
  if (!reply.ok) throw new Error(`${event}: ${JSON.stringify(reply.error)}`);
  return reply.data;
}

/** The next `live:view` on `socket` that passes `test` (rejects after `timeoutMs`). */
export function viewWhere(
  socket: LiveSocket,
  test: (view: LiveView) => boolean,
  timeoutMs = 10_000,
): Promise<LiveView> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('live:view', listener);
      reject(new Error('no matching live:view'));
    }, timeoutMs);
    const listener = (view: LiveView) => {
      if (!test(view)) return;
      clearTimeout(timer);
      socket.off('live:view', listener);
      resolve(view);
    };
    socket.on('live:view', listener);
  });
}
