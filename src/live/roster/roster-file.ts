/**
 * Reading a contestant list (Excel .xlsx or CSV), pure: bytes in, roster rows and problems out;
 * no Nest, no database. Columns "Số báo danh" and "Họ và tên" (required), "Đơn vị" (optional),
 * found by their header (accents, case and punctuation do not matter) in the first rows of each
 * visible sheet, below a title block if any. The values follow the room's own rules
 * (checkRosterEntry), so rows read here are accepted by createLiveRoom. Every problem is
 * reported with its sheet, row and column. Never throws.
 */
import {
  excelGrid,
  type FileGrid,
  findHeader,
  HEADER_SEARCH_ROWS,
  type HeaderMap,
  loadWorkbook,
  MAX_UNZIPPED_BYTES,
  precheckListFile,
  readCsvGrid,
  visibleSheets,
} from '../../common/import/tabular-file';
import { normalizeLabel } from '../../question-banks/formats/normalize';
import {
  ROSTER_FILE_MAX_BYTES,
  ROSTER_HEADERS,
  type RosterFileProblem,
} from '../../shared/live/roster';
import type { LiveRosterEntry } from '../domain/live-room.types';
import { normalizeText, numberKey } from '../domain/player-text';
import { checkRosterEntry, MAX_ROSTER_SIZE, type RosterField } from '../domain/roster';

export const ROSTER_FIELDS: readonly RosterField[] = ['number', 'name', 'team'];

/** Accepted headers, compared after normalizeLabel (no accents, lower case, punctuation → space). */
const HEADER_SYNONYMS: Record<RosterField, readonly string[]> = {
  number: [
    'so bao danh',
    'so bao danh sbd',
    'sbd',
    'so bd',
    'so bao danh thi sinh',
    'ma thi sinh',
    'ma so thi sinh',
    'ma du thi',
    'number',
  ],
  name: [
    'ho va ten',
    'ho ten',
    'ho va ten thi sinh',
    'ho ten thi sinh',
    'ten thi sinh',
    'ten nguoi du thi',
    'ten',
    'name',
    'full name',
  ],
  team: [
    'don vi',
    'ten don vi',
    'don vi cong tac',
    'co quan',
    'co quan don vi',
    'noi cong tac',
    'to dan pho',
    'doi',
    'unit',
    'team',
  ],
};
const IGNORED_HEADERS = new Set(['stt', 'tt', 'so thu tu', 'ghi chu']);

const msg = {
  emptyFile: 'Tệp rỗng.',
  tooLarge: (bytes: number) =>
    `Tệp nặng ${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB, vượt quá giới hạn ${ROSTER_FILE_MAX_BYTES / 1024 / 1024} MB của danh sách thí sinh.`,
  legacyExcel:
    'Tệp Excel đời cũ (.xls) chưa được hỗ trợ: hãy mở tệp và lưu lại dưới dạng .xlsx hoặc .csv.',
  notXlsx: 'Tệp có đuôi .xlsx nhưng không phải tệp Excel hợp lệ (có thể tệp bị hỏng).',
  corruptXlsx: 'Không đọc được tệp Excel (tệp bị hỏng hoặc không phải .xlsx).',
  unzippedTooLarge: `Tệp chứa hơn ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB dữ liệu sau khi giải nén: không phải một danh sách thí sinh.`,
  binary: 'Tệp không phải Excel (.xlsx) hay CSV: không đọc được nội dung.',
  csvSyntax: (detail: string) => `Tệp CSV sai cú pháp: ${detail}.`,
  noHeader: `Không tìm thấy dòng tiêu đề: cần ít nhất các cột "${ROSTER_HEADERS.number}" và "${ROSTER_HEADERS.name}" (xem tệp mẫu).`,
  duplicateColumn: (header: string, first: string) =>
    `Cột "${header}" trùng ý nghĩa với cột "${first}": chỉ giữ một cột.`,
  noRows: 'Tệp không có dòng thí sinh nào.',
  tooManyRows: `Tệp có hơn ${MAX_ROSTER_SIZE} thí sinh, vượt quá giới hạn của một phòng thi; các dòng từ đây không được đọc.`,
  duplicateNumber: (
    number: string,
    first: { sheet: string | null; row: number },
    sheet: string | null,
  ) =>
    `Số báo danh "${number}" trùng với dòng ${first.row}${first.sheet !== null && first.sheet !== sheet ? ` của trang tính "${first.sheet}"` : ''}.`,
};

export interface RosterFileResult {
  /** The rows without problems, in file order. */
  rows: LiveRosterEntry[];
  /** Every problem; the file is usable only when there is none. */
  problems: RosterFileProblem[];
}

function fieldOf(header: string): RosterField | 'ignored' | null {
  const key = normalizeLabel(header);
  if (IGNORED_HEADERS.has(key)) return 'ignored';
  for (const field of ROSTER_FIELDS) if (HEADER_SYNONYMS[field].includes(key)) return field;
  return null;
}

const isHeader = (map: HeaderMap<RosterField>) =>
  map.fields.number !== undefined && map.fields.name !== undefined;

const fileProblem = (message: string): RosterFileProblem => ({
  sheet: null,
  row: null,
  column: null,
  message,
});

/** What the reading of every sheet shares: the rows so far and the numbers already seen. */
interface Reading {
  result: RosterFileResult;
  /** Data rows read, with or without problems. */
  count: number;
  seen: Map<string, { sheet: string | null; row: number }>;
  full: boolean;
}

/** Reads the rows of one grid below its header; false when it has no header row. */
function readGrid(grid: FileGrid, reading: Reading): boolean {
  const found = findHeader(grid, fieldOf, isHeader);
  if (!found) return false;
  const { map } = found;
  const problems = reading.result.problems;
  const at = (column: string | null, row: number | null, message: string) =>
    problems.push({ sheet: grid.sheet, row, column, message });
  const headerRow = grid.rows.at(found.at)?.number ?? null;
  for (const d of map.duplicates) at(d.header, headerRow, msg.duplicateColumn(d.header, d.first));
  const column = (field: RosterField) => map.fields[field]?.header ?? ROSTER_HEADERS[field];

  for (const row of grid.rows.slice(found.at + 1)) {
    const cell = (field: RosterField) => {
      const mapped = map.fields[field];
      return mapped ? row.cells.at(mapped.index) : undefined;
    };
    if (ROSTER_FIELDS.every((f) => !cell(f)?.text && !cell(f)?.problem)) continue;
    // A header printed again further down (a long list printed page by page).
    const numberText = cell('number')?.text;
    if (numberText && fieldOf(numberText) === 'number') continue;
    if (reading.count >= MAX_ROSTER_SIZE) {
      at(null, row.number, msg.tooManyRows);
      reading.full = true;
      return true;
    }
    reading.count += 1;

    const before = problems.length;
    for (const field of ROSTER_FIELDS) {
      const broken = cell(field)?.problem;
      if (broken) at(column(field), row.number, broken);
    }
    const raw = {
      number: cell('number')?.text ?? null,
      name: cell('name')?.text ?? null,
      team: cell('team')?.text ?? null,
    };
    const checked = checkRosterEntry(raw);
    const fieldProblems = checked.ok ? [] : checked.problems;
    for (const problem of fieldProblems) {
      // An unreadable cell is already reported; "missing" would only repeat it.
      if (!cell(problem.field)?.problem) at(column(problem.field), row.number, problem.message);
    }
    // A valid number is checked for duplicates even when another cell of the row is wrong.
    if (raw.number !== null && !fieldProblems.some((p) => p.field === 'number')) {
      const key = numberKey(raw.number);
      const first = reading.seen.get(key);
      if (first)
        at(
          column('number'),
          row.number,
          msg.duplicateNumber(normalizeText(raw.number), first, grid.sheet),
        );
      else reading.seen.set(key, { sheet: grid.sheet, row: row.number });
    }
    if (checked.ok && problems.length === before) reading.result.rows.push(checked.entry);
  }
  return true;
}

async function readXlsx(buffer: Buffer, reading: Reading): Promise<void> {
  const loaded = await loadWorkbook(buffer);
  if (!loaded.ok) {
    reading.result.problems.push(
      fileProblem(loaded.reason === 'unzipped_too_large' ? msg.unzippedTooLarge : msg.corruptXlsx),
    );
    return;
  }
  let withHeader = 0;
  for (const sheet of visibleSheets(loaded.workbook)) {
    if (reading.full) break;
    // Enough rows for the header search and one past the limit (to report it).
    const grid = excelGrid(sheet, MAX_ROSTER_SIZE - reading.count + HEADER_SEARCH_ROWS + 1);
    if (readGrid(grid, reading)) withHeader += 1;
  }
  if (withHeader === 0) reading.result.problems.push(fileProblem(msg.noHeader));
}

function readCsv(buffer: Buffer, reading: Reading): void {
  const read = readCsvGrid(buffer, (grid) => findHeader(grid, fieldOf, isHeader) !== null);
  if (!read.ok) {
    reading.result.problems.push(
      fileProblem(
        read.reason === 'binary'
          ? msg.binary
          : read.syntax === null
            ? msg.noHeader
            : msg.csvSyntax(read.syntax),
      ),
    );
    return;
  }
  readGrid(read.grid, reading);
}

/** Reads an .xlsx (by content) or a CSV contestant list. Never throws. */
export async function readRosterFile(buffer: Buffer, filename: string): Promise<RosterFileResult> {
  const check = precheckListFile(buffer, filename, ROSTER_FILE_MAX_BYTES);
  const failed = (message: string): RosterFileResult => ({
    rows: [],
    problems: [fileProblem(message)],
  });
  if (!check.ok) {
    switch (check.reason) {
      case 'empty':
        return failed(msg.emptyFile);
      case 'too_large':
        return failed(msg.tooLarge(buffer.length));
      case 'legacy':
        return failed(msg.legacyExcel);
      case 'not_xlsx':
        return failed(msg.notXlsx);
    }
  }
  const reading: Reading = {
    result: { rows: [], problems: [] },
    count: 0,
    seen: new Map(),
    full: false,
  };
  try {
    if (check.kind === 'xlsx') await readXlsx(buffer, reading);
    else readCsv(buffer, reading);
  } catch {
    return failed(check.kind === 'xlsx' ? msg.corruptXlsx : msg.binary);
  }
  const result = reading.result;
  if (result.problems.length === 0 && result.rows.length === 0)
    result.problems.push(fileProblem(msg.noRows));
  return result;
}
