import type { LiveAnswer } from './live-room.types';
import { answerIndexOf, playerById, withAnswer } from './lookups';

const given = (playerId: string, at = 0): LiveAnswer => ({
  playerId,
  choices: [0],
  at,
  responseMs: 0,
});

describe('lookups by player id', () => {
  it('finds players by id, and nothing for an unknown or non-string id', () => {
    const players = [{ id: 'a' }, { id: 'b' }] as unknown as Parameters<typeof playerById>[0];
    expect(playerById(players, 'b')).toBe(players[1]);
    expect(playerById(players, 'c')).toBeUndefined();
    expect(playerById(players, 42)).toBeUndefined();
  });

  it('appends with the index carried over, replaces a changed answer in place', () => {
    const empty: LiveAnswer[] = [];
    const one = withAnswer(empty, given('a', 1));
    const two = withAnswer(one, given('b', 2));
    expect(two.map((a) => a.playerId)).toEqual(['a', 'b']);
    expect(answerIndexOf(two, 'b')).toBe(1);
    expect(answerIndexOf(two, 'c')).toBe(-1);
    const changed = withAnswer(two, given('a', 3));
    expect(changed.map((a) => [a.playerId, a.at])).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
    expect(one).toHaveLength(1); // never mutated
  });

  it('answers for an older list correctly although it shares its index with newer ones', () => {
    const base = withAnswer(withAnswer([], given('a')), given('b'));
    answerIndexOf(base, 'a'); // builds the index
    const left = withAnswer(base, given('x')); // x at 2
    const right = withAnswer(base, given('y')); // a retried branch: y at 2, same shared index
    expect(answerIndexOf(base, 'x')).toBe(-1);
    expect(answerIndexOf(base, 'y')).toBe(-1);
    expect(answerIndexOf(left, 'x')).toBe(2);
    expect(answerIndexOf(left, 'y')).toBe(-1);
    expect(answerIndexOf(right, 'y')).toBe(2);
    expect(answerIndexOf(right, 'x')).toBe(-1);
  });
});
