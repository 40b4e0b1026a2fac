import {
  PREDICTION_QUESTIONS,
  predictionError,
  truePredictionValue,
  validatePrediction,
} from './prediction';

const results = (perfect: number, others: number) => [
  ...Array.from({ length: perfect }, (_, i) => ({ participantId: `p${String(i)}`, perfect: true })),
  ...Array.from({ length: others }, (_, i) => ({ participantId: `o${String(i)}`, perfect: false })),
];

describe('truePredictionValue', () => {
  it('counts the participants whose counted attempt is perfect', () => {
    expect(truePredictionValue('perfect_count', results(7, 13))).toBe(7);
  });

  it('gives the percentage of perfect participants rounded to 2 decimals', () => {
    expect(truePredictionValue('perfect_percent', results(7, 13))).toBe(35);
    expect(truePredictionValue('perfect_percent', results(1, 2))).toBe(33.33);
    expect(truePredictionValue('perfect_percent', results(2, 1))).toBe(66.67);
    expect(truePredictionValue('perfect_percent', results(235, 765))).toBe(23.5);
  });

  it('is zero when nobody took part', () => {
    expect(truePredictionValue('perfect_count', [])).toBe(0);
    expect(truePredictionValue('perfect_percent', [])).toBe(0);
  });

  it('is 100 percent when everyone is perfect', () => {
    expect(truePredictionValue('perfect_percent', results(4, 0))).toBe(100);
  });

  it('refuses two counted attempts for the same person', () => {
    const twice = [
      { participantId: 'a', perfect: true },
      { participantId: 'a', perfect: false },
    ];
    expect(() => truePredictionValue('perfect_count', twice)).toThrow(/one counted attempt/);
  });
});

describe('validatePrediction', () => {
  it.each([0, 1, 25980])('accepts the count %p', (value) => {
    expect(validatePrediction('perfect_count', value)).toEqual({ ok: true, value });
  });

  it.each([-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])(
    'refuses the count %p',
    (value) => {
      expect(validatePrediction('perfect_count', value)).toEqual({
        ok: false,
        reason: 'Số người dự đoán phải là số nguyên không âm.',
      });
    },
  );

  it.each([0, 23.5, 33.33, 0.01, 100])('accepts the percentage %p', (value) => {
    expect(validatePrediction('perfect_percent', value)).toEqual({ ok: true, value });
  });

  it.each([-0.01, 100.01, 33.333, Number.NaN])('refuses the percentage %p', (value) => {
    expect(validatePrediction('perfect_percent', value)).toEqual({
      ok: false,
      reason: 'Tỉ lệ dự đoán phải từ 0 đến 100, tối đa 2 chữ số thập phân.',
    });
  });
});

describe('predictionError', () => {
  it('is the distance between the prediction and the true value', () => {
    expect(predictionError(120, 100)).toBe(20);
    expect(predictionError(80, 100)).toBe(20);
    expect(predictionError(100, 100)).toBe(0);
  });

  it('is exact for percentages, so equally close predictions tie', () => {
    expect(predictionError(12.35, 12.3)).toBe(0.05);
    expect(predictionError(12.25, 12.3)).toBe(0.05);
    expect(predictionError(33.33, 23.5)).toBe(9.83);
  });
});

describe('PREDICTION_QUESTIONS', () => {
  it('asks the default question in Vietnamese', () => {
    expect(PREDICTION_QUESTIONS.perfect_count).toContain('bao nhiêu người trả lời đúng tất cả');
    expect(PREDICTION_QUESTIONS.perfect_percent).toContain('bao nhiêu phần trăm');
  });
});
