/**
 * Grading an attempt, pure. Points per question are equal or depend on the difficulty. Scores
 * are computed in hundredths of a point (integers) and returned rounded to 2 decimals, so equal
 * scores are equal numbers and the ranking never trips over floating-point noise.
 *
 * A question is right only when exactly the correct set of options is chosen. With
 * `partialCredit` on, a multiple-answer question earns
 *   points × max(0, (correct options chosen − wrong options chosen) / number of correct options)
 * so guessing every option earns nothing; single-choice and true/false stay all-or-nothing.
 */
import { isCorrectChoice } from '../../practice/draw';
import { DIFFICULTIES, Difficulty, QuestionType } from '../../question-banks/domain/question';
import {
  DEFAULT_SCORING,
  DIFFICULTY_LABELS,
  type PointsPolicy,
  type ScoringPolicy,
} from '../../shared/round-rules';

export { DEFAULT_SCORING };
export type { PointsPolicy, ScoringPolicy };

/** A drawn question with what grading needs; `correct` in original option indexes. */
export interface ScoredItem {
  questionId: string;
  type: QuestionType;
  difficulty: Difficulty;
  correct: readonly number[];
}

/** Chosen original option indexes per question id; a missing or empty entry is unanswered. */
export type Answers = ReadonlyMap<string, readonly number[]>;

export interface AttemptScore {
  score: number;
  maxScore: number;
  /** Questions answered exactly right (partial credit does not count). */
  correctCount: number;
  /** Every question answered exactly right (false for an attempt without questions). */
  perfect: boolean;
}

/** Vietnamese problems of a scoring policy; points are positive with at most 2 decimals. */
export function validateScoringPolicy(policy: ScoringPolicy): string[] {
  const check = (value: number, what: string): string[] =>
    Number.isFinite(value) && value > 0 && isHundredths(value)
      ? []
      : [`Điểm ${what} phải là số dương, tối đa 2 chữ số thập phân (đang là ${String(value)}).`];
  switch (policy.points.kind) {
    case 'equal':
      return check(policy.points.points, 'mỗi câu');
    case 'by_difficulty': {
      const map = policy.points.points;
      return DIFFICULTIES.flatMap((d) => check(map[d], `câu mức ${DIFFICULTY_LABELS[d]}`));
    }
  }
}

/** The points a question is worth under the policy. */
export function questionPoints(difficulty: Difficulty, points: PointsPolicy): number {
  switch (points.kind) {
    case 'equal':
      return points.points;
    case 'by_difficulty':
      return points.points[difficulty];
  }
}

/** Points earned on one question, in hundredths of a point. */
function earnedHundredths(
  item: ScoredItem,
  chosen: readonly number[],
  policy: ScoringPolicy,
): number {
  const full = toHundredths(questionPoints(item.difficulty, policy.points));
  if (chosen.length === 0) return 0;
  return isCorrectChoice(chosen, item.correct)
    ? full
    : partialHundredths(item, chosen, policy, full);
}

/** Points of a question not answered exactly right: partial credit, or nothing. */
function partialHundredths(
  item: ScoredItem,
  chosen: readonly number[],
  policy: ScoringPolicy,
  full: number,
): number {
  if (chosen.length === 0 || !policy.partialCredit || item.type !== 'multiple') return 0;
  const correct = new Set(item.correct);
  const picked = [...new Set(chosen)];
  const right = picked.filter((c) => correct.has(c)).length;
  const wrong = picked.length - right;
  return Math.max(0, Math.round((full * (right - wrong)) / correct.size));
}

/** Points earned on one question (rounded to 2 decimals). */
export function scoreQuestion(
  item: ScoredItem,
  chosen: readonly number[],
  policy: ScoringPolicy,
): number {
  return earnedHundredths(item, chosen, policy) / 100;
}

export function scoreAttempt(
  items: readonly ScoredItem[],
  answers: Answers,
  policy: ScoringPolicy,
): AttemptScore {
  let score = 0;
  let maxScore = 0;
  let correctCount = 0;
  for (const item of items) {
    const chosen = answers.get(item.questionId) ?? [];
    const full = toHundredths(questionPoints(item.difficulty, policy.points));
    // Judged once per question (a deadline grades thousands of attempts at once).
    const exact = chosen.length > 0 && isCorrectChoice(chosen, item.correct);
    score += exact ? full : partialHundredths(item, chosen, policy, full);
    maxScore += full;
    if (exact) correctCount++;
  }
  return {
    score: score / 100,
    maxScore: maxScore / 100,
    correctCount,
    perfect: items.length > 0 && correctCount === items.length,
  };
}

function toHundredths(points: number): number {
  return Math.round(points * 100);
}

function isHundredths(value: number): boolean {
  return Math.abs(value * 100 - Math.round(value * 100)) < 1e-9;
}
