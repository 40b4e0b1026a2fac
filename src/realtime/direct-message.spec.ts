import { EventEmitter } from 'node:events';
import type { Logger } from '@nestjs/common';
import { MetricsService } from '../metrics/metrics.service';
import { NotFoundError } from '../common/errors/domain-error';
import type { Ack } from '../shared/realtime/events';
import { onDirectMessage } from './direct-message';

/** The histogram's count for one event and status, read back from the registry. */
async function countOf(metrics: MetricsService, event: string, status: string): Promise<number> {
  const metric = await metrics.socketMessageDuration.get();
  return (
    metric.values.find(
      (v) =>
        v.metricName === 'socket_message_duration_seconds_count' &&
        v.labels.event === event &&
        v.labels.status === status,
    )?.value ?? 0
  );
}

describe('onDirectMessage', () => {
  let metrics: MetricsService;
  let socket: EventEmitter;
  let errors: unknown[];
  const logger = {
    error: (...args: unknown[]) => {
      errors.push(args);
    },
  } as unknown as Logger;

  beforeEach(() => {
    metrics = new MetricsService();
    socket = new EventEmitter();
    errors = [];
  });
  afterEach(() => {
    metrics.onModuleDestroy();
  });

  /** Emits `event` with `body` and resolves with the ack the handler sent. */
  const send = <T>(event: string, body: unknown) =>
    new Promise<Ack<T>>((resolve) => {
      socket.emit(event, body, resolve);
    });

  it('acknowledges what the handler returns and counts it as status 200', async () => {
    onDirectMessage(socket, 'attempt:save', { logger, metrics }, (body) =>
      Promise.resolve({ echoed: body }),
    );
    await expect(send('attempt:save', { position: 1 })).resolves.toEqual({
      ok: true,
      data: { echoed: { position: 1 } },
    });
    expect(await countOf(metrics, 'attempt:save', '200')).toBe(1);
  });

  it('acknowledges a domain error with its status and code, counted under that status', async () => {
    onDirectMessage(socket, 'attempt:submit', { logger, metrics }, () =>
      Promise.reject(new NotFoundError('bài thi này', 'ATTEMPT_NOT_FOUND')),
    );
    const ack = await send('attempt:submit', {});
    expect(ack).toEqual({
      ok: false,
      error: { statusCode: 404, code: 'ATTEMPT_NOT_FOUND', message: 'Không tìm thấy bài thi này.' },
    });
    expect(await countOf(metrics, 'attempt:submit', '404')).toBe(1);
    expect(await countOf(metrics, 'attempt:submit', '200')).toBe(0);
    expect(errors).toEqual([]);
  });

  it('answers anything else as INTERNAL_ERROR (500), logs it, and counts it', async () => {
    onDirectMessage(socket, 'live:answer', { logger, metrics }, () =>
      Promise.reject(new Error('boom')),
    );
    const ack = await send('live:answer', {});
    expect(ack).toMatchObject({ ok: false, error: { statusCode: 500, code: 'INTERNAL_ERROR' } });
    expect(await countOf(metrics, 'live:answer', '500')).toBe(1);
    expect(errors).toHaveLength(1);
  });

  it('handles and counts a message sent without an ack callback', async () => {
    let handled = 0;
    onDirectMessage(socket, 'attempt:save', { logger, metrics }, () => {
      handled += 1;
      return Promise.resolve(null);
    });
    socket.emit('attempt:save', {});
    await new Promise((resolve) => setImmediate(resolve));
    expect(handled).toBe(1);
    expect(await countOf(metrics, 'attempt:save', '200')).toBe(1);
    expect(errors).toEqual([]);
  });
});
