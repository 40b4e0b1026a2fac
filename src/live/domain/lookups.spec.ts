import type { LiveAnswer } from './live-room.types';
import {
  activeCount,
  answerIndexOf,
  numberHeld,
  playerById,
  withAnswer,
  withPlayer,
} from './lookups';

const given = (playerId: string, at = 0): LiveAnswer => ({
  playerId,
  choices: [0],
  at,
  responseMs: 0,
});

describe('lookups by player id', () => {
  it('finds players by id, and nothing for an unknown or non-string id', () => {
    const players = [
      { id: 'a', number: null },
      { id: 'b', number: null },
    ] as unknown as Parameters<typeof playerById>[0];
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

describe('players index carried over by joins', () => {
  const player = (id: string, number: string | null = null, kicked = false) =>
    ({ id, number, kicked }) as unknown as Parameters<typeof playerById>[0][number];

  it('finds appended players in O(1) and keeps older lists exact', () => {
    const base = [player('a', 'SBD-1'), player('b')];
    expect(playerById(base, 'a')).toBe(base[0]); // builds the index
    const left = withPlayer(base, player('x', 'sbd-2'));
    const right = withPlayer(base, player('y', 'SBD-2')); // another branch, same shared index
    expect(playerById(left, 'x')).toBe(left[2]);
    expect(playerById(right, 'y')).toBe(right[2]);
    expect(playerById(right, 'x')).toBeUndefined();
    expect(playerById(base, 'x')).toBeUndefined();
    expect(playerById(base, 'y')).toBeUndefined();
    expect(base).toHaveLength(2); // never mutated
    expect(numberHeld(left, 'sbd-2')).toBe(true);
    expect(numberHeld(right, 'sbd-2')).toBe(true);
    expect(numberHeld(base, 'sbd-2')).toBe(false);
    expect(numberHeld(base, 'sbd-1')).toBe(true);
    expect(numberHeld(base, 'sbd-9')).toBe(false);
  });

  it('counts the players in the room (not kicked) across joins', () => {
    const base = [player('a'), player('b', null, true)];
    expect(activeCount(base)).toBe(1);
    const joined = withPlayer(withPlayer(base, player('c')), player('d'));
    expect([activeCount(joined), activeCount(base)]).toEqual([3, 1]);
    expect(activeCount(withPlayer(joined, player('e', null, true)))).toBe(3);
    expect(activeCount(joined)).toBe(3);
  });

  it('does not count a kicked holder, but finds an earlier holder still in the room', () => {
    const kicked = [player('a', '7'), player('b', '7', true)];
    expect(numberHeld(kicked, '7')).toBe(true); // a holds it; the index points at b
    expect(numberHeld([player('b', '7', true)], '7')).toBe(false);
  });

  it('finds a player whose position in a shared index belongs to another branch', () => {
    const base = [player('a')];
    playerById(base, 'a');
    const one = withPlayer(base, player('x'));
    const two = withPlayer(withPlayer(base, player('z')), player('x')); // x at 2 in the index
    expect(playerById(one, 'x')).toBe(one[1]);
    expect(playerById(two, 'x')).toBe(two[2]);
  });
});
