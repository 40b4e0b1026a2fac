/**
 * The state is stored as JSON and reloaded after a restart: a reloaded copy must continue
 * exactly like the original. And whatever arrives, the reducer answers without throwing.
 */
import fc from 'fast-check';
import { apply, nextTimerAt } from './live-room.machine';
import { T0, fullGame, newRoom, question } from './live-room.test-support';
import { LiveCommand, LiveFormat, LiveState } from './live-room.types';
import { hostView, playerView, stageView } from './views';

function reload(state: LiveState): LiveState {
  return JSON.parse(JSON.stringify(state)) as LiveState;
}

describe.each<LiveFormat>(['classic', 'golden_bell', 'buzzer'])('%s: JSON round trip', (format) => {
  const game = fullGame(format);

  it('every state is plain JSON (nothing lost or changed by a round trip)', () => {
    for (const state of game.trail) expect(reload(state)).toStrictEqual(state);
  });

  it('a state reloaded at any point continues identically: same states, same effects', () => {
    const diverged: string[] = [];
    for (let k = 0; k < game.log.length; k++) {
      let state = reload(game.trail[k]);
      for (const [i, { command, now, result }] of game.log.slice(k).entries()) {
        const replayed = apply(state, command, now);
        // JSON comparison: every state is plain JSON (previous test), and it is fast.
        if (JSON.stringify(replayed) !== JSON.stringify(result)) {
          diverged.push(`reloaded before step ${k}, diverged at step ${k + i} (${command.type})`);
          break;
        }
        if (!replayed.ok) break;
        state = replayed.state;
      }
    }
    expect(diverged).toEqual([]);
  });

  it('a reloaded state tells the server when to re-arm its timer', () => {
    const timed = game.trail.filter((s) => nextTimerAt(s) !== null);
    expect(timed.length).toBeGreaterThan(0);
    for (const state of timed) expect(nextTimerAt(reload(state))).toBe(nextTimerAt(state));
  });
});

describe('fuzzing the reducer', () => {
  const players = ['p1', 'p2', 'p3', 'ghost'];
  const playerId = fc.constantFrom(...players);
  const anything = fc.oneof(
    fc.integer({ min: -2, max: 8 }),
    fc.constant(Number.NaN),
    fc.string(),
    fc.constant(null),
  );
  const command: fc.Arbitrary<LiveCommand> = fc.oneof(
    fc.constantFrom<LiveCommand>(
      { type: 'start' },
      { type: 'next' },
      { type: 'lock' },
      { type: 'reveal' },
      { type: 'openBuzzer' },
      { type: 'pause' },
      { type: 'resume' },
      { type: 'skip' },
      { type: 'startRescue' },
      { type: 'end' },
      { type: 'tick' },
    ),
    fc.boolean().map((correct) => ({ type: 'judge' as const, correct })),
    anything.map((ms) => ({ type: 'extendTime' as const, ms: ms as number })),
    playerId.map((id) => ({ type: 'kick' as const, playerId: id })),
    fc
      .array(playerId, { maxLength: 3 })
      .map((ids) => ({ type: 'revive' as const, playerIds: ids })),
    fc
      .record({
        id: playerId,
        name: fc.string({ maxLength: 45 }),
        number: fc.option(fc.constantFrom('01', '02', 'A1')),
      })
      .map(({ id, name, number }) => ({ type: 'join' as const, playerId: id, name, number })),
    fc
      .record({
        id: playerId,
        q: fc.integer({ min: -1, max: 5 }),
        choices: fc.array(anything, { maxLength: 3 }),
      })
      .map(({ id, q, choices }) => ({
        type: 'answer' as const,
        playerId: id,
        questionIndex: q,
        choices: choices as number[],
      })),
    fc
      .record({ id: playerId, q: fc.integer({ min: -1, max: 5 }) })
      .map(({ id, q }) => ({ type: 'buzz' as const, playerId: id, questionIndex: q })),
  );
  const step = fc.record({ command, dt: fc.integer({ min: 0, max: 15_000 }) });

  it.each<LiveFormat>(['classic', 'golden_bell', 'buzzer'])(
    '%s: never throws, refuses politely, keeps its invariants',
    (format) => {
      fc.assert(
        fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
          let state = newRoom(
            format,
            [
              question('q1'),
              question('q2', { type: 'multiple', correct: [0, 3] }),
              question('r', { kind: 'rescue' }),
              question('q3', { kind: 'audience' }),
            ],
            { readTimeMs: 2_000 },
          );
          let now = T0;
          for (const { command: c, dt } of steps) {
            now += dt;
            const before = JSON.stringify(state);
            const result = apply(state, c, now);
            expect(JSON.stringify(state)).toBe(before);
            if (!result.ok) {
              expect(result.message.length).toBeGreaterThan(0);
              continue;
            }
            state = result.state;
            expect(reload(state)).toStrictEqual(state);
            expect(state.phase === 'paused').toBe(state.paused !== null);
            expect(state.players.every((p) => Number.isFinite(p.score))).toBe(true);
            if (state.run?.status !== 'revealed') {
              const views = JSON.stringify([
                hostView(state),
                stageView(state),
                ...players.map((id) => playerView(state, id)),
              ]);
              expect(views).not.toMatch(
                /"correctChoices"|"explanation"|"distribution"|"isCorrect"|SECRET/,
              );
            }
          }
        }),
        { numRuns: 150 },
      );
    },
  );
});
