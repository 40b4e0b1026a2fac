import type { LiveAnswer, LivePlayer, ScoredAnswer } from './live-room.types';

/*
 * Lookups by player id in O(1) instead of a scan of every player or answer, which made a
 * question O(players²) (each answer scanned the players, then the answers). States are never
 * mutated once the reducer returns them (a draft is a fresh copy, or a new array for what
 * changes), so an index can be keyed by the array it indexes.
 */

interface PlayerIndex {
  /** Player id → position. */
  byId: Map<string, number>;
  /** Lower-cased contestant number → position of the last player who joined with it. */
  byNumber: Map<string, number>;
  /**
   * Kicked players of the array the index was built from. A kick makes a new array (a new
   * index); a join appends a player who is not kicked: so the count holds for every array that
   * shares the index.
   */
  kicked: number;
}

const playerIndexes = new WeakMap<readonly LivePlayer[], PlayerIndex>();

/**
 * The index of a players array, built once per array. A list grown by `withPlayer` shares its
 * predecessor's index (joins cost O(1) instead of a rebuild each), so an index may hold players
 * of a longer list, or of another list grown from the same one: every hit is checked against
 * the array, and a mismatch falls back to a scan. Every player of an array is in its index.
 */
function playerIndex(players: readonly LivePlayer[]): PlayerIndex {
  let index = playerIndexes.get(players);
  if (index === undefined) {
    index = { byId: new Map(), byNumber: new Map(), kicked: 0 };
    players.forEach((p, i) => {
      addToIndex(index as PlayerIndex, p, i);
    });
    playerIndexes.set(players, index);
  }
  return index;
}

function addToIndex(index: PlayerIndex, player: LivePlayer, at: number): void {
  index.byId.set(player.id, at);
  if (player.kicked) index.kicked += 1;
  if (player.number !== null) index.byNumber.set(player.number.toLowerCase(), at);
}

/** The player with this id, in O(1). */
export function playerById(players: readonly LivePlayer[], id: unknown): LivePlayer | undefined {
  if (typeof id !== 'string') return undefined;
  const at = playerIndex(players).byId.get(id);
  if (at === undefined) return undefined;
  const hit = players.at(at);
  return hit?.id === id ? hit : players.find((p) => p.id === id);
}

/**
 * Whether a player still in the room (not kicked) holds this contestant number, compared
 * case-insensitively (`key` lower-cased already); O(1) unless the number's last holder was
 * kicked (then every player is checked).
 */
export function numberHeld(players: readonly LivePlayer[], key: string): boolean {
  const at = playerIndex(players).byNumber.get(key);
  if (at === undefined) return false;
  const hit = players.at(at);
  if (hit !== undefined && !hit.kicked && hit.number?.toLowerCase() === key) return true;
  return players.some((p) => !p.kicked && p.number !== null && p.number.toLowerCase() === key);
}

/** How many players are in the room (not kicked), in O(1). */
export function activeCount(players: readonly LivePlayer[]): number {
  return players.length - playerIndex(players).kicked;
}

/** Every field of a player (all plain values); the type check keeps the list complete. */
const PLAYER_FIELDS: Record<keyof LivePlayer, true> = {
  id: true,
  name: true,
  number: true,
  team: true,
  joinOrder: true,
  joinedAt: true,
  kicked: true,
  score: true,
  correctCount: true,
  correctTimeMs: true,
  streak: true,
  eliminated: true,
  eliminatedAtSeq: true,
};
const PLAYER_KEYS = Object.keys(PLAYER_FIELDS) as (keyof LivePlayer)[];

/**
 * Whether two player lists hold the same players with the same values, in order: O(players)
 * comparisons of plain fields, far cheaper than writing the list. The commit writes the
 * players only when a command changed one of them (a host command's copy is a new list with
 * equal players).
 */
export function samePlayers(a: readonly LivePlayer[], b: readonly LivePlayer[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (const [i, p] of a.entries()) {
    const q = b.at(i);
    if (p === q) continue;
    if (q === undefined) return false;
    for (const key of PLAYER_KEYS) if (p[key] !== q[key]) return false;
  }
  return true;
}

/**
 * The list with `player` appended (a join), its index carried over. Inside `batchOf`, a list
 * made by the same batch is extended in place (a lobby of 5,000 filling up in batches of joins
 * copied the list once per join: O(players²) allocated).
 */
export function withPlayer(players: readonly LivePlayer[], player: LivePlayer): LivePlayer[] {
  const index = playerIndexes.get(players);
  // A kicked player is never appended by a join; if one were, the shared kicked count would be
  // wrong for the older lists, so the new list gets an index of its own.
  if (!player.kicked && ownedByBatch(players)) {
    if (index !== undefined) addToIndex(index, player, players.length);
    players.push(player);
    return players;
  }
  const next = [...players, player];
  if (index !== undefined && !player.kicked) {
    addToIndex(index, player, players.length);
    playerIndexes.set(next, index);
  }
  batchLists?.add(next);
  return next;
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

/**
 * Answer and player lists made inside the running `batchOf` call: no state outside the batch
 * holds them, so the next answer or join of the same batch may add itself in place instead of
 * copying the list (a copy per answer was O(players) per answer, O(players²) allocated in a
 * burst). Null outside a batch: every call then returns a new list, as a pure reducer should.
 */
let batchLists: WeakSet<readonly object[]> | null = null;

/** Whether `list` was made by the running batch (and may therefore grow in place). */
function ownedByBatch<T extends object>(list: readonly T[]): list is T[] {
  return batchLists !== null && batchLists.has(list);
}

/**
 * Runs `apply` (commands applied one after the other, only the last state kept) letting the
 * answer and player lists it creates be extended in place. Only for a caller that keeps no state
 * made in between: those states share their lists with the last one.
 */
export function batchOf<T>(apply: () => T): T {
  const outer = batchLists;
  batchLists = new WeakSet();
  try {
    return apply();
  } finally {
    batchLists = outer;
  }
}

/** The list with `given` appended (or replacing the player's earlier answer), index carried over. */
export function withAnswer(answers: readonly LiveAnswer[], given: LiveAnswer): LiveAnswer[] {
  const previous = answerIndexOf(answers, given.playerId);
  if (ownedByBatch(answers)) {
    if (previous !== -1) answers[previous] = given;
    else {
      answerIndexes.get(answers)?.set(given.playerId, answers.length);
      answers.push(given);
    }
    return answers;
  }
  if (previous !== -1) {
    const replaced = answers.map((a, i) => (i === previous ? given : a));
    batchLists?.add(replaced);
    return replaced;
  }
  const next = [...answers, given];
  const index = answerIndexes.get(answers);
  if (index !== undefined) {
    index.set(given.playerId, answers.length);
    answerIndexes.set(next, index);
  }
  batchLists?.add(next);
  return next;
}

/*
 * The lists of a reveal (scored rows, players eliminated or revived by it) are read once per
 * player when the 5,000 personal views of a room are built: a scan per player made each
 * reveal, leaderboard and podium O(players²). They are indexed once per list instead; a list
 * is never changed once the reveal that made it returns (the next reveal makes new ones).
 */
/** One index per list, rebuilt if the list's length changed since (it never does once built). */
function indexedBy<T, I>(
  cache: WeakMap<readonly T[], { length: number; index: I }>,
  list: readonly T[],
  build: (list: readonly T[]) => I,
): I {
  const cached = cache.get(list);
  if (cached !== undefined && cached.length === list.length) return cached.index;
  const index = build(list);
  cache.set(list, { length: list.length, index });
  return index;
}

const scoredIndexes = new WeakMap<
  readonly ScoredAnswer[],
  { length: number; index: Map<string, ScoredAnswer> }
>();

/** The scored row of a player in a reveal's rows, in O(1) after the first call for the list. */
export function scoredRowOf(
  scored: readonly ScoredAnswer[],
  playerId: string,
): ScoredAnswer | undefined {
  return indexedBy(scoredIndexes, scored, (rows) => new Map(rows.map((r) => [r.playerId, r]))).get(
    playerId,
  );
}

const idSets = new WeakMap<readonly string[], { length: number; index: Set<string> }>();

/** Whether a list of player ids holds `id`, in O(1) after the first call for the list. */
export function holdsId(ids: readonly string[], id: string): boolean {
  return ids.length > 0 && indexedBy(idSets, ids, (list) => new Set(list)).has(id);
}
