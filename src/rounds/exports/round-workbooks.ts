/**
 * The organizers' spreadsheets of a round (.xlsx, Vietnamese headers): every attempt, the
 * ranking and the prize list. Times are shown in Asia/Ho_Chi_Minh: Excel has no time zones, so
 * a date cell holds the Vietnamese wall-clock time (UTC+7, no daylight saving).
 */
import ExcelJS from 'exceljs';
import {
  PARTICIPANT_GROUP_LABELS,
  PRIZE_TIER_LABELS,
  type AttemptStatus,
  type Gender,
  type RankingRow,
} from '../../shared/rounds';

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;
const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm:ss';

export const GENDER_LABELS: Record<Gender, string> = { male: 'Nam', female: 'Nữ', other: 'Khác' };
export const ATTEMPT_STATUS_LABELS: Record<AttemptStatus, string> = {
  in_progress: 'Đang làm bài',
  submitted: 'Đã nộp',
  auto_submitted: 'Tự động nộp khi hết giờ',
};

/** A date cell showing the Vietnamese wall-clock time. */
export function vietnamTime(at: Date | string | null): Date | null {
  if (at === null) return null;
  return new Date(new Date(at).getTime() + VIETNAM_OFFSET_MS);
}

/** "12:34" (minutes:seconds) or "1:02:03" for a duration. */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

export interface RoundSheetInfo {
  contestName: string;
  roundName: string;
  provisional: boolean;
  trueValue: number | null;
}

export interface AttemptExportRow {
  fullName: string;
  birthYear: number;
  gender: Gender;
  phone: string | null;
  cccd: string | null;
  unit: string | null;
  participantGroup: RankingRow['participantGroup'];
  number: number;
  status: AttemptStatus;
  startedAt: Date;
  submittedAt: Date | null;
  durationMs: number | null;
  score: number | null;
  maxScore: number | null;
  correctCount: number | null;
  questionCount: number;
  prediction: number | null;
  counted: boolean;
}

type Column = Partial<ExcelJS.Column> & { header: string; key: string };

function sheet(wb: ExcelJS.Workbook, name: string, info: RoundSheetInfo, columns: Column[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.columns = columns.map(({ header: _header, ...rest }) => rest);
  ws.getCell('A1').value = `${info.contestName} — ${info.roundName}`;
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.getCell('A2').value = info.provisional
    ? 'Kết quả tạm thời: vòng thi chưa kết thúc.'
    : `Kết quả chính thức. Đáp án câu hỏi dự đoán: ${info.trueValue ?? '—'}.`;
  ws.getRow(3).values = columns.map((c) => c.header);
  ws.getRow(3).font = { bold: true };
  for (const c of columns) {
    if (c.numFmt) ws.getColumn(c.key).numFmt = c.numFmt;
  }
  return ws;
}

function workbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hội thi CCHC';
  return wb;
}

const personColumns: Column[] = [
  { header: 'Họ và tên', key: 'fullName', width: 28 },
  { header: 'Năm sinh', key: 'birthYear', width: 10 },
  { header: 'Số điện thoại', key: 'phone', width: 14 },
  { header: 'Số CCCD', key: 'cccd', width: 15 },
  { header: 'Đơn vị / Tổ dân phố', key: 'unit', width: 28 },
  { header: 'Đối tượng', key: 'group', width: 26 },
];

/** Every attempt of the round, one row each, in the order given. */
export async function attemptsWorkbook(
  info: RoundSheetInfo,
  rows: readonly AttemptExportRow[],
): Promise<Buffer> {
  const wb = workbook();
  const ws = sheet(wb, 'Bài thi', info, [
    { header: 'STT', key: 'index', width: 6 },
    ...personColumns.slice(0, 2),
    { header: 'Giới tính', key: 'gender', width: 9 },
    ...personColumns.slice(2),
    { header: 'Lượt thi', key: 'number', width: 9 },
    { header: 'Trạng thái', key: 'status', width: 22 },
    { header: 'Bắt đầu', key: 'startedAt', width: 20, numFmt: DATE_TIME_FORMAT },
    { header: 'Nộp bài', key: 'submittedAt', width: 20, numFmt: DATE_TIME_FORMAT },
    { header: 'Thời gian làm bài', key: 'duration', width: 16 },
    { header: 'Điểm', key: 'score', width: 8 },
    { header: 'Điểm tối đa', key: 'maxScore', width: 11 },
    { header: 'Số câu đúng', key: 'correct', width: 11 },
    { header: 'Dự đoán', key: 'prediction', width: 10 },
    { header: 'Tính vào xếp hạng', key: 'counted', width: 17 },
  ]);
  rows.forEach((r, i) => {
    ws.addRow({
      index: i + 1,
      fullName: r.fullName,
      birthYear: r.birthYear,
      gender: GENDER_LABELS[r.gender],
      phone: r.phone,
      cccd: r.cccd,
      unit: r.unit,
      group: PARTICIPANT_GROUP_LABELS[r.participantGroup],
      number: r.number,
      status: ATTEMPT_STATUS_LABELS[r.status],
      startedAt: vietnamTime(r.startedAt),
      submittedAt: vietnamTime(r.submittedAt),
      duration: r.durationMs === null ? null : formatDuration(r.durationMs),
      score: r.score,
      maxScore: r.maxScore,
      correct: r.correctCount === null ? null : `${r.correctCount}/${r.questionCount}`,
      prediction: r.prediction,
      counted: r.counted ? 'Có' : '',
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const resultColumns: Column[] = [
  { header: 'Điểm', key: 'score', width: 8 },
  { header: 'Điểm tối đa', key: 'maxScore', width: 11 },
  { header: 'Dự đoán', key: 'prediction', width: 10 },
  { header: 'Sai số dự đoán', key: 'predictionError', width: 14 },
  { header: 'Thời gian làm bài', key: 'duration', width: 16 },
  { header: 'Nộp bài lúc', key: 'submittedAt', width: 20, numFmt: DATE_TIME_FORMAT },
];

function resultCells(r: RankingRow) {
  return {
    fullName: r.fullName,
    birthYear: r.birthYear,
    phone: r.phone,
    cccd: r.cccd,
    unit: r.unit,
    group: PARTICIPANT_GROUP_LABELS[r.participantGroup],
    score: r.score,
    maxScore: r.maxScore,
    prediction: r.prediction,
    predictionError: r.predictionError,
    duration: formatDuration(r.durationMs),
    submittedAt: vietnamTime(r.submittedAt),
    prize: r.prize ? PRIZE_TIER_LABELS[r.prize] : '',
  };
}

/** The ranking (one counted attempt per person), in rank order. */
export async function rankingWorkbook(
  info: RoundSheetInfo,
  rows: readonly RankingRow[],
): Promise<Buffer> {
  const wb = workbook();
  const ws = sheet(wb, 'Xếp hạng', info, [
    { header: 'Hạng', key: 'rank', width: 7 },
    ...personColumns,
    ...resultColumns,
    { header: 'Giải', key: 'prize', width: 18 },
  ]);
  for (const r of rows) ws.addRow({ rank: r.rank, ...resultCells(r) });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The prize list by group and tier; the rank is the rank within the group. */
export async function prizesWorkbook(
  info: RoundSheetInfo,
  rows: readonly RankingRow[],
): Promise<Buffer> {
  const wb = workbook();
  const ws = sheet(wb, 'Danh sách giải', info, [
    { header: 'STT', key: 'index', width: 6 },
    { header: 'Giải', key: 'prize', width: 18 },
    { header: 'Hạng trong đối tượng', key: 'rank', width: 12 },
    ...personColumns,
    ...resultColumns,
  ]);
  rows.forEach((r, i) => {
    ws.addRow({ index: i + 1, rank: r.rank, ...resultCells(r) });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
