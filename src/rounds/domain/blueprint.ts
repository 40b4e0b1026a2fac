/**
 * The draw blueprint (cấu trúc đề) of a timed round: how many questions each attempt takes from
 * each topic, optionally from one difficulty level only. Pure: no Nest, no TypeORM, no I/O.
 *
 * A topic may have cells for single difficulties and one cell "any difficulty". The draw fills
 * the single-difficulty cells first and the "any difficulty" cell from what is left, whatever
 * the order of the cells, so a blueprint is feasible exactly when, for every topic,
 *   - each single-difficulty cell fits in the pool's questions of that topic × difficulty, and
 *   - all the topic's cells together fit in the pool's questions of that topic.
 */
import { DomainError } from '../../common/errors/domain-error';
import { compareStrings } from './compare';
import { DIFFICULTY_LABELS, type Blueprint, type BlueprintCell } from '../../shared/round-rules';
import {
  Audience,
  DIFFICULTIES,
  Difficulty,
  QuestionType,
} from '../../question-banks/domain/question';

export type { Blueprint, BlueprintCell };

/** One question a round may draw: the published version of a bank question. */
export interface PoolItem {
  questionId: string;
  version: number;
  topicCode: string;
  difficulty: Difficulty;
  type: QuestionType;
  optionCount: number;
  audience: Audience;
}

export interface BlueprintProblem {
  /** Zero-based indexes of the cells the problem is about. */
  cells: number[];
  /** Vietnamese, shown to the organizer. */
  message: string;
}

export { DIFFICULTY_LABELS };

/** Thrown by the draw when the blueprint cannot be satisfied by the pool. */
export class InvalidBlueprintError extends DomainError {
  constructor(readonly problems: BlueprintProblem[]) {
    super(
      'unprocessable',
      'INVALID_BLUEPRINT',
      `Cấu trúc đề không hợp lệ: ${problems.map((p) => p.message).join(' ')}`,
      problems.map((p) => ({ field: 'blueprint', message: p.message, cells: p.cells })),
    );
  }
}

/**
 * Whether a question written for `questionAudience` may be given to a participant group.
 * A question for `all` fits every group; otherwise the audiences must match, so a group
 * `all` (a contest that does not split people) only gets questions written for everyone.
 */
export function fitsAudience(questionAudience: Audience, groupAudience: Audience): boolean {
  return questionAudience === 'all' || questionAudience === groupAudience;
}

/**
 * The pool a participant group draws from: filtered by audience (no filter when `audience` is
 * undefined), one item per question id (the first one wins), sorted by question id so that a
 * draw depends on the pool's content and the seed, never on the order a query returned rows.
 */
export function eligiblePool(pool: readonly PoolItem[], audience?: Audience): PoolItem[] {
  const byId = new Map<string, PoolItem>();
  for (const item of pool) {
    if (audience !== undefined && !fitsAudience(item.audience, audience)) continue;
    if (!byId.has(item.questionId)) byId.set(item.questionId, item);
  }
  return [...byId.values()].sort((a, b) => compareStrings(a.questionId, b.questionId));
}

/** Whether a pool item can fill a cell (ignoring whether it was already drawn). */
export function matchesCell(item: PoolItem, cell: BlueprintCell): boolean {
  return (
    item.topicCode === cell.topicCode &&
    (cell.difficulty === undefined || item.difficulty === cell.difficulty)
  );
}

/** Number of questions an attempt drawn from this blueprint has. */
export function blueprintSize(blueprint: Blueprint): number {
  return blueprint.reduce((sum, cell) => sum + cell.count, 0);
}

/**
 * Every reason the blueprint cannot be drawn from `pool` (empty when it can). Pass the pool
 * already narrowed to the group, or the group's `audience` to narrow it here.
 */
export function validateBlueprint(
  blueprint: Blueprint,
  pool: readonly PoolItem[],
  audience?: Audience,
): BlueprintProblem[] {
  if (blueprint.length === 0) return [{ cells: [], message: 'Cấu trúc đề chưa có ô nào.' }];
  const problems: BlueprintProblem[] = [];
  const usable: number[] = [];
  const seen = new Map<string, number>();
  blueprint.forEach((cell, i) => {
    const where = `Ô ${i + 1} (${describeCell(cell)})`;
    let ok = true;
    if (cell.topicCode.trim() === '') {
      problems.push({ cells: [i], message: `Ô ${i + 1}: chưa chọn chủ đề.` });
      ok = false;
    }
    if (cell.difficulty !== undefined && !DIFFICULTIES.includes(cell.difficulty)) {
      problems.push({ cells: [i], message: `${where}: mức độ không hợp lệ.` });
      ok = false;
    }
    if (!Number.isSafeInteger(cell.count) || cell.count <= 0) {
      problems.push({
        cells: [i],
        message: `${where}: số câu phải là số nguyên lớn hơn 0 (đang là ${String(cell.count)}).`,
      });
      ok = false;
    }
    const key = `${cell.topicCode}\u0000${cell.difficulty ?? '*'}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        cells: [first, i],
        message: `Ô ${i + 1} trùng với ô ${first + 1} (${describeCell(cell)}): hãy gộp thành một ô.`,
      });
      ok = false;
    } else seen.set(key, i);
    if (ok) usable.push(i);
  });
  return [...problems, ...shortages(blueprint, usable, eligiblePool(pool, audience))];
}

/** Cells asking for more questions than the pool holds, per topic × difficulty and per topic. */
function shortages(
  blueprint: Blueprint,
  usable: readonly number[],
  pool: readonly PoolItem[],
): BlueprintProblem[] {
  const problems: BlueprintProblem[] = [];
  const topics = [...new Set(usable.map((i) => blueprint[i].topicCode))];
  for (const topic of topics) {
    const cells = usable.filter((i) => blueprint[i].topicCode === topic);
    const inTopic = pool.filter((q) => q.topicCode === topic);
    for (const i of cells) {
      const cell = blueprint[i];
      if (cell.difficulty === undefined) continue;
      const available = inTopic.filter((q) => q.difficulty === cell.difficulty).length;
      if (cell.count > available) {
        problems.push({
          cells: [i],
          message: `Chủ đề "${topic}", mức ${DIFFICULTY_LABELS[cell.difficulty]}: cần ${cell.count} câu nhưng ngân hàng chỉ có ${available} câu phù hợp.`,
        });
      }
    }
    if (cells.every((i) => blueprint[i].difficulty !== undefined)) continue;
    const needed = cells.reduce((sum, i) => sum + blueprint[i].count, 0);
    if (needed > inTopic.length) {
      problems.push({
        cells,
        message: `Chủ đề "${topic}": cần tổng cộng ${needed} câu nhưng ngân hàng chỉ có ${inTopic.length} câu phù hợp.`,
      });
    }
  }
  return problems;
}

function describeCell(cell: BlueprintCell): string {
  // The lookup tolerates a difficulty that is not one of ours (blueprints come from JSON).
  const labels: Partial<Record<string, string>> = DIFFICULTY_LABELS;
  const level =
    cell.difficulty === undefined
      ? 'mọi mức độ'
      : `mức ${labels[cell.difficulty] ?? cell.difficulty}`;
  return `chủ đề "${cell.topicCode}", ${level}`;
}
