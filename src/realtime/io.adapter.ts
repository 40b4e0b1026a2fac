import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { ServerOptions } from 'socket.io';
import type { AppConfig } from '../config/app-config';

/**
 * socket.io settings for phones on shaky networks: websocket first with long-polling as the
 * fallback, small message size cap, CORS only for configured origins.
 */
export class AppIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): unknown {
    const origins = this.config.http.corsOrigins;
    return super.createIOServer(port, {
      ...options,
      transports: ['websocket', 'polling'],
      maxHttpBufferSize: 100_000,
      pingInterval: 20_000,
      pingTimeout: 20_000,
      cors: origins.length > 0 ? { origin: origins, credentials: true } : undefined,
      serveClient: false,
    });
  }
}
