/**
 * The contestant list (danh sách thí sinh) of a room, pure: checking it at creation, and
 * finding a contestant by number when someone joins. The same entry rules serve the file
 * reader (src/live/roster/roster-file.ts), which reports them per row and column.
 */
import { MESSAGES } from './live-room.messages';
import { type LiveRejection, type LiveRosterEntry, reject } from './live-room.types';
import {
  MAX_NAME_LENGTH,
  MAX_NUMBER_LENGTH,
  MAX_TEAM_LENGTH,
  normalizeText,
  numberKey,
  textLength,
} from './player-text';

/** The most contestants a roster may list (also the highest `maxPlayers`). */
export const MAX_ROSTER_SIZE = 5_000;

export type RosterField = 'number' | 'name' | 'team';

export interface RosterEntryProblem {
  field: RosterField;
  /** Vietnamese, a whole sentence. */
  message: string;
}

export const ROSTER_MESSAGES = {
  missingNumber: 'Thiếu số báo danh.',
  longNumber: (length: number) =>
    `Số báo danh dài ${length} ký tự, vượt quá giới hạn ${MAX_NUMBER_LENGTH} ký tự.`,
  missingName: 'Thiếu họ và tên.',
  longName: (length: number) =>
    `Họ và tên dài ${length} ký tự, vượt quá giới hạn ${MAX_NAME_LENGTH} ký tự.`,
  longTeam: (length: number) =>
    `Tên đơn vị dài ${length} ký tự, vượt quá giới hạn ${MAX_TEAM_LENGTH} ký tự.`,
  notText: 'Giá trị không hợp lệ.',
} as const;

function text(value: unknown): string | null | false {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return false;
  const normalized = normalizeText(value);
  return normalized === '' ? null : normalized;
}

/**
 * One entry, normalized like a join (NFC, spaces collapsed, lengths in letters), or every
 * problem it has. `team` may be absent, null or blank (no unit).
 */
export function checkRosterEntry(
  input: unknown,
): { ok: true; entry: LiveRosterEntry } | { ok: false; problems: RosterEntryProblem[] } {
  const record =
    typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const problems: RosterEntryProblem[] = [];
  const number = text(record.number);
  if (number === false) problems.push({ field: 'number', message: ROSTER_MESSAGES.notText });
  else if (number === null)
    problems.push({ field: 'number', message: ROSTER_MESSAGES.missingNumber });
  else if (textLength(number) > MAX_NUMBER_LENGTH)
    problems.push({ field: 'number', message: ROSTER_MESSAGES.longNumber(textLength(number)) });
  const name = text(record.name);
  if (name === false) problems.push({ field: 'name', message: ROSTER_MESSAGES.notText });
  else if (name === null) problems.push({ field: 'name', message: ROSTER_MESSAGES.missingName });
  else if (textLength(name) > MAX_NAME_LENGTH)
    problems.push({ field: 'name', message: ROSTER_MESSAGES.longName(textLength(name)) });
  const team = text(record.team);
  if (team === false) problems.push({ field: 'team', message: ROSTER_MESSAGES.notText });
  else if (team !== null && textLength(team) > MAX_TEAM_LENGTH)
    problems.push({ field: 'team', message: ROSTER_MESSAGES.longTeam(textLength(team)) });
  if (problems.length > 0 || typeof number !== 'string' || typeof name !== 'string')
    return { ok: false, problems };
  return { ok: true, entry: { number, name, team: team === false ? null : team } };
}

/**
 * The roster of a new room: at most MAX_ROSTER_SIZE entries, each valid, numbers unique
 * (case-insensitive). Runtime checks: the input may come from JSON. The first problem found is
 * refused with `invalid_roster`.
 */
export function validateRoster(
  input: unknown,
): { ok: true; roster: LiveRosterEntry[] } | LiveRejection {
  const bad = (message: string) => reject('invalid_roster', message);
  if (!Array.isArray(input)) return bad('Danh sách thí sinh không hợp lệ.');
  if (input.length === 0) return bad('Danh sách thí sinh chưa có thí sinh nào.');
  if (input.length > MAX_ROSTER_SIZE)
    return bad(
      `Danh sách thí sinh có ${input.length} người, vượt quá giới hạn ${MAX_ROSTER_SIZE} người.`,
    );
  const roster: LiveRosterEntry[] = [];
  const seen = new Map<string, number>();
  for (const [i, item] of (input as unknown[]).entries()) {
    const checked = checkRosterEntry(item);
    if (!checked.ok) {
      const first = checked.problems.at(0)?.message ?? ROSTER_MESSAGES.notText;
      return bad(`Danh sách thí sinh, thí sinh thứ ${i + 1}: ${first}`);
    }
    const key = numberKey(checked.entry.number);
    const earlier = seen.get(key);
    if (earlier !== undefined)
      return bad(
        `Danh sách thí sinh: số báo danh ${checked.entry.number} bị trùng (thí sinh thứ ${earlier + 1} và thứ ${i + 1}).`,
      );
    seen.set(key, i);
    roster.push(checked.entry);
  }
  return { ok: true, roster };
}

/**
 * Lookup tables by number key, built once per roster array. The roster never changes and the
 * reducer shares it between states, so this is a cache of a pure function, invisible outside.
 */
const indexes = new WeakMap<readonly LiveRosterEntry[], Map<string, LiveRosterEntry>>();

/** The roster's entry with this number (trimmed, case-insensitive), if any. */
export function findInRoster(
  roster: readonly LiveRosterEntry[],
  number: string,
): LiveRosterEntry | null {
  let index = indexes.get(roster);
  if (index === undefined) {
    index = new Map(roster.map((entry) => [numberKey(entry.number), entry]));
    indexes.set(roster, index);
  }
  return index.get(numberKey(number)) ?? null;
}

/**
 * Who a joining player is in a room with a roster: the roster's number, name and team for the
 * number given (the typed name and team are ignored), or why not.
 */
export function rosterIdentity(
  roster: readonly LiveRosterEntry[],
  rawNumber: unknown,
): { ok: true; entry: LiveRosterEntry } | LiveRejection {
  const number = text(rawNumber);
  if (number === false || (number !== null && textLength(number) > MAX_NUMBER_LENGTH))
    return reject('invalid_input', MESSAGES.invalidNumber);
  if (number === null) return reject('number_required', MESSAGES.numberRequired);
  const entry = findInRoster(roster, number);
  if (entry === null) return reject('not_in_roster', MESSAGES.notInRoster(number));
  return { ok: true, entry };
}
