/**
 * Drawing practice questions, pure: a random sample of `length` questions, spread as evenly as
 * possible over the chosen topics (round-robin over shuffled per-topic lists), in random order.
 * `random` is injected so tests are deterministic.
 */
export interface Candidate {
  id: string;
  topicId: string;
}

export type Random = () => number;

export function shuffle<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export function drawBalanced(
  candidates: readonly Candidate[],
  length: number,
  random: Random,
): Candidate[] {
  const byTopic = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const list = byTopic.get(c.topicId) ?? [];
    list.push(c);
    byTopic.set(c.topicId, list);
  }
  const queues = shuffle([...byTopic.values()], random).map((list) => shuffle(list, random));
  const picked: Candidate[] = [];
  while (picked.length < length && queues.some((q) => q.length > 0)) {
    for (const queue of queues) {
      const next = queue.pop();
      if (next) picked.push(next);
      if (picked.length === length) break;
    }
  }
  return shuffle(picked, random);
}

/** Mulberry32: a small seeded generator for tests and reproducible draws. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Whether a set of chosen options is exactly the set of correct ones. */
export function isCorrectChoice(chosen: readonly number[], correct: readonly number[]): boolean {
  // The same sets: each side's options all on the other side (repeats do not count). A handful
  // of options each, so two scans allocate nothing, where sets and sorts made garbage per
  // question at a deadline's thousands of grades.
  for (const c of chosen) if (!correct.includes(c)) return false;
  for (const c of correct) if (!chosen.includes(c)) return false;
  return true;
}
