/**
 * Drawing the questions of one attempt from a blueprint, pure and reproducible: the same pool,
 * blueprint and options (the seed included) always give the same questions in the same order
 * with the same option orders, so the server records the seed and the drawn list and anyone
 * can re-run the draw to audit it (see `verifyDraw`).
 *
 * Option orders map display positions to original option indexes:
 * `optionOrder[displayed] = original`. Answers are stored in original indexes.
 */
import { Audience } from '../../question-banks/domain/question';
import { seededRandom, shuffle } from '../../practice/draw';
import {
  Blueprint,
  InvalidBlueprintError,
  PoolItem,
  eligiblePool,
  matchesCell,
  validateBlueprint,
} from './blueprint';

export interface DrawOptions {
  /** Unsigned 32-bit integer; chosen by the caller (e.g. crypto) and stored with the attempt. */
  seed: number;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  /** The participant group's audience; undefined when the pool is already narrowed. */
  audience?: Audience;
}

export interface DrawnQuestion {
  questionId: string;
  version: number;
  /** Zero-based index of the blueprint cell the question was drawn for. */
  cell: number;
  /** `optionOrder[displayedPosition] = originalOptionIndex`; a permutation of 0..n-1. */
  optionOrder: number[];
}

export const MAX_SEED = 0xffffffff;

export function isValidSeed(seed: number): boolean {
  return Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED;
}

/**
 * The questions of one attempt. Stratified: exactly `count` questions per cell and no question
 * twice; single-difficulty cells are filled before "any difficulty" cells so overlapping cells
 * never starve each other. Without `shuffleQuestions` the questions come cell by cell in
 * blueprint order. True/false questions always keep the order Đúng, Sai.
 * Throws InvalidBlueprintError when the pool cannot satisfy the blueprint.
 */
export function drawAttempt(
  pool: readonly PoolItem[],
  blueprint: Blueprint,
  options: DrawOptions,
): DrawnQuestion[] {
  if (!isValidSeed(options.seed)) {
    throw new RangeError(`Seed must be an integer in [0, ${MAX_SEED}], got ${options.seed}`);
  }
  const eligible = eligiblePool(pool, options.audience);
  const problems = validateBlueprint(blueprint, eligible);
  if (problems.length > 0) throw new InvalidBlueprintError(problems);

  const random = seededRandom(options.seed);
  const taken = new Set<string>();
  const perCell: PoolItem[][] = blueprint.map(() => []);
  const fillOrder = blueprint
    .map((cell, i) => ({ i, any: cell.difficulty === undefined }))
    .sort((a, b) => Number(a.any) - Number(b.any) || a.i - b.i);
  for (const { i } of fillOrder) {
    const cell = blueprint[i];
    const candidates = eligible.filter((q) => matchesCell(q, cell) && !taken.has(q.questionId));
    perCell[i] = shuffle(candidates, random).slice(0, cell.count);
    for (const q of perCell[i]) taken.add(q.questionId);
  }

  const stratified = perCell.flatMap((items, cell) => items.map((item) => ({ item, cell })));
  const ordered = options.shuffleQuestions ? shuffle(stratified, random) : stratified;
  return ordered.map(({ item, cell }) => ({
    questionId: item.questionId,
    version: item.version,
    cell,
    optionOrder:
      options.shuffleOptions && item.type !== 'true_false'
        ? shuffle(identity(item.optionCount), random)
        : identity(item.optionCount),
  }));
}

/** Whether a recorded draw is exactly what the pool, blueprint and options give. */
export function verifyDraw(
  pool: readonly PoolItem[],
  blueprint: Blueprint,
  options: DrawOptions,
  recorded: readonly DrawnQuestion[],
): boolean {
  const again = drawAttempt(pool, blueprint, options);
  return (
    again.length === recorded.length &&
    again.every((q, i) => {
      const r = recorded[i];
      return (
        q.questionId === r.questionId &&
        q.version === r.version &&
        q.cell === r.cell &&
        q.optionOrder.length === r.optionOrder.length &&
        q.optionOrder.every((o, j) => o === r.optionOrder[j])
      );
    })
  );
}

/** The original index of the option shown at `displayedChoice`. */
export function mapChoiceToOriginal(
  optionOrder: readonly number[],
  displayedChoice: number,
): number {
  assertIndex(optionOrder, displayedChoice);
  return optionOrder[displayedChoice];
}

/** The display position of original option `originalIndex` (the inverse mapping). */
export function mapOriginalToChoice(optionOrder: readonly number[], originalIndex: number): number {
  const displayed = optionOrder.indexOf(originalIndex);
  if (!Number.isInteger(originalIndex) || displayed < 0) {
    throw new RangeError(`Option ${originalIndex} is not in [${optionOrder.join(', ')}]`);
  }
  return displayed;
}

/** Displayed choices → original indexes, without duplicates, ascending (like `correct`). */
export function mapChoicesToOriginal(
  optionOrder: readonly number[],
  displayedChoices: readonly number[],
): number[] {
  const original = displayedChoices.map((c) => mapChoiceToOriginal(optionOrder, c));
  return [...new Set(original)].sort((a, b) => a - b);
}

function assertIndex(optionOrder: readonly number[], index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= optionOrder.length) {
    throw new RangeError(`Choice ${index} is outside 0..${optionOrder.length - 1}`);
  }
}

function identity(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
