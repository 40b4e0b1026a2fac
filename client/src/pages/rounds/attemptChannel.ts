// Autosave and submit of one attempt: over the socket.io connection while it is open (one small
// frame per answer instead of an HTTP request, which is what a deadline with thousands of
// submissions at once needs), over HTTP otherwise: before the connection opens, while it is
// down, or where a network blocks websockets and long-polling. The server takes both with the
// same checks, limits, replies and Vietnamese errors (docs/socket-protocol.md), so the page
// does not care which one carried a request. Every reply refines the clock offset.
import type { Socket } from 'socket.io-client';
import { ApiError } from '../../lib/api';
import { noteServerTime } from '../../lib/clock';
import { openSocket, request } from '../../lib/socket';
import type {
  AnswerSaved,
  AttemptClientEvents,
  AttemptResult,
  AttemptServerEvents,
} from './contract';
import { saveAnswer, submitAttempt } from './roundsApi';

export interface AttemptChannel {
  save: (
    attemptId: string,
    token: string,
    position: number,
    chosen: number[],
  ) => Promise<AnswerSaved>;
  submit: (attemptId: string, token: string, prediction: number | null) => Promise<AttemptResult>;
  close: () => void;
}

/** Opens the connection in the background; requests go over HTTP until it is up. */
export function openAttemptChannel(): AttemptChannel {
  let socket: Socket<AttemptServerEvents, AttemptClientEvents> | null = null;
  let closed = false;
  openSocket<AttemptServerEvents, AttemptClientEvents>().then(
    (opened) => {
      if (closed) opened.disconnect();
      else socket = opened;
    },
    () => {
      // socket.io-client could not be loaded: HTTP only.
    },
  );
  const connected = () => (socket?.connected ? socket : null);
  return {
    save: async (attemptId, token, position, chosen) => {
      const open = connected();
      if (!open) return saveAnswer(attemptId, token, position, chosen);
      const sentAt = Date.now();
      const saved = await request<AnswerSaved>(open, 'attempt:save', {
        participantToken: token,
        attemptId,
        position,
        chosen,
      });
      noteServerTime(saved.serverNow, sentAt);
      return saved;
    },
    submit: async (attemptId, token, prediction) => {
      const open = connected();
      if (!open) return submitAttempt(attemptId, token, prediction);
      try {
        return await request<AttemptResult>(open, 'attempt:submit', {
          participantToken: token,
          attemptId,
          ...(prediction === null ? {} : { prediction }),
        });
      } catch (error) {
        // No reply (the connection dropped or timed out): once more over HTTP at once. A submit
        // is safe to repeat: the second one answers with the stored result.
        if (error instanceof ApiError && error.status === 0)
          return submitAttempt(attemptId, token, prediction);
        throw error;
      }
    },
    close: () => {
      closed = true;
      socket?.disconnect();
      socket = null;
    },
  };
}
