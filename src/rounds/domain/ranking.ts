/**
 * Ranking of a round, pure: the Vietnamese tie-break chain, the attempt that counts for each
 * person, competition ranks (1, 2, 2, 4) and the prize list.
 *
 * Default chain: score ↓, prediction error ↑, duration ↑ (submittedAt − startedAt), submission
 * time ↑. A missing prediction ranks after every given one. Before the round closes the true
 * value of the prediction is unknown (`trueValue: null`): the prediction key is skipped and the
 * rows are flagged provisional.
 */
import {
  COUNT_POLICIES,
  DEFAULT_TIE_BREAK_CHAIN,
  PRIZE_LABELS,
  PRIZE_TIERS,
  TIE_BREAK_KEYS,
  type CountPolicy,
  type PrizeQuota,
  type PrizeTier,
  type TieBreakKey,
} from '../../shared/round-rules';
import { compareNullsLast, compareStrings, competitionRanks } from './compare';
import { predictionError } from './prediction';

/** A graded attempt (submitted by the participant or automatically at its deadline). */
export interface RankableAttempt {
  attemptId: string;
  participantId: string;
  score: number;
  /** The answer to the prediction question, null when not given. */
  prediction: number | null;
  startedAt: Date;
  submittedAt: Date;
}

export { COUNT_POLICIES, DEFAULT_TIE_BREAK_CHAIN, TIE_BREAK_KEYS };
export type { CountPolicy, TieBreakKey };

export interface RankOptions {
  /** The prediction's true value; null while the round is not closed (provisional ranking). */
  trueValue: number | null;
  chain?: readonly TieBreakKey[];
}

export interface RankedRow<T extends RankableAttempt = RankableAttempt> {
  attempt: T;
  /** 1-based; rows equal on every key of the chain share a rank (1, 2, 2, 4). */
  rank: number;
  durationMs: number;
  /** |prediction − true value|; null when unknown or when no prediction was given. */
  predictionError: number | null;
  provisional: boolean;
}

export { PRIZE_LABELS, PRIZE_TIERS };
export type { PrizeQuota, PrizeTier };

export interface PrizeAward<T extends RankableAttempt = RankableAttempt> {
  row: RankedRow<T>;
  prize: PrizeTier;
}

/** Vietnamese problems of an organizer's chain: not empty, known keys, no key twice. */
export function validateTieBreakChain(chain: readonly string[]): string[] {
  const problems: string[] = [];
  if (chain.length === 0) problems.push('Thứ tự xếp hạng phải có ít nhất một tiêu chí.');
  const known: readonly string[] = TIE_BREAK_KEYS;
  for (const key of chain) {
    if (!known.includes(key)) problems.push(`Tiêu chí xếp hạng "${key}" không hợp lệ.`);
  }
  if (new Set(chain).size !== chain.length) problems.push('Một tiêu chí xếp hạng bị lặp lại.');
  return problems;
}

interface Keyed<T> {
  attempt: T;
  durationMs: number;
  error: number | null;
}

function keyed<T extends RankableAttempt>(attempt: T, trueValue: number | null): Keyed<T> {
  return {
    attempt,
    durationMs: attempt.submittedAt.getTime() - attempt.startedAt.getTime(),
    error:
      trueValue === null || attempt.prediction === null
        ? null
        : predictionError(attempt.prediction, trueValue),
  };
}

/** Negative when `a` ranks before `b`, 0 when the chain cannot tell them apart. */
function compareKeyed(
  a: Keyed<RankableAttempt>,
  b: Keyed<RankableAttempt>,
  chain: readonly TieBreakKey[],
  trueValue: number | null,
): number {
  for (const key of chain) {
    let d = 0;
    switch (key) {
      case 'score':
        d = b.attempt.score - a.attempt.score;
        break;
      case 'prediction':
        if (trueValue !== null) d = compareNullsLast(a.error, b.error);
        break;
      case 'duration':
        d = a.durationMs - b.durationMs;
        break;
      case 'submittedAt':
        d = a.attempt.submittedAt.getTime() - b.attempt.submittedAt.getTime();
        break;
    }
    if (d !== 0) return d;
  }
  return 0;
}

/** Compare two attempts by the chain (negative: `a` ranks first). */
export function compareAttempts(
  a: RankableAttempt,
  b: RankableAttempt,
  options: RankOptions,
): number {
  const chain = checkedChain(options.chain);
  return compareKeyed(
    keyed(a, options.trueValue),
    keyed(b, options.trueValue),
    chain,
    options.trueValue,
  );
}

/**
 * The attempt that counts among one person's graded attempts (null when there is none).
 * first / last: by start time. best: by the chain without the prediction key, so the counted
 * attempt is known at submission and does not change when the true value is computed at close;
 * a full tie goes to the earlier attempt.
 */
export function countedAttempt<T extends RankableAttempt>(
  attempts: readonly T[],
  policy: CountPolicy,
  chain: readonly TieBreakKey[] = DEFAULT_TIE_BREAK_CHAIN,
): T | null {
  if (attempts.length === 0) return null;
  const byStart = [...attempts].sort(
    (a, b) =>
      a.startedAt.getTime() - b.startedAt.getTime() ||
      a.submittedAt.getTime() - b.submittedAt.getTime() ||
      compareStrings(a.attemptId, b.attemptId),
  );
  switch (policy) {
    case 'first':
      return byStart[0];
    case 'last':
      return byStart[byStart.length - 1];
    case 'best': {
      const withoutPrediction = checkedChain(chain).filter((k) => k !== 'prediction');
      return byStart.reduce((best, a) =>
        compareKeyed(keyed(a, null), keyed(best, null), withoutPrediction, null) < 0 ? a : best,
      );
    }
  }
}

/** One counted attempt per participant, in order of first appearance. */
export function countedAttempts<T extends RankableAttempt>(
  attempts: readonly T[],
  policy: CountPolicy,
  chain: readonly TieBreakKey[] = DEFAULT_TIE_BREAK_CHAIN,
): T[] {
  const byPerson = new Map<string, T[]>();
  for (const a of attempts) {
    const list = byPerson.get(a.participantId) ?? [];
    list.push(a);
    byPerson.set(a.participantId, list);
  }
  return [...byPerson.values()].map((list) => countedAttempt(list, policy, chain) as T);
}

/**
 * Rank counted attempts (one per participant; a repeat throws: use `countedAttempts` first).
 * Rows come in rank order; rows sharing a rank are listed by participant id.
 */
export function rankParticipants<T extends RankableAttempt>(
  attempts: readonly T[],
  options: RankOptions,
): RankedRow<T>[] {
  const chain = checkedChain(options.chain);
  if (new Set(attempts.map((a) => a.participantId)).size !== attempts.length) {
    throw new Error('rankParticipants expects one counted attempt per participant');
  }
  const { trueValue } = options;
  const sorted = attempts
    .map((a) => keyed(a, trueValue))
    .sort(
      (a, b) =>
        compareKeyed(a, b, chain, trueValue) ||
        compareStrings(a.attempt.participantId, b.attempt.participantId),
    );
  const ranks = competitionRanks(sorted, (a, b) => compareKeyed(a, b, chain, trueValue));
  return sorted.map((k, i) => ({
    attempt: k.attempt,
    rank: ranks[i],
    durationMs: k.durationMs,
    predictionError: k.error,
    provisional: trueValue === null,
  }));
}

/**
 * The prize list from a final ranking, one prize per person, in rank order. A prize depends
 * only on the rank: with cumulative quotas Q1 = first, Q2 = Q1 + second, …, rank r gets the
 * first tier whose Qk ≥ r. So participants tied across a boundary all get the higher prize and
 * the following tiers shrink by as many (ranks skip over the tie); a tie across the last
 * boundary is awarded in full, so the list can then be longer than the total quota.
 * A provisional ranking (round not closed) gets no prizes: it throws.
 */
export function allocatePrizes<T extends RankableAttempt>(
  ranked: readonly RankedRow<T>[],
  quota: PrizeQuota,
): PrizeAward<T>[] {
  for (const tier of PRIZE_TIERS) {
    if (!Number.isSafeInteger(quota[tier]) || quota[tier] < 0) {
      throw new RangeError(`Prize quota "${tier}" must be a non-negative integer`);
    }
  }
  if (ranked.some((r) => r.provisional)) {
    throw new Error('Prizes are allocated from the final ranking only');
  }
  const bounds: { tier: PrizeTier; upTo: number }[] = [];
  let upTo = 0;
  for (const tier of PRIZE_TIERS) {
    upTo += quota[tier];
    bounds.push({ tier, upTo });
  }
  const awards: PrizeAward<T>[] = [];
  for (const row of [...ranked].sort((a, b) => a.rank - b.rank)) {
    const bound = bounds.find((b) => row.rank <= b.upTo);
    if (!bound) break;
    awards.push({ row, prize: bound.tier });
  }
  return awards;
}

function checkedChain(
  chain: readonly TieBreakKey[] = DEFAULT_TIE_BREAK_CHAIN,
): readonly TieBreakKey[] {
  const problems = validateTieBreakChain(chain);
  if (problems.length > 0) throw new RangeError(problems.join(' '));
  return chain;
}
