/**
 * The live final under load: `npm run bench:live -- --players 1000 [--questions 5]
 * [--games G] [--batch 200] [--per-address 50] [--limit-ms 20000] [--instances 1]`.
 *
 * `--instances N` (N > 1) starts N server processes on the same PostgreSQL (DATABASE_URL, or the
 * local default) and Redis (REDIS_URL, default redis://127.0.0.1:6379), as behind a balancer:
 * game g is created on (and driven by) instance g mod N, where its host and stage connect; the
 * bots of each game alternate over all instances, so (N-1)/N of them send their commands to an
 * instance that forwards them to the game's. CPU and memory are summed over the instances.
 *
 * Starts the built server as its own process (a real PostgreSQL when DATABASE_URL is set, in a
 * fresh database dropped at the end; otherwise the embedded one in a temporary folder), creates
 * classic games over HTTP as the admin, connects N socket.io-client bots on the websocket
 * transport in batches (each batch connects and joins, then the next), and plays the questions.
 * For each question it measures, with one clock (bots and host live in this process):
 *   - delivery: host command emitted → each bot received the resulting view (the question
 *     itself with `next`, the opening of answering, the personal result after `reveal`, the
 *     personal leaderboard);
 *   - ack latency of `live:answer` (emit → ack, the ack leaves after the commit), answers spread
 *     uniformly over 10 s (even questions) or all within 1 s (odd questions);
 *   - the server process's CPU seconds (/proc/<pid>/stat) from the question's `next` to the
 *     last leaderboard view delivered.
 * A game holds at most 5,000 players (LiveSettings.maxPlayers): more bots are split over
 * several games driven at the same moment. The join rate limit (60 then 5/s per address and
 * per process, not configurable) would hold one address to ~5 joins a second, so bots bind
 * loopback source addresses 127.0.0.x, `--per-address` bots each (0: all on 127.0.0.1).
 * Prints one JSON object as its last line; progress goes to stderr. BENCH_SERVER_NODE_OPTIONS is
 * handed to the server as NODE_OPTIONS (e.g. `--require` of a script starting the inspector profiler).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { io, Socket } from 'socket.io-client';
import { parseArgs } from '../src/cli/cli-support';
import type {
  Ack,
  HostCommand,
  HostView,
  LiveClientToServerEvents,
  LiveServerToClientEvents,
  LiveView,
} from '../src/shared/live/events';
import { startServerProcess } from '../test/support/server-process';
import {
  cpuSeconds,
  loopbackAddress,
  machineDescription,
  postgresVersion,
  round,
  rssBytes,
} from './live-support';
import { dropDatabase, freePort, freshDatabase, percentiles, sleep, waitAtMost } from './support';

type LiveSocket = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;
type Percentiles = ReturnType<typeof percentiles>;

const ADMIN = { username: 'benchadmin', password: 'mat-khau-bench-live-1' };
const MAX_PER_GAME = 5_000;
const ACK_TIMEOUT_MS = 60_000;
const STAGE_TIMEOUT_MS = 120_000;

const log = (message: string) => process.stderr.write(`[bench:live] ${message}\n`);

function emitWithAck<T>(socket: LiveSocket, event: string, payload: unknown): Promise<Ack<T>> {
  return (
    socket.timeout(ACK_TIMEOUT_MS) as unknown as {
      emitWithAck(e: string, p: unknown): Promise<Ack<T>>;
    }
  ).emitWithAck(event, payload);
}

function connect(
  url: string,
  options: { cookie?: string; localAddress?: string },
): Promise<LiveSocket> {
  const socket: LiveSocket = io(`${url}/live`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: 60_000,
    extraHeaders: options.cookie === undefined ? undefined : { cookie: options.cookie },
    // engine.io-client hands localAddress to the `ws` socket (source address of the bot).
    ...({ localAddress: options.localAddress } as Record<string, unknown>),
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      resolve(socket);
    });
    socket.once('connect_error', (error) => {
      socket.disconnect();
      reject(error);
    });
  });
}

/** One measured step: a view in `phase` for question `index`, expected by `expected` bots. */
class Stage {
  readonly t0: number[];
  readonly latencies: number[] = [];
  private resolveDone: (() => void) | null = null;
  readonly done: Promise<void>;

  constructor(
    readonly id: number,
    readonly phase: string,
    readonly index: number,
    readonly expected: number,
    games: number,
  ) {
    this.t0 = Array.from({ length: games }, () => NaN);
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
      if (expected === 0) resolve();
    });
  }

  record(game: number, now: number): void {
    this.latencies.push(now - (this.t0.at(game) ?? NaN));
    if (this.latencies.length >= this.expected) this.resolveDone?.();
  }

  /** Waits until every bot got its view, or the timeout; returns how many never did. */
  async wait(timeoutMs = STAGE_TIMEOUT_MS): Promise<number> {
    await waitAtMost(this.done, timeoutMs);
    return this.expected - this.latencies.length;
  }
}

interface Bot {
  socket: LiveSocket;
  game: number;
  /** The id of the last stage this bot reported to (a view is counted once). */
  seen: number;
}

interface QuestionFigures {
  index: number;
  mode: 'spread' | 'burst';
  answers: number;
  answerFailures: number;
  missingViews: number;
  serverCpuSeconds: number;
  wallSeconds: number;
  questionDeliveryMs: Percentiles;
  openDeliveryMs: Percentiles;
  ackMs: Percentiles;
  resultDeliveryMs: Percentiles;
  leaderboardDeliveryMs: Percentiles;
}

async function main(): Promise<void> {
  const { flags } = parseArgs(process.argv.slice(2));
  const players = Number(flags.players ?? 1000);
  const questionCount = Number(flags.questions ?? 5);
  const games = Number(flags.games ?? Math.ceil(players / MAX_PER_GAME));
  const batchSize = Number(flags.batch ?? 200);
  const perAddress = Number(flags['per-address'] ?? 50);
  const limitMs = Number(flags['limit-ms'] ?? 20_000);
  const spreadMs = 10_000;
  const burstMs = 1_000;
  if (![players, questionCount, games, batchSize, perAddress, limitMs].every(Number.isFinite))
    throw new Error('numeric flags expected');
  if (Math.ceil(players / games) > MAX_PER_GAME)
    throw new Error(`at most ${MAX_PER_GAME} players per game: use --games`);
  if (limitMs < spreadMs + 5_000) throw new Error('--limit-ms must leave room for the 10 s spread');

  const instances = Number(flags.instances ?? 1);
  if (!Number.isInteger(instances) || instances < 1) throw new Error('--instances: 1 or more');
  const redisUrl =
    instances > 1 ? (process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') : process.env.REDIS_URL;
  if (instances > 1) process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseUrl = await freshDatabase('cchc_bench_live');
  const database = databaseUrl ? await postgresVersion(databaseUrl) : 'embedded PGlite';
  const dataDir = mkdtempSync(join(tmpdir(), 'cchc-bench-live-'));
  log(`starting ${instances} server process(es) (${database}${redisUrl ? ', Redis' : ''})`);
  const serverEnv = async (): Promise<Record<string, string>> => ({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT: String(await freePort()),
    DATA_DIR: dataDir,
    SERVE_CLIENT: 'false',
    SEED_SAMPLE_DATA: 'true',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    API_RATE_LIMIT: '1000000',
    LOGIN_RATE_LIMIT: '1000',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl, DB_POOL_SIZE: '10' } : {}),
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    // A profiling aid, e.g. BENCH_SERVER_NODE_OPTIONS="--require ./profiler.js".
    ...(process.env.BENCH_SERVER_NODE_OPTIONS
      ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS }
      : {}),
  });
  const servers = [await startServerProcess(await serverEnv())];
  for (let k = 1; k < instances; k++) servers.push(await startServerProcess(await serverEnv()));
  const server = servers[0];
  const pids = servers.map((s) => s.child.pid ?? 0);
  const cpuAll = () => pids.reduce((sum, p) => sum + cpuSeconds(p), 0);
  const rssAll = () => pids.reduce((sum, p) => sum + rssBytes(p), 0);
  const sockets: LiveSocket[] = [];
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  try {
    /* ------------------------------------------------------------ set-up ---- */
    const http = async (path: string, init: RequestInit = {}, cookie?: string, on = server) => {
      const res = await fetch(`${on.baseUrl}${path}`, {
        ...init,
        headers: {
          'content-type': 'application/json',
          ...(cookie === undefined ? {} : { cookie }),
        },
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
      return { res, body: JSON.parse(text) as unknown };
    };
    const login = await http('/api/auth/login', { method: 'POST', body: JSON.stringify(ADMIN) });
    const cookie = (login.res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const banks = (await http('/api/banks', {}, cookie)).body as { items: { id: string }[] };
    const bankId = banks.items.at(0)?.id ?? '';
    const bank = (await http(`/api/banks/${bankId}/questions?pageSize=200`, {}, cookie)).body as {
      items: { id: string; type: string; status: string }[];
    };
    const questionIds = bank.items
      .filter((q) => q.type === 'single' && q.status === 'published')
      .slice(0, questionCount)
      .map((q) => q.id);
    if (questionIds.length < questionCount) throw new Error('not enough sample questions');
    const perGame = Math.ceil(players / games);
    // Game g is created on (and driven by) instance g mod N; its host and stage connect there.
    const ownerOf = (g: number) => servers.at(g % instances) ?? server;
    const created: { id: string; code: string; stageToken: string }[] = [];
    for (let g = 0; g < games; g++) {
      const reply = await http(
        '/api/live/games',
        {
          method: 'POST',
          body: JSON.stringify({
            bankId,
            questionIds,
            format: 'classic',
            points: 1000,
            timeLimitMs: limitMs,
            settings: { readTimeMs: 0, graceMs: 500, maxPlayers: perGame },
          }),
        },
        cookie,
        ownerOf(g),
      );
      created.push(reply.body as { id: string; code: string; stageToken: string });
    }

    const hosts: LiveSocket[] = [];
    let hostViewBytes = 0;
    for (const [g, game] of created.entries()) {
      const host = await connect(ownerOf(g).baseUrl, { cookie });
      host.on('live:view', (view) => {
        if (view.audience === 'host')
          hostViewBytes = Math.max(hostViewBytes, JSON.stringify(view).length);
      });
      const reply = await emitWithAck<{ view: HostView }>(host, 'live:host', { gameId: game.id });
      if (!reply.ok) throw new Error(`host: ${JSON.stringify(reply.error)}`);
      hosts.push(host);
      const stage = await connect(ownerOf(g).baseUrl, {});
      const staged = await emitWithAck(stage, 'live:stage', {
        gameId: game.id,
        stageToken: game.stageToken,
      });
      if (!staged.ok) throw new Error(`stage: ${JSON.stringify(staged.error)}`);
      sockets.push(host, stage);
    }
    const command = async (g: number, cmd: HostCommand, stage?: Stage): Promise<HostView> => {
      const host = hosts.at(g);
      if (host === undefined) throw new Error('no host');
      if (stage) stage.t0[g] = performance.now();
      const reply = await emitWithAck<{ view: HostView }>(host, 'live:host', {
        gameId: created.at(g)?.id,
        command: cmd,
      }).catch((error: unknown) => {
        throw new Error(`host ${cmd.type} (game ${g}): ${String(error)}`);
      });
      if (!reply.ok) throw new Error(`${cmd.type}: ${JSON.stringify(reply.error)}`);
      return reply.data.view;
    };

    /* ---------------------------------------------------- connect, join ---- */
    let current: Stage | null = null;
    let mode: 'spread' | 'burst' = 'spread';
    let stageIds = 0;
    const acks: number[] = [];
    const answerErrors = new Map<string, number>();
    const countError = (map: Map<string, number>, code: string) =>
      map.set(code, (map.get(code) ?? 0) + 1);
    let answersSent = 0;
    let answersDone = 0;
    let onAnswersDone: (() => void) | null = null;

    const answer = (bot: Bot, view: LiveView) => {
      const index = view.question?.index ?? -1;
      const options = view.question?.options.length ?? 1;
      const delay = Math.random() * (mode === 'spread' ? spreadMs : burstMs);
      answersSent += 1;
      setTimeout(() => {
        const sent = performance.now();
        emitWithAck(bot.socket, 'live:answer', {
          questionIndex: index,
          choices: [Math.floor(Math.random() * options)],
        })
          .then((reply) => {
            if (reply.ok) acks.push(performance.now() - sent);
            else countError(answerErrors, reply.error.code);
          })
          .catch(() => countError(answerErrors, 'ACK_TIMEOUT'))
          .finally(() => {
            answersDone += 1;
            if (answersDone >= answersSent) onAnswersDone?.();
          });
      }, delay);
    };

    const bots: Bot[] = [];
    const connectErrors = new Map<string, number>();
    const joinErrors = new Map<string, number>();
    const joinLatencies: number[] = [];
    const rssBefore = rssAll();
    const cpuBeforeJoin = cpuAll();
    const joinStarted = performance.now();
    loopDelay.enable();
    for (let from = 0; from < players; from += batchSize) {
      const batch = Array.from({ length: Math.min(batchSize, players - from) }, (_, k) => from + k);
      await Promise.all(
        batch.map(async (i) => {
          const game = i % games;
          let socket: LiveSocket;
          try {
            // Like a balancer: the bots of one game alternate over the instances, so about
            // (N-1)/N of them reach an instance that does not drive their game.
            const instance = Math.floor(i / games) % instances;
            socket = await connect((servers.at(instance) ?? server).baseUrl, {
              localAddress: loopbackAddress(i, perAddress),
            });
          } catch (error) {
            countError(connectErrors, error instanceof Error ? error.message : String(error));
            return;
          }
          sockets.push(socket);
          const sent = performance.now();
          const reply = await emitWithAck<unknown>(socket, 'live:join', {
            code: created.at(game)?.code,
            name: `Bot ${i + 1}`,
          }).catch(() => null);
          if (reply === null || !reply.ok) {
            countError(joinErrors, reply === null ? 'ACK_TIMEOUT' : reply.error.code);
            return;
          }
          joinLatencies.push(performance.now() - sent);
          const bot: Bot = { socket, game, seen: -1 };
          bots.push(bot);
          socket.on('live:view', (view) => {
            const stage = current;
            if (stage === null || bot.seen === stage.id) return;
            if (view.phase !== stage.phase || view.question?.index !== stage.index) return;
            bot.seen = stage.id;
            stage.record(bot.game, performance.now());
            if (stage.phase === 'answering') answer(bot, view);
          });
        }),
      );
      log(`connected ${sockets.length - 2 * games}/${players}, joined ${bots.length}`);
    }
    const joinSeconds = (performance.now() - joinStarted) / 1000;
    const cpuJoin = cpuAll() - cpuBeforeJoin;
    await sleep(1_000); // let the lobby views settle
    const rssJoined = rssAll();
    const failedConnects = players - (sockets.length - 2 * games);
    const botsPerGame = Array.from(
      { length: games },
      (_, g) => bots.filter((b) => b.game === g).length,
    );

    /* --------------------------------------------------------- questions ---- */
    const newStage = (phase: string, index: number) => {
      stageIds += 1;
      const stage = new Stage(stageIds, phase, index, bots.length, games);
      current = stage;
      return stage;
    };
    const perQuestion: QuestionFigures[] = [];
    const all = {
      question: [] as number[],
      open: [] as number[],
      result: [] as number[],
      leaderboard: [] as number[],
      ackSpread: [] as number[],
      ackBurst: [] as number[],
    };
    let aborted: string | null = null;
    for (let q = 0; q < questionCount && aborted === null; q++) {
      try {
        mode = q % 2 === 0 ? 'spread' : 'burst';
        const cpu0 = cpuAll();
        const wall0 = performance.now();
        let missing = 0;
        acks.length = 0;
        answerErrors.clear();
        answersSent = 0;
        answersDone = 0;

        const intro = newStage('question_intro', q);
        await Promise.all(
          botsPerGame.map((_, g) =>
            command(g, q === 0 ? { type: 'start' } : { type: 'next' }, intro),
          ),
        );
        missing += await intro.wait();

        const allAnswered = new Promise<void>((resolve) => {
          onAnswersDone = resolve;
        });
        const open = newStage('answering', q);
        await Promise.all(botsPerGame.map((_, g) => command(g, { type: 'next' }, open)));
        missing += await open.wait();
        if (answersSent > 0) await waitAtMost(allAnswered, limitMs + ACK_TIMEOUT_MS);
        onAnswersDone = null;
        const ackFigures = [...acks];
        const failures = [...answerErrors.values()].reduce((a, b) => a + b, 0);

        const result = newStage('revealed', q);
        await Promise.all(botsPerGame.map((_, g) => command(g, { type: 'reveal' }, result)));
        missing += await result.wait();

        const board = newStage('leaderboard', q);
        await Promise.all(botsPerGame.map((_, g) => command(g, { type: 'next' }, board)));
        missing += await board.wait();
        current = null;

        const figures: QuestionFigures = {
          index: q,
          mode,
          answers: ackFigures.length,
          answerFailures: failures,
          missingViews: missing,
          serverCpuSeconds: round(cpuAll() - cpu0, 2),
          wallSeconds: round((performance.now() - wall0) / 1000, 2),
          questionDeliveryMs: percentiles(intro.latencies),
          openDeliveryMs: percentiles(open.latencies),
          ackMs: percentiles(ackFigures),
          resultDeliveryMs: percentiles(result.latencies),
          leaderboardDeliveryMs: percentiles(board.latencies),
        };
        perQuestion.push(figures);
        all.question.push(...intro.latencies);
        all.open.push(...open.latencies);
        all.result.push(...result.latencies);
        all.leaderboard.push(...board.latencies);
        (mode === 'spread' ? all.ackSpread : all.ackBurst).push(...ackFigures);
        log(
          `question ${q + 1} (${mode}): delivery p99 ${figures.questionDeliveryMs.p99} ms, ack p99 ` +
            `${figures.ackMs.p99} ms, ${figures.answers} answers, ${failures} failed, ` +
            `${missing} views missing, server CPU ${figures.serverCpuSeconds} s`,
        );
        if (failures > 0) log(`answer errors: ${JSON.stringify(Object.fromEntries(answerErrors))}`);
      } catch (error) {
        // Report what was measured so far rather than nothing.
        aborted = `question ${q + 1}: ${error instanceof Error ? error.message : String(error)}`;
        log(`aborted at ${aborted}`);
      }
    }
    if (aborted === null) await Promise.all(botsPerGame.map((_, g) => command(g, { type: 'end' })));
    loopDelay.disable();

    const lagP99Ms = await Promise.all(
      servers.map(async (s) => {
        const metrics = await (await fetch(`${s.baseUrl}/metrics`)).text();
        const line = metrics
          .split('\n')
          .find((l) => l.startsWith('nodejs_eventloop_lag_p99_seconds '));
        return line === undefined ? NaN : round(Number(line.split(' ').at(1)) * 1000);
      }),
    );
    const cpuPerQuestion = (m: 'spread' | 'burst') => {
      const rows = perQuestion.filter((r) => r.mode === m);
      return rows.length === 0
        ? null
        : round(rows.reduce((s, r) => s + r.serverCpuSeconds, 0) / rows.length, 2);
    };
    const question = percentiles(all.question);
    const ackSpread = percentiles(all.ackSpread);
    const ackBurst = percentiles(all.ackBurst);
    const result = {
      benchmark: 'live-final',
      players,
      instances,
      aborted,
      games,
      playersPerGame: botsPerGame,
      questions: questionCount,
      database,
      connect: {
        batchSize,
        botsPerSourceAddress: perAddress,
        failedConnects,
        connectErrors: Object.fromEntries(connectErrors),
        failedJoins: players - failedConnects - bots.length,
        joinErrors: Object.fromEntries(joinErrors),
        seconds: round(joinSeconds),
        joinAckMs: percentiles(joinLatencies),
        serverCpuSeconds: round(cpuJoin, 2),
      },
      serverRssMiB: {
        beforeConnect: round(rssBefore / 2 ** 20),
        afterJoin: round(rssJoined / 2 ** 20),
      },
      serverRssKiBPerConnection: round((rssJoined - rssBefore) / 1024 / Math.max(bots.length, 1)),
      questionDeliveryMs: question,
      openDeliveryMs: percentiles(all.open),
      ackMsSpread10s: ackSpread,
      ackMsWithin1s: ackBurst,
      resultDeliveryMs: percentiles(all.result),
      leaderboardDeliveryMs: percentiles(all.leaderboard),
      serverCpuSecondsPerQuestion: {
        spread10s: cpuPerQuestion('spread'),
        within1s: cpuPerQuestion('burst'),
      },
      largestHostViewBytes: hostViewBytes,
      serverEventLoopLagP99Ms: instances === 1 ? lagP99Ms.at(0) : lagP99Ms,
      botsEventLoopDelayP99Ms: round(loopDelay.percentile(99) / 1e6),
      perQuestion,
      targets: {
        failedConnects: { target: 0, actual: failedConnects, met: failedConnects === 0 },
        questionDeliveryP99Ms: { target: 300, actual: question.p99, met: question.p99 <= 300 },
        ackSpreadP99Ms: { target: 100, actual: ackSpread.p99, met: ackSpread.p99 <= 100 },
        ackWithin1sP99Ms: { target: 500, actual: ackBurst.p99, met: ackBurst.p99 <= 500 },
      },
      machine: machineDescription(database),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    for (const socket of sockets) socket.disconnect();
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(dataDir, { recursive: true, force: true });
    if (databaseUrl) await dropDatabase(databaseUrl);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
