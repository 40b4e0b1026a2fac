import { Audience, Difficulty } from '../../question-banks/domain/question';
import {
  Blueprint,
  InvalidBlueprintError,
  PoolItem,
  blueprintSize,
  eligiblePool,
  fitsAudience,
  validateBlueprint,
} from './blueprint';

let nextId = 0;
function items(
  topicCode: string,
  difficulty: Difficulty,
  n: number,
  audience: Audience = 'all',
): PoolItem[] {
  return Array.from({ length: n }, () => ({
    questionId: `q${String(nextId++).padStart(4, '0')}`,
    version: 1,
    topicCode,
    difficulty,
    type: 'single' as const,
    optionCount: 4,
    audience,
  }));
}

const pool: PoolItem[] = [
  ...items('TTHC', 'easy', 3),
  ...items('TTHC', 'medium', 2),
  ...items('TTHC', 'hard', 1),
  ...items('CPS', 'easy', 4),
];

describe('fitsAudience', () => {
  it.each<[Audience, Audience, boolean]>([
    ['all', 'civil_servant', true],
    ['all', 'citizen', true],
    ['all', 'all', true],
    ['civil_servant', 'civil_servant', true],
    ['civil_servant', 'citizen', false],
    ['citizen', 'civil_servant', false],
    ['citizen', 'all', false],
    ['civil_servant', 'all', false],
  ])('gives a question for %s to the group %s: %s', (question, group, fits) => {
    expect(fitsAudience(question, group)).toBe(fits);
  });
});

describe('eligiblePool', () => {
  it('keeps only the questions that fit the group', () => {
    const mixed = [
      ...items('A', 'easy', 1, 'all'),
      ...items('A', 'easy', 1, 'citizen'),
      ...items('A', 'easy', 1, 'civil_servant'),
    ];
    expect(eligiblePool(mixed, 'citizen').map((q) => q.audience)).toEqual(['all', 'citizen']);
    expect(eligiblePool(mixed)).toHaveLength(3);
  });

  it('sorts by question id and keeps one item per question', () => {
    const [a, b] = items('A', 'easy', 2);
    expect(
      eligiblePool([b, a, { ...b, version: 2 }]).map((q) => [q.questionId, q.version]),
    ).toEqual([
      [a.questionId, 1],
      [b.questionId, 1],
    ]);
  });
});

describe('validateBlueprint', () => {
  it('accepts a blueprint the pool can satisfy', () => {
    const blueprint: Blueprint = [
      { topicCode: 'TTHC', difficulty: 'easy', count: 3 },
      { topicCode: 'TTHC', count: 3 },
      { topicCode: 'CPS', count: 4 },
    ];
    expect(validateBlueprint(blueprint, pool)).toEqual([]);
  });

  it('names the topic, the difficulty and both counts when a cell asks for too many', () => {
    expect(validateBlueprint([{ topicCode: 'TTHC', difficulty: 'hard', count: 2 }], pool)).toEqual([
      {
        cells: [0],
        message: 'Chủ đề "TTHC", mức Khó: cần 2 câu nhưng ngân hàng chỉ có 1 câu phù hợp.',
      },
    ]);
  });

  it('counts a topic-wide cell together with the same topic’s difficulty cells', () => {
    const problems = validateBlueprint(
      [
        { topicCode: 'TTHC', difficulty: 'easy', count: 3 },
        { topicCode: 'TTHC', count: 4 },
      ],
      pool,
    );
    expect(problems).toEqual([
      {
        cells: [0, 1],
        message: 'Chủ đề "TTHC": cần tổng cộng 7 câu nhưng ngân hàng chỉ có 6 câu phù hợp.',
      },
    ]);
  });

  it('accepts a topic-wide cell listed before the difficulty cell it overlaps', () => {
    expect(
      validateBlueprint(
        [
          { topicCode: 'TTHC', count: 5 },
          { topicCode: 'TTHC', difficulty: 'hard', count: 1 },
        ],
        pool,
      ),
    ).toEqual([]);
  });

  it('reports a topic the pool does not have at all', () => {
    expect(validateBlueprint([{ topicCode: 'TCC', count: 1 }], pool)[0].message).toBe(
      'Chủ đề "TCC": cần tổng cộng 1 câu nhưng ngân hàng chỉ có 0 câu phù hợp.',
    );
  });

  it('checks the counts against the questions that fit the group', () => {
    const mixed = [...items('A', 'easy', 2, 'citizen'), ...items('A', 'easy', 1, 'all')];
    const blueprint: Blueprint = [{ topicCode: 'A', difficulty: 'easy', count: 3 }];
    expect(validateBlueprint(blueprint, mixed, 'citizen')).toEqual([]);
    expect(validateBlueprint(blueprint, mixed, 'civil_servant')[0].message).toContain(
      'cần 3 câu nhưng ngân hàng chỉ có 1 câu',
    );
  });

  it.each([0, -2, 1.5, Number.NaN])('refuses a count of %p', (count) => {
    const problems = validateBlueprint([{ topicCode: 'CPS', count }], pool);
    expect(problems).toEqual([
      {
        cells: [0],
        message: `Ô 1 (chủ đề "CPS", mọi mức độ): số câu phải là số nguyên lớn hơn 0 (đang là ${String(count)}).`,
      },
    ]);
  });

  it('refuses two cells for the same topic and difficulty', () => {
    expect(
      validateBlueprint(
        [
          { topicCode: 'TTHC', difficulty: 'easy', count: 1 },
          { topicCode: 'CPS', count: 1 },
          { topicCode: 'TTHC', difficulty: 'easy', count: 1 },
        ],
        pool,
      ),
    ).toEqual([
      {
        cells: [0, 2],
        message: 'Ô 3 trùng với ô 1 (chủ đề "TTHC", mức Dễ): hãy gộp thành một ô.',
      },
    ]);
  });

  it('refuses two topic-wide cells for the same topic', () => {
    const problems = validateBlueprint(
      [
        { topicCode: 'CPS', count: 1 },
        { topicCode: 'CPS', count: 2 },
      ],
      pool,
    );
    expect(problems.map((p) => p.message)).toEqual([
      'Ô 2 trùng với ô 1 (chủ đề "CPS", mọi mức độ): hãy gộp thành một ô.',
    ]);
  });

  it('does not count the same topic at different difficulties as duplicates', () => {
    expect(
      validateBlueprint(
        [
          { topicCode: 'TTHC', difficulty: 'easy', count: 1 },
          { topicCode: 'TTHC', difficulty: 'medium', count: 1 },
          { topicCode: 'TTHC', count: 1 },
        ],
        pool,
      ),
    ).toEqual([]);
  });

  it('refuses an empty blueprint, a cell without topic and an unknown difficulty', () => {
    expect(validateBlueprint([], pool)).toEqual([
      { cells: [], message: 'Cấu trúc đề chưa có ô nào.' },
    ]);
    expect(validateBlueprint([{ topicCode: ' ', count: 1 }], pool)[0].message).toBe(
      'Ô 1: chưa chọn chủ đề.',
    );
    const odd = { topicCode: 'CPS', difficulty: 'extreme' as Difficulty, count: 1 };
    expect(validateBlueprint([odd], pool)).toEqual([
      { cells: [0], message: 'Ô 1 (chủ đề "CPS", mức extreme): mức độ không hợp lệ.' },
    ]);
  });

  it('reports every problem at once', () => {
    const problems = validateBlueprint(
      [
        { topicCode: 'CPS', count: 0 },
        { topicCode: 'TTHC', difficulty: 'hard', count: 5 },
        { topicCode: 'TTHC', difficulty: 'hard', count: 1 },
      ],
      pool,
    );
    expect(problems).toHaveLength(3);
  });
});

describe('blueprintSize', () => {
  it('adds up the cells', () => {
    expect(
      blueprintSize([
        { topicCode: 'A', count: 2 },
        { topicCode: 'B', difficulty: 'hard', count: 4 },
      ]),
    ).toBe(6);
  });
});

describe('InvalidBlueprintError', () => {
  it('carries the problems, a stable code and a Vietnamese message', () => {
    const error = new InvalidBlueprintError([{ cells: [0], message: 'Ô 1: chưa chọn chủ đề.' }]);
    expect(error.code).toBe('INVALID_BLUEPRINT');
    expect(error.kind).toBe('unprocessable');
    expect(error.message).toBe('Cấu trúc đề không hợp lệ: Ô 1: chưa chọn chủ đề.');
    expect(error.details).toEqual([
      { field: 'blueprint', message: 'Ô 1: chưa chọn chủ đề.', cells: [0] },
    ]);
  });
});
