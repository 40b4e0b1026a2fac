import fc from 'fast-check';
import {
  Audience,
  DIFFICULTIES,
  Difficulty,
  QuestionType,
} from '../../question-banks/domain/question';
import {
  Blueprint,
  BlueprintCell,
  InvalidBlueprintError,
  PoolItem,
  validateBlueprint,
} from './blueprint';
import {
  DrawOptions,
  DrawnQuestion,
  MAX_SEED,
  drawAttempt,
  mapChoiceToOriginal,
  mapChoicesToOriginal,
  mapOriginalToChoice,
  verifyDraw,
} from './draw';

function items(
  topicCode: string,
  difficulty: Difficulty,
  n: number,
  extra: Partial<PoolItem> = {},
): PoolItem[] {
  return Array.from({ length: n }, (_, i) => ({
    questionId: `${topicCode}-${difficulty}-${String(i)}${extra.audience ?? ''}`,
    version: 1,
    topicCode,
    difficulty,
    type: 'single' as const,
    optionCount: 4,
    audience: 'all' as const,
    ...extra,
  }));
}

const pool: PoolItem[] = [
  ...items('QL', 'easy', 5),
  ...items('TC', 'medium', 5),
  ...items('TTHC', 'easy', 6),
  ...items('TTHC', 'medium', 6),
  ...items('TTHC', 'hard', 3),
  ...items('CC', 'hard', 4, { type: 'true_false', optionCount: 2 }),
];

/** The example of the rules: 15 questions stratified by topic, one cell split by difficulty. */
const blueprint: Blueprint = [
  { topicCode: 'QL', count: 2 },
  { topicCode: 'TC', count: 2 },
  { topicCode: 'TTHC', difficulty: 'hard', count: 2 },
  { topicCode: 'TTHC', count: 7 },
  { topicCode: 'CC', count: 2 },
];

const options: DrawOptions = { seed: 42, shuffleQuestions: true, shuffleOptions: true };

const byId = new Map(pool.map((q) => [q.questionId, q]));
const ids = (drawn: readonly DrawnQuestion[]) => drawn.map((d) => d.questionId);
const isPermutation = (order: readonly number[], n: number) =>
  order.length === n && [...order].sort((a, b) => a - b).every((v, i) => v === i);

describe('drawAttempt', () => {
  it('draws exactly the count of every cell from that cell’s topic and difficulty', () => {
    const drawn = drawAttempt(pool, blueprint, options);
    expect(drawn).toHaveLength(15);
    blueprint.forEach((cell, i) => {
      const mine = drawn.filter((d) => d.cell === i).map((d) => byId.get(d.questionId)!);
      expect(mine).toHaveLength(cell.count);
      for (const q of mine) {
        expect(q.topicCode).toBe(cell.topicCode);
        if (cell.difficulty) expect(q.difficulty).toBe(cell.difficulty);
      }
    });
  });

  it('never draws a question twice, even when a topic-wide cell overlaps a difficulty cell', () => {
    for (let seed = 0; seed < 200; seed++) {
      const drawn = drawAttempt(pool, blueprint, { ...options, seed });
      expect(new Set(ids(drawn)).size).toBe(drawn.length);
    }
  });

  it('fills the difficulty cell first even when the topic-wide cell comes before it', () => {
    // TTHC has 3 hard questions; the topic-wide cell could take them all if drawn first.
    const tight: Blueprint = [
      { topicCode: 'TTHC', count: 12 },
      { topicCode: 'TTHC', difficulty: 'hard', count: 3 },
    ];
    for (let seed = 0; seed < 50; seed++) {
      const drawn = drawAttempt(pool, tight, { ...options, seed });
      const hard = drawn.filter((d) => d.cell === 1).map((d) => byId.get(d.questionId)!);
      expect(hard.map((q) => q.difficulty)).toEqual(['hard', 'hard', 'hard']);
      expect(drawn.filter((d) => d.cell === 0)).toHaveLength(12);
      expect(new Set(ids(drawn)).size).toBe(15);
    }
  });

  it('gives the same draw for the same seed and a different one for another seed', () => {
    expect(drawAttempt(pool, blueprint, options)).toEqual(drawAttempt(pool, blueprint, options));
    expect(drawAttempt(pool, blueprint, options)).not.toEqual(
      drawAttempt(pool, blueprint, { ...options, seed: 43 }),
    );
  });

  it('does not depend on the order the pool was listed in', () => {
    expect(drawAttempt([...pool].reverse(), blueprint, options)).toEqual(
      drawAttempt(pool, blueprint, options),
    );
  });

  it('keeps the blueprint order cell by cell when questions are not shuffled', () => {
    const drawn = drawAttempt(pool, blueprint, { ...options, shuffleQuestions: false });
    expect(drawn.map((d) => d.cell)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 3, 4, 4]);
  });

  it('mixes the cells when questions are shuffled, drawing the same questions', () => {
    const plain = drawAttempt(pool, blueprint, { ...options, shuffleQuestions: false });
    const mixed = drawAttempt(pool, blueprint, options);
    expect(mixed.map((d) => d.cell)).not.toEqual(plain.map((d) => d.cell));
    expect(ids(mixed).sort()).toEqual(ids(plain).sort());
  });

  it('gives every question a permutation of its options when options are shuffled', () => {
    const drawn = drawAttempt(pool, blueprint, options);
    for (const d of drawn) {
      expect(isPermutation(d.optionOrder, byId.get(d.questionId)!.optionCount)).toBe(true);
    }
    expect(drawn.some((d) => d.optionOrder.some((o, i) => o !== i))).toBe(true);
  });

  it('keeps the original option order when options are not shuffled', () => {
    const drawn = drawAttempt(pool, blueprint, { ...options, shuffleOptions: false });
    for (const d of drawn) {
      expect(d.optionOrder).toEqual([...Array(byId.get(d.questionId)!.optionCount).keys()]);
    }
  });

  it('keeps Đúng before Sai in true/false questions even when options are shuffled', () => {
    for (let seed = 0; seed < 50; seed++) {
      const drawn = drawAttempt(pool, [{ topicCode: 'CC', count: 4 }], { ...options, seed });
      for (const d of drawn) expect(d.optionOrder).toEqual([0, 1]);
    }
  });

  it('records the version of each drawn question', () => {
    const versioned = items('X', 'easy', 3, { version: 7 });
    const drawn = drawAttempt(versioned, [{ topicCode: 'X', count: 3 }], options);
    expect(drawn.map((d) => d.version)).toEqual([7, 7, 7]);
  });

  it('draws only questions that fit the participant group', () => {
    const mixed = [
      ...items('A', 'easy', 4, { audience: 'all' }),
      ...items('A', 'easy', 4, { audience: 'citizen' }),
      ...items('A', 'easy', 4, { audience: 'civil_servant' }),
    ];
    const audienceOf = new Map(mixed.map((q) => [q.questionId, q.audience]));
    for (let seed = 0; seed < 30; seed++) {
      const drawn = drawAttempt(mixed, [{ topicCode: 'A', count: 8 }], {
        ...options,
        seed,
        audience: 'civil_servant',
      });
      expect(drawn.every((d) => audienceOf.get(d.questionId) !== 'citizen')).toBe(true);
    }
  });

  it('refuses a blueprint the pool cannot satisfy', () => {
    const tooMany: Blueprint = [{ topicCode: 'TTHC', difficulty: 'hard', count: 4 }];
    expect(() => drawAttempt(pool, tooMany, options)).toThrow(InvalidBlueprintError);
    expect(() => drawAttempt(pool, tooMany, options)).toThrow(
      'Chủ đề "TTHC", mức Khó: cần 4 câu nhưng ngân hàng chỉ có 3 câu phù hợp.',
    );
  });

  it.each([-1, 1.5, MAX_SEED + 1, Number.NaN])('refuses the seed %p', (seed) => {
    expect(() => drawAttempt(pool, blueprint, { ...options, seed })).toThrow(RangeError);
  });

  it('accepts the extreme seeds 0 and 2^32 − 1', () => {
    expect(drawAttempt(pool, blueprint, { ...options, seed: 0 })).toHaveLength(15);
    expect(drawAttempt(pool, blueprint, { ...options, seed: MAX_SEED })).toHaveLength(15);
  });
});

describe('verifyDraw', () => {
  it('confirms a recorded draw and rejects a tampered one', () => {
    const recorded = drawAttempt(pool, blueprint, options);
    expect(verifyDraw(pool, blueprint, options, recorded)).toBe(true);
    const swapped = recorded.map((d, i) =>
      i === 0 ? { ...d, optionOrder: [...d.optionOrder].reverse() } : d,
    );
    expect(verifyDraw(pool, blueprint, options, swapped)).toBe(false);
    expect(verifyDraw(pool, blueprint, options, recorded.slice(1))).toBe(false);
    expect(verifyDraw(pool, blueprint, { ...options, seed: 1 }, recorded)).toBe(false);
  });
});

describe('option mapping', () => {
  const order = [2, 0, 3, 1]; // displayed A = original 2, B = 0, C = 3, D = 1

  it('maps a displayed choice to the original option index', () => {
    expect([0, 1, 2, 3].map((c) => mapChoiceToOriginal(order, c))).toEqual([2, 0, 3, 1]);
  });

  it('maps an original option index back to where it is displayed', () => {
    expect([0, 1, 2, 3].map((o) => mapOriginalToChoice(order, o))).toEqual([1, 3, 0, 2]);
  });

  it('round-trips every choice of every drawn question', () => {
    for (const d of drawAttempt(pool, blueprint, options)) {
      d.optionOrder.forEach((_, c) => {
        expect(mapOriginalToChoice(d.optionOrder, mapChoiceToOriginal(d.optionOrder, c))).toBe(c);
      });
    }
  });

  it('maps a multiple-answer choice to sorted original indexes without duplicates', () => {
    expect(mapChoicesToOriginal(order, [2, 0, 2])).toEqual([2, 3]);
    expect(mapChoicesToOriginal(order, [])).toEqual([]);
  });

  it.each([-1, 4, 1.5])('refuses the displayed choice %p', (choice) => {
    expect(() => mapChoiceToOriginal(order, choice)).toThrow(RangeError);
  });

  it.each([-1, 4, 0.5])('refuses the original index %p', (original) => {
    expect(() => mapOriginalToChoice(order, original)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------- properties

const TOPICS = ['QL', 'TC', 'TTHC', 'CC'] as const;
const TYPES: readonly QuestionType[] = ['single', 'multiple', 'true_false'];
const AUDIENCES: readonly Audience[] = ['all', 'civil_servant', 'citizen'];

const poolArb = fc
  .array(
    fc.record({
      topicCode: fc.constantFrom(...TOPICS),
      difficulty: fc.constantFrom(...DIFFICULTIES),
      type: fc.constantFrom(...TYPES),
      optionCount: fc.integer({ min: 2, max: 6 }),
      audience: fc.constantFrom(...AUDIENCES),
      version: fc.integer({ min: 1, max: 5 }),
    }),
    { maxLength: 40 },
  )
  .map((rows) =>
    rows.map((r, i): PoolItem => ({
      ...r,
      questionId: `q${String(i)}`,
      optionCount: r.type === 'true_false' ? 2 : r.optionCount,
    })),
  );

interface CellRequest {
  topicCode: string;
  difficulty: Difficulty | undefined;
  fraction: number;
}

const requestArb = fc.array(
  fc.record({
    topicCode: fc.constantFrom(...TOPICS),
    difficulty: fc.option(fc.constantFrom(...DIFFICULTIES), { nil: undefined }),
    // Biased to the extremes so that blueprints often use a bucket up to its last question.
    fraction: fc.oneof(fc.constant(1), fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
  }),
  { minLength: 1, maxLength: 10 },
);

/** A feasible blueprint for `pool`: difficulty cells within their bucket, topic cells within what is left. */
function feasibleBlueprint(pool: readonly PoolItem[], requests: readonly CellRequest[]): Blueprint {
  const keys = new Set<string>();
  const wanted = requests.filter((r) => {
    const key = `${r.topicCode}/${r.difficulty ?? '*'}`;
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  });
  const counts = new Map<number, number>();
  const used = new Map<string, number>();
  const pick = (capacity: number, fraction: number) =>
    capacity <= 0 ? 0 : 1 + Math.floor(fraction * (capacity - 1));
  wanted.forEach((r, i) => {
    if (r.difficulty === undefined) return;
    const n = pick(
      pool.filter((q) => q.topicCode === r.topicCode && q.difficulty === r.difficulty).length,
      r.fraction,
    );
    counts.set(i, n);
    used.set(r.topicCode, (used.get(r.topicCode) ?? 0) + n);
  });
  wanted.forEach((r, i) => {
    if (r.difficulty !== undefined) return;
    const left =
      pool.filter((q) => q.topicCode === r.topicCode).length - (used.get(r.topicCode) ?? 0);
    counts.set(i, pick(left, r.fraction));
  });
  return wanted
    .map((r, i): BlueprintCell => ({
      topicCode: r.topicCode,
      difficulty: r.difficulty,
      count: counts.get(i) ?? 0,
    }))
    .filter((c) => c.count > 0);
}

/** Independent feasibility oracle: a perfect bipartite matching of question slots to questions. */
function matchable(pool: readonly PoolItem[], blueprint: Blueprint): boolean {
  const slots = blueprint.flatMap((cell) => Array.from({ length: cell.count }, () => cell));
  const owner = new Map<string, number>();
  const tryAssign = (slot: number, visited: Set<string>): boolean => {
    const cell = slots[slot];
    for (const q of pool) {
      if (q.topicCode !== cell.topicCode) continue;
      if (cell.difficulty !== undefined && q.difficulty !== cell.difficulty) continue;
      if (visited.has(q.questionId)) continue;
      visited.add(q.questionId);
      const current = owner.get(q.questionId);
      if (current === undefined || tryAssign(current, visited)) {
        owner.set(q.questionId, slot);
        return true;
      }
    }
    return false;
  };
  return slots.every((_, slot) => tryAssign(slot, new Set()));
}

describe('draw properties', () => {
  it('satisfies every feasible blueprint exactly, without repeats, deterministically', () => {
    fc.assert(
      fc.property(
        poolArb,
        requestArb,
        fc.integer({ min: 0, max: MAX_SEED }),
        fc.boolean(),
        fc.boolean(),
        (pool, requests, seed, shuffleQuestions, shuffleOptions) => {
          const bp = feasibleBlueprint(pool, requests);
          fc.pre(bp.length > 0);
          expect(validateBlueprint(bp, pool)).toEqual([]);
          const opts = { seed, shuffleQuestions, shuffleOptions };
          const drawn = drawAttempt(pool, bp, opts);
          const items = new Map(pool.map((q) => [q.questionId, q]));
          bp.forEach((cell, i) => {
            const mine = drawn.filter((d) => d.cell === i);
            expect(mine).toHaveLength(cell.count);
            for (const d of mine) {
              const q = items.get(d.questionId)!;
              expect(q.topicCode).toBe(cell.topicCode);
              if (cell.difficulty !== undefined) expect(q.difficulty).toBe(cell.difficulty);
              expect(d.version).toBe(q.version);
              expect(isPermutation(d.optionOrder, q.optionCount)).toBe(true);
              if (q.type === 'true_false') expect(d.optionOrder).toEqual([0, 1]);
            }
          });
          expect(new Set(drawn.map((d) => d.questionId)).size).toBe(drawn.length);
          expect(drawAttempt([...pool].reverse(), bp, opts)).toEqual(drawn);
        },
      ),
      { numRuns: 300 },
    );
  });

  /** Checks the validator against the oracle, and the draw against both. */
  const agreesWithOracle = (pool: readonly PoolItem[], bp: Blueprint, seed: number) => {
    const feasible = matchable(pool, bp);
    expect(validateBlueprint(bp, pool).length === 0).toBe(feasible);
    const draw = () =>
      drawAttempt(pool, bp, { seed, shuffleQuestions: true, shuffleOptions: true });
    if (feasible) expect(draw()).toHaveLength(bp.reduce((s, c) => s + c.count, 0));
    else expect(draw).toThrow(InvalidBlueprintError);
    return feasible;
  };

  it('accepts a blueprint exactly when its questions can be matched to distinct pool questions', () => {
    const anyBlueprint = fc
      .array(
        fc.record({
          topicCode: fc.constantFrom(...TOPICS),
          difficulty: fc.option(fc.constantFrom(...DIFFICULTIES), { nil: undefined }),
          count: fc.integer({ min: 1, max: 6 }),
        }),
        { minLength: 1, maxLength: 6 },
      )
      .map((cells) =>
        cells.filter(
          (c, i) =>
            cells.findIndex((o) => o.topicCode === c.topicCode && o.difficulty === c.difficulty) ===
            i,
        ),
      );
    fc.assert(
      fc.property(poolArb, anyBlueprint, fc.nat({ max: MAX_SEED }), (pool, bp, seed) => {
        agreesWithOracle(pool, bp, seed);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a blueprint one question beyond what the pool can give, and no sooner', () => {
    let refused = 0;
    fc.assert(
      fc.property(
        poolArb,
        requestArb,
        fc.nat(),
        fc.integer({ min: 0, max: 2 }),
        fc.nat({ max: MAX_SEED }),
        (pool, requests, which, extra, seed) => {
          const bp = feasibleBlueprint(pool, requests);
          fc.pre(bp.length > 0);
          const bumped = bp.map((c, i) =>
            i === which % bp.length ? { ...c, count: c.count + extra } : c,
          );
          if (!agreesWithOracle(pool, bumped, seed)) refused++;
        },
      ),
      { numRuns: 400 },
    );
    expect(refused).toBeGreaterThan(50); // the boundary is really exercised
  });
});
