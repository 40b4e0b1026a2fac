import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { MESSAGE_METADATA } from '@nestjs/websockets/constants';
import { Observable, tap } from 'rxjs';
import { MetricsService } from '../metrics/metrics.service';
import { socketErrorStatus } from './socket-error.filter';

/**
 * Times the socket messages handled through Nest's pipeline (`@SubscribeMessage`: joins, host
 * and stage commands, leaderboard subscriptions, clock sync) into
 * `socket_message_duration_seconds`, as `onDirectMessage` does for the hottest ones: by event
 * and status, 200 or the status of the error reply (`SocketErrorFilter`), validation included.
 */
@Injectable()
export class SocketMetricsInterceptor implements NestInterceptor {
  constructor(
    private readonly metrics: MetricsService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const event =
      this.reflector.get<string | undefined>(MESSAGE_METADATA, context.getHandler()) ?? 'unknown';
    const started = performance.now();
    return next.handle().pipe(
      tap({
        complete: () => {
          this.metrics.observeSocketMessage(event, 200, started);
        },
        error: (error: unknown) => {
          this.metrics.observeSocketMessage(event, socketErrorStatus(error), started);
        },
      }),
    );
  }
}
