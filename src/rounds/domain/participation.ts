/**
 * Participation per unit (đơn vị / tổ dân phố, grouped in khối) and the collective ranking
 * (giải tập thể), pure.
 *
 * A unit's `headcount` is the people belonging to it directly, not to its children. Figures
 * roll up: a unit's headcount, participants and average score cover the unit and all its
 * descendants. The rate is participants ÷ headcount, not capped at 1, so an outdated headcount
 * shows up as a rate above 100 % instead of being hidden.
 */
import { compareNullsLast, compareStrings, competitionRanks } from './compare';

export interface Unit {
  id: string;
  /** null for a top-level unit (khối). */
  parentId: string | null;
  name: string;
  headcount: number;
}

/** A registered participant and the score of their counted attempt (null: nothing submitted). */
export interface ParticipantRecord {
  participantId: string;
  unitId: string;
  score: number | null;
}

export interface UnitParticipation {
  unitId: string;
  parentId: string | null;
  name: string;
  /** 0 for a top-level unit. */
  depth: number;
  headcount: number;
  /** Distinct people who submitted an attempt. */
  participants: number;
  /** participants ÷ headcount (0–1, above 1 when the headcount is outdated); null when 0. */
  rate: number | null;
  /** Mean counted score of the participants; null when nobody submitted. */
  averageScore: number | null;
}

export const UNIT_RANK_KEYS = ['rate', 'averageScore', 'participants'] as const;
export type UnitRankKey = (typeof UNIT_RANK_KEYS)[number];

export interface RankedUnit {
  stats: UnitParticipation;
  rank: number;
}

/** Vietnamese problems of a unit tree (ids, parents, cycles, headcounts). */
export function validateUnits(units: readonly Unit[]): string[] {
  const problems: string[] = [];
  const byId = new Map<string, Unit>();
  for (const u of units) {
    if (byId.has(u.id)) problems.push(`Đơn vị "${u.name}": mã ${u.id} bị trùng.`);
    byId.set(u.id, u);
    if (!Number.isSafeInteger(u.headcount) || u.headcount < 0) {
      problems.push(`Đơn vị "${u.name}": số người phải là số nguyên không âm.`);
    }
  }
  for (const u of units) {
    if (u.parentId !== null && !byId.has(u.parentId)) {
      problems.push(`Đơn vị "${u.name}": đơn vị cấp trên không tồn tại.`);
      continue;
    }
    const path = new Set([u.id]);
    for (let p = u.parentId; p !== null; p = byId.get(p)?.parentId ?? null) {
      if (path.has(p)) {
        problems.push(`Đơn vị "${u.name}": quan hệ cấp trên bị vòng lặp.`);
        break;
      }
      path.add(p);
    }
  }
  return problems;
}

/**
 * Participation of every unit, rolled up to its ancestors, in tree order (a unit, then its
 * children in input order). Throws on an invalid tree, a participant of an unknown unit or a
 * participant listed twice (pass one record per person).
 */
export function participationByUnit(
  units: readonly Unit[],
  participants: readonly ParticipantRecord[],
): UnitParticipation[] {
  const problems = validateUnits(units);
  if (problems.length > 0) throw new Error(problems.join(' '));
  const ids = new Set(units.map((u) => u.id));
  const seen = new Set<string>();
  const own = new Map(units.map((u) => [u.id, { people: 0, hundredths: 0 }]));
  for (const p of participants) {
    if (seen.has(p.participantId)) throw new Error(`Participant ${p.participantId} listed twice`);
    seen.add(p.participantId);
    if (!ids.has(p.unitId))
      throw new Error(`Participant ${p.participantId}: unknown unit ${p.unitId}`);
    if (p.score === null) continue;
    const acc = own.get(p.unitId);
    if (acc) {
      acc.people++;
      acc.hundredths += Math.round(p.score * 100);
    }
  }
  const children = new Map<string | null, Unit[]>();
  for (const u of units) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);

  const out: UnitParticipation[] = [];
  // Depth-first; returns the subtree totals so parents add up their children.
  const visit = (unit: Unit, depth: number) => {
    const row: UnitParticipation = {
      unitId: unit.id,
      parentId: unit.parentId,
      name: unit.name,
      depth,
      headcount: 0,
      participants: 0,
      rate: null,
      averageScore: null,
    };
    out.push(row);
    const mine = own.get(unit.id) ?? { people: 0, hundredths: 0 };
    let headcount = unit.headcount;
    let people = mine.people;
    let hundredths = mine.hundredths;
    for (const child of children.get(unit.id) ?? []) {
      const sub = visit(child, depth + 1);
      headcount += sub.headcount;
      people += sub.people;
      hundredths += sub.hundredths;
    }
    row.headcount = headcount;
    row.participants = people;
    row.rate = headcount === 0 ? null : people / headcount;
    row.averageScore = people === 0 ? null : hundredths / (people * 100);
    return { headcount, people, hundredths };
  };
  for (const root of children.get(null) ?? []) visit(root, 0);
  return out;
}

/**
 * The collective ranking: by the keys in `order` (each higher first, unknown values last),
 * ties sharing a rank (1, 2, 2, 4) and listed by name. Pass only the units that compete
 * (e.g. one level of the tree).
 */
export function rankUnits(
  stats: readonly UnitParticipation[],
  options: { order: readonly UnitRankKey[] },
): RankedUnit[] {
  if (options.order.length === 0) throw new RangeError('rankUnits needs at least one key');
  const compare = (a: UnitParticipation, b: UnitParticipation) => {
    for (const key of options.order) {
      const d = compareNullsLast(negate(a[key]), negate(b[key]));
      if (d !== 0) return d;
    }
    return 0;
  };
  const sorted = [...stats].sort(
    (a, b) =>
      compare(a, b) || a.name.localeCompare(b.name, 'vi') || compareStrings(a.unitId, b.unitId),
  );
  const ranks = competitionRanks(sorted, compare);
  return sorted.map((s, i) => ({ stats: s, rank: ranks[i] }));
}

function negate(value: number | null): number | null {
  return value === null ? null : -value;
}
