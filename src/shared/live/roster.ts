/**
 * The contestant list (danh sách thí sinh) of a live final, as the host console imports it.
 * Shared by server and client. docs/import-formats.md describes the file.
 */
import type { LiveRosterEntry } from '../../live/domain/live-room.types';

export type { LiveRosterEntry };

/** A contestant list is short: 2 MB holds far more than the 5000 rows allowed. */
export const ROSTER_FILE_MAX_BYTES = 2 * 1024 * 1024;

/** The headers of the template (other spellings are accepted, see the reader). */
export const ROSTER_HEADERS = {
  number: 'Số báo danh',
  name: 'Họ và tên',
  team: 'Đơn vị',
} as const;

/** `POST /api/live/rosters/parse` (multipart field `file`): the rows, ready for `roster`. */
export interface RosterParseReply {
  rows: LiveRosterEntry[];
}

/**
 * One thing wrong in the file: `details[]` of the 422 `LIVE_ROSTER_FILE_INVALID`. `row` is the
 * 1-based row of the sheet (CSV: of the file), `column` the header as written; both null for a
 * problem of the whole file.
 */
export interface RosterFileProblem {
  sheet: string | null;
  row: number | null;
  column: string | null;
  message: string;
}

/** `GET /api/live/games/by-code/:code` (public): what the join form must ask. */
export interface LiveJoinInfo {
  /** True: join with a contestant number of the roster (the name comes from the roster). */
  rosterRequired: boolean;
}
