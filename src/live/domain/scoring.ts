/**
 * Scoring rules of the live final, pure: judging a choice, the Kahoot speed formula, the streak
 * bonus and the response time. Integers in, integers out.
 */
import { type LiveQuestion, type LiveSettings } from './live-room.types';

/**
 * Whether the choices answer the question: single and true_false need exactly the one correct
 * index; multiple needs exactly the set of correct indexes (order and duplicates ignored).
 */
export function judgeChoices(question: Pick<LiveQuestion, 'correct'>, choices: number[]): boolean {
  const given = new Set(choices);
  const correct = new Set(question.correct);
  if (given.size !== correct.size) return false;
  for (const choice of given) if (!correct.has(choice)) return false;
  return true;
}

/**
 * Points for a correct answer: round(P × (1 − (t/T)/2)) with speed bonus (P at t = 0, P/2 at
 * t = T), P without. t is clamped to [0, T]; T ≤ 0 counts as an instant answer.
 */
export function speedPoints(
  points: number,
  responseMs: number,
  allowedMs: number,
  speedBonus: boolean,
): number {
  if (!speedBonus || allowedMs <= 0) return points;
  const ratio = Math.min(Math.max(responseMs, 0), allowedMs) / allowedMs;
  return Math.round(points * (1 - ratio / 2));
}

/** Bonus for the `streak`-th correct answer in a row: min(perAnswer × (streak − 1), cap). */
export function streakBonusFor(
  streak: number,
  settings: Pick<LiveSettings, 'streakBonus' | 'streakBonusCap'>,
): number {
  if (settings.streakBonus <= 0 || streak <= 1) return 0;
  return Math.min(settings.streakBonus * (streak - 1), settings.streakBonusCap);
}

/**
 * Response time of an answer arriving at `now` while the deadline is `deadlineAt` and the whole
 * window is `allowedMs`: allowedMs − time left, so paused time and extensions are accounted for.
 * Clamped to [0, allowedMs] (an answer in the grace period counts as given at the deadline).
 */
export function responseTime(now: number, deadlineAt: number, allowedMs: number): number {
  return Math.min(Math.max(allowedMs - (deadlineAt - now), 0), allowedMs);
}
