import { drawBalanced, isCorrectChoice, seededRandom, shuffle } from './draw';

const pool = (topic: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `${topic}-${i}`, topicId: topic }));

describe('practice draw', () => {
  it('draws the requested number without repeats', () => {
    const picked = drawBalanced([...pool('a', 30), ...pool('b', 30)], 20, seededRandom(1));
    expect(picked).toHaveLength(20);
    expect(new Set(picked.map((p) => p.id)).size).toBe(20);
  });

  it('spreads questions evenly over the chosen topics', () => {
    const picked = drawBalanced(
      [...pool('a', 50), ...pool('b', 50), ...pool('c', 50)],
      30,
      seededRandom(7),
    );
    const per = (t: string) => picked.filter((p) => p.topicId === t).length;
    expect([per('a'), per('b'), per('c')]).toEqual([10, 10, 10]);
  });

  it('fills up from the larger topics when a topic runs out', () => {
    const picked = drawBalanced([...pool('a', 2), ...pool('b', 40)], 10, seededRandom(3));
    expect(picked.filter((p) => p.topicId === 'a')).toHaveLength(2);
    expect(picked.filter((p) => p.topicId === 'b')).toHaveLength(8);
  });

  it('returns everything when the pool is smaller than the length', () => {
    expect(drawBalanced(pool('a', 4), 10, seededRandom(1))).toHaveLength(4);
    expect(drawBalanced([], 10, seededRandom(1))).toEqual([]);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const all = [...pool('a', 20), ...pool('b', 20)];
    expect(drawBalanced(all, 10, seededRandom(5))).toEqual(drawBalanced(all, 10, seededRandom(5)));
    expect(drawBalanced(all, 10, seededRandom(5))).not.toEqual(
      drawBalanced(all, 10, seededRandom(6)),
    );
  });

  it('shuffles without losing or inventing items', () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    expect([...shuffle(items, seededRandom(9))].sort()).toEqual(items);
  });

  it('judges a choice correct only when it is exactly the set of correct options', () => {
    expect(isCorrectChoice([1], [1])).toBe(true);
    expect(isCorrectChoice([2, 0], [0, 2])).toBe(true);
    expect(isCorrectChoice([0], [0, 2])).toBe(false);
    expect(isCorrectChoice([0, 1, 2], [0, 2])).toBe(false);
    expect(isCorrectChoice([], [0])).toBe(false);
    expect(isCorrectChoice([2, 2, 0], [0, 2])).toBe(true);
    expect(isCorrectChoice([], [])).toBe(true);
  });

  it('judges as the distinct sorted options compare, over random choices with repeats', () => {
    const reference = (chosen: number[], correct: number[]) => {
      const a = [...new Set(chosen)].sort((x, y) => x - y);
      const b = [...new Set(correct)].sort((x, y) => x - y);
      return a.length === b.length && a.every((v, i) => v === b[i]);
    };
    const random = seededRandom(7);
    const pick = () =>
      Array.from({ length: Math.floor(random() * 5) }, () => Math.floor(random() * 4));
    let equal = 0;
    for (let i = 0; i < 20_000; i++) {
      const [chosen, correct] = [pick(), pick()];
      const expected = reference(chosen, correct);
      if (expected) equal++;
      expect([chosen, correct, isCorrectChoice(chosen, correct)]).toEqual([
        chosen,
        correct,
        expected,
      ]);
    }
    expect(equal).toBeGreaterThan(500); // both answers are well represented
  });
});
