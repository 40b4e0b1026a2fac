// The connection of the live final: the `/live` namespace for the game and, over the same
// websocket (socket.io multiplexes namespaces), the default namespace for `clock:sync`, so
// countdowns follow the server's deadline and clock, never the device's clock alone.
import type { Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
} from '../../../src/shared/realtime/events';
import { noteServerTime } from '../lib/clock';
import { request } from '../lib/socket';
import {
  LIVE_NAMESPACE,
  type LiveClientToServerEvents,
  type LiveServerToClientEvents,
} from './contract';

export type LiveSocket = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;
type ClockSocket = Socket<
  Pick<ServerToClientEvents, 'server:hello'>,
  Pick<ClientToServerEvents, 'clock:sync'>
>;

/** Clock samples taken on each (re)connection; the shortest round trip wins. */
const CLOCK_SAMPLES = 3;
/** A fresh sample now and then: a projector runs for hours. */
const CLOCK_EVERY_MS = 60_000;

export interface LiveConnection {
  socket: LiveSocket;
  close: () => void;
}

async function syncClock(clock: ClockSocket): Promise<void> {
  for (let i = 0; i < CLOCK_SAMPLES; i += 1) {
    const sentAt = Date.now();
    try {
      const reply = await request<{ serverNow: number }>(clock, 'clock:sync', {
        clientSentAt: sentAt,
      });
      noteServerTime(reply.serverNow, sentAt, Date.now());
    } catch {
      return; // No reply: the next connection or the next interval tries again.
    }
  }
}

/** Opens `/live` on this origin (websocket first, long-polling as the fallback). */
export async function openLive(): Promise<LiveConnection> {
  const { Manager } = await import('socket.io-client');
  const manager = new Manager({
    transports: ['websocket', 'polling'],
    reconnectionDelayMax: 5_000,
  });
  const socket: LiveSocket = manager.socket(LIVE_NAMESPACE);
  const clock: ClockSocket = manager.socket('/');
  clock.on('connect', () => {
    void syncClock(clock);
  });
  const timer = window.setInterval(() => {
    if (clock.connected) void syncClock(clock);
  }, CLOCK_EVERY_MS);
  return {
    socket,
    close: () => {
      window.clearInterval(timer);
      socket.disconnect();
      clock.disconnect();
    },
  };
}

export { request };
