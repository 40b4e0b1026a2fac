import type { HostCommand, HostView, LiveView, PlayerView } from '../../src/shared/live/events';
import {
  answerLeaks,
  callLive,
  connectLive,
  okLive,
  REVEALED_PHASES,
  type LiveSocket,
} from '../support/live-socket';
import {
  LIVE_TEST_ENV,
  sessionCookie,
  signedInAgent,
  startTestApp,
  TestApp,
} from '../support/test-app';

/**
 * The two other formats of the live final, end to end over socket.io (/live): Rung chuông vàng
 * (golden bell: elimination, rescue question, revive, all-eliminated revert, final ranking) and
 * the buzzer (first press by server arrival wins, wrong answer locks the player out, reopen,
 * penalty). Like live.e2e, every payload a player, the stage or the host receives before a
 * reveal is scanned for the answer.
 */

interface BankQuestion {
  id: string;
  type: string;
  correct: number[];
  options: string[];
  status: string;
}

/** The payloads whose phase is not a revealed one (acks without a phase included). */
function earlyLeaks(received: { who: string; payload: unknown }[]): {
  scanned: number;
  leaks: string[];
} {
  const early = received.filter(({ payload }) => {
    const p = payload as { phase?: string; view?: { phase?: string } } | null;
    const phase = p?.phase ?? p?.view?.phase;
    return phase === undefined || !REVEALED_PHASES.has(phase);
  });
  return {
    scanned: early.length,
    leaks: early.flatMap(({ who, payload }) => answerLeaks(payload).map((l) => `${who} ${l}`)),
  };
}

const isPlayerView = (v: LiveView): v is PlayerView => v.audience === 'player';

/** One connection and every view it received, so a test can wait for a view already arrived. */
class Peer {
  readonly views: LiveView[] = [];
  private waiters: { test: (v: LiveView) => boolean; resolve: (v: LiveView) => void }[] = [];

  constructor(
    readonly name: string,
    readonly socket: LiveSocket,
    received: { who: string; payload: unknown }[],
  ) {
    socket.onAny((event: string, payload: unknown) => {
      received.push({ who: `${name} ${event}`, payload });
    });
    socket.on('live:view', (view) => {
      this.views.push(view);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(view)) return true;
        w.resolve(view);
        return false;
      });
    });
  }

  /** Where the views received from now on start. */
  mark(): number {
    return this.views.length;
  }

  /** The first view since `from` that passes `test` (already received or to come). */
  view(test: (v: LiveView) => boolean, from: number): Promise<LiveView> {
    const found = this.views.slice(from).find(test);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`${this.name}: no matching live:view`));
      }, 10_000);
      this.waiters.push({
        test,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
      });
    });
  }

  /** The personal view in `phase` received since `from`. */
  async personal(phase: string, from: number): Promise<PlayerView> {
    const view = await this.view((v) => isPlayerView(v) && v.phase === phase, from);
    return view as PlayerView;
  }
}

describe('live final formats over socket.io (/live)', () => {
  let t: TestApp;
  let cookie: string;
  let bankId: string;
  let singles: BankQuestion[];
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp(LIVE_TEST_ENV);
    const admin = await signedInAgent(t.baseUrl);
    bankId = (await admin.get('/api/banks')).body.items[0].id as string;
    singles = (
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

  async function createGame(body: Record<string, unknown>) {
    const admin = await signedInAgent(t.baseUrl);
    const res = await admin.post('/api/live/games').send(body);
    expect(res.status).toBe(201);
    return res.body as { id: string; code: string; stageToken: string };
  }

  /** Host, stage and `count` joined players, every payload they get recorded in `received`. */
  async function room(game: { id: string; code: string; stageToken: string }, count: number) {
    const received: { who: string; payload: unknown }[] = [];
    const hostSocket = await connect(true);
    const host = new Peer('host', hostSocket, received);
    await ok(hostSocket, 'live:host', { gameId: game.id });
    const stageSocket = await connect();
    const stage = new Peer('stage', stageSocket, received);
    await ok(stageSocket, 'live:stage', { gameId: game.id, stageToken: game.stageToken });
    const players = await Promise.all(
      Array.from({ length: count }, async (_, i) => new Peer(`p${i}`, await connect(), received)),
    );
    const joined = await Promise.all(
      players.map((p, i) => ok(p.socket, 'live:join', { code: game.code, name: `Thí sinh ${i}` })),
    );
    joined.forEach((j) => received.push({ who: 'join ack', payload: j }));
    const ids = joined.map((j) => j.playerId);
    // In the lobby everybody ties, so the host's rows are in join order (the display tie-break).
    const lobby = (await ok(hostSocket, 'live:host', { gameId: game.id })).view;
    expect(lobby.players).toHaveLength(count);
    const joinOrder = new Map(lobby.players.map((p, k) => [p.id, k + 1]));
    const command = async (cmd: HostCommand): Promise<HostView> => {
      const reply = await ok(hostSocket, 'live:host', { gameId: game.id, command: cmd });
      received.push({ who: `host ack ${cmd.type}`, payload: reply });
      return reply.view;
    };
    return { received, host, stage, players, ids, joinOrder, command };
  }

  /* ------------------------------------------------------------ golden bell ---- */

  it('plays Rung chuông vàng with 20 players: eliminations, rescue, revive, revert, final ranking', async () => {
    const PLAYERS = 20;
    const POINTS = 100;
    const LIMIT = 10_000;
    // Four main questions, the last one a rescue question (rescueCount: 1).
    const picked = singles.slice(10, 15);
    expect(picked).toHaveLength(5);
    const rescue = picked[4];
    const game = await createGame({
      bankId,
      questionIds: picked.map((q) => q.id),
      rescueCount: 1,
      format: 'golden_bell',
      points: POINTS,
      timeLimitMs: LIMIT,
      settings: { readTimeMs: 0, graceMs: 300, maxPlayers: 30 },
    });
    const { received, host, stage, players, ids, joinOrder, command } = await room(game, PLAYERS);
    const range = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, k) => from + k);

    // The model the final ranking is checked against (ranking.ts's keys).
    const model = ids.map((id) => ({
      id,
      joinOrder: joinOrder.get(id) ?? 0,
      score: 0,
      correctTimeMs: 0,
      eliminated: false,
      eliminatedAtSeq: null as number | null,
    }));

    /** Opens the current question (no read time: the host's `next`), returns its index and deadline. */
    async function open(): Promise<{ index: number; deadline: number }> {
      const from = players[0].mark();
      const view = await command({ type: 'next' });
      expect(view.phase).toBe('answering');
      const roomView = await players[0].view((v) => v.phase === 'answering', from);
      expect(roomView.audience).toBe('room');
      return { index: view.question?.index ?? -1, deadline: view.timer.endsAt ?? 0 };
    }

    /** Sends the answers (right, wrong) and returns the server arrival times. */
    async function answer(
      question: BankQuestion,
      index: number,
      right: number[],
      wrong: number[],
    ): Promise<Map<number, number>> {
      const wrongChoice = (question.correct[0] + 1) % question.options.length;
      const all = [
        ...right.map((i) => ({ i, choice: question.correct[0] })),
        ...wrong.map((i) => ({ i, choice: wrongChoice })),
      ];
      const acks = await Promise.all(
        all.map(({ i, choice }) =>
          ok(players[i].socket, 'live:answer', { questionIndex: index, choices: [choice] }),
        ),
      );
      acks.forEach((a) => received.push({ who: 'answer ack', payload: a }));
      return new Map(all.map(({ i }, k) => [i, acks[k].receivedAt]));
    }

    /** Updates the model like the reducer's reveal of a normal question. */
    function scoreNormal(
      seq: number,
      deadline: number,
      right: number[],
      arrivals: Map<number, number>,
      eliminatedNow: number[],
    ) {
      for (const i of right) {
        const at = arrivals.get(i) ?? 0;
        model[i].score += POINTS; // no speed bonus in golden bell by default
        model[i].correctTimeMs += Math.min(Math.max(LIMIT - (deadline - at), 0), LIMIT);
      }
      for (const i of eliminatedNow) {
        model[i].eliminated = true;
        model[i].eliminatedAtSeq = seq;
      }
    }

    const alive = () => model.filter((m) => !m.eliminated).map((m) => m.id);
    const sorted = (xs: string[]) => [...xs].sort();

    async function revealAll(): Promise<{ host: HostView; mine: PlayerView[] }> {
      const from = players.map((p) => p.mark());
      const view = await command({ type: 'reveal' });
      expect(view.phase).toBe('revealed');
      const mine = await Promise.all(players.map((p, i) => p.personal('revealed', from[i])));
      return { host: view, mine };
    }

    function checkSurvivors(view: HostView, mine: PlayerView[]) {
      expect(sorted((view.survivors ?? []).map((s) => s.id))).toEqual(sorted(alive()));
      for (const row of view.players) {
        const m = model.find((x) => x.id === row.id);
        expect(row.eliminated).toBe(m?.eliminated);
        expect(row.score).toBe(m?.score);
      }
      mine.forEach((v, i) => {
        expect(v.me.eliminated).toBe(model[i].eliminated);
        expect(v.me.score).toBe(model[i].score);
      });
    }

    // Q1: 0–13 right, 14–16 wrong, 17–19 silent → 14–19 eliminated.
    expect((await command({ type: 'start' })).phase).toBe('question_intro');
    const q1 = await open();
    const a1 = await answer(picked[0], q1.index, range(0, 13), range(14, 16));
    const r1 = await revealAll();
    scoreNormal(1, q1.deadline, range(0, 13), a1, range(14, 19));
    expect(sorted((r1.host.reveal?.eliminated ?? []).map((p) => p.id))).toEqual(
      sorted(range(14, 19).map((i) => ids[i])),
    );
    expect(r1.host.reveal?.rightCount).toBe(14);
    expect(r1.host.survivors).toHaveLength(14);
    checkSurvivors(r1.host, r1.mine);
    expect(r1.mine[0].result).toMatchObject({ isCorrect: true, pointsGained: POINTS });
    expect(r1.mine[15].result).toMatchObject({
      answered: true,
      isCorrect: false,
      eliminatedNow: true,
    });
    expect(r1.mine[18].result).toMatchObject({ answered: false, eliminatedNow: true });
    expect(r1.host.allowedCommands).toEqual(expect.arrayContaining(['startRescue', 'revive']));

    // Rescue question: only the eliminated may answer; 14 and 15 right → back in, no points.
    await command({ type: 'next' }); // leaderboard
    const intro = await command({ type: 'startRescue' });
    expect(intro.phase).toBe('question_intro');
    expect(intro.question).toMatchObject({ kind: 'rescue', number: null, seq: 2 });
    expect(intro.rescueQuestionsLeft).toEqual([]);
    const qr = await open();
    expect(qr.index).toBe(4);
    const survivorTry = await call(players[0].socket, 'live:answer', {
      questionIndex: qr.index,
      choices: [rescue.correct[0]],
    });
    received.push({ who: 'refusal', payload: survivorTry });
    expect(survivorTry).toMatchObject({ ok: false, error: { code: 'LIVE_NOT_ELIGIBLE' } });
    await answer(rescue, qr.index, [14, 15], [16]);
    const rr = await revealAll();
    for (const i of [14, 15]) {
      model[i].eliminated = false;
      model[i].eliminatedAtSeq = null;
    }
    expect(sorted((rr.host.reveal?.revived ?? []).map((p) => p.id))).toEqual(
      sorted([ids[14], ids[15]]),
    );
    expect(rr.host.reveal?.eliminated).toEqual([]);
    expect(rr.host.survivors).toHaveLength(16);
    checkSurvivors(rr.host, rr.mine);
    expect(rr.mine[14].result).toMatchObject({
      isCorrect: true,
      revivedNow: true,
      pointsGained: 0,
    });
    expect(rr.mine[16].result).toMatchObject({ isCorrect: false, revivedNow: false });
    expect(rr.mine[16].me.eliminated).toBe(true);

    // The host brings player 16 back by id.
    const reviveFrom = players[16].mark();
    const revived = await command({ type: 'revive', playerIds: [ids[16]] });
    model[16].eliminated = false;
    model[16].eliminatedAtSeq = null;
    expect(revived.survivors).toHaveLength(17);
    expect(revived.players.find((p) => p.id === ids[16])?.eliminated).toBe(false);
    expect((await players[16].personal('revealed', reviveFrom)).me.eliminated).toBe(false);
    const reviveAlive = await call(host.socket, 'live:host', {
      gameId: game.id,
      command: { type: 'revive', playerIds: [ids[0]] },
    });
    expect(reviveAlive).toMatchObject({ ok: false, error: { code: 'LIVE_NOT_ELIMINATED' } });

    // Q2 (back to the main sequence): 0–9, 14–16 right, 10–11 wrong, 12–13 silent.
    await command({ type: 'next' }); // leaderboard
    expect((await command({ type: 'next' })).question).toMatchObject({ index: 1, seq: 3 });
    const q2 = await open();
    const outTry = await call(players[17].socket, 'live:answer', {
      questionIndex: q2.index,
      choices: [picked[1].correct[0]],
    });
    received.push({ who: 'refusal', payload: outTry });
    expect(outTry).toMatchObject({ ok: false, error: { code: 'LIVE_NOT_ELIGIBLE' } });
    const right2 = [...range(0, 9), 14, 15, 16];
    const a2 = await answer(picked[1], q2.index, right2, [10, 11]);
    const r2 = await revealAll();
    scoreNormal(3, q2.deadline, right2, a2, range(10, 13));
    expect(sorted((r2.host.reveal?.eliminated ?? []).map((p) => p.id))).toEqual(
      sorted(range(10, 13).map((i) => ids[i])),
    );
    expect(r2.host.survivors).toHaveLength(13);
    checkSurvivors(r2.host, r2.mine);

    // Q3: every survivor wrong → the room locks itself, the question eliminates nobody.
    await command({ type: 'next' });
    await command({ type: 'next' });
    const q3 = await open();
    const lockedFrom = host.mark();
    await answer(picked[2], q3.index, [], right2);
    expect(
      ((await host.view((v) => v.phase === 'locked', lockedFrom)) as HostView).answers,
    ).toEqual({
      answered: 13,
      eligible: 13,
    });
    const r3 = await revealAll();
    expect(r3.host.reveal).toMatchObject({ reverted: true, eliminated: [], rightCount: 0 });
    expect(r3.host.survivors).toHaveLength(13);
    checkSurvivors(r3.host, r3.mine);

    // Q4: 0–4 right, the other survivors wrong → five survivors.
    await command({ type: 'next' });
    await command({ type: 'next' });
    const q4 = await open();
    const wrong4 = [...range(5, 9), 14, 15, 16];
    const a4 = await answer(picked[3], q4.index, range(0, 4), wrong4);
    const r4 = await revealAll();
    scoreNormal(5, q4.deadline, range(0, 4), a4, wrong4);
    expect(r4.host.survivors).toHaveLength(5);
    checkSurvivors(r4.host, r4.mine);

    // The end: survivors first, then later eliminations first, then score, then time.
    await command({ type: 'next' });
    const endFrom = players.map((p) => p.mark());
    const finished = await command({ type: 'next' });
    expect(finished.phase).toBe('finished');
    const better = (a: (typeof model)[number], b: (typeof model)[number]): number => {
      if (a.eliminated !== b.eliminated) return a.eliminated ? 1 : -1;
      if (a.eliminated && b.eliminated && a.eliminatedAtSeq !== b.eliminatedAtSeq)
        return (b.eliminatedAtSeq ?? 0) - (a.eliminatedAtSeq ?? 0);
      if (a.score !== b.score) return b.score - a.score;
      return a.correctTimeMs - b.correctTimeMs;
    };
    const expectedRank = new Map(
      model.map((m) => [m.id, 1 + model.filter((o) => better(o, m) < 0).length]),
    );
    const expectedOrder = [...model]
      .sort((a, b) => better(a, b) || a.joinOrder - b.joinOrder)
      .map((m) => m.id);
    expect(finished.players.map((p) => p.id)).toEqual(expectedOrder);
    for (const row of finished.players) expect(row.rank).toBe(expectedRank.get(row.id));
    expect(finished.players.slice(0, 5).map((p) => p.eliminated)).toEqual(Array(5).fill(false));
    expect(finished.podium?.map((p) => p.id)).toEqual(
      expectedOrder.filter((id) => (expectedRank.get(id) ?? 99) <= 3),
    );
    const finals = await Promise.all(players.map((p, i) => p.personal('finished', endFrom[i])));
    finals.forEach((v, i) => {
      expect(v.me.rank).toBe(expectedRank.get(ids[i]));
      expect(v.me.score).toBe(model[i].score);
    });
    const stageEnd = await stage.view((v) => v.phase === 'finished', 0);
    expect(stageEnd.audience).toBe('stage');

    // No payload before a reveal showed an answer; the scanner does see them after.
    const { scanned, leaks } = earlyLeaks(received);
    expect(scanned).toBeGreaterThan(200);
    expect(leaks).toEqual([]);
    expect(received.some(({ payload }) => answerLeaks(payload).length > 0)).toBe(true);
  });

  /* ----------------------------------------------------------------- buzzer ---- */

  it('plays a buzzer game with 6 players: first press by arrival wins, lock-out, reopen, penalty', async () => {
    const POINTS = 1000;
    const PENALTY = 200;
    const game = await createGame({
      bankId,
      questionIds: singles.slice(20, 22).map((q) => q.id),
      format: 'buzzer',
      points: POINTS,
      timeLimitMs: 15_000,
      settings: { readTimeMs: 0, graceMs: 300, buzzerPenalty: PENALTY },
    });
    const { received, host, players, ids, command } = await room(game, 6);
    const buzz = async (i: number, index: number) => {
      const reply = await call(players[i].socket, 'live:buzz', { questionIndex: index });
      received.push({ who: `p${i} buzz ack`, payload: reply });
      return reply;
    };
    const expected = ids.map(() => 0);

    const intro = await command({ type: 'start' });
    expect(intro.phase).toBe('question_intro');
    const index = intro.question?.index ?? -1;
    expect(await buzz(0, index)).toMatchObject({
      ok: false,
      error: { code: 'LIVE_BUZZER_CLOSED' },
    });
    const answerTry = await call(players[0].socket, 'live:answer', {
      questionIndex: index,
      choices: [0],
    });
    expect(answerTry).toMatchObject({ ok: false, error: { code: 'LIVE_WRONG_FORMAT' } });

    // Everyone presses at once: exactly one wins, the others are told they lost the race.
    let from = players.map((p) => p.mark());
    const opened = await command({ type: 'openBuzzer' });
    expect(opened.phase).toBe('buzzer_open');
    expect(opened.buzzer?.open).toBe(true);
    const openView = await players[3].view((v) => v.phase === 'buzzer_open', from[3]);
    expect(openView).toMatchObject({ audience: 'room', buzzer: { open: true, winner: null } });
    from = players.map((p) => p.mark());
    const race = await Promise.all(players.map((_, i) => buzz(i, index)));
    const winners = race.flatMap((r, i) => (r.ok ? [i] : []));
    expect(winners).toHaveLength(1);
    const first = winners[0];
    for (const [i, r] of race.entries()) {
      if (i !== first) expect(r).toMatchObject({ ok: false, error: { code: 'LIVE_BUZZER_TAKEN' } });
    }
    const wonViews = await Promise.all(
      players.map((p, i) => p.view((v) => v.phase === 'buzzer_won', from[i])),
    );
    for (const v of wonViews) expect(v.buzzer?.winner?.id).toBe(ids[first]);
    const wonHost = (await host.view((v) => v.phase === 'buzzer_won', 0)) as HostView;
    expect(wonHost.buzzer?.winner?.id).toBe(ids[first]);
    expect(wonHost.allowedCommands).toContain('judge');

    // Judged wrong: penalty, locked out of this question, buzzer back to armed.
    const judgedWrong = await command({ type: 'judge', correct: false });
    expected[first] -= PENALTY;
    expect(judgedWrong.phase).toBe('buzzer_armed');
    expect(judgedWrong.buzzer?.lockedOut.map((p) => p.id)).toEqual([ids[first]]);
    expect(judgedWrong.buzzer?.attempts).toMatchObject([{ id: ids[first], verdict: 'wrong' }]);
    expect(judgedWrong.players.find((p) => p.id === ids[first])?.score).toBe(-PENALTY);
    expect(judgedWrong.reveal).toBeNull();

    // Reopened: the locked-out player is refused; of three presses the first to arrive wins.
    from = players.map((p) => p.mark());
    await command({ type: 'openBuzzer' });
    expect(await buzz(first, index)).toMatchObject({
      ok: false,
      error: { code: 'LIVE_LOCKED_OUT' },
    });
    const others = ids.map((_, i) => i).filter((i) => i !== first);
    const [x, y, z] = others;
    const xPress = buzz(x, index);
    await new Promise((r) => setTimeout(r, 40));
    const [xReply, yReply, zReply] = await Promise.all([xPress, buzz(y, index), buzz(z, index)]);
    expect(xReply.ok).toBe(true);
    expect(yReply).toMatchObject({ ok: false, error: { code: 'LIVE_BUZZER_TAKEN' } });
    expect(zReply).toMatchObject({ ok: false, error: { code: 'LIVE_BUZZER_TAKEN' } });
    const reopenedWon = await players[first].view((v) => v.phase === 'buzzer_won', from[first]);
    expect(reopenedWon.buzzer?.winner?.id).toBe(ids[x]);
    const lockedView = await players[first].view((v) => v.phase === 'buzzer_open', from[first]);
    expect(lockedView.buzzer?.lockedOut.map((p) => p.id)).toEqual([ids[first]]);

    // Judged right: points, revealed.
    from = players.map((p) => p.mark());
    const right = await command({ type: 'judge', correct: true });
    expected[x] += POINTS;
    expect(right.phase).toBe('revealed');
    expect(right.reveal?.correctChoices).toHaveLength(1);
    expect(right.buzzer?.attempts).toMatchObject([
      { id: ids[first], verdict: 'wrong' },
      { id: ids[x], verdict: 'right' },
    ]);
    const mine = await Promise.all(players.map((p, i) => p.personal('revealed', from[i])));
    mine.forEach((v, i) => {
      expect(v.me.score).toBe(expected[i]);
    });
    expect(mine[first].result).toMatchObject({ isCorrect: false, pointsGained: -PENALTY });
    expect(mine[x].result).toMatchObject({ isCorrect: true, pointsGained: POINTS });
    expect(mine[y].result).toMatchObject({ answered: false, pointsGained: 0 });
    for (const row of right.players) expect(row.score).toBe(expected[ids.indexOf(row.id)]);

    // Question 2: y wins alone and is right.
    await command({ type: 'next' });
    const intro2 = await command({ type: 'next' });
    const index2 = intro2.question?.index ?? -1;
    expect(index2).toBe(1);
    expect(intro2.buzzer).toMatchObject({ lockedOut: [], attempts: [], winner: null });
    await command({ type: 'openBuzzer' });
    expect((await buzz(first, index2)).ok).toBe(true); // no longer locked out
    await command({ type: 'judge', correct: false });
    expected[first] -= PENALTY;
    await command({ type: 'openBuzzer' });
    expect((await buzz(y, index2)).ok).toBe(true);
    const right2 = await command({ type: 'judge', correct: true });
    expected[y] += POINTS;
    for (const row of right2.players) expect(row.score).toBe(expected[ids.indexOf(row.id)]);

    // Final ranking: score, then the response time of the right answers.
    await command({ type: 'next' });
    const finished = await command({ type: 'next' });
    expect(finished.phase).toBe('finished');
    const scores = finished.players.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(finished.players.at(-1)).toMatchObject({ id: ids[first], score: -2 * PENALTY, rank: 6 });
    expect(new Set(finished.players.slice(0, 2).map((p) => p.id))).toEqual(
      new Set([ids[x], ids[y]]),
    );
    const tied = finished.players.filter((p) => p.score === 0);
    expect(tied).toHaveLength(3);
    for (const row of tied) expect(row.rank).toBe(3);
    expect(finished.podium?.length).toBe(5);

    const { scanned, leaks } = earlyLeaks(received);
    expect(scanned).toBeGreaterThan(40);
    expect(leaks).toEqual([]);
    expect(received.some(({ payload }) => answerLeaks(payload).length > 0)).toBe(true);
  });
});
