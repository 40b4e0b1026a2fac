/**
 * The floor under the timed rounds' targets on this machine: `npm run bench:http-floor [-- --rate
 * 1000 --seconds 10 --burst 5000 --burst-seconds 1]`.
 *
 * Starts a **bare HTTP server** (`node:http` and Node only: no Express, no Nest, no validation,
 * no database; keep-alive on) as its own process. It answers the two routes `bench:rounds` loads,
 * reading the JSON body, parsing it and replying 200 with a small JSON body at once, shaped like
 * the real reply (about 150 bytes):
 *   - PUT /api/attempts/:id/answers/:position → { position, chosen, savedAt, serverNow, remainingMs };
 *   - POST /api/attempts/:id/submit → { id, status, score, maxScore, durationMs, submittedAt, … }.
 * Then, from this process, with exactly the generator `bench:rounds` uses (`openLoop` over a
 * `keepAliveClient`, 512 connections for saves, 2000 for the burst):
 *   - saves: PUT { chosen: [1] } with an x-participant-token, open loop at `rate` for `seconds`;
 *   - burst: `burst` POST submit { prediction: 3 } open loop within `burst-seconds`.
 * Latency runs from the moment a request was due (open loop), as in `bench:rounds`.
 *
 * What it measures is what the machine and the load generator cost per request with nothing of
 * ours on top, the generator sharing the same cores as the server (as in `bench:rounds`): the
 * floor to read `bench:rounds` against (1,000 saves/s with p99 ≤ 50 ms; 5,000 submissions within
 * 1 s with p99 ≤ 1 s). Reports the server's CPU seconds (from /proc) and the generator's own
 * (process.cpuUsage) per measurement. Prints one JSON object as its last line; progress on
 * stderr.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from '../src/cli/cli-support';
import { cpuSeconds } from './live-support';
import {
  keepAliveClient,
  machine,
  openLoop,
  OpenLoopResult,
  startBareServer,
  sleep,
  summary,
} from './support';

const SERVER = `
const http = require('node:http');
const SAVE = /^\\/api\\/attempts\\/([^/]+)\\/answers\\/(\\d+)$/;
const SUBMIT = /^\\/api\\/attempts\\/([^/]+)\\/submit$/;
const deadline = Date.now() + 3600000;
const reply = (res, status, body) => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
};
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString() || '{}');
    } catch {
      return reply(res, 400, { message: 'bad json' });
    }
    const now = new Date();
    let m;
    if (req.method === 'PUT' && (m = SAVE.exec(req.url))) {
      return reply(res, 200, {
        position: Number(m[2]),
        chosen: body.chosen,
        savedAt: now.toISOString(),
        serverNow: now.toISOString(),
        remainingMs: deadline - now.getTime(),
      });
    }
    if (req.method === 'POST' && (m = SUBMIT.exec(req.url))) {
      return reply(res, 200, {
        id: m[1],
        status: 'submitted',
        score: 7,
        maxScore: 10,
        durationMs: 312000,
        submittedAt: now.toISOString(),
        prediction: body.prediction,
      });
    }
    reply(res, 404, { message: 'not found' });
  });
});
server.keepAliveTimeout = 65000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\\n'));
`;

/** Same numbers as bench/rounds.ts TARGETS (answer saves, deadline burst). */
const TARGETS = {
  answerSaves: { ratePerSecond: 1000, p99Ms: 50 },
  deadlineBurst: { p99Ms: 1000 },
};
const TOKEN = 'x-participant-token';
const round2 = (n: number) => Math.round(n * 100) / 100;
const log = (text: string) => process.stderr.write(`[bench:http-floor] ${text}\n`);

/** Runs `work`, returning its result with the server's and this process's CPU seconds. */
async function measured(
  pid: number,
  requests: number,
  work: () => Promise<OpenLoopResult>,
): Promise<{
  result: OpenLoopResult;
  cpu: {
    serverSeconds: number;
    generatorSeconds: number;
    serverMicrosecondsPerRequest: number;
    generatorMicrosecondsPerRequest: number;
  };
}> {
  const serverBefore = cpuSeconds(pid);
  const generatorBefore = process.cpuUsage();
  const result = await work();
  const serverSeconds = cpuSeconds(pid) - serverBefore;
  const used = process.cpuUsage(generatorBefore);
  const generatorSeconds = (used.user + used.system) / 1e6;
  return {
    result,
    cpu: {
      serverSeconds: round2(serverSeconds),
      generatorSeconds: round2(generatorSeconds),
      serverMicrosecondsPerRequest: round2((serverSeconds / requests) * 1e6),
      generatorMicrosecondsPerRequest: round2((generatorSeconds / requests) * 1e6),
    },
  };
}

async function main(): Promise<void> {
  const { flags } = parseArgs(process.argv.slice(2));
  const rate = Number(flags.rate ?? 1000);
  const seconds = Number(flags.seconds ?? 10);
  const burst = Number(flags.burst ?? 5000);
  const burstSeconds = Number(flags['burst-seconds'] ?? 1);
  const { child, pid, port } = await startBareServer(SERVER);
  const baseUrl = `http://127.0.0.1:${String(port)}`;
  try {
    // As bench:rounds: 300 attempts × 10 questions, consecutive saves to different attempts.
    const attempts = Array.from({ length: 300 }, () => ({
      id: randomUUID(),
      token: randomBytes(32).toString('base64url'),
    }));
    const slots = Array.from({ length: 10 }, (_, position) =>
      attempts.map((a) => ({ ...a, position })),
    ).flat();

    // ---- 1. answer saves -----------------------------------------------------------------
    const save = (client: ReturnType<typeof keepAliveClient>) => (i: number) => {
      const slot = slots[i % slots.length];
      return client.request('PUT', `/api/attempts/${slot.id}/answers/${slot.position}`, {
        headers: { [TOKEN]: slot.token },
        body: { chosen: [1] },
      });
    };
    // The server warmed up (bench:rounds' has served its setup), on a client of its own: the
    // measured one starts with no connection open, as in bench:rounds.
    log('warm-up: 200 saves…');
    const warmClient = keepAliveClient(baseUrl, 16);
    await openLoop(200, Math.min(rate, 1000), save(warmClient));
    warmClient.close();
    await sleep(500);
    const savesClient = keepAliveClient(baseUrl, 512);
    log(`saves: ${String(rate)}/s for ${String(seconds)} s…`);
    const savesRun = await measured(pid, rate * seconds, () =>
      openLoop(rate * seconds, rate, save(savesClient)),
    );
    savesClient.close();
    const saves = {
      targetRatePerSecond: rate,
      seconds,
      ...summary(savesRun.result, 200),
      cpu: savesRun.cpu,
    };
    log(JSON.stringify(saves));
    await sleep(1000);

    // ---- 2. deadline burst ---------------------------------------------------------------
    const submitters = Array.from({ length: burst }, () => ({
      id: randomUUID(),
      token: randomBytes(32).toString('base64url'),
    }));
    log(`burst: ${String(burst)} submissions within ${String(burstSeconds)} s…`);
    const burstClient = keepAliveClient(baseUrl, 2000);
    const burstRun = await measured(pid, burst, () =>
      openLoop(burst, burst / burstSeconds, (i) =>
        burstClient.request('POST', `/api/attempts/${submitters[i].id}/submit`, {
          headers: { [TOKEN]: submitters[i].token },
          body: { prediction: 3 },
        }),
      ),
    );
    burstClient.close();
    const burstResult = {
      attempts: burst,
      windowSeconds: burstSeconds,
      ...summary(burstRun.result, 200),
      drainSeconds: round2(burstRun.result.elapsedSeconds),
      cpu: burstRun.cpu,
    };
    log(JSON.stringify(burstResult));

    process.stdout.write(
      `${JSON.stringify({
        benchmark: 'http-floor',
        machine: machine(),
        saves,
        burst: burstResult,
        targets: {
          answerSaves: {
            target: `${String(TARGETS.answerSaves.ratePerSecond)}/s, p99 ≤ ${String(TARGETS.answerSaves.p99Ms)} ms`,
            pass:
              saves.errors === 0 &&
              saves.achievedRatePerSecond >= TARGETS.answerSaves.ratePerSecond * 0.98 &&
              saves.latencyMs.p99 <= TARGETS.answerSaves.p99Ms,
          },
          deadlineBurst: {
            target: `${String(burst)} submissions in ${String(burstSeconds)} s, p99 ≤ ${String(TARGETS.deadlineBurst.p99Ms)} ms`,
            pass:
              burstResult.errors === 0 && burstResult.latencyMs.p99 <= TARGETS.deadlineBurst.p99Ms,
          },
        },
      })}\n`,
    );
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
