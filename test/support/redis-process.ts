import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/** Whether Debian's redis-server is installed (the scale-out tests start their own). */
export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

export interface RedisProcess {
  url: string;
  /** SIGKILL: gone at once, with everything it held (nothing is saved to disk). */
  kill(): Promise<void>;
  /** A new, empty server on the same port. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A private redis-server on a free loopback port, so a test can kill it and start it again
 * without touching the machine's Redis.
 */
export async function startRedisProcess(): Promise<RedisProcess> {
  const port = await freePort();
  let child: ChildProcess | null = null;

  const running = () => child !== null && child.exitCode === null && child.signalCode === null;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      if (running()) {
        resolve();
        return;
      }
      const proc = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child = proc;
      let output = '';
      const timer = setTimeout(() => {
        reject(new Error(`redis-server did not start:\n${output}`));
      }, 10_000);
      proc.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${String(code)}:\n${output}`));
      });
    });

  const kill = async () => {
    const proc = child;
    if (proc === null || !running()) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
    child = null;
  };

  await start();
  return { url: `redis://127.0.0.1:${port}`, kill, start, stop: kill };
}
