import type { LiveAnswer, LivePlayer } from './live-room.types';

/*
 * Lookups by player id in O(1) instead of a scan of every player or answer, which made a
 * question O(players²) (each answer scanned the players, then the answers). States are never
 * mutated once the reducer returns them (a draft is a fresh copy, or a new array for what
 * changes), so an index can be keyed by the array it indexes.
 */

const playerIndexes = new WeakMap<readonly LivePlayer[], Map<string, LivePlayer>>();

/** The player with this id, from an index built once per players array. */
export function playerById(players: readonly LivePlayer[], id: unknown): LivePlayer | undefined {
  if (typeof id !== 'string') return undefined;
  let index = playerIndexes.get(players);
  if (index === undefined) {
    index = new Map(players.map((p) => [p.id, p]));
    playerIndexes.set(players, index);
  }
  return index.get(id);
}

const answerIndexes = new WeakMap<readonly LiveAnswer[], Map<string, number>>();

/**
 * The position of a player's answer in a run's list, or -1. An answer list grows by appending
 * (`withAnswer`), and the new list shares its predecessor's index, so a question costs O(1) per
 * answer. A shared index may name a position past the end of an older list (or another player
 * there): every hit is checked, and a stale one falls back to a scan.
 */
export function answerIndexOf(answers: readonly LiveAnswer[], playerId: string): number {
  let index = answerIndexes.get(answers);
  if (index === undefined) {
    index = new Map(answers.map((a, i) => [a.playerId, i]));
    answerIndexes.set(answers, index);
  }
  const at = index.get(playerId);
  if (at === undefined) {
    // Not indexed: absent, unless the index is shared with a longer list (checked by scanning
    // only if this list has more entries than the index knows).
    return index.size >= answers.length ? -1 : answers.findIndex((a) => a.playerId === playerId);
  }
  return answers.at(at)?.playerId === playerId
    ? at
    : answers.findIndex((a) => a.playerId === playerId);
}

/** The list with `given` appended (or replacing the player's earlier answer), index carried over. */
export function withAnswer(answers: readonly LiveAnswer[], given: LiveAnswer): LiveAnswer[] {
  const previous = answerIndexOf(answers, given.playerId);
  if (previous !== -1) return answers.map((a, i) => (i === previous ? given : a));
  const next = [...answers, given];
  const index = answerIndexes.get(answers);
  if (index !== undefined) {
    index.set(given.playerId, answers.length);
    answerIndexes.set(next, index);
  }
  return next;
}
