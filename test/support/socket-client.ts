import { io, Socket } from 'socket.io-client';
import type {
  ClientEventName,
  ClientEventPayload,
  ClientEventReply,
  Ack,
  ClientToServerEvents,
  ServerToClientEvents,
} from '../../src/shared/realtime/events';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Resolves at the socket's next `connect` (a reconnection too), rejects on a connect error. */
export function nextConnect(socket: Pick<Socket, 'once'>): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      resolve();
    });
    socket.once('connect_error', reject);
  });
}

/** A socket.io client on the websocket transport, optionally carrying a staff session cookie. */
export function connectSocket(
  baseUrl: string,
  options: { cookie?: string; beforeConnect?: (socket: TestSocket) => void } = {},
): Promise<TestSocket> {
  const socket: TestSocket = io(baseUrl, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    autoConnect: false,
    extraHeaders: options.cookie ? { cookie: options.cookie } : undefined,
  });
  options.beforeConnect?.(socket);
  const connected = nextConnect(socket);
  socket.connect();
  return connected.then(() => socket);
}

/** Emits a typed event and waits for its ack. */
export function call<E extends ClientEventName>(
  socket: TestSocket,
  event: E,
  payload: ClientEventPayload<E>,
): Promise<Ack<ClientEventReply<E>>> {
  return (
    socket.timeout(5000) as unknown as {
      emitWithAck(e: string, p: unknown): Promise<Ack<ClientEventReply<E>>>;
    }
  ).emitWithAck(event, payload);
}

/** Emits anything, typed or not: for malformed-message tests. */
export function callRaw(socket: TestSocket, event: string, ...args: unknown[]): Promise<unknown> {
  return (
    socket.timeout(5000) as unknown as { emitWithAck(e: string, ...a: unknown[]): Promise<unknown> }
  ).emitWithAck(event, ...args);
}

/** How many `event` messages /metrics has counted with `status` (socket_message_duration_seconds). */
export async function socketMessagesCounted(
  baseUrl: string,
  event: string,
  status: string,
): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('socket_message_duration_seconds_count{') &&
        l.includes(`event="${event}"`) &&
        l.includes(`status="${status}"`),
    );
  return line ? Number(line.split(' ').at(-1)) : 0;
}
