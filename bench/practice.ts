/**
 * Practice answers under load: `npm run bench:practice [-- --rate 200 --seconds 30]`.
 *
 * Starts the built server as its own process (a real PostgreSQL when DATABASE_URL is set, in a
 * fresh database; otherwise the embedded one), opens practice sessions, then sends answers at a
 * fixed rate (open loop: requests leave on schedule whether or not earlier ones returned) and
 * measures each answer's latency as the client sees it, from the moment it was due to the end of
 * its body. Prints one JSON object as its last line.
 *
 * The load generator shares the machine with the server and the database, which a real client
 * never does: it sends over plain keep-alive HTTP (about half the CPU of `fetch` per request)
 * and, once the sessions are open, lowers its own priority (`--nice`, default 10; 0 keeps it) so
 * that the server and PostgreSQL run first when the cores are contended. Both are recorded in the
 * JSON (`generatorNice`, `generatorCpuMsPerAnswer`), with the machine's CPU and hypervisor steal
 * during the load (`hostCpu`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../src/cli/cli-support';
import { EVENT_LOOP_RESOLUTION_MS } from '../src/metrics/metrics.service';
import { startServerProcess } from '../test/support/server-process';
import {
  freePort,
  freshDatabase,
  gcSeconds,
  hostCpuSampler,
  keepAliveClient,
  machine,
  metricValue,
  percentiles,
  serverProfileHook,
  sleep,
} from './support';

interface Session {
  id: string;
  token: string;
  questions: { position: number }[];
}

async function main(): Promise<void> {
  const { flags } = parseArgs(process.argv.slice(2));
  const rate = Number(flags.rate ?? 200);
  const seconds = Number(flags.seconds ?? 30);
  const nice = Number(flags.nice ?? 10);
  // --trace FILE: one line per answer (ms from the start when it was due, how late it left, its
  // latency), to see whether slow answers come alone or in bursts.
  const trace = typeof flags.trace === 'string' ? flags.trace : undefined;
  // --profile DIR: a V8 CPU profile of the server (whole process) in DIR/server.cpuprofile; the
  // JSON then gives the load's window in the profile's clock.
  const profile = typeof flags.profile === 'string' ? flags.profile : undefined;
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
    ...(profile ? { NODE_OPTIONS: `--require ${serverProfileHook(dataDir, profile)}` } : {}),
  });
  // More sockets than requests ever in flight: none waits in the agent.
  const http = keepAliveClient(server.baseUrl, 512);
  try {
    // Enough 30-question sessions for every answer to go to its own (session, position).
    const sessions: Session[] = [];
    while (sessions.length * 30 < total) {
      const res = await http.request('POST', '/api/practice/sessions', {
        body: { mode: 'mix', length: 30 },
      });
      if (res.status !== 201)
        throw new Error(`could not start a session: ${res.status} ${res.body}`);
      sessions.push(JSON.parse(res.body) as Session);
    }
    const slots = sessions.flatMap((s) =>
      s.questions.map((q) => ({ session: s, position: q.position })),
    );

    if (nice !== 0) setPriority(nice);
    // A scrape resets the event-loop monitor (prom-client), so the lag below covers the load only;
    // the counters read here are subtracted from the final ones.
    const before = (await http.request('GET', '/metrics')).body;
    const host = hostCpuSampler();
    host.start();
    const cpu = process.cpuUsage();

    // Preallocated, and no promise kept per request: the generator's own garbage collection
    // would otherwise pause it mid-run and show up as server latency.
    const latencies = new Float64Array(total).fill(NaN);
    const sendLag = new Float64Array(total);
    let answered = 0;
    let failures = 0;
    let settled = 0;
    const statuses = new Map<number, number>();
    let allSettled: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      allSettled = resolve;
    });
    const settle = () => {
      settled += 1;
      if (settled === total) allSettled();
    };
    const started = performance.now();
    const startedUs = process.hrtime.bigint() / 1000n;
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const slot = slots[i % slots.length];
      sendLag[i] = performance.now() - due;
      void http
        .request('POST', `/api/practice/sessions/${slot.session.id}/answers`, {
          headers: { 'x-practice-token': slot.session.token },
          body: { position: slot.position, chosen: [0] },
        })
        .then((res) => {
          latencies[i] = performance.now() - due;
          answered += 1;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        })
        .catch(() => {
          failures += 1;
        })
        .finally(settle);
    }
    if (total > 0) await done;
    const elapsed = (performance.now() - started) / 1000;
    const endedUs = process.hrtime.bigint() / 1000n;
    const generatorCpu = process.cpuUsage(cpu);
    const hostCpu = host.stop();
    const metrics = (await http.request('GET', '/metrics')).body;
    if (trace) {
      const lines = Array.from(latencies, (latency, i) =>
        [((i * 1000) / rate).toFixed(1), (sendLag.at(i) ?? 0).toFixed(2), latency.toFixed(2)].join(
          ' ',
        ),
      );
      writeFileSync(trace, `${lines.join('\n')}\n`);
    }
    const delta = (read: (m: string) => number) => read(metrics) - read(before);
    const serverCpuSeconds = delta((m) => metricValue(m, 'process_cpu_seconds_total'));
    const lagMs = (name: string) =>
      metricValue(metrics, `nodejs_eventloop_lag_${name}_seconds`) * 1000;
    const round1 = (n: number) => Math.round(n * 10) / 10;
    const round2 = (n: number) => Math.round(n * 100) / 100;
    const result = {
      benchmark: 'practice-answers',
      database: databaseUrl ? 'postgresql' : 'embedded-pglite',
      targetRatePerSecond: rate,
      achievedRatePerSecond: round1(answered / elapsed),
      requests: total,
      failures,
      statuses: Object.fromEntries(statuses),
      latencyMs: percentiles(Array.from(latencies).filter((l) => !Number.isNaN(l))),
      sendLagP99Ms: percentiles(Array.from(sendLag)).p99,
      serverHistogram: answerBuckets(metrics),
      // Raw p99 of prom-client's monitor (it includes the sampling interval), and p99 and max minus
      // the interval: how late an event was, during the load only.
      serverEventLoopLagP99Ms: round1(lagMs('p99')),
      serverEventLoopDelayP99Ms: round1(Math.max(0, lagMs('p99') - EVENT_LOOP_RESOLUTION_MS)),
      serverEventLoopDelayMaxMs: round1(Math.max(0, lagMs('max') - EVENT_LOOP_RESOLUTION_MS)),
      serverCpuSeconds: round1(serverCpuSeconds),
      serverCpuMsPerAnswer: round2((serverCpuSeconds * 1000) / total),
      serverGcSeconds: round2(delta(gcSeconds)),
      generatorNice: nice,
      generatorCpuMsPerAnswer: round2(
        (generatorCpu.user + generatorCpu.system) / 1000 / Math.max(1, total),
      ),
      hostCpu,
      ...(profile ? { profileLoadWindowUs: [Number(startedUs), Number(endedUs)] } : {}),
      machine: machine(),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    http.close();
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

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
