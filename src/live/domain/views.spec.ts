import { Driver, fullGame, newRoom, question } from './live-room.test-support';
import { LiveFormat, LivePhase, LiveState } from './live-room.types';
import {
  HOST_PLAYER_ROWS,
  hostAnswerKey,
  hostView,
  playerView,
  playerViews,
  STAGE_LOBBY_NAMES,
  stageView,
} from './views';

const PHASES: Record<LiveFormat, LivePhase[]> = {
  classic: [
    'lobby',
    'question_intro',
    'answering',
    'locked',
    'revealed',
    'leaderboard',
    'paused',
    'finished',
  ],
  golden_bell: [
    'lobby',
    'question_intro',
    'answering',
    'locked',
    'revealed',
    'leaderboard',
    'paused',
    'finished',
  ],
  buzzer: [
    'lobby',
    'question_intro',
    'buzzer_armed',
    'buzzer_open',
    'buzzer_won',
    'revealed',
    'leaderboard',
    'paused',
    'finished',
  ],
};

function allViews(state: LiveState) {
  return {
    host: hostView(state),
    stage: stageView(state),
    players: state.players.map((p) => playerView(state, p.id)),
    broadcast: playerViews(state),
  };
}

const SECRET_KEYS = new Set([
  'correct',
  'correctChoices',
  'explanation',
  'distribution',
  'isCorrect',
]);

function secretKeysIn(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => secretKeysIn(v, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => [
    ...(SECRET_KEYS.has(key) ? [`${path}.${key}`] : []),
    ...secretKeysIn(v, `${path}.${key}`),
  ]);
}

/** The same state with another correct answer and explanation for every question not revealed yet. */
function withOtherAnswers(state: LiveState): LiveState {
  const revealed = new Set(
    [...state.history, ...(state.run ? [state.run] : [])]
      .filter((r) => r.status === 'revealed')
      .map((r) => r.index),
  );
  const copy = structuredClone(state);
  copy.questions = copy.questions.map((q, i) =>
    revealed.has(i)
      ? q
      : {
          ...q,
          correct: q.type === 'multiple' ? [1] : [(q.correct[0] + 1) % q.options.length],
          explanation: 'Một lời giải thích khác',
        },
  );
  return copy;
}

describe.each<LiveFormat>(['classic', 'golden_bell', 'buzzer'])(
  '%s: no view leaks an answer before its reveal',
  (format) => {
    const game = fullGame(format);

    it('the scripted game goes through every phase of the format', () => {
      expect(new Set(game.trail.map((s) => s.phase))).toEqual(new Set(PHASES[format]));
    });

    it('before the reveal, no view has the answer, the explanation, the distribution or a verdict', () => {
      const before = game.trail.filter((s) => s.run?.status !== 'revealed');
      expect(new Set(before.map((s) => s.phase)).size).toBeGreaterThanOrEqual(
        PHASES[format].length - 2,
      );
      for (const state of before) {
        const views = allViews(state);
        const where = `${state.phase} of question ${state.run?.index ?? '-'}`;
        expect({ where, keys: secretKeysIn(views) }).toEqual({ where, keys: [] });
        expect(JSON.stringify(views)).not.toContain('SECRET-EXPLANATION');
        expect([
          views.host.reveal,
          views.stage.reveal,
          ...views.players.map((v) => v?.reveal),
        ]).toEqual(Array(2 + views.players.length).fill(null));
        expect(views.players.map((v) => v?.result ?? null)).toEqual(views.players.map(() => null));
      }
    });

    it('in every state, the views do not depend on the answers of questions not revealed yet', () => {
      for (const state of game.trail) {
        expect(allViews(withOtherAnswers(state))).toEqual(allViews(state));
      }
    });

    it('after the reveal, the views show the answer of that question only', () => {
      const revealed = game.trail.filter(
        (s) => s.run?.status === 'revealed' && s.phase === 'revealed',
      );
      expect(revealed.length).toBeGreaterThan(0);
      for (const state of revealed) {
        const question = state.questions[state.run?.index ?? -1];
        const { host, stage, players } = allViews(state);
        for (const view of [host, stage, ...players]) {
          expect(view?.reveal).toMatchObject({
            correctChoices: question.correct,
            explanation: question.explanation,
          });
        }
        const marker =
          JSON.stringify([host, stage, ...players]).match(/SECRET-EXPLANATION-\w+/g) ?? [];
        expect(new Set(marker)).toEqual(new Set([`SECRET-EXPLANATION-${question.id}`]));
      }
    });
  },
);

describe('view contents', () => {
  function classicOnQ1() {
    const game = new Driver(
      newRoom('classic', [question('q1'), question('q2')], { readTimeMs: 0, leaderboardSize: 2 }),
    );
    game
      .join('p1', 'An', { team: 'Phường 1' })
      .join('p2', 'Bình', { team: 'Phường 2' })
      .join('p3', 'Chi');
    game.at(0).ok({ type: 'start' });
    game.at(1_000).ok({ type: 'next' });
    return game;
  }

  it('the stage lists who joined in the lobby', () => {
    const game = new Driver(newRoom('classic'));
    game.join('p1', 'An').join('p2', 'Bình');
    expect(stageView(game.state)).toMatchObject({
      phase: 'lobby',
      lobby: { count: 2, names: ['An', 'Bình'] },
      question: null,
      answers: null,
    });
  });

  it('host and stage count the answers; the host knows who answered, never what', () => {
    const game = classicOnQ1();
    game.at(3_000).answer('p2', [3]);
    const host = hostView(game.state);
    expect(host.answers).toEqual({ answered: 1, eligible: 3 });
    expect(stageView(game.state).answers).toEqual({ answered: 1, eligible: 3 });
    expect(host.players.map((p) => [p.id, p.answered])).toEqual([
      ['p1', false],
      ['p2', true],
      ['p3', false],
    ]);
    expect(JSON.stringify(host)).not.toContain('choices');
    expect(host.timer).toEqual({
      endsAt: 1_750_000_000_000 + 21_000,
      pausedRemainingMs: null,
      allowedMs: 20_000,
    });
    expect(host.allowedCommands).toEqual([
      'lock',
      'reveal',
      'pause',
      'skip',
      'extendTime',
      'kick',
      'end',
    ]);
  });

  it('a player sees their own answer and whether they may still answer', () => {
    const game = classicOnQ1();
    game.answer('p2', [3]);
    expect(playerView(game.state, 'p2')).toMatchObject({
      myAnswer: [3],
      canAnswer: false,
      question: {
        text: 'Câu hỏi q1?',
        options: ['Phương án A', 'Phương án B', 'Phương án C', 'Phương án D'],
        number: 1,
      },
    });
    expect(playerView(game.state, 'p1')).toMatchObject({
      myAnswer: null,
      canAnswer: true,
      canBuzz: false,
    });
    expect(playerView(game.state, 'stranger')).toBeNull();
  });

  it('after the reveal: distribution, each player result and rank', () => {
    const game = classicOnQ1();
    game.at(1_000).answer('p1', [1]);
    game.at(3_000).answer('p2', [3]);
    game.ok({ type: 'reveal' });
    expect(stageView(game.state).reveal).toEqual({
      correctChoices: [1],
      explanation: 'SECRET-EXPLANATION-q1',
      distribution: [0, 1, 0, 1],
      rightCount: 1,
      eliminated: [],
      revived: [],
      reverted: false,
    });
    expect(playerView(game.state, 'p1')?.result).toMatchObject({
      isCorrect: true,
      pointsGained: 1000,
      totalScore: 1000,
      rank: 1,
    });
    expect(playerView(game.state, 'p3')?.result).toMatchObject({
      answered: false,
      isCorrect: false,
      rank: 2,
    });
    expect(stageView(game.state).answers).toEqual({ answered: 2, eligible: 3 });
  });

  it('the stage shows the leaderboard and teams only between questions, the podium at the end', () => {
    const game = classicOnQ1();
    game.at(2_000).answer('p1', [1]);
    game.at(4_000).answer('p2', [1]);
    game.ok({ type: 'reveal' });
    expect(stageView(game.state).leaderboard).toBeNull();
    game.ok({ type: 'next' });
    const stage = stageView(game.state);
    expect(stage.leaderboard?.map((r) => [r.name, r.rank])).toEqual([
      ['An', 1],
      ['Bình', 2],
    ]);
    expect(stage.teams?.map((t) => t.team)).toEqual(['Phường 1', 'Phường 2']);
    expect(playerView(game.state, 'p3')?.leaderboard).toHaveLength(2);
    game.ok({ type: 'end' });
    expect(stageView(game.state).podium?.map((r) => r.name)).toEqual(['An', 'Bình', 'Chi']);
  });

  it('a paused countdown shows the frozen remaining time', () => {
    const game = classicOnQ1();
    game.at(6_000).ok({ type: 'pause' });
    expect(stageView(game.state)).toMatchObject({
      phase: 'paused',
      pausedFrom: 'answering',
      timer: { endsAt: null, pausedRemainingMs: 15_000 },
    });
  });

  it('a voided question says so and shows no answer', () => {
    const game = classicOnQ1();
    game.ok({ type: 'skip' });
    expect(stageView(game.state)).toMatchObject({ question: { voided: true }, reveal: null });
  });

  it('golden bell: survivors, eliminations and the rescue question', () => {
    const game = new Driver(
      newRoom('golden_bell', [question('q1'), question('r', { kind: 'rescue' })]),
    );
    game.join('p1', 'An').join('p2', 'Bình').ok({ type: 'start' });
    game.ok({ type: 'next' });
    game.answer('p1', [1]);
    game.ok({ type: 'reveal' });
    expect(stageView(game.state)).toMatchObject({
      survivors: [{ name: 'An' }],
      reveal: { eliminated: [{ name: 'Bình' }] },
    });
    expect(playerView(game.state, 'p2')?.result).toMatchObject({
      eliminated: true,
      eliminatedNow: true,
    });
    game.ok({ type: 'startRescue' });
    expect(hostView(game.state)).toMatchObject({
      question: { kind: 'rescue', number: null },
      rescueQuestionsLeft: [],
    });
    game.ok({ type: 'next' });
    expect(playerView(game.state, 'p1')?.canAnswer).toBe(false);
    expect(playerView(game.state, 'p2')?.canAnswer).toBe(true);
    expect(hostView(game.state).answers).toEqual({ answered: 0, eligible: 1 });
  });

  it('buzzer: the winner and the locked-out players, and who may press', () => {
    const game = new Driver(newRoom('buzzer'));
    game.join('p1', 'An').join('p2', 'Bình').ok({ type: 'start' });
    game.ok({ type: 'openBuzzer' });
    expect(playerView(game.state, 'p1')?.canBuzz).toBe(true);
    game.advance(1_200).buzz('p1');
    expect(stageView(game.state).buzzer).toMatchObject({
      open: false,
      winner: { name: 'An', responseMs: 1_200 },
    });
    game.ok({ type: 'judge', correct: false });
    game.ok({ type: 'openBuzzer' });
    expect(playerView(game.state, 'p1')).toMatchObject({ canBuzz: false, lockedOut: true });
    expect(stageView(game.state).buzzer).toMatchObject({
      open: true,
      winner: null,
      lockedOut: [{ name: 'An' }],
      attempts: [{ name: 'An', verdict: 'wrong' }],
    });
    expect(stageView(game.state).answers).toBeNull();
  });

  it('a kicked player sees that they were kicked and is out of every list', () => {
    const game = classicOnQ1();
    game.ok({ type: 'kick', playerId: 'p3' });
    expect(playerView(game.state, 'p3')?.me).toMatchObject({ kicked: true, rank: null });
    expect(playerViews(game.state)).toEqual([
      playerView(game.state, 'p1'),
      playerView(game.state, 'p2'),
    ]);
    expect(hostView(game.state).players.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(hostView(game.state).answers?.eligible).toBe(2);
  });

  it('hostAnswerKey gives the MC the answer of the running question (not a view)', () => {
    const game = classicOnQ1();
    expect(hostAnswerKey(game.state)).toEqual({
      questionIndex: 0,
      correctChoices: [1],
      explanation: 'SECRET-EXPLANATION-q1',
    });
    expect(hostAnswerKey(new Driver(newRoom('classic')).state)).toBeNull();
  });
});

describe('views of a large room', () => {
  it('host: the first HOST_PLAYER_ROWS by rank, with the exact count; stage: the latest names', () => {
    const count = HOST_PLAYER_ROWS + 5;
    const game = new Driver(newRoom('classic', undefined, { maxPlayers: 5000 }));
    for (let i = 0; i < count; i++) game.join(`p${String(i)}`, `Người chơi ${String(i)}`);
    game.ok({ type: 'kick', playerId: 'p0' });

    const host = hostView(game.state);
    expect(host.playerCount).toBe(count - 1);
    expect(host.players).toHaveLength(HOST_PLAYER_ROWS);
    expect(host.players.map((p) => p.id).slice(0, 2)).toEqual(['p1', 'p2']); // join order
    const stage = stageView(game.state);
    expect(stage.lobby?.count).toBe(count - 1);
    expect(stage.lobby?.names).toHaveLength(STAGE_LOBBY_NAMES);
    expect(stage.lobby?.names.at(-1)).toBe(`Người chơi ${String(count - 1)}`);

    const small = new Driver(newRoom('classic')).join('a').join('b');
    expect(hostView(small.state)).toMatchObject({ playerCount: 2 });
    expect(hostView(small.state).players).toHaveLength(2);
    expect(stageView(small.state).lobby?.names).toEqual(['Người chơi a', 'Người chơi b']);
  });
});
