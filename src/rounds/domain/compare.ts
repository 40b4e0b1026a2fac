/** Small ordering helpers shared by the ranking rules. */

/** Code-unit order, independent of the machine's locale (stable across servers). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ascending numbers with null after every number. */
export function compareNullsLast(a: number | null, b: number | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return a - b;
}

/**
 * Standard competition ranks (1, 2, 2, 4) of an already sorted list: an item equal to the
 * previous one (`compare` returns 0) shares its rank, the next distinct one gets its position.
 */
export function competitionRanks<T>(
  sorted: readonly T[],
  compare: (a: T, b: T) => number,
): number[] {
  return withCompetitionRanks(sorted, compare).map(({ rank }) => rank);
}

/** Each item of an already sorted list with its competition rank (see competitionRanks). */
export function withCompetitionRanks<T>(
  sorted: readonly T[],
  compare: (a: T, b: T) => number,
): { item: T; rank: number }[] {
  const ranked: { item: T; rank: number }[] = [];
  let previous: { item: T; rank: number } | undefined;
  for (const [i, item] of sorted.entries()) {
    const rank = previous && compare(previous.item, item) === 0 ? previous.rank : i + 1;
    previous = { item, rank };
    ranked.push(previous);
  }
  return ranked;
}
