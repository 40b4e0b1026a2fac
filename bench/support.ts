import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';

/** Percentiles of a list of latencies in milliseconds (nearest-rank). */
export function percentiles(values: number[]): {
  p50: number;
  p95: number;
  p99: number;
  max: number;
} {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted.length === 0
      ? 0
      : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    p50: round(at(50)),
    p95: round(at(95)),
    p99: round(at(99)),
    max: round(sorted.at(-1) ?? 0),
  };
}

/**
 * With DATABASE_URL (or the `url` given), a fresh database `name` on that server (dropped and
 * created again), so a benchmark never touches real data; without it, undefined (the server uses
 * its embedded database).
 */
export async function freshDatabase(
  name: string,
  url: string | undefined = process.env.DATABASE_URL,
): Promise<string | undefined> {
  if (!url) return undefined;
  await holdDatabaseForRun(url, name);
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * Two runs of a benchmark on one server would drop each other's database (`DROP … WITH
 * (FORCE)` ends the other run's connections, and both fail midway): the first run holds an
 * advisory lock named after its database until its process ends, and a second one stops at once
 * with a clear message. A killed run's session ends with its process, so nothing stays held.
 */
async function holdDatabaseForRun(url: string, name: string): Promise<void> {
  const session = new Client({ connectionString: url });
  await session.connect();
  const { rows } = await session.query<{ held: boolean }>(
    'SELECT pg_try_advisory_lock(hashtext($1)) AS held',
    [`benchmark database ${name}`],
  );
  if (rows.at(0)?.held !== true) {
    await session.end();
    throw new Error(
      `Another benchmark is using the database "${name}" on this server: wait until it ends.`,
    );
  }
  // Open for the rest of the run, without keeping the process alive once the run is over.
  (session as unknown as { connection: { stream: { unref(): void } } }).connection.stream.unref();
}

/** Drops a database made by `freshDatabase` (its URL), closing any connection left to it. */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const parsed = new URL(databaseUrl);
  const name = decodeURIComponent(parsed.pathname.slice(1));
  parsed.pathname = '/postgres';
  const admin = new Client({ connectionString: parsed.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name.replaceAll('"', '""')}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export function machine(): { cpus: number; cpuModel: string; node: string } {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits for `promise` or `ms`, whichever comes first, and clears the timer: a `sleep` left
 * pending by a race kept the process alive (two minutes after `bench:live` printed its result).
 */
export async function waitAtMost(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => {
        resolve(port);
      });
    });
  });
}

export interface HttpReply {
  status: number;
  body: string;
}

/**
 * A plain node:http client over one keep-alive agent: connections are reused, so a benchmark
 * measures requests rather than TCP handshakes, and `maxSockets` bounds the connections open at
 * once (requests beyond it wait in the agent; an open-loop caller still counts that wait).
 * A connection left idle for 4 s is closed by the client, before Node's server closes it at
 * its 5 s keep-alive timeout: otherwise a request sent on it in that instant fails with
 * ECONNRESET (a race of the benchmark's client, not of the server under test).
 */
export function keepAliveClient(
  baseUrl: string,
  maxSockets: number,
): {
  request(
    method: string,
    path: string,
    options?: { headers?: Record<string, string>; body?: unknown },
  ): Promise<HttpReply>;
  close(): void;
} {
  const agent = new http.Agent({ keepAlive: true, maxSockets, timeout: 4000 });
  const base = new URL(baseUrl);
  return {
    request: (method, path, options = {}) =>
      new Promise((resolve, reject) => {
        const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
        const req = http.request(
          {
            agent,
            host: base.hostname,
            port: base.port,
            method,
            path,
            headers: {
              ...(payload === undefined
                ? {}
                : {
                    'content-type': 'application/json',
                    'content-length': String(Buffer.byteLength(payload)),
                  }),
              ...options.headers,
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => {
              resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() });
            });
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(payload);
      }),
    close: () => {
      agent.destroy();
    },
  };
}

/**
 * `count` socket.io clients (websocket transport, as the app's pages use when they can; or
 * `polling`, their fallback where a network blocks websockets), connected 200 at a time and
 * spread over `baseUrls`; `at(i).request(event, payload)` emits with an ack and resolves with the
 * ack as an HttpReply: status 200 for `{ ok: true }`, the error's statusCode otherwise (an ack
 * timeout rejects, counted as a network failure).
 */
export async function socketClients(
  baseUrls: readonly string[],
  count: number,
  transport: 'websocket' | 'polling' = 'websocket',
): Promise<{
  at(i: number): { request(event: string, payload: unknown): Promise<HttpReply> };
  close(): void;
}> {
  const sockets: Socket[] = [];
  const connectOne = (url: string) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = io(url, {
        transports: [transport],
        forceNew: true,
        reconnection: false,
        timeout: 60_000,
      });
      socket.once('connect', () => {
        resolve(socket);
      });
      socket.once('connect_error', (error) => {
        socket.disconnect();
        reject(error);
      });
    });
  for (let start = 0; start < count; start += 200) {
    const batch = Array.from({ length: Math.min(200, count - start) }, (_, k) =>
      connectOne(baseUrls[(start + k) % baseUrls.length]),
    );
    sockets.push(...(await Promise.all(batch)));
  }
  return {
    at: (i) => {
      const socket = sockets[i % sockets.length];
      return {
        request: async (event, payload) => {
          const reply = await (
            socket.timeout(120_000) as unknown as {
              emitWithAck(
                e: string,
                p: unknown,
              ): Promise<{
                ok: boolean;
                error?: { statusCode: number };
              }>;
            }
          ).emitWithAck(event, payload);
          return {
            status: reply.ok ? 200 : (reply.error?.statusCode ?? 0),
            body: JSON.stringify(reply),
          };
        },
      };
    },
    close: () => {
      for (const socket of sockets) socket.disconnect();
    },
  };
}

/** Rounded to one decimal. */
export const round1 = (n: number) => Math.round(n * 10) / 10;

export interface OpenLoopResult {
  latencies: number[];
  /** Latencies by the second (from the start) in which each request was due. */
  bySecond: number[][];
  sendLag: number[];
  statuses: Map<number, number>;
  failures: number;
  failureCodes: Map<string, number>;
  sendSeconds: number;
  elapsedSeconds: number;
}

/**
 * Sends `total` requests at `rate` per second on schedule: each leaves when due, whatever the
 * earlier ones are doing; latency runs from the due time to the end of the response body.
 */
export async function openLoop(
  total: number,
  rate: number,
  send: (i: number) => Promise<HttpReply>,
): Promise<OpenLoopResult> {
  const result: OpenLoopResult = {
    latencies: [],
    bySecond: [],
    sendLag: [],
    statuses: new Map(),
    failures: 0,
    failureCodes: new Map(),
    sendSeconds: 0,
    elapsedSeconds: 0,
  };
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  let i = 0;
  while (i < total) {
    const now = performance.now();
    while (i < total && started + (i * 1000) / rate <= now) {
      const due = started + (i * 1000) / rate;
      result.sendLag.push(performance.now() - due);
      inflight.push(
        send(i)
          .then((reply) => {
            const latency = performance.now() - due;
            result.latencies.push(latency);
            const second = Math.floor((due - started) / 1000);
            (result.bySecond[second] ??= []).push(latency);
            result.statuses.set(reply.status, (result.statuses.get(reply.status) ?? 0) + 1);
          })
          .catch((error: unknown) => {
            result.failures += 1;
            const code = (error as { code?: string }).code ?? String(error);
            result.failureCodes.set(code, (result.failureCodes.get(code) ?? 0) + 1);
          }),
      );
      i++;
    }
    if (i < total) await sleep(started + (i * 1000) / rate - performance.now());
  }
  result.sendSeconds = (performance.now() - started) / 1000;
  await Promise.all(inflight);
  result.elapsedSeconds = (performance.now() - started) / 1000;
  return result;
}

/**
 * What an open-loop run did: requests, replies with `okStatus`, the rest, the rates sent and
 * achieved, latency percentiles from the due time (also the p99 of each second, to tell a stall
 * from a steady queue) and the client's own lag in sending.
 */
export function summary(r: OpenLoopResult, okStatus: number) {
  const ok = r.statuses.get(okStatus) ?? 0;
  return {
    requests: r.latencies.length + r.failures,
    ok,
    errors: r.latencies.length + r.failures - ok,
    statuses: Object.fromEntries(r.statuses),
    networkFailures: r.failures,
    networkFailureCodes: Object.fromEntries(r.failureCodes),
    sentRatePerSecond: round1(r.sendLag.length / r.sendSeconds),
    achievedRatePerSecond: round1(ok / r.elapsedSeconds),
    latencyMs: percentiles(r.latencies),
    p99BySecondMs: Array.from({ length: r.bySecond.length }, (_, i) =>
      Math.round(percentiles(r.bySecond.at(i) ?? []).p99),
    ),
    sendLagP99Ms: percentiles(r.sendLag).p99,
  };
}

/** The value of an unlabelled metric in a Prometheus text exposition (NaN when absent). */
export function metricValue(metrics: string, name: string): number {
  const line = metrics.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : NaN;
}

/** Seconds spent in garbage collection, all kinds together. */
export function gcSeconds(metrics: string): number {
  return metrics
    .split('\n')
    .filter((l) => l.startsWith('nodejs_gc_duration_seconds_sum'))
    .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
}

/**
 * The server's own view of one route (request in → response finished): cumulative counts of
 * `http_request_duration_seconds` per bucket, e.g. { le_0.05s: 980, … }.
 */
export function routeHistogram(
  metrics: string,
  method: string,
  route: string,
  status: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of metrics.split('\n')) {
    if (!line.startsWith('http_request_duration_seconds_bucket{')) continue;
    if (
      !line.includes(`method="${method}"`) ||
      !line.includes(`route="${route}"`) ||
      !line.includes(`status="${status}"`)
    )
      continue;
    const le = /le="([^"]+)"/.exec(line)?.[1];
    if (le !== undefined) out[`le_${le}s`] = Number(line.split(' ').at(-1));
  }
  return out;
}

/**
 * The whole machine's CPU between `start()` and `stop()`, from /proc/stat (Linux; undefined
 * elsewhere): how busy all cores were, and how much time the hypervisor gave to other guests
 * while ours wanted to run ("steal"), both in percent of all cores. A benchmark sharing its
 * cores with the server needs both to be read: steal is time nobody in the guest could use.
 */
export function hostCpuSampler(): {
  start(): void;
  stop(): { busyPercent: number; stealPercent: number } | undefined;
} {
  const read = (): number[] | undefined => {
    try {
      const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
      return line.trim().split(/\s+/).slice(1).map(Number);
    } catch {
      return undefined;
    }
  };
  let before: number[] | undefined;
  return {
    start: () => {
      before = read();
    },
    stop: () => {
      const after = read();
      if (!before || !after) return undefined;
      const delta = after.map((v, i) => v - (before?.[i] ?? 0));
      const total = delta.reduce((a, b) => a + b, 0);
      if (total <= 0) return undefined;
      // user nice system idle iowait irq softirq steal …
      const idle = (delta[3] ?? 0) + (delta[4] ?? 0);
      const steal = delta[7] ?? 0;
      const round = (n: number) => Math.round(n * 10) / 10;
      return {
        busyPercent: round(((total - idle - steal) / total) * 100),
        stealPercent: round((steal / total) * 100),
      };
    },
  };
}

/**
 * A preload script (for the server's NODE_OPTIONS=--require) that profiles the whole server
 * process with the inspector and writes `server.cpuprofile` into `outDir` when it exits
 * (`--cpu-prof` is not allowed in NODE_OPTIONS). The profile's timestamps are microseconds of
 * the monotonic clock, the same as `process.hrtime` here, so a window can be cut out of it.
 */
export function serverProfileHook(dataDir: string, outDir: string): string {
  const file = path.join(dataDir, 'cpu-profile-hook.js');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(
    file,
    `const inspector = require('node:inspector');
const fs = require('node:fs');
const session = new inspector.Session();
session.connect();
session.post('Profiler.enable', () => session.post('Profiler.start'));
process.on('exit', () => {
  session.post('Profiler.stop', (error, result) => {
    if (!error) fs.writeFileSync(${JSON.stringify(path.join(path.resolve(outDir), 'server.cpuprofile'))}, JSON.stringify(result.profile));
  });
});
`,
  );
  return file;
}

/**
 * A bare server for a floor benchmark: `source` run by `node -e` as its own process with PORT
 * set (a free one), which prints `ready` once it listens. Only PATH is passed on.
 */
export async function startBareServer(
  source: string,
): Promise<{ child: ChildProcess; pid: number; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', source], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => {
      reject(new Error(`server exited (${String(code)})`));
    });
  });
  return { child, pid: child.pid ?? 0, port };
}
