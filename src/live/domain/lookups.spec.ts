import type { LiveAnswer, LiveCommand, LiveState, ScoredAnswer } from './live-room.types';
import { apply } from './live-room.machine';
import { Driver, newRoom, T0 } from './live-room.test-support';
import {
  activeCount,
  answerIndexOf,
  batchOf,
  numberHeld,
  holdsId,
  playerById,
  samePlayers,
  scoredRowOf,
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

/** `commands` applied one after the other, a millisecond apart from `t0`, with each one's code. */
function applyAll(
  from: LiveState,
  commands: readonly LiveCommand[],
  t0: number,
): { state: LiveState; codes: string[] } {
  let state = from;
  const codes: string[] = [];
  commands.forEach((command, i) => {
    const result = apply(state, command, t0 + i);
    codes.push(result.ok ? 'ok' : result.code);
    if (result.ok) state = result.state;
  });
  return { state, codes };
}

describe('answers of one batch (batchOf)', () => {
  it('copies the list it was given once, then extends its own copy in place', () => {
    const outside = withAnswer([], given('a'));
    const { first, second, third } = batchOf(() => {
      const first = withAnswer(outside, given('b'));
      const second = withAnswer(first, given('c'));
      const third = withAnswer(second, given('b', 9)); // b changes its answer
      return { first, second, third };
    });
    expect(outside.map((a) => a.playerId)).toEqual(['a']); // never mutated
    expect(first).not.toBe(outside);
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(third.map((a) => [a.playerId, a.at])).toEqual([
      ['a', 0],
      ['b', 9],
      ['c', 0],
    ]);
    expect(answerIndexOf(third, 'c')).toBe(2);
    expect(answerIndexOf(outside, 'c')).toBe(-1);
    // Once the batch is over its list is a value again: the next answer copies it.
    const after = withAnswer(third, given('d'));
    expect(after).not.toBe(third);
    expect(third).toHaveLength(3);
  });

  it.each(['first_final', 'change_until_lock'] as const)(
    'gives the same final state as applying the answers one by one, and leaves the first state alone (%s)',
    (answerPolicy) => {
      const game = new Driver(newRoom('classic', undefined, { readTimeMs: 0, answerPolicy }));
      const ids = Array.from({ length: 40 }, (_, i) => `p${String(i)}`);
      for (const id of ids) game.join(id);
      game.at(0).ok({ type: 'start' });
      game.at(1_000).ok({ type: 'next' });
      const start = game.state;
      const snapshot = JSON.stringify(start);
      const commands = ids.flatMap((playerId, i) => [
        { type: 'answer' as const, playerId, questionIndex: 0, choices: [i % 4] },
        ...(i % 5 === 0
          ? [{ type: 'answer' as const, playerId, questionIndex: 0, choices: [(i + 1) % 4] }]
          : []),
      ]);
      const oneByOne = applyAll(start, commands, T0 + 2_000);
      const batched = batchOf(() => applyAll(start, commands, T0 + 2_000));
      expect(batched.codes).toEqual(oneByOne.codes);
      // Changed answers are taken under change_until_lock (the in-place replacement), refused
      // under first_final.
      expect(batched.codes.filter((c) => c === 'ok')).toHaveLength(
        answerPolicy === 'first_final' ? ids.length : commands.length,
      );
      expect(JSON.stringify(batched.state)).toBe(JSON.stringify(oneByOne.state));
      expect(JSON.stringify(start)).toBe(snapshot);
    },
  );
});

describe('joins of one batch (batchOf)', () => {
  it('copies the list it was given once, then extends its own copy in place', () => {
    const player = (id: string) =>
      ({ id, number: null, kicked: false }) as unknown as Parameters<typeof withPlayer>[1];
    const outside = [player('a')];
    expect(playerById(outside, 'a')).toBe(outside[0]); // indexed
    const { first, second } = batchOf(() => {
      const first = withPlayer(outside, player('b'));
      return { first, second: withPlayer(first, player('c')) };
    });
    expect(outside.map((p) => p.id)).toEqual(['a']); // never mutated
    expect(first).not.toBe(outside);
    expect(second).toBe(first);
    expect(second.map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect(playerById(second, 'c')).toBe(second[2]);
    expect(playerById(outside, 'c')).toBeUndefined();
    expect(activeCount(second)).toBe(3);
    // Once the batch is over its list is a value again: the next join copies it.
    const after = withPlayer(second, player('d'));
    expect(after).not.toBe(second);
    expect(second).toHaveLength(3);
  });

  it('gives the same final state as joining one by one, and leaves the first state alone', () => {
    const start = new Driver(newRoom('classic', undefined, { maxPlayers: 20 })).state;
    const snapshot = JSON.stringify(start);
    const commands = Array.from({ length: 40 }, (_, i) => ({
      type: 'join' as const,
      // Every fifth is a reconnection of an earlier player; past 20 the room is full.
      playerId: `p${String(i % 5 === 4 ? i - 2 : i)}`,
      name: `Người chơi ${String(i)}`,
      number: i % 7 === 6 ? `SBD-${String(i - 1)}` : `SBD-${String(i)}`,
    }));
    const oneByOne = applyAll(start, commands, T0);
    const batched = batchOf(() => applyAll(start, commands, T0));
    expect(batched.codes).toEqual(oneByOne.codes);
    expect(new Set(batched.codes)).toEqual(new Set(['ok', 'duplicate_number', 'room_full']));
    expect(JSON.stringify(batched.state)).toBe(JSON.stringify(oneByOne.state));
    expect(JSON.stringify(start)).toBe(snapshot);
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

describe('samePlayers (whether a commit writes the players)', () => {
  const game = new Driver(newRoom('classic'));
  game.join('p1').join('p2');
  const players = game.state.players;

  it('is true for the same list and for an equal copy (a host command that changed no player)', () => {
    expect(samePlayers(players, players)).toBe(true);
    expect(samePlayers(players, structuredClone(players))).toBe(true);
  });

  it('is false when any field of any player differs, or a player is added or moved', () => {
    for (const key of Object.keys(players[1]) as (keyof (typeof players)[1])[]) {
      const copy = structuredClone(players);
      const changed = copy[1] as unknown as Record<string, unknown>;
      changed[key] = typeof changed[key] === 'number' ? changed[key] + 1 : 'x';
      expect({ key, same: samePlayers(players, copy) }).toEqual({ key, same: false });
    }
    expect(samePlayers(players, players.slice(0, 1))).toBe(false);
    expect(samePlayers(players, [...players].reverse())).toBe(false);
  });

  it('sees the scores a reveal gives, and no change from the commands around it', () => {
    game.at(0).ok({ type: 'start' });
    const started = game.state.players;
    game.at(3_000).ok({ type: 'next' });
    game.at(4_000).answer('p1', [1]);
    game.at(5_000).answer('p2', [0]);
    const locked = game.state.players;
    expect(samePlayers(started, locked)).toBe(true);
    game.ok({ type: 'reveal' });
    expect(samePlayers(locked, game.state.players)).toBe(false);
    const revealed = game.state.players;
    game.ok({ type: 'next' });
    expect(samePlayers(revealed, game.state.players)).toBe(true);
  });
});

describe('lookups in the lists of a reveal', () => {
  const row = (playerId: string, points: number): ScoredAnswer => ({
    playerId,
    answered: true,
    choices: [1],
    isCorrect: points > 0,
    responseMs: 1_000,
    points,
    streakBonus: 0,
  });

  it('finds a scored row by player id, and nothing for another player', () => {
    const scored = [row('p1', 900), row('p2', 0)];
    expect(scoredRowOf(scored, 'p2')).toBe(scored[1]);
    expect(scoredRowOf(scored, 'p1')?.points).toBe(900);
    expect(scoredRowOf(scored, 'p3')).toBeUndefined();
    // A list that grew after it was indexed is indexed again (no stale answer).
    scored.push(row('p3', 500));
    expect(scoredRowOf(scored, 'p3')?.points).toBe(500);
  });

  it('tells whether a list of ids holds an id, including the empty list', () => {
    const ids = ['p1', 'p2'];
    expect(holdsId(ids, 'p2')).toBe(true);
    expect(holdsId(ids, 'p3')).toBe(false);
    ids.push('p3');
    expect(holdsId(ids, 'p3')).toBe(true);
    expect(holdsId([], 'p1')).toBe(false);
  });
});
