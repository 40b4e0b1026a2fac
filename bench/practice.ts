/**
 * Practice answers under load: `npm run bench:practice [-- --rate 200 --seconds 30]`.
 *
 * Starts the built server as its own process (a real PostgreSQL when DATABASE_URL is set, in a
 * fresh database; otherwise the embedded one), opens practice sessions, then sends answers at a
 * fixed rate (open loop: requests leave on schedule whether or not earlier ones returned) and
 * measures each answer's latency as the client sees it. Prints one JSON object as its last line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../src/cli/cli-support';
import { startServerProcess } from '../test/support/server-process';
import { freePort, freshDatabase, machine, percentiles, sleep } from './support';

interface Session {
  id: string;
  token: string;
  questions: { position: number }[];
}

async function main(): Promise<void> {
  const { flags } = parseArgs(process.argv.slice(2));
  const rate = Number(flags.rate ?? 200);
  const seconds = Number(flags.seconds ?? 30);
  const total = rate * seconds;
  const databaseUrl = await freshDatabase('cchc_bench_practice');
  const dataDir = mkdtempSync(join(tmpdir(), 'cchc-bench-practice-'));
  const server = await startServerProcess({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT: String(await freePort()),
    DATA_DIR: dataDir,
    API_RATE_LIMIT: '1000000',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl, DB_POOL_SIZE: '10' } : {}),
  });
  try {
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });

    // Enough 30-question sessions for every answer to go to its own (session, position).
    const sessions: Session[] = [];
    while (sessions.length * 30 < total) {
      const res = await post('/api/practice/sessions', { mode: 'mix', length: 30 });
      if (res.status !== 201)
        throw new Error(`could not start a session: ${res.status} ${await res.text()}`);
      sessions.push((await res.json()) as Session);
    }
    const slots = sessions.flatMap((s) =>
      s.questions.map((q) => ({ session: s, position: q.position })),
    );

    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    let failures = 0;
    const started = performance.now();
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const slot = slots[i % slots.length];
      const sentAt = performance.now();
      inflight.push(
        post(
          `/api/practice/sessions/${slot.session.id}/answers`,
          { position: slot.position, chosen: [0] },
          { 'x-practice-token': slot.session.token },
        )
          .then(async (res) => {
            await res.arrayBuffer();
            latencies.push(performance.now() - sentAt);
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          })
          .catch(() => {
            failures += 1;
          }),
      );
    }
    await Promise.all(inflight);
    const elapsed = (performance.now() - started) / 1000;
    const metrics = await (await fetch(`${server.baseUrl}/metrics`)).text();
    const result = {
      benchmark: 'practice-answers',
      database: databaseUrl ? 'postgresql' : 'embedded-pglite',
      targetRatePerSecond: rate,
      achievedRatePerSecond: Math.round((latencies.length / elapsed) * 10) / 10,
      requests: total,
      failures,
      statuses: Object.fromEntries(statuses),
      latencyMs: percentiles(latencies),
      serverHistogram: answerBuckets(metrics),
      serverEventLoopLagP99Ms:
        Math.round(metricValue(metrics, 'nodejs_eventloop_lag_p99_seconds') * 1000 * 10) / 10,
      serverCpuSeconds: Math.round(metricValue(metrics, 'process_cpu_seconds_total') * 10) / 10,
      serverGcSeconds: Math.round(gcSeconds(metrics) * 100) / 100,
      machine: machine(),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The server's own view (request in → response finished) of the answer route, from /metrics. */
function answerBuckets(metrics: string): Record<string, number> {
  const out: Record<string, number> = {};
  const pattern =
    /^http_request_duration_seconds_bucket\{le="([^"]+)",method="POST",route="\/api\/practice\/sessions\/:id\/answers",status="200"\} (\d+)$/gm;
  for (const match of metrics.matchAll(pattern)) out[`le_${match[1]}s`] = Number(match[2]);
  return out;
}

function metricValue(metrics: string, name: string): number {
  const line = metrics.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : NaN;
}

function gcSeconds(metrics: string): number {
  return metrics
    .split('\n')
    .filter((l) => l.startsWith('nodejs_gc_duration_seconds_sum'))
    .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
