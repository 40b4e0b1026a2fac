import { io } from 'socket.io-client';
import { DataSource } from 'typeorm';
import type { PlayerView } from '../../src/shared/live/events';
import {
  answerLeaks,
  callLive,
  connectLive,
  okLive,
  REVEALED_PHASES,
  type LiveSocket,
  viewWhere,
} from '../support/live-socket';
import { nextConnect } from '../support/socket-client';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { createTestDatabase } from '../support/test-database';
import {
  LIVE_TEST_ENV,
  sessionCookie,
  signedInAgent,
  startTestApp,
  TEST_ADMIN,
  TestApp,
} from '../support/test-app';

interface BankQuestion {
  id: string;
  type: string;
  correct: number[];
  options: string[];
  status: string;
}

const PLAYERS = 30;
const TIME_LIMIT_MS = 3_000;
const GRACE_MS = 500;
const POINTS = 1000;

describe('live final over socket.io (/live)', () => {
  let t: TestApp;
  let cookie: string;
  let bankQuestions: BankQuestion[];
  let bankId: string;
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp(LIVE_TEST_ENV);
    const admin = await signedInAgent(t.baseUrl);
    bankId = (await admin.get('/api/banks')).body.items[0].id as string;
    bankQuestions = (
      (await admin.get(`/api/banks/${bankId}/questions`).query({ pageSize: 200 })).body
        .items as BankQuestion[]
    ).filter((q) => q.type === 'single' && q.status === 'published');
    cookie = await sessionCookie(t.baseUrl);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await t?.close();
  });

  async function connect(withCookie = false): Promise<LiveSocket> {
    const socket = await connectLive(t.baseUrl, withCookie ? cookie : undefined);
    sockets.push(socket);
    return socket;
  }

  const call = callLive;
  const ok = okLive;

  /** Resolves with the first view on `socket` that satisfies `test`. */
  async function createGame(body: Record<string, unknown>) {
    const admin = await signedInAgent(t.baseUrl);
    const res = await admin.post('/api/live/games').send(body);
    expect(res.status).toBe(201);
    return res.body as { id: string; code: string; stageToken: string };
  }

  it('plays a 3-question classic game with 30 players: speed scores, no early answer, reconnect, deadline', async () => {
    const picked = bankQuestions.slice(0, 3);
    expect(picked).toHaveLength(3);
    const game = await createGame({
      bankId,
      questionIds: picked.map((q) => q.id),
      format: 'classic',
      points: POINTS,
      timeLimitMs: TIME_LIMIT_MS,
      settings: { readTimeMs: 0, graceMs: GRACE_MS, maxPlayers: 40, unknownKey: 1 },
    });
    expect(game.code).toMatch(/^[0-9]{6}$/);

    // Everything players and the stage receive, to check that no answer leaks before a reveal.
    const received: { who: string; payload: unknown }[] = [];
    const host = await connect(true);
    const stage = await connect();
    stage.onAny((event: string, payload: unknown) =>
      received.push({ who: `stage ${event}`, payload }),
    );
    expect(
      (await ok(stage, 'live:stage', { gameId: game.id, stageToken: game.stageToken })).view,
    ).toMatchObject({ audience: 'stage', phase: 'lobby' });
    const badStage = await call(stage, 'live:stage', {
      gameId: game.id,
      stageToken: 'x'.repeat(32),
    });
    expect(badStage).toMatchObject({ ok: false, error: { code: 'LIVE_BAD_STAGE_TOKEN' } });
    await ok(host, 'live:host', { gameId: game.id });

    const anonymousHost = await call(await connect(), 'live:host', {
      gameId: game.id,
      command: { type: 'start' },
    });
    expect(anonymousHost).toMatchObject({ ok: false, error: { code: 'LIVE_NOT_HOST' } });

    const players = await Promise.all(Array.from({ length: PLAYERS }, () => connect()));
    players.forEach((p, i) => {
      p.onAny((event: string, payload: unknown) =>
        received.push({ who: `p${i} ${event}`, payload }),
      );
    });
    const joined = await Promise.all(
      players.map((p, i) =>
        ok(p, 'live:join', { code: game.code, name: `  Người chơi <b>${i + 1}</b>  ` }),
      ),
    );
    joined.forEach((j) => received.push({ who: 'join ack', payload: j }));
    expect(joined[0].view.me.name).toBe('Người chơi <b>1</b>');
    expect(new Set(joined.map((j) => j.reconnectToken)).size).toBe(PLAYERS);

    const badName = await call(await connect(), 'live:join', { code: game.code, name: '   ' });
    expect(badName).toMatchObject({ ok: false, error: { code: 'LIVE_INVALID_NAME' } });
    const garbage = await call(players[0], 'live:answer', {
      questionIndex: -1,
      choices: 'A',
    } as unknown as { questionIndex: number; choices: number[] });
    expect(garbage).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

    const expected = new Map<string, number>();
    const scoreOf = (id: string) => expected.get(id) ?? 0;

    async function playQuestion(index: number, who: number[], correctFor: (i: number) => boolean) {
      const question = picked[index];
      const opened = viewWhere(players[0], (v) => v.phase === 'answering');
      const hostView = (await ok(host, 'live:host', { gameId: game.id, command: { type: 'next' } }))
        .view;
      expect(hostView.phase).toBe('answering');
      const room = await opened;
      expect(room.audience).toBe('room');
      const deadline = room.timer.endsAt ?? 0;
      const acks = await Promise.all(
        who.map(async (i, k) => {
          await new Promise((r) => setTimeout(r, k * 20));
          const wrong = (question.correct[0] + 1) % question.options.length;
          const choice = correctFor(i) ? question.correct[0] : wrong;
          return ok(players[i], 'live:answer', {
            questionIndex: room.question?.index ?? -1,
            choices: [choice],
          });
        }),
      );
      acks.forEach((a) => received.push({ who: 'answer ack', payload: a }));
      who.forEach((i, k) => {
        if (!correctFor(i)) return;
        const ack = acks[k];
        const responseMs = Math.min(
          Math.max(TIME_LIMIT_MS - (deadline - ack.receivedAt), 0),
          TIME_LIMIT_MS,
        );
        const points = Math.round(POINTS * (1 - responseMs / TIME_LIMIT_MS / 2));
        expect(points).toBeGreaterThanOrEqual(POINTS / 2);
        expect(points).toBeLessThanOrEqual(POINTS);
        expected.set(joined[i].playerId, scoreOf(joined[i].playerId) + points);
      });
      return room;
    }

    async function revealAndCheck() {
      const personal = viewWhere(players[0], (v) => v.phase === 'revealed');
      const revealed = (
        await ok(host, 'live:host', { gameId: game.id, command: { type: 'reveal' } })
      ).view;
      expect(revealed.reveal?.correctChoices).toHaveLength(1);
      const mine = (await personal) as PlayerView;
      expect(mine.audience).toBe('player');
      expect(mine.me.score).toBe(scoreOf(joined[0].playerId));
      const hostScores = new Map(revealed.players.map((p) => [p.id, p.score]));
      for (const j of joined) expect(hostScores.get(j.playerId)).toBe(scoreOf(j.playerId));
    }

    // Question 1: everyone answers (the room locks itself), even players right.
    expect(
      (await ok(host, 'live:host', { gameId: game.id, command: { type: 'start' } })).view.phase,
    ).toBe('question_intro');
    const everyone = players.map((_, i) => i);
    const locked = viewWhere(host, (v) => v.phase === 'locked');
    await playQuestion(0, everyone, (i) => i % 2 === 0);
    await locked;
    await revealAndCheck();

    // A player drops and comes back with its token: same player, same score; one connection.
    const before = joined[2];
    players[2].disconnect();
    const back = await connect();
    const rejoined = await ok(back, 'live:join', {
      code: game.code,
      name: 'ignored',
      reconnectToken: before.reconnectToken,
    });
    expect(rejoined.playerId).toBe(before.playerId);
    expect(rejoined.view.me.score).toBe(scoreOf(before.playerId));
    expect(rejoined.view.me.score).toBeGreaterThan(0);
    const replaced = new Promise<unknown>((resolve) => back.once('live:closed', resolve));
    const third = await connect();
    await ok(third, 'live:join', {
      code: game.code,
      name: 'x',
      reconnectToken: before.reconnectToken,
    });
    expect(await replaced).toMatchObject({ reason: 'replaced' });
    players[2] = third;
    third.onAny((event: string, payload: unknown) =>
      received.push({ who: `p2' ${event}`, payload }),
    );

    // Question 2: same again, through leaderboard.
    await ok(host, 'live:host', { gameId: game.id, command: { type: 'next' } }); // leaderboard
    await ok(host, 'live:host', { gameId: game.id, command: { type: 'next' } }); // intro of Q2
    const locked2 = viewWhere(host, (v) => v.phase === 'locked');
    await playQuestion(1, everyone, (i) => i % 3 === 0);
    await locked2;
    await revealAndCheck();

    // Question 3: ten answer, the server's deadline locks it, a late answer is refused.
    await ok(host, 'live:host', { gameId: game.id, command: { type: 'next' } });
    await ok(host, 'live:host', { gameId: game.id, command: { type: 'next' } });
    const lockedByTimer = viewWhere(players[29], (v) => v.phase === 'locked');
    const room3 = await playQuestion(2, everyone.slice(0, 10), () => true);
    await lockedByTimer;
    expect(Date.now()).toBeGreaterThanOrEqual((room3.timer.endsAt ?? 0) + GRACE_MS - 50);
    const late = await call(players[29], 'live:answer', {
      questionIndex: room3.question?.index ?? 0,
      choices: [0],
    });
    expect(late).toMatchObject({ ok: false, error: { code: 'LIVE_TOO_LATE' } });
    await revealAndCheck();
    await ok(host, 'live:host', { gameId: game.id, command: { type: 'next' } });
    const finished = (await ok(host, 'live:host', { gameId: game.id, command: { type: 'next' } }))
      .view;
    expect(finished.phase).toBe('finished');
    expect(finished.podium?.length).toBeGreaterThan(0);

    // No payload a player or the stage got showed an answer before its reveal.
    const early = received.filter(({ payload }) => {
      const phase =
        (payload as { phase?: string; view?: { phase?: string } }).phase ??
        (payload as { view?: { phase?: string } }).view?.phase;
      return phase === undefined || !REVEALED_PHASES.has(phase);
    });
    expect(early.length).toBeGreaterThan(100);
    expect(
      early.flatMap(({ who, payload }) => answerLeaks(payload).map((l) => `${who} ${l}`)),
    ).toEqual([]);
    // …and the scanner does see answers once revealed.
    expect(received.some(({ payload }) => answerLeaks(payload).length > 0)).toBe(true);

    // The acknowledged answers are in the database.
    const stored = await t.app
      .get(DataSource)
      .query<{ n: number }[]>(`SELECT count(*)::int AS n FROM live_answers WHERE game_id = $1`, [
        game.id,
      ]);
    expect(stored[0].n).toBe(PLAYERS * 2 + 10);
  });

  it('keeps no socket.io recovery session on /live: a dropped phone comes back by joining again with its token', async () => {
    const game = await createGame({
      bankId,
      questionIds: bankQuestions.slice(0, 1).map((q) => q.id),
      format: 'classic',
      settings: { readTimeMs: 0 },
    });
    const host = await connect(true);
    await ok(host, 'live:host', { gameId: game.id });
    const phone: LiveSocket = io(`${t.baseUrl}/live`, {
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 50,
    });
    sockets.push(phone);
    await nextConnect(phone);
    const joined = await ok(phone, 'live:join', { code: game.code, name: 'Điện thoại rớt mạng' });
    // A room broadcast gives the client an offset to resume from, had the server kept one.
    const opened = viewWhere(phone, (v) => v.phase === 'question_intro');
    await ok(host, 'live:host', { gameId: game.id, command: { type: 'start' } });
    await opened;
    const again = nextConnect(phone);
    (phone.io.engine as unknown as { close(): void }).close();
    await again;
    expect(phone.recovered).toBe(false);
    expect(await call(phone, 'live:answer', { questionIndex: 0, choices: [0] })).toMatchObject({
      ok: false,
      error: { code: 'LIVE_NOT_JOINED' },
    });
    const back = await ok(phone, 'live:join', {
      code: game.code,
      name: 'x',
      reconnectToken: joined.reconnectToken,
    });
    expect(back.playerId).toBe(joined.playerId);
    expect(back.view.phase).toBe('question_intro');
  });
});

describe('live final across a server restart', () => {
  it('resumes a running game from the database: same scores, reconnect by token, timer re-armed', async () => {
    const database = await createTestDatabase();
    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      DB_POOL_SIZE: String(database.poolSize),
      LOG_LEVEL: 'error',
      SERVE_CLIENT: 'false',
      SEED_SAMPLE_DATA: 'true',
      ADMIN_USERNAME: TEST_ADMIN.username,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      LOGIN_RATE_LIMIT: '1000',
    };
    const start = async () => {
      const running = await createApp(loadConfig(env));
      await running.app.listen(0, '127.0.0.1');
      const { port } = running.app.getHttpServer().address() as { port: number };
      return { running, url: `http://127.0.0.1:${port}` };
    };
    const opened: LiveSocket[] = [];
    const connectTo = async (url: string, cookie?: string): Promise<LiveSocket> => {
      const socket = await connectLive(url, cookie);
      opened.push(socket);
      return socket;
    };
    const send = callLive;

    let first: Awaited<ReturnType<typeof start>> | null = await start();
    let second: Awaited<ReturnType<typeof start>> | null = null;
    try {
      const admin = await signedInAgent(first.url);
      const bankId = (await admin.get('/api/banks')).body.items[0].id as string;
      const question = (
        (await admin.get(`/api/banks/${bankId}/questions`).query({ pageSize: 200 })).body
          .items as BankQuestion[]
      ).find((q) => q.type === 'single' && q.status === 'published');
      const created = await admin.post('/api/live/games').send({
        bankId,
        questionIds: [question?.id],
        format: 'classic',
        timeLimitMs: 4_000,
        settings: { readTimeMs: 0, graceMs: 200 },
      });
      expect(created.status).toBe(201);
      const game = created.body as { id: string; code: string };
      const login = await admin.post('/api/auth/login').send(TEST_ADMIN);
      const cookie = (login.headers['set-cookie'] as unknown as string[])[0].split(';')[0];

      const host = await connectTo(first.url, cookie);
      const alice = await connectTo(first.url);
      const bob = await connectTo(first.url);
      const a = await send(alice, 'live:join', { code: game.code, name: 'Alice' });
      const b = await send(bob, 'live:join', { code: game.code, name: 'Bob' });
      if (!a.ok || !b.ok) throw new Error('join failed');
      await send(host, 'live:host', { gameId: game.id, command: { type: 'start' } });
      const answering = await send(host, 'live:host', {
        gameId: game.id,
        command: { type: 'next' },
      });
      if (!answering.ok) throw new Error('next failed');
      const index = answering.data.view.question?.index ?? 0;
      const deadline = answering.data.view.timer.endsAt ?? 0;
      const given = await send(alice, 'live:answer', {
        questionIndex: index,
        choices: [question?.correct[0] ?? 0],
      });
      expect(given.ok).toBe(true);

      // Orderly stop of the first process (its leases are released), a new one takes over.
      opened.forEach((s) => s.disconnect());
      await first.running.app.close();
      first = null;
      second = await start();

      const alice2 = await connectTo(second.url);
      const back = await send(alice2, 'live:join', {
        code: game.code,
        name: 'x',
        reconnectToken: a.data.reconnectToken,
      });
      if (!back.ok) throw new Error(JSON.stringify(back.error));
      expect(back.data.playerId).toBe(a.data.playerId);
      expect(back.data.view.phase).toBe('answering');
      expect(back.data.view.myAnswer).toEqual([question?.correct[0]]);
      expect(back.data.view.timer.endsAt).toBe(deadline);

      // The new process re-armed the deadline: the question locks by itself.
      const bob2 = await connectTo(second.url);
      const bobBack = await send(bob2, 'live:join', {
        code: game.code,
        name: 'x',
        reconnectToken: b.data.reconnectToken,
      });
      expect(bobBack.ok).toBe(true);
      await new Promise((r) => setTimeout(r, Math.max(deadline + 200 - Date.now(), 0) + 1_500));
      const late = await send(bob2, 'live:answer', { questionIndex: index, choices: [0] });
      expect(late).toMatchObject({ ok: false, error: { code: 'LIVE_TOO_LATE' } });
      const host2 = await connectTo(second.url, cookie);
      const shown = await send(host2, 'live:host', { gameId: game.id });
      if (!shown.ok) throw new Error('host view failed');
      expect(shown.data.view.phase).toBe('locked');
      const revealed = await send(host2, 'live:host', {
        gameId: game.id,
        command: { type: 'reveal' },
      });
      if (!revealed.ok) throw new Error('reveal failed');
      const aliceRow = revealed.data.view.players.find((p) => p.id === a.data.playerId);
      expect(aliceRow?.score).toBeGreaterThanOrEqual(500);
    } finally {
      opened.forEach((s) => s.disconnect());
      await second?.running.app.close();
      await first?.running.app.close();
      await database.drop();
    }
  });
});
