import type { Logger } from '@nestjs/common';
import type { Ack } from '../shared/realtime/events';
import { socketErrorReply } from './socket-error.filter';

/**
 * Takes `event` on `socket` directly, not through Nest's message pipeline, whose per-message
 * observables, pipes and filters are too dear for the hottest events (an answer of the live
 * final, a deadline's submits: docs/benchmarks.md). What `handle` returns is acknowledged as
 * `{ ok: true, data }`, what it throws as the pipeline's filter would (`socketErrorReply`); a
 * message without an ack callback is handled, unanswered. Never a rejection left behind.
 */
export function onDirectMessage<T>(
  socket: { on(event: string, listener: (body: unknown, ack: unknown) => void): unknown },
  event: string,
  logger: Logger,
  handle: (body: unknown) => Promise<T>,
): void {
  socket.on(event, (body, ack) => {
    handle(body)
      .then(
        (data): Ack<T> => ({ ok: true, data }),
        (error: unknown) => socketErrorReply(error, logger),
      )
      .then((reply) => {
        if (typeof ack === 'function') (ack as (reply: Ack<T>) => void)(reply);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, `Could not acknowledge ${event}`);
      });
  });
}
