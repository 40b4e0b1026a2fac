import {
  DEFAULT_SCORING,
  ScoredItem,
  ScoringPolicy,
  questionPoints,
  scoreAttempt,
  scoreQuestion,
  validateScoringPolicy,
} from './scoring';

const single = (
  id: string,
  correct: number,
  difficulty: ScoredItem['difficulty'] = 'easy',
): ScoredItem => ({
  questionId: id,
  type: 'single',
  difficulty,
  correct: [correct],
});
const multiple = (
  id: string,
  correct: number[],
  difficulty: ScoredItem['difficulty'] = 'medium',
): ScoredItem => ({
  questionId: id,
  type: 'multiple',
  difficulty,
  correct,
});
const trueFalse = (id: string, correct: 0 | 1): ScoredItem => ({
  questionId: id,
  type: 'true_false',
  difficulty: 'easy',
  correct: [correct],
});

const byDifficulty: ScoringPolicy = {
  points: { kind: 'by_difficulty', points: { easy: 1, medium: 2, hard: 3 } },
  partialCredit: false,
};
const partial: ScoringPolicy = { ...DEFAULT_SCORING, partialCredit: true };
const answers = (entries: Record<string, number[]>) => new Map(Object.entries(entries));

describe('questionPoints', () => {
  it('gives every question the same points under the equal policy', () => {
    expect(questionPoints('easy', { kind: 'equal', points: 2.5 })).toBe(2.5);
    expect(questionPoints('hard', { kind: 'equal', points: 2.5 })).toBe(2.5);
  });

  it('reads the points from the difficulty map', () => {
    expect(
      ['easy', 'medium', 'hard'].map((d) => questionPoints(d as 'easy', byDifficulty.points)),
    ).toEqual([1, 2, 3]);
  });
});

describe('scoreAttempt', () => {
  const items = [single('a', 0, 'easy'), single('b', 2, 'medium'), single('c', 1, 'hard')];

  it('gives one point per right answer with the default policy', () => {
    expect(scoreAttempt(items, answers({ a: [0], b: [2], c: [0] }), DEFAULT_SCORING)).toEqual({
      score: 2,
      maxScore: 3,
      correctCount: 2,
      perfect: false,
    });
  });

  it('weighs questions by difficulty when the policy says so', () => {
    expect(scoreAttempt(items, answers({ a: [0], b: [1], c: [1] }), byDifficulty)).toEqual({
      score: 4,
      maxScore: 6,
      correctCount: 2,
      perfect: false,
    });
  });

  it('marks an attempt with every question right as perfect', () => {
    expect(scoreAttempt(items, answers({ a: [0], b: [2], c: [1] }), byDifficulty)).toEqual({
      score: 6,
      maxScore: 6,
      correctCount: 3,
      perfect: true,
    });
  });

  it('scores unanswered questions as wrong', () => {
    expect(scoreAttempt(items, answers({ a: [], b: [2] }), DEFAULT_SCORING)).toEqual({
      score: 1,
      maxScore: 3,
      correctCount: 1,
      perfect: false,
    });
  });

  it('does not call an attempt without questions perfect', () => {
    expect(scoreAttempt([], answers({}), DEFAULT_SCORING)).toEqual({
      score: 0,
      maxScore: 0,
      correctCount: 0,
      perfect: false,
    });
  });

  it('ignores answers to questions that are not in the attempt', () => {
    expect(
      scoreAttempt([single('a', 0)], answers({ a: [0], zzz: [1] }), DEFAULT_SCORING).score,
    ).toBe(1);
  });

  it('scores a true/false question like a single-choice one', () => {
    expect(scoreAttempt([trueFalse('t', 1)], answers({ t: [1] }), DEFAULT_SCORING).perfect).toBe(
      true,
    );
    expect(scoreAttempt([trueFalse('t', 1)], answers({ t: [0] }), partial).score).toBe(0);
  });

  it('gives no point for two options chosen on a single-choice question', () => {
    expect(scoreAttempt([single('a', 0)], answers({ a: [0, 1] }), partial).score).toBe(0);
  });
});

describe('multiple-answer questions', () => {
  const q = multiple('m', [0, 2, 3]);

  it('counts a multiple-answer question right only for exactly the correct set', () => {
    expect(scoreQuestion(q, [3, 0, 2], DEFAULT_SCORING)).toBe(1);
    expect(scoreQuestion(q, [0, 2], DEFAULT_SCORING)).toBe(0);
    expect(scoreQuestion(q, [0, 1, 2, 3], DEFAULT_SCORING)).toBe(0);
  });

  it('treats a repeated option as chosen once', () => {
    expect(scoreQuestion(q, [0, 0, 2, 3], DEFAULT_SCORING)).toBe(1);
  });

  describe('with partial credit', () => {
    it('gives the share of correct options chosen when nothing wrong is chosen', () => {
      expect(scoreQuestion(q, [0, 2], partial)).toBe(0.67);
      expect(scoreQuestion(q, [3], partial)).toBe(0.33);
    });

    it('takes one correct option off for each wrong option chosen', () => {
      expect(scoreQuestion(q, [0, 2, 1], partial)).toBe(0.33);
      expect(scoreQuestion(q, [0, 1], partial)).toBe(0);
    });

    it('gives nothing for choosing every option', () => {
      expect(scoreQuestion(multiple('m', [0, 1]), [0, 1, 2, 3], partial)).toBe(0);
    });

    it('never goes below zero', () => {
      expect(scoreQuestion(multiple('m', [0]), [1, 2, 3], partial)).toBe(0);
    });

    it('gives full points for exactly the correct set', () => {
      expect(scoreQuestion(q, [0, 2, 3], partial)).toBe(1);
    });

    it('scales with the question’s points', () => {
      const policy: ScoringPolicy = { ...byDifficulty, partialCredit: true };
      expect(scoreQuestion(multiple('m', [0, 1], 'hard'), [1], policy)).toBe(1.5);
    });

    it('does not count a partly right question as correct', () => {
      const result = scoreAttempt([q, single('s', 1)], answers({ m: [0, 2], s: [1] }), partial);
      expect(result).toEqual({ score: 1.67, maxScore: 2, correctCount: 1, perfect: false });
    });

    it('keeps sums of thirds exact to the hundredth', () => {
      const items = [multiple('x', [0, 1, 2]), multiple('y', [0, 1, 2]), multiple('z', [0, 1, 2])];
      const result = scoreAttempt(items, answers({ x: [0], y: [1], z: [2] }), partial);
      expect(result.score).toBe(0.99);
    });
  });
});

describe('validateScoringPolicy', () => {
  it('accepts the default and a difficulty map', () => {
    expect(validateScoringPolicy(DEFAULT_SCORING)).toEqual([]);
    expect(validateScoringPolicy(byDifficulty)).toEqual([]);
    expect(
      validateScoringPolicy({ ...DEFAULT_SCORING, points: { kind: 'equal', points: 0.25 } }),
    ).toEqual([]);
  });

  it('refuses zero, negative, non-finite and over-precise points in Vietnamese', () => {
    expect(
      validateScoringPolicy({ ...DEFAULT_SCORING, points: { kind: 'equal', points: 0 } }),
    ).toEqual(['Điểm mỗi câu phải là số dương, tối đa 2 chữ số thập phân (đang là 0).']);
    expect(
      validateScoringPolicy({
        partialCredit: false,
        points: {
          kind: 'by_difficulty',
          points: { easy: -1, medium: 0.125, hard: Number.POSITIVE_INFINITY },
        },
      }),
    ).toEqual([
      'Điểm câu mức Dễ phải là số dương, tối đa 2 chữ số thập phân (đang là -1).',
      'Điểm câu mức Trung bình phải là số dương, tối đa 2 chữ số thập phân (đang là 0.125).',
      'Điểm câu mức Khó phải là số dương, tối đa 2 chữ số thập phân (đang là Infinity).',
    ]);
  });
});
