import type { Logger } from '@nestjs/common';
import type { MetricsService } from '../metrics/metrics.service';
import type { Ack } from '../shared/realtime/events';
import { socketErrorReply } from './socket-error.filter';

/** Where a direct message logs its unexpected errors and records its latency. */
export interface DirectMessageContext {
  logger: Logger;
  metrics: Pick<MetricsService, 'observeSocketMessage'>;
}

/**
 * Takes `event` on `socket` directly, not through Nest's message pipeline, whose per-message
 * observables, pipes and filters are too dear for the hottest events (an answer of the live
 * final, a deadline's submits: docs/benchmarks.md). What `handle` returns is acknowledged as
 * `{ ok: true, data }`, what it throws as the pipeline's filter would (`socketErrorReply`); a
 * message without an ack callback is handled, unanswered. Never a rejection left behind. Each
 * message's time from arrival to acknowledgement goes to `socket_message_duration_seconds`, by
 * event and status (200, or the error reply's).
 */
export function onDirectMessage<T>(
  socket: { on(event: string, listener: (body: unknown, ack: unknown) => void): unknown },
  event: string,
  { logger, metrics }: DirectMessageContext,
  handle: (body: unknown) => Promise<T>,
): void {
  socket.on(event, (body, ack) => {
    const started = performance.now();
    handle(body)
      .then(
        (data): Ack<T> => ({ ok: true, data }),
        (error: unknown) => socketErrorReply(error, logger),
      )
      .then((reply) => {
        if (typeof ack === 'function') (ack as (reply: Ack<T>) => void)(reply);
        metrics.observeSocketMessage(event, reply.ok ? 200 : reply.error.statusCode, started);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, `Could not acknowledge ${event}`);
      });
  });
}
