import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import type { Namespace, ServerOptions } from 'socket.io';
import { Adapter, type Session, SessionAwareAdapter } from 'socket.io-adapter';
import type { AppConfig } from '../config/app-config';
import { createRedisClient } from '../redis/redis';

/** A player whose connection dropped for less than this gets its rooms and missed messages back. */
export const RECOVERY_WINDOW_MS = 2 * 60_000;
/**
 * Entries kept in the Redis stream (all namespaces): the recovery window must fit in it. The live
 * final's messages pass through it too (~1,000 personal views per reveal at 1,000 players; its
 * own namespace is not recovered, see WITHOUT_RECOVERY), so 50,000 entries cover the window with
 * room to spare (a few tens of MB in Redis); beyond it a reconnecting client subscribes again and
 * gets a fresh view instead of the missed messages.
 */
export const STREAM_MAX_LEN = 50_000;

/**
 * Namespaces without socket.io's connection state recovery. Their clients ask for the whole
 * current state on every connect (a live player joins again with its reconnect token, the host
 * console and the stage ask for their view), so the missed messages that recovery replays are
 * superseded at once; and keeping them costs what a live final cannot afford: the in-memory
 * adapter holds every message it sent, personal views included (10,000 per reveal at 10,000
 * players), for the whole recovery window, and a reconnecting client is matched against all of
 * them.
 */
export const WITHOUT_RECOVERY: ReadonlySet<string> = new Set(['/live']);

/** An adapter that neither keeps sessions nor restores them: a reconnect is a new connection. */
function withoutRecovery(adapter: Adapter): Adapter {
  adapter.persistSession = () => undefined;
  // socket.io's own in-memory adapter answers null too, which its typings do not declare.
  adapter.restoreSession = () => Promise.resolve(null as unknown as Session);
  return adapter;
}

/**
 * The adapter of each namespace: `recovering` for most, `plain` for the namespaces of
 * {@link WITHOUT_RECOVERY}. socket.io calls the result with `new`; a function called so returns
 * the object it returns.
 */
export function adapterPerNamespace(
  recovering: (nsp: Namespace) => Adapter,
  plain: (nsp: Namespace) => Adapter,
): (nsp: Namespace) => Adapter {
  return function adapterOf(nsp: Namespace): Adapter {
    return WITHOUT_RECOVERY.has(nsp.name) ? plain(nsp) : recovering(nsp);
  };
}

/**
 * socket.io settings for phones on shaky networks: websocket first with long-polling as the
 * fallback, small message size cap, CORS only for configured origins, and connection state
 * recovery (a reconnect within two minutes gets its rooms and the messages it missed), except on
 * the namespaces of WITHOUT_RECOVERY.
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
      adapter: this.adapterFactory(),
    });
  }

  private adapterFactory(): (nsp: Namespace) => Adapter {
    // In memory, the plain adapter keeps no sessions and stores no messages.
    if (this.redis === null)
      return adapterPerNamespace(
        (nsp) => new SessionAwareAdapter(nsp),
        (nsp) => new Adapter(nsp),
      );
    // Over Redis every namespace needs the stream (rooms span instances): the plain ones only
    // have their recovery turned off.
    const overRedis = createAdapter(this.redis, {
      streamName: 'cchc:socket.io',
      sessionKeyPrefix: 'cchc:socket.io:session:',
      channelPrefix: 'cchc:socket.io',
      maxLen: STREAM_MAX_LEN,
    });
    return adapterPerNamespace(overRedis, (nsp) => withoutRecovery(overRedis(nsp)));
  }

  override async close(server: Parameters<IoAdapter['close']>[0]): Promise<void> {
    await super.close(server);
    this.redis?.disconnect();
  }
}
