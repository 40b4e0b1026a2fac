import { DataSource } from 'typeorm';
import { LivePlayersColumn1764280000000 } from '../../src/database/migrations/1764280000000-LivePlayersColumn';
import { LiveRepository } from '../../src/live/live.repository';
import { callLive, connectLive, okLive, type LiveSocket, viewWhere } from '../support/live-socket';
import {
  LIVE_TEST_ENV,
  sessionCookie,
  signedInAgent,
  startTestApp,
  TestApp,
} from '../support/test-app';

const PLAYERS = 12;

/**
 * Answers that queue up while a commit is in flight are applied and committed together. A
 * player who changes an answer at once has both in one batch: the batch must store the last
 * one and acknowledge both, not fail for everyone in it.
 */
describe('live final: answers committed in batches', () => {
  let t: TestApp;
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp(LIVE_TEST_ENV);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await t?.close();
  });

  /** A classic game of `count` single-choice questions, and its host's socket. */
  async function newGame(count: number) {
    const admin = await signedInAgent(t.baseUrl);
    const bankId = (await admin.get('/api/banks')).body.items[0].id as string;
    const questions = (
      (await admin.get(`/api/banks/${bankId}/questions`).query({ pageSize: 200 })).body.items as {
        id: string;
        type: string;
        status: string;
        options: string[];
      }[]
    ).filter((q) => q.type === 'single' && q.status === 'published' && q.options.length >= 3);
    const created = await admin.post('/api/live/games').send({
      bankId,
      questionIds: questions.slice(0, count).map((q) => q.id),
      format: 'classic',
      timeLimitMs: 20_000,
      settings: { readTimeMs: 0, maxPlayers: 40, answerPolicy: 'change_until_lock' },
    });
    expect(created.status).toBe(201);
    const game = created.body as { id: string; code: string };
    const host = await connectLive(t.baseUrl, await sessionCookie(t.baseUrl));
    sockets.push(host);
    await okLive(host, 'live:host', { gameId: game.id });
    return { game, host };
  }

  /** `count` phones connected and joined to `game`; their sockets and join replies. */
  async function joinPlayers(game: { code: string }, count: number) {
    const players = await Promise.all(
      Array.from({ length: count }, async () => {
        const socket = await connectLive(t.baseUrl);
        sockets.push(socket);
        return socket;
      }),
    );
    const joined = await Promise.all(
      players.map((p, i) => okLive(p, 'live:join', { code: game.code, name: `Người chơi ${i}` })),
    );
    return { players, joined };
  }

  it('stores the last of two answers a player sends at once, and acknowledges both', async () => {
    const { game, host } = await newGame(1);
    const { players, joined } = await joinPlayers(game, PLAYERS);
    await okLive(host, 'live:host', { gameId: game.id, command: { type: 'start' } });
    const opened = viewWhere(players[0], (v) => v.phase === 'answering');
    await okLive(host, 'live:host', { gameId: game.id, command: { type: 'next' } });
    const index = (await opened).question?.index ?? -1;

    // Every player sends option 0 then option 1 without waiting: the first answer's commit is
    // in flight while the rest queue up, so changed answers share a batch.
    const acks = await Promise.all(
      players.flatMap((p) => [
        callLive(p, 'live:answer', { questionIndex: index, choices: [0] }),
        callLive(p, 'live:answer', { questionIndex: index, choices: [1] }),
      ]),
    );
    expect(acks.filter((a) => !a.ok)).toEqual([]);

    // The answer event is taken outside Nest's pipeline: malformed payloads still get the
    // usual VALIDATION_FAILED ack, a message without an ack breaks nothing, and a socket that
    // joined no game gets LIVE_NOT_JOINED.
    const raw = players[0] as unknown as {
      timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };
      emit(event: string, ...args: unknown[]): void;
    };
    for (const payload of [
      'A',
      null,
      [1, 2],
      { questionIndex: index, choices: [1], extra: true },
      { questionIndex: index, choices: [] },
      { questionIndex: -1, choices: [1] },
    ]) {
      expect(await raw.timeout(5000).emitWithAck('live:answer', payload)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', statusCode: 400 },
      });
    }
    raw.emit('live:answer', { questionIndex: index, choices: [2] });
    const stranger = await connectLive(t.baseUrl);
    sockets.push(stranger);
    expect(
      await callLive(stranger, 'live:answer', { questionIndex: index, choices: [0] }),
    ).toMatchObject({ ok: false, error: { code: 'LIVE_NOT_JOINED' } });
    // After the ack-less message the socket and the server go on as before.
    expect(
      await callLive(players[0], 'live:answer', { questionIndex: index, choices: [1] }),
    ).toMatchObject({ ok: true });

    const rows = await t.app
      .get(DataSource)
      .query<{ player_id: string; choices: number[] }[]>(
        `SELECT player_id, choices FROM live_answers WHERE game_id = $1 AND question_index = $2`,
        [game.id, index],
      );
    expect(rows).toHaveLength(PLAYERS);
    const byPlayer = new Map(rows.map((r) => [r.player_id, r.choices]));
    for (const j of joined) expect(byPlayer.get(j.playerId)).toEqual([1]);
  });

  it('keeps the players in their own column, written when a command changes one of them', async () => {
    const { game, host } = await newGame(2);
    const db = t.app.get(DataSource);
    const stored = async () =>
      (
        await db.query<{ in_state: unknown[]; players: { id: string; score: number }[] }[]>(
          `SELECT state -> 'players' AS in_state, players FROM live_games WHERE id = $1`,
          [game.id],
        )
      )[0];
    const { players, joined } = await joinPlayers(game, 3);
    expect((await stored()).players.map((p) => p.id).sort()).toEqual(
      joined.map((j) => j.playerId).sort(),
    );
    await okLive(host, 'live:host', { gameId: game.id, command: { type: 'start' } });
    const opened = viewWhere(players[0], (v) => v.phase === 'answering');
    await okLive(host, 'live:host', { gameId: game.id, command: { type: 'next' } });
    const index = (await opened).question?.index ?? -1;
    // Player 0 answers option 0: right or wrong, the reveal scores it.
    await okLive(players[0], 'live:answer', { questionIndex: index, choices: [0] });
    const revealed = await okLive(host, 'live:host', {
      gameId: game.id,
      command: { type: 'reveal' },
    });
    const right = revealed.view.reveal?.correctChoices ?? [];
    const afterReveal = await stored();
    expect(afterReveal.in_state).toEqual([]);
    const scores = new Map(afterReveal.players.map((p) => [p.id, p.score]));
    for (const row of revealed.view.players) expect(scores.get(row.id)).toBe(row.score);
    expect((scores.get(joined[0].playerId) ?? 0) > 0).toBe(right.includes(0));

    // Commands that change no player leave the stored players as they were, and a fresh load
    // (as after a restart) puts them back into the state.
    await okLive(host, 'live:host', { gameId: game.id, command: { type: 'next' } });
    const intro = await okLive(host, 'live:host', {
      gameId: game.id,
      command: { type: 'next' },
    });
    expect(intro.view.phase).toBe('question_intro');
    const later = await stored();
    expect(later.in_state).toEqual([]);
    const loaded = await t.app.get(LiveRepository).findGame(game.id);
    expect(loaded?.state.players).toEqual(later.players);
    expect(loaded?.state.phase).toBe('question_intro');
    expect(later.players).toEqual(afterReveal.players);
  });

  it('splits the players of games stored before the players column, and joins them back on down', async () => {
    const { game, host } = await newGame(1);
    await joinPlayers(game, 2);
    await okLive(host, 'live:host', { gameId: game.id, command: { type: 'start' } });
    // One connection for the whole test (the embedded database has only one).
    const runner = t.app.get(DataSource).createQueryRunner();
    const row = async () =>
      (
        (await runner.query(`SELECT * FROM live_games WHERE id = $1`, [game.id])) as {
          state: { phase: string; players: unknown[] };
          players?: unknown[];
        }[]
      )[0];
    const migration = new LivePlayersColumn1764280000000();
    try {
      const split = await row();
      expect(split.players).toHaveLength(2);
      expect(split.state.players).toEqual([]);

      await migration.down(runner);
      const before = await row(); // as stored before the migration existed
      expect(before.players).toBeUndefined();
      expect(before.state.players).toEqual(split.players);
      expect(before.state.phase).toBe('question_intro');

      await migration.up(runner);
      const after = await row();
      expect(after.players).toEqual(split.players);
      expect(after.state).toEqual(split.state);
    } finally {
      await runner.release();
    }
  });
});
