import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  HostCommand,
  HostView,
  LiveAnswerReply,
  LiveJoinReply,
} from '../../src/shared/live/events';
import { callLive, connectLive, okLive, type LiveSocket, viewWhere } from '../support/live-socket';
import { EmbeddedPostgres } from '../../src/database/embedded/embedded-postgres';
import { ServerProcess, startServerProcess } from '../support/server-process';
import { signedInAgent, TEST_ADMIN } from '../support/test-app';
import { createTestDatabase, queryDatabase, TestDatabase } from '../support/test-database';

/**
 * The restart test of the live final: the server process is killed with SIGKILL in the middle of
 * a question, started again on the same database, the players reconnect with their tokens and
 * the game goes on with the same scores, the same deadline, and every acknowledged answer kept.
 * Real processes (`node dist/main.js`): embedded PGlite in a data folder, or a fresh PostgreSQL
 * database when TEST_DATABASE_URL is set.
 */

interface BankQuestion {
  id: string;
  type: string;
  correct: number[];
  options: string[];
  status: string;
}

const PLAYERS = 10;
const POINTS = 1000;
const LIMIT_MS = 25_000;
const GRACE_MS = 300;
/** The remaining time a reconnected player is shown may be off by this much. */
const CLOCK_TOLERANCE_MS = 1_500;

const speedPoints = (deadline: number, receivedAt: number) => {
  const t = Math.min(Math.max(LIMIT_MS - (deadline - receivedAt), 0), LIMIT_MS);
  return Math.round(POINTS * (1 - t / LIMIT_MS / 2));
};

describe('live final: server killed with SIGKILL mid-question', () => {
  let database: TestDatabase | null = null;
  let dataDir: string | null = null;
  let server: ServerProcess | null = null;
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    if (process.env.TEST_DATABASE_URL) database = await createTestDatabase();
    else dataDir = mkdtempSync(join(tmpdir(), 'cchc-live-kill-'));
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await server?.stop();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const env = (): Record<string, string> => ({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    SERVE_CLIENT: 'false',
    SEED_SAMPLE_DATA: 'true',
    ADMIN_USERNAME: TEST_ADMIN.username,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    LOGIN_RATE_LIMIT: '1000',
    API_RATE_LIMIT: '100000',
    ...(database ? { DATABASE_URL: database.url, DB_POOL_SIZE: '4' } : { DATA_DIR: dataDir ?? '' }),
  });

  /** A query on the game's database; with the embedded one only while no server runs. */
  async function query<T>(sql: string, params: unknown[]): Promise<T[]> {
    let embedded: EmbeddedPostgres | null = null;
    let url = database?.url;
    if (url === undefined) {
      embedded = await EmbeddedPostgres.start({ dataDir: dataDir ?? '' });
      url = embedded.url;
    }
    try {
      return await queryDatabase<T>(url, sql, params);
    } finally {
      await embedded?.stop();
    }
  }

  async function connect(baseUrl: string, cookie?: string): Promise<LiveSocket> {
    const socket = await connectLive(baseUrl, cookie);
    sockets.push(socket);
    return socket;
  }

  const call = callLive;
  const ok = okLive;

  it('resumes the game on a new process: same scores, same deadline, no acknowledged answer lost', async () => {
    server = await startServerProcess(env());
    const admin = await signedInAgent(server.baseUrl);
    const bankId = (await admin.get('/api/banks')).body.items[0].id as string;
    const picked = (
      (await admin.get(`/api/banks/${bankId}/questions`).query({ pageSize: 200 })).body
        .items as BankQuestion[]
    )
      .filter((q) => q.type === 'single' && q.status === 'published')
      .slice(0, 2);
    const created = await admin.post('/api/live/games').send({
      bankId,
      questionIds: picked.map((q) => q.id),
      format: 'classic',
      points: POINTS,
      timeLimitMs: LIMIT_MS,
      settings: { readTimeMs: 0, graceMs: GRACE_MS },
    });
    expect(created.status).toBe(201);
    const game = created.body as { id: string; code: string };
    const login = await admin.post('/api/auth/login').send(TEST_ADMIN);
    const cookie = (login.headers['set-cookie'] as unknown as string[])[0].split(';')[0];

    let host = await connect(server.baseUrl, cookie);
    await ok(host, 'live:host', { gameId: game.id });
    const command = async (cmd: HostCommand): Promise<HostView> =>
      (await ok(host, 'live:host', { gameId: game.id, command: cmd })).view;
    let players = await Promise.all(
      Array.from({ length: PLAYERS }, () => connect(server!.baseUrl)),
    );
    const joined: LiveJoinReply[] = await Promise.all(
      players.map((p, i) => ok(p, 'live:join', { code: game.code, name: `Người chơi ${i}` })),
    );
    const ids = joined.map((j) => j.playerId);
    const expected = ids.map(() => 0);

    // Question 1, played fully: everyone answers (the room locks itself), even players right.
    await command({ type: 'start' });
    const q1 = await command({ type: 'next' });
    expect(q1.phase).toBe('answering');
    const d1 = q1.timer.endsAt ?? 0;
    const i1 = q1.question?.index ?? -1;
    const wrong1 = (picked[0].correct[0] + 1) % picked[0].options.length;
    const acks1 = await Promise.all(
      players.map((p, i) =>
        ok(p, 'live:answer', {
          questionIndex: i1,
          choices: [i % 2 === 0 ? picked[0].correct[0] : wrong1],
        }),
      ),
    );
    acks1.forEach((a, i) => {
      if (i % 2 === 0) expected[i] += speedPoints(d1, a.receivedAt);
    });
    const revealed1 = await command({ type: 'reveal' });
    const scores1 = new Map(revealed1.players.map((p) => [p.id, p.score]));
    ids.forEach((id, i) => {
      expect(scores1.get(id)).toBe(expected[i]);
    });
    await command({ type: 'next' }); // leaderboard
    await command({ type: 'next' }); // question 2, intro
    const q2 = await command({ type: 'next' });
    expect(q2.phase).toBe('answering');
    const deadline = q2.timer.endsAt ?? 0;
    const index = q2.question?.index ?? -1;
    const correct2 = picked[1].correct[0];
    const wrong2 = (correct2 + 1) % picked[1].options.length;
    const choiceOf = (i: number) => (i === 8 ? wrong2 : correct2);

    // Half answer (acknowledged); two more answers are on the wire when the process dies.
    const acked = new Map<number, LiveAnswerReply>();
    for (const i of [0, 1, 2, 3, 4]) {
      acked.set(
        i,
        await ok(players[i], 'live:answer', { questionIndex: index, choices: [choiceOf(i)] }),
      );
    }
    const inFlight = [5, 6].map((i) =>
      call(players[i], 'live:answer', { questionIndex: index, choices: [choiceOf(i)] }, 5_000)
        .then((reply) => ({ i, reply }))
        .catch(() => ({ i, reply: null })),
    );
    const killedAt = Date.now();
    const pid = server.child.pid ?? 0;
    const exited = new Promise((resolve) => server?.child.once('exit', resolve));
    process.kill(pid, 'SIGKILL');
    await exited;
    const wire: string[] = [];
    for (const { i, reply } of await Promise.all(inFlight)) {
      if (reply?.ok) acked.set(i, reply.data);
      wire.push(`p${i}: ${reply === null ? 'no ack' : reply.ok ? 'acked' : reply.error.code}`);
    }
    sockets.forEach((s) => s.disconnect());

    // A new process on the same database.
    server = await startServerProcess(env());
    const restartMs = Date.now() - killedAt;
    expect(Date.now()).toBeLessThan(deadline - 3_000); // else raise LIMIT_MS: the test needs time left

    // Players reconnect with their tokens: same player, same score, the stored deadline.
    players = await Promise.all(ids.map(() => connect(server!.baseUrl)));
    const rejoined = await Promise.all(
      players.map(async (p, i) => {
        const reply = await ok(p, 'live:join', {
          code: game.code,
          name: 'x',
          reconnectToken: joined[i].reconnectToken,
        });
        return { reply, at: Date.now() };
      }),
    );
    let storedDeadline = deadline;
    if (database) {
      const rows = await query<{ deadline: string }>(
        `SELECT state->'run'->>'deadlineAt' AS deadline FROM live_games WHERE id = $1`,
        [game.id],
      );
      storedDeadline = Number(rows[0].deadline);
      expect(storedDeadline).toBe(deadline);
    }
    rejoined.forEach(({ reply, at }, i) => {
      expect(reply.playerId).toBe(ids[i]);
      expect(reply.view.phase).toBe('answering');
      expect(reply.view.me.score).toBe(expected[i]);
      expect(reply.view.timer.endsAt).toBe(storedDeadline);
      const shown = (reply.view.timer.endsAt ?? 0) - reply.serverNow;
      expect(Math.abs(shown - (storedDeadline - at))).toBeLessThanOrEqual(CLOCK_TOLERANCE_MS);
      if (acked.has(i)) expect(reply.view.myAnswer).toEqual([choiceOf(i)]);
      if (i >= 7) expect(reply.view.myAnswer).toBeNull();
    });

    host = await connect(server.baseUrl, cookie);
    const resumed = (await ok(host, 'live:host', { gameId: game.id })).view;
    expect(resumed.phase).toBe('answering');
    for (const row of resumed.players) expect(row.score).toBe(expected[ids.indexOf(row.id)]);
    for (const i of acked.keys())
      expect(resumed.players.find((p) => p.id === ids[i])?.answered).toBe(true);

    // The others answer before the deadline (an in-flight answer that was committed without
    // its ack reaching the player is refused as already given); player 9 stays silent.
    const late = new Map<number, number>();
    for (const i of [5, 6, 7, 8]) {
      if (acked.has(i)) continue;
      const reply = await call(players[i], 'live:answer', {
        questionIndex: index,
        choices: [choiceOf(i)],
      });
      if (reply.ok) acked.set(i, reply.data);
      else {
        expect([5, 6]).toContain(i);
        expect(reply).toMatchObject({ ok: false, error: { code: 'LIVE_ALREADY_ANSWERED' } });
        late.set(i, choiceOf(i));
        wire.push(`p${i}: committed without its ack`);
      }
    }
    expect(acked.has(7) && acked.has(8)).toBe(true);
    const stillOpen = (await ok(host, 'live:host', { gameId: game.id })).view;
    expect(stillOpen.phase).toBe('answering');
    expect(stillOpen.answers).toEqual({ answered: 9, eligible: PLAYERS });

    // The new process took the lease and re-armed the timer: the question locks by itself.
    const locked = await viewWhere(
      host,
      (v) => v.phase === 'locked',
      Math.max(deadline + GRACE_MS - Date.now(), 0) + 5_000,
    );
    expect(locked.phase).toBe('locked');
    expect(Date.now()).toBeGreaterThanOrEqual(deadline + GRACE_MS - 50);
    expect(Date.now()).toBeLessThanOrEqual(deadline + GRACE_MS + 2_000);
    const tooLate = await call(players[9], 'live:answer', { questionIndex: index, choices: [0] });
    expect(tooLate).toMatchObject({ ok: false, error: { code: 'LIVE_TOO_LATE' } });

    // The reveal scores every answer, those before and after the crash alike.
    const revealed2 = await command({ type: 'reveal' });
    for (const [i, ack] of acked) {
      if (choiceOf(i) === correct2) expected[i] += speedPoints(deadline, ack.receivedAt);
    }
    for (const row of revealed2.players) {
      const i = ids.indexOf(row.id);
      if (late.has(i)) {
        // Committed, but its arrival time never reached the player: a speed score of this question.
        expect(row.score - expected[i]).toBeGreaterThanOrEqual(POINTS / 2);
        expect(row.score - expected[i]).toBeLessThanOrEqual(POINTS);
      } else expect(row.score).toBe(expected[i]);
    }
    expect(revealed2.reveal?.rightCount).toBe(8);
    await command({ type: 'next' });
    expect((await command({ type: 'next' })).phase).toBe('finished');

    // Every acknowledged answer of question 2 is in live_answers, with its arrival time.
    sockets.forEach((s) => s.disconnect());
    expect(await server.stop('SIGTERM')).toBe(0);
    server = null;
    const stored = await query<{ player_id: string; choices: number[]; ms: string }>(
      `SELECT player_id, choices, (extract(epoch FROM received_at) * 1000)::bigint::text AS ms
         FROM live_answers WHERE game_id = $1 AND question_index = $2`,
      [game.id, index],
    );
    const byPlayer = new Map(stored.map((r) => [r.player_id, r]));
    for (const [i, ack] of acked) {
      const row = byPlayer.get(ids[i]);
      expect(row?.choices).toEqual([choiceOf(i)]);
      expect(Math.abs(Number(row?.ms) - ack.receivedAt)).toBeLessThanOrEqual(1);
    }
    expect(stored).toHaveLength(9);
    const stateRows = await query<{ deadline: string }>(
      `SELECT state->'run'->>'deadlineAt' AS deadline FROM live_games WHERE id = $1`,
      [game.id],
    );
    expect(Number(stateRows[0].deadline)).toBe(deadline);
    process.stdout.write(
      `live-kill (${database ? 'postgresql' : 'embedded'}): restart took ${restartMs} ms; ` +
        `${acked.size} acknowledged answers kept; on the wire at the kill: ${wire.join(', ')}\n`,
    );
  }, 120_000);
});
