/**
 * The prediction question (câu hỏi dự đoán) that breaks ties: participants guess how many
 * participants (or what percentage of them) will answer every question of the round correctly.
 * The true value is computed at close from the counted attempts, one per person.
 *
 * Values have at most 2 decimals, so the error is computed in hundredths (integers): two
 * predictions equally far from the truth get exactly the same error.
 */
import {
  PREDICTION_KINDS,
  PREDICTION_QUESTIONS,
  type PredictionKind,
} from '../../shared/round-rules';

export { PREDICTION_KINDS, PREDICTION_QUESTIONS };
export type { PredictionKind };

export interface CountedResult {
  participantId: string;
  perfect: boolean;
}

export type PredictionCheck = { ok: true; value: number } | { ok: false; reason: string };

/**
 * The real figure: the number of participants whose counted attempt is perfect, or their share
 * of all participants in percent rounded to 2 decimals (0 when nobody took part).
 * `counted` holds one attempt per person (see `countedAttempts`); a repeat is a bug and throws.
 */
export function truePredictionValue(
  kind: PredictionKind,
  counted: readonly CountedResult[],
): number {
  const people = new Set(counted.map((c) => c.participantId));
  if (people.size !== counted.length) {
    throw new Error('truePredictionValue expects one counted attempt per participant');
  }
  const perfect = counted.filter((c) => c.perfect).length;
  switch (kind) {
    case 'perfect_count':
      return perfect;
    case 'perfect_percent':
      return counted.length === 0 ? 0 : Math.round((perfect * 10000) / counted.length) / 100;
  }
}

/** A participant's answer to the prediction question, checked; messages in Vietnamese. */
export function validatePrediction(kind: PredictionKind, value: number): PredictionCheck {
  switch (kind) {
    case 'perfect_count':
      return Number.isSafeInteger(value) && value >= 0
        ? { ok: true, value }
        : { ok: false, reason: 'Số người dự đoán phải là số nguyên không âm.' };
    case 'perfect_percent':
      return Number.isFinite(value) && value >= 0 && value <= 100 && hasAtMostTwoDecimals(value)
        ? { ok: true, value }
        : { ok: false, reason: 'Tỉ lệ dự đoán phải từ 0 đến 100, tối đa 2 chữ số thập phân.' };
  }
}

/** |predicted − trueValue|, exact for values with at most 2 decimals. */
export function predictionError(predicted: number, trueValue: number): number {
  return Math.abs(Math.round(predicted * 100) - Math.round(trueValue * 100)) / 100;
}

function hasAtMostTwoDecimals(value: number): boolean {
  return Math.abs(value * 100 - Math.round(value * 100)) < 1e-9;
}
