import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  /** Every JSON log line the server printed so far. */
  logs: Record<string, unknown>[];
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs the built server (`node dist/main.js`) as a separate process, exactly as `npm start`
 * does after its build step, and waits until it listens. JSON logs are parsed for assertions.
 */
export async function startServerProcess(
  env: Record<string, string>,
  timeoutMs = 90_000,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_PRETTY: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let text = '';
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    for (const line of chunk.toString().split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // partial line
      }
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      resolve(code);
    }),
  );

  const fixedPort = env.PORT && env.PORT !== '0' ? env.PORT : undefined;
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`server did not start in time:\n${text}`));
    }, timeoutMs);
    const done = (url: string) => {
      clearTimeout(timer);
      resolve(url);
    };
    if (fixedPort) {
      // Quiet servers (LOG_LEVEL=warn) print no "listening" line: poll the health check.
      const url = `http://127.0.0.1:${fixedPort}`;
      const poll = () => {
        if (child.exitCode !== null) return;
        fetch(`${url}/api/health`)
          .then((res) => {
            if (res.ok) done(url);
            else setTimeout(poll, 250);
          })
          .catch(() => setTimeout(poll, 250));
      };
      poll();
    } else {
      const check = () => {
        const match = /listening on (http:\/\/[^\s]+)/.exec(text);
        if (match) {
          child.stdout?.off('data', check);
          done(match[1].replace('localhost', '127.0.0.1'));
        }
      };
      child.stdout?.on('data', check);
    }
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${String(code)}:\n${text}`));
    });
  });

  return {
    child,
    baseUrl,
    logs,
    output: () => text,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

/** Runs the server expecting it to exit (bad configuration, locked data folder). */
export function runServerToExit(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'main.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', LOG_PRETTY: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not exit:\n${output}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
