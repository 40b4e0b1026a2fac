import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * How often the event-loop monitor samples, in ms. Node's monitor records the whole interval
 * between two samples, so `nodejs_eventloop_lag_*` never reads below this: the delay an event
 * waited is the value minus this resolution (p99 of 27 ms = 7 ms late).
 */
export const EVENT_LOOP_RESOLUTION_MS = 20;

/**
 * Prometheus metrics. Default Node metrics include event-loop lag (nodejs_eventloop_lag_*),
 * heap and CPU; we add HTTP latency, socket message latency and open socket connections. One
 * registry per app instance, so test apps in one process do not collide.
 */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  /**
   * Socket messages from arrival to acknowledgement, by event; status 200, or the error reply's
   * status as HTTP would answer. Recorded by `onDirectMessage` (the hottest: `attempt:save`,
   * `attempt:submit`, `live:answer`) and by `SocketMetricsInterceptor` (the others).
   */
  readonly socketMessageDuration = new Histogram({
    name: 'socket_message_duration_seconds',
    help: 'Socket.io message latency by event and status, from arrival to acknowledgement',
    labelNames: ['event', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly socketConnections = new Gauge({
    name: 'socket_connections',
    help: 'Open socket.io connections',
    labelNames: ['namespace'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({
      register: this.registry,
      eventLoopMonitoringPrecision: EVENT_LOOP_RESOLUTION_MS,
    });
  }

  /** One socket message answered with `status`, handled since `startedAt` (performance.now()). */
  observeSocketMessage(event: string, status: number, startedAt: number): void {
    this.socketMessageDuration.observe(
      { event, status: String(status) },
      (performance.now() - startedAt) / 1000,
    );
  }

  onModuleDestroy(): void {
    this.registry.clear();
  }
}
