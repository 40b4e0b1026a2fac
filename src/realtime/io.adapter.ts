import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import type { ServerOptions } from 'socket.io';
import type { AppConfig } from '../config/app-config';
import { createRedisClient } from '../redis/redis';

/** A player whose connection dropped for less than this gets its rooms and missed messages back. */
export const RECOVERY_WINDOW_MS = 2 * 60_000;
/**
 * Entries kept in the Redis stream (all namespaces): the recovery window must fit in it. A live
 * final of 1,000 players sends ~1,000 personal views per reveal, so 50,000 entries cover the
 * window with room to spare (a few tens of MB in Redis); beyond it a reconnecting player joins
 * again with its reconnect token and gets a fresh view instead of the missed messages.
 */
export const STREAM_MAX_LEN = 50_000;

/**
 * socket.io settings for phones on shaky networks: websocket first with long-polling as the
 * fallback, small message size cap, CORS only for configured origins, and connection state
 * recovery (a reconnect within two minutes gets its rooms and the messages it missed).
 *
 * With REDIS_URL, rooms span every instance through the Redis Streams adapter (it resumes the
 * stream after a Redis outage without losing messages, and stores recovery sessions in Redis, so
 * a player can come back on another instance); without it, the in-memory adapter of one process.
 */
export class AppIoAdapter extends IoAdapter {
  private readonly logger = new Logger(AppIoAdapter.name);
  private readonly redis: Redis | null;

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
    this.redis =
      config.redis.url === null
        ? null
        : createRedisClient(config.redis.url, 'socket.io', { queueWhileDown: true });
  }

  override createIOServer(port: number, options?: ServerOptions): unknown {
    const origins = this.config.http.corsOrigins;
    if (this.redis) this.logger.log('socket.io rooms shared through Redis Streams');
    return super.createIOServer(port, {
      ...options,
      transports: ['websocket', 'polling'],
      maxHttpBufferSize: 100_000,
      pingInterval: 20_000,
      pingTimeout: 20_000,
      cors: origins.length > 0 ? { origin: origins, credentials: true } : undefined,
      serveClient: false,
      connectionStateRecovery: {
        maxDisconnectionDuration: RECOVERY_WINDOW_MS,
        skipMiddlewares: true,
      },
      ...(this.redis
        ? {
            adapter: createAdapter(this.redis, {
              streamName: 'cchc:socket.io',
              sessionKeyPrefix: 'cchc:socket.io:session:',
              channelPrefix: 'cchc:socket.io',
              maxLen: STREAM_MAX_LEN,
            }),
          }
        : {}),
    });
  }

  override async close(server: Parameters<IoAdapter['close']>[0]): Promise<void> {
    await super.close(server);
    this.redis?.disconnect();
  }
}
