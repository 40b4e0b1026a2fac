import type { Server, Socket } from 'socket.io';
import type { Principal } from '../auth/principal';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/realtime/events';

export interface SocketData {
  /** Staff principal from the session cookie at handshake time; null for participants and viewers. */
  staff: Principal | null;
}

export type AppSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export type AppServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
