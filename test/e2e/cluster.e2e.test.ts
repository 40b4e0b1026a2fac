import { Client } from 'pg';
import request from 'supertest';
import { io } from 'socket.io-client';
import type {
  HostCommand,
  HostView,
  LiveAnswerReply,
  LiveJoinReply,
  LiveView,
} from '../../src/shared/live/events';
import type { LeaderboardView } from '../../src/shared/rounds';
import { callLive, connectLive, okLive, type LiveSocket, viewWhere } from '../support/live-socket';
import { hasRedisServer, RedisProcess, startRedisProcess } from '../support/redis-process';
import { ServerProcess, startServerProcess } from '../support/server-process';
import { call, connectSocket, nextConnect } from '../support/socket-client';
import { signedInAgent, TEST_ADMIN } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Two app processes (`node dist/main.js`) on one PostgreSQL database and one Redis, as behind a
 * load balancer: rooms span both (Redis Streams adapter), a command reaching the instance that
 * does not drive a game is forwarded to the one that does, a dropped player joins again on the
 * other instance with its reconnect token, Redis may go away for 5 s, and the instance driving a
 * game may die.
 * Needs a real PostgreSQL (TEST_DATABASE_URL) and Debian's redis-server; the test starts its own
 * Redis on a free port so it can kill it.
 */

const enabled = Boolean(process.env.TEST_DATABASE_URL) && hasRedisServer();
if (!enabled)
  process.stdout.write(
    'cluster.e2e: skipped (needs TEST_DATABASE_URL and the redis-server binary)\n',
  );
const describeCluster = enabled ? describe : describe.skip;

interface BankQuestion {
  id: string;
  type: string;
  correct: number[];
  options: string[];
  status: string;
}

const POINTS = 1000;

describeCluster('two instances on Redis and PostgreSQL', () => {
  let database: TestDatabase;
  let redis: RedisProcess;
  let a: ServerProcess | null = null;
  let b: ServerProcess | null = null;
  let cookie = '';
  let bankId = '';
  let picked: BankQuestion[] = [];
  const sockets: LiveSocket[] = [];

  const env = (): Record<string, string> => ({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    SERVE_CLIENT: 'false',
    SEED_SAMPLE_DATA: 'true',
    ADMIN_USERNAME: TEST_ADMIN.username,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    LOGIN_RATE_LIMIT: '1000',
    API_RATE_LIMIT: '100000',
    DATABASE_URL: database.url,
    DB_POOL_SIZE: '4',
    REDIS_URL: redis.url,
  });

  async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async function connect(server: ServerProcess | null, withCookie = false): Promise<LiveSocket> {
    if (server === null) throw new Error('server is not running');
    const socket = await connectLive(server.baseUrl, withCookie ? cookie : undefined);
    sockets.push(socket);
    return socket;
  }

  /** Every live:view a socket receives, in order. */
  function record(socket: LiveSocket): LiveView[] {
    const seen: LiveView[] = [];
    socket.on('live:view', (view) => seen.push(view));
    return seen;
  }

  async function createGame(on: ServerProcess | null, timeLimitMs: number) {
    if (on === null) throw new Error('server is not running');
    const admin = await signedInAgent(on.baseUrl);
    const created = await admin.post('/api/live/games').send({
      bankId,
      questionIds: picked.map((q) => q.id),
      format: 'classic',
      points: POINTS,
      timeLimitMs,
      settings: { readTimeMs: 0, graceMs: 300 },
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; code: string };
  }

  async function leaseOwner(gameId: string): Promise<string | null> {
    const rows = await query<{ lease_owner: string | null }>(
      'SELECT lease_owner FROM live_games WHERE id = $1',
      [gameId],
    );
    return rows.at(0)?.lease_owner ?? null;
  }

  beforeAll(async () => {
    redis = await startRedisProcess();
    database = await createTestDatabase();
    // Both start at once on an empty database: migrations and sample data must not race.
    [a, b] = await Promise.all([startServerProcess(env()), startServerProcess(env())]);
    const admin = await signedInAgent(a.baseUrl);
    bankId = (await admin.get('/api/banks')).body.items[0].id as string;
    picked = (
      (await admin.get(`/api/banks/${bankId}/questions`).query({ pageSize: 200 })).body
        .items as BankQuestion[]
    )
      .filter((q) => q.type === 'single' && q.status === 'published')
      .slice(0, 3);
    const login = await admin.post('/api/auth/login').send(TEST_ADMIN);
    cookie = (login.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
  }, 180_000);

  afterEach(async () => {
    await redis.start().catch(() => undefined); // a test that failed while Redis was down
  });

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await Promise.all([a?.stop(), b?.stop()]);
    await redis.stop();
    await database.drop();
  });

  it('starts two instances at once on an empty database: the sample data is loaded once', async () => {
    const banks = await query<{ n: string }>('SELECT count(*)::text AS n FROM question_banks');
    const contests = await query<{ n: string }>('SELECT count(*)::text AS n FROM contests');
    expect(banks[0].n).toBe('1');
    expect(contests[0].n).toBe('1');
    expect(a?.output()).toContain('socket.io rooms shared through Redis Streams');
    expect(b?.output()).toContain('socket.io rooms shared through Redis Streams');
  });

  it('pushes a round leaderboard watched on one instance when a submission is graded on the other', async () => {
    const admin = await signedInAgent(a?.baseUrl ?? '');
    const contestId = (await admin.get('/api/contests')).body.items[0].id as string;
    const roundId = (await admin.get(`/api/contests/${contestId}/rounds`)).body.items[0]
      .id as string;
    const watcher = await connectSocket(b?.baseUrl ?? '');
    const updates: LeaderboardView[] = [];
    watcher.on('leaderboard:update', (view) => updates.push(view));
    const watched = await call(watcher, 'leaderboard:watch', { roundId });
    expect(watched).toMatchObject({ ok: true, data: { total: 0 } });

    const api = request(a?.baseUrl ?? '');
    const joined = await api.post(`/api/contests/${contestId}/participants`).send({
      fullName: 'Nguyễn Thị Cụm',
      birthYear: 1990,
      gender: 'female',
      phone: '0981234567',
      participantGroup: 'citizen',
      password: 'mat-khau-du-thi',
      consent: true,
    });
    expect(joined.status).toBe(201);
    const token = joined.body.token as string;
    const started = await api
      .post(`/api/rounds/${roundId}/attempts`)
      .set('x-participant-token', token);
    expect(started.status).toBe(201);
    const submitted = await api
      .post(`/api/attempts/${started.body.id as string}/submit`)
      .set('x-participant-token', token)
      .send({ prediction: 1 });
    expect(submitted.status).toBe(200);

    // Graded on A, announced to B, pushed by B to its watcher: once, within ~2 s.
    const deadline = Date.now() + 5_000;
    while (updates.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1_500)); // a second push would come within this
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ roundId, total: 1 });
    expect(updates[0].rows[0].fullName).toBe('Nguyễn Thị Cụm');
    watcher.disconnect();
  });

  it('reaches the clients of the other instance from either one, forwards commands to the instance driving the game, takes a dropped player back on the other instance by its reconnect token, and survives Redis down for 5 s', async () => {
    // One game driven by each instance.
    for (const [owner, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const game = await createGame(owner, 60_000);
      const host = await connect(other, true); // the host's socket is on the other instance
      await okLive(host, 'live:host', { gameId: game.id });
      const near = await connect(owner);
      const far = await connect(other);
      const joined = await Promise.all(
        [near, far].map((p, i) => okLive(p, 'live:join', { code: game.code, name: `P${i}` })),
      );
      expect(joined.map((j) => j.view.phase)).toEqual(['lobby', 'lobby']);
      const opened = [near, far].map((p) => viewWhere(p, (v) => v.phase === 'answering'));
      await okLive(host, 'live:host', { gameId: game.id, command: { type: 'start' } });
      const view = (await okLive(host, 'live:host', { gameId: game.id, command: { type: 'next' } }))
        .view;
      expect(view.phase).toBe('answering');
      const seen = await Promise.all(opened);
      expect(seen.map((v) => v.question?.index)).toEqual([0, 0]);
      // The far player's answer is forwarded to the owner and acknowledged once stored.
      const reply = await okLive(far, 'live:answer', { questionIndex: 0, choices: [0] });
      expect(reply.choices).toEqual([0]);
      const stored = await query<{ n: string }>(
        'SELECT count(*)::text AS n FROM live_answers WHERE game_id = $1',
        [game.id],
      );
      expect(stored[0].n).toBe('1');
    }

    // A game driven by A, players on both instances.
    const game = await createGame(a, 60_000);
    const ownerA = await leaseOwner(game.id);
    expect(ownerA).not.toBeNull();
    let host = await connect(a, true);
    const command = async (cmd: HostCommand): Promise<HostView> =>
      (await okLive(host, 'live:host', { gameId: game.id, command: cmd })).view;
    await okLive(host, 'live:host', { gameId: game.id });
    const onA = [await connect(a), await connect(a)];
    const onB = [await connect(b), await connect(b)];
    const players = [...onA, ...onB];
    const joined: LiveJoinReply[] = [];
    for (const [i, p] of players.entries())
      joined.push(await okLive(p, 'live:join', { code: game.code, name: `Người chơi ${i}` }));
    const viewsOnB = onB.map(record);
    await command({ type: 'start' });
    const q1 = await command({ type: 'next' });
    expect(q1.phase).toBe('answering');
    const correct = picked[0].correct[0];
    const acks: LiveAnswerReply[] = [];
    for (const p of onB)
      acks.push(await okLive(p, 'live:answer', { questionIndex: 0, choices: [correct] }));

    // Player 0 (on A) loses its connection and comes back on B. `/live` keeps no socket.io
    // recovery sessions (src/realtime/io.adapter.ts): the new connection is a new one, and the
    // phone joins again with its reconnect token, as the client does on every connect.
    const dropped = onA[0] as unknown as {
      _pid?: string;
      _lastOffset?: string;
      io: { engine: { close(): void } };
    };
    const pid = dropped._pid;
    const offset = dropped._lastOffset;
    dropped.io.engine.close();
    await new Promise((r) => setTimeout(r, 500));
    const back: LiveSocket = io(`${b?.baseUrl ?? ''}/live`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      autoConnect: false,
    });
    // What socket.io-client would send to resume a session: not honoured on `/live`.
    Object.assign(back, { _pid: pid, _lastOffset: offset });
    sockets.push(back);
    const connected = nextConnect(back);
    back.connect();
    await connected;
    expect(back.recovered).toBe(false);
    const viewsRecovered = record(back);
    await expect(
      callLive(back, 'live:answer', { questionIndex: 0, choices: [correct] }),
    ).resolves.toMatchObject({ ok: false });
    const rejoined = await okLive(back, 'live:join', {
      code: game.code,
      name: 'x',
      reconnectToken: joined[0].reconnectToken,
    });
    expect(rejoined.playerId).toBe(joined[0].playerId);
    expect(rejoined.view.phase).toBe('answering');
    acks.push(await okLive(back, 'live:answer', { questionIndex: 0, choices: [correct] }));
    onA[0] = back;

    // Redis goes away for 5 s while the host (on A) moves the game on: B's players get every
    // view, in order, once Redis is back; the HTTP API keeps answering meanwhile.
    await redis.kill();
    const killedAt = Date.now();
    acks.push(await okLive(onA[1], 'live:answer', { questionIndex: 0, choices: [correct] }));
    const revealed = await command({ type: 'reveal' });
    expect(revealed.reveal?.rightCount).toBe(4);
    await command({ type: 'next' }); // leaderboard
    await command({ type: 'next' }); // question 2, intro
    const q2 = await command({ type: 'next' });
    expect(q2.question?.index).toBe(1);
    expect(q2.phase).toBe('answering');
    const health = await fetch(`${b?.baseUrl ?? ''}/api/health`);
    expect(health.status).toBe(200);
    await new Promise((r) => setTimeout(r, Math.max(0, 5_000 - (Date.now() - killedAt))));
    await redis.start();
    await Promise.all(
      [...onB, onA[0]].map((p) =>
        viewWhere(p, (v) => v.phase === 'answering' && v.question?.index === 1, 20_000).catch(
          () => null,
        ),
      ),
    );
    for (const seen of [...viewsOnB, viewsRecovered]) {
      const after = seen
        .map((v) => `${v.phase}:${String(v.question?.index ?? '-')}`)
        .filter((s, i, all) => i === 0 || all[i - 1] !== s);
      expect(after.slice(-4)).toEqual([
        'revealed:0',
        'leaderboard:0',
        'question_intro:1',
        'answering:1',
      ]);
    }
    // The game goes on through both instances.
    for (const p of [...onB, ...onA])
      await okLive(p, 'live:answer', { questionIndex: 1, choices: [picked[1].correct[0]] });
    const q2Counts = (await okLive(host, 'live:host', { gameId: game.id })).view.answers;
    expect(q2Counts).toEqual({ answered: 4, eligible: 4 });
    const stored = await query<{ n: string }>(
      'SELECT count(*)::text AS n FROM live_answers WHERE game_id = $1',
      [game.id],
    );
    expect(stored[0].n).toBe('8');
    host.disconnect();
    host = await connect(b, true);
    expect((await okLive(host, 'live:host', { gameId: game.id })).view.phase).toMatch(
      /answering|locked/,
    );
    expect(acks).toHaveLength(4);
  }, 120_000);

  it('goes on in the other instance within 5 s when the one driving the game is killed: contiguous questions, no double transition, no acknowledged answer lost', async () => {
    const limitMs = 4_000;
    const game = await createGame(a, limitMs);
    const ownerA = await leaseOwner(game.id);
    let host = await connect(a, true);
    await okLive(host, 'live:host', { gameId: game.id });
    const onA = [await connect(a), await connect(a)];
    const onB = [await connect(b), await connect(b)];
    const joined: LiveJoinReply[] = [];
    for (const [i, p] of [...onA, ...onB].entries())
      joined.push(await okLive(p, 'live:join', { code: game.code, name: `Người chơi ${i}` }));
    const watched = record(onB[0]);
    await okLive(host, 'live:host', { gameId: game.id, command: { type: 'start' } });
    const q1 = (await okLive(host, 'live:host', { gameId: game.id, command: { type: 'next' } }))
      .view;
    expect(q1.phase).toBe('answering');
    const correct = picked[0].correct[0];
    const acked = new Map<string, number>();
    for (const [i, p] of [onA[0], onB[0], onB[1]].entries()) {
      const reply = await okLive(p, 'live:answer', { questionIndex: 0, choices: [correct] });
      acked.set(joined[[0, 2, 3][i] ?? 0].playerId, reply.receivedAt);
    }

    // A dies with the question open; its deadline passes while nobody drives the game.
    const pid = a?.child.pid ?? 0;
    const exited = new Promise((resolve) => a?.child.once('exit', resolve));
    process.kill(pid, 'SIGKILL');
    const killedAt = Date.now();
    await exited;
    a = null;
    let takenAt = 0;
    while (Date.now() - killedAt < 10_000) {
      const owner = await leaseOwner(game.id);
      if (owner !== null && owner !== ownerA) {
        takenAt = Date.now();
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const handOverMs = takenAt - killedAt;
    expect(takenAt).toBeGreaterThan(0);
    expect(handOverMs).toBeLessThanOrEqual(5_000);
    const locked = await viewWhere(onB[0], (v) => v.phase === 'locked', 5_000).catch(() =>
      watched.find((v) => v.phase === 'locked'),
    );
    expect(locked?.question?.index).toBe(0);

    // A's players come back on B with their reconnect tokens; the host too.
    const back = await Promise.all(
      [0, 1].map(async (i) => {
        const p = await connect(b);
        return okLive(p, 'live:join', {
          code: game.code,
          name: 'x',
          reconnectToken: joined[i].reconnectToken,
        });
      }),
    );
    expect(back.map((r) => r.playerId)).toEqual([joined[0].playerId, joined[1].playerId]);
    expect(back[0].view.myAnswer).toEqual([correct]);
    host = await connect(b, true);
    const revealed = (
      await okLive(host, 'live:host', { gameId: game.id, command: { type: 'reveal' } })
    ).view;
    expect(revealed.reveal?.rightCount).toBe(3);
    await okLive(host, 'live:host', { gameId: game.id, command: { type: 'next' } }); // leaderboard
    await okLive(host, 'live:host', { gameId: game.id, command: { type: 'next' } }); // intro
    const q2 = (await okLive(host, 'live:host', { gameId: game.id, command: { type: 'next' } }))
      .view;
    expect(q2.question?.index).toBe(1);
    await viewWhere(onB[0], (v) => v.phase === 'answering' && v.question?.index === 1);

    // What B's player saw: each step once, questions in order.
    const steps = watched
      .map((v) => `${v.phase}:${String(v.question?.index ?? '-')}`)
      .filter((s, i, all) => i === 0 || all[i - 1] !== s);
    expect(steps.filter((s) => s !== 'lobby:-')).toEqual([
      'question_intro:0',
      'answering:0',
      'locked:0',
      'revealed:0',
      'leaderboard:0',
      'question_intro:1',
      'answering:1',
    ]);
    const stored = await query<{ player_id: string; ms: string }>(
      `SELECT player_id, (extract(epoch FROM received_at) * 1000)::bigint::text AS ms
         FROM live_answers WHERE game_id = $1 AND question_index = 0`,
      [game.id],
    );
    expect(stored).toHaveLength(acked.size);
    for (const row of stored) expect(Number(row.ms)).toBe(acked.get(row.player_id));
    process.stdout.write(`cluster.e2e: lease handed over ${handOverMs} ms after SIGKILL\n`);
    // An answer to the closed question, sent to B: refused with a reason, nothing changes.
    const late = await callLive(onB[1], 'live:answer', { questionIndex: 0, choices: [0] });
    expect(late.ok).toBe(false);
  }, 120_000);
});
