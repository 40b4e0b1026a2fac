import { apply } from './domain/live-room.machine';
import { Driver, newRoom, T0 } from './domain/live-room.test-support';
import type { LiveState } from './domain/live-room.types';
import { onlyAnswersAdded, withLaterAnswers } from './live.service';

/** A classic game with three players, question 1 open. */
function answering(settings = {}): Driver {
  const game = new Driver(newRoom('classic', undefined, { readTimeMs: 0, ...settings }));
  for (const id of ['p1', 'p2', 'p3']) game.join(id);
  game.at(0).ok({ type: 'start' });
  game.at(1_000).ok({ type: 'next' });
  return game;
}

const answer = (state: LiveState, playerId: string, choices: number[], at: number): LiveState => {
  const result = apply(state, { type: 'answer', playerId, questionIndex: 0, choices }, T0 + at);
  if (!result.ok) throw new Error(result.code);
  return result.state;
};

describe('answer-only commits', () => {
  it('recognises a batch of answers, and nothing else, as answers only', () => {
    const game = answering();
    const before = game.state;
    const afterOne = answer(before, 'p1', [0], 2_000);
    const afterTwo = answer(afterOne, 'p2', [1], 2_500);
    expect(onlyAnswersAdded(before, afterOne)).toBe(true);
    expect(onlyAnswersAdded(before, afterTwo)).toBe(true);
    expect(onlyAnswersAdded(before, before)).toBe(false);
    // The last answer locks the question (everyone answered): a full write.
    const locked = answer(afterTwo, 'p3', [0], 3_000);
    expect(locked.phase).toBe('locked');
    expect(onlyAnswersAdded(afterTwo, locked)).toBe(false);
    // A host command, a join: full writes.
    const paused = apply(afterTwo, { type: 'pause' }, 3_000);
    expect(paused.ok && onlyAnswersAdded(afterTwo, paused.state)).toBe(false);
    const lobby = new Driver(newRoom('classic'));
    const joined = apply(lobby.state, { type: 'join', playerId: 'p9', name: 'Chín' }, 0);
    expect(joined.ok && onlyAnswersAdded(lobby.state, joined.state)).toBe(false);
  });

  it('puts the answers committed after the stored state back, giving the same state', () => {
    const game = answering();
    const stored = game.state;
    let live = answer(stored, 'p1', [0], 2_000);
    live = answer(live, 'p2', [1], 2_500);
    const log = [
      { playerId: 'p1', choices: [0], at: T0 + 2_000 },
      { playerId: 'p2', choices: [1], at: T0 + 2_500 },
    ];
    expect(withLaterAnswers(stored, log)).toEqual(live);
    expect(withLaterAnswers(live, [])).toBe(live);
  });

  it('writes a changed answer in full (its place in the list cannot be restored from the log)', () => {
    const game = answering({ answerPolicy: 'change_until_lock' });
    const first = answer(game.state, 'p1', [0], 2_000);
    const second = answer(first, 'p2', [1], 2_500);
    const changed = answer(second, 'p1', [2], 2_700);
    expect(onlyAnswersAdded(first, second)).toBe(true);
    expect(onlyAnswersAdded(second, changed)).toBe(false);
  });
});
