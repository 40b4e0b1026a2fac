import { Logger } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DataDirLock } from './data-dir-lock';

type WorkerMessage =
  { type: 'ready'; port: number } | { type: 'stopped' } | { type: 'error'; message: string };

export interface EmbeddedPostgresOptions {
  /** Folder for the database files; undefined keeps the database in memory (tests). */
  dataDir?: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** Must exceed the client's pool size, or extra connections are reset. */
  maxConnections?: number;
}

/**
 * An embedded PostgreSQL-compatible server: PGlite (PostgreSQL 18 compiled to WASM) behind
 * pglite-socket, on a loopback port, in a worker thread. The app connects to it with the
 * ordinary `pg` driver, so there is one code path and one set of migrations for both databases.
 */
export class EmbeddedPostgres {
  private static readonly logger = new Logger(EmbeddedPostgres.name);

  private constructor(
    private readonly worker: Worker,
    private readonly lock: DataDirLock | undefined,
    readonly port: number,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async start(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
    const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
    let lock: DataDirLock | undefined;
    let pgDir: string | undefined;
    if (dataDir) {
      lock = DataDirLock.acquire(dataDir);
      pgDir = join(dataDir, 'pglite');
      mkdirSync(pgDir, { recursive: true });
    }
    const startedAt = Date.now();
    const worker = new Worker(join(__dirname, 'pglite-worker.mjs'), {
      workerData: {
        dataDir: pgDir,
        host: '127.0.0.1',
        port: options.port ?? 0,
        maxConnections: options.maxConnections ?? 8,
      },
    });
    try {
      const message = await nextMessage(worker);
      if (message.type !== 'ready') {
        throw new Error(
          `Embedded database failed to start: ${message.type === 'error' ? message.message : message.type}`,
        );
      }
      EmbeddedPostgres.logger.log(
        `Embedded database ready on 127.0.0.1:${message.port} (${pgDir ?? 'in memory'}) in ${Date.now() - startedAt} ms`,
      );
      return new EmbeddedPostgres(worker, lock, message.port);
    } catch (error) {
      await worker.terminate();
      lock?.release();
      throw error;
    }
  }

  /** Closes the server and the database cleanly (flushes to disk), then ends the worker. */
  async stop(): Promise<void> {
    try {
      const stopped = nextMessage(this.worker, 15_000);
      this.worker.postMessage({ type: 'stop' });
      const message = await stopped;
      if (message.type === 'error') EmbeddedPostgres.logger.error(message.message);
    } catch (error) {
      EmbeddedPostgres.logger.error(`Embedded database did not stop cleanly: ${String(error)}`);
    } finally {
      await this.worker.terminate();
      this.lock?.release();
    }
  }
}

function nextMessage(worker: Worker, timeoutMs = 120_000): Promise<WorkerMessage> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error('Embedded database did not answer in time'));
    }, timeoutMs);
    const onMessage = (message: WorkerMessage) => {
      cleanup();
      resolvePromise(message);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`Embedded database worker exited with code ${code}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}
