// The realtime connection, downloaded only by the pages that need it (socket.io-client is
// about as large as the whole home page): `await openSocket<ServerEvents, ClientEvents>()`.
// Event maps come from the feature (the typed map of src/shared/realtime/events.ts).
import type { EventsMap } from '@socket.io/component-emitter';
import type { Socket } from 'socket.io-client';
import { ApiError } from './api';

interface SocketError {
  statusCode: number;
  code: string;
  message: string;
  details?: { field?: string; message: string }[];
}

/** What the server passes to every acknowledgement. */
type Reply<T> = { ok: true; data: T } | { ok: false; error: SocketError };

const ACK_TIMEOUT_MS = 8000;

/** Connects to the app's own origin, websocket first, long-polling as the fallback. */
export async function openSocket<
  ServerEvents extends EventsMap,
  ClientEvents extends EventsMap,
>(): Promise<Socket<ServerEvents, ClientEvents>> {
  const { io } = await import('socket.io-client');
  return io({ transports: ['websocket', 'polling'], reconnectionDelayMax: 10_000 });
}

/**
 * Emits `event` with `payload` and resolves with the acknowledgement's data, or rejects with an
 * {@link ApiError} carrying the server's Vietnamese message (status 0 when no reply came).
 */
export async function request<T>(
  socket: Pick<Socket, 'timeout'>,
  event: string,
  payload: unknown,
): Promise<T> {
  let reply: Reply<T>;
  try {
    // socket.io's typed emitWithAck cannot name "the ack argument of event E" generically.
    const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as {
      emitWithAck: (e: string, p: unknown) => Promise<Reply<T>>;
    };
    reply = await timed.emitWithAck(event, payload);
  } catch {
    throw new ApiError(0, 'TIMEOUT', 'Máy chủ phản hồi quá lâu. Vui lòng kiểm tra mạng.');
  }
  if (reply.ok) return reply.data;
  const { statusCode, code, message, details } = reply.error;
  throw new ApiError(
    statusCode,
    code,
    message,
    (details ?? []).map((d) => ({ field: d.field ?? '', message: d.message })),
  );
}
