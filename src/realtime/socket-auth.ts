import type { Server, Socket } from 'socket.io';
import type { Principal } from '../auth/principal';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/realtime/events';

export interface SocketData {
  /** Staff principal from the session cookie at handshake time; null for participants and viewers. */
  staff: Principal | null;
}

/** Between instances (REDIS_URL), over the socket.io adapter. */
export interface InterServerEvents {
  /** Grades landed in these rounds on the sending instance: push their leaderboards here too. */
  'leaderboard:changed': (roundIds: string[]) => void;
}

export type AppSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

export type AppServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
