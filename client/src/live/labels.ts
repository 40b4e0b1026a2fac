// Vietnamese words of the live final, shared by the host console, the stage and the phones.
import type { HostCommandType, LiveFormat, LivePhase } from './contract';

export const FORMAT_LABELS: Record<LiveFormat, string> = {
  classic: 'Trắc nghiệm tính giờ',
  golden_bell: 'Rung chuông vàng',
  buzzer: 'Giành quyền trả lời (bấm chuông)',
};

export const PHASE_LABELS: Record<LivePhase, string> = {
  lobby: 'Đang chờ người chơi',
  question_intro: 'Giới thiệu câu hỏi',
  answering: 'Đang trả lời',
  locked: 'Đã khóa trả lời',
  revealed: 'Đã công bố đáp án',
  leaderboard: 'Bảng xếp hạng',
  buzzer_armed: 'Chuông chưa mở',
  buzzer_open: 'Đang mở chuông',
  buzzer_won: 'Đang chấm câu trả lời',
  paused: 'Tạm dừng',
  finished: 'Đã kết thúc',
};

/** Buttons of the host console, in the order they are shown. */
export const COMMAND_LABELS: Record<HostCommandType, string> = {
  start: 'Bắt đầu',
  next: 'Câu tiếp',
  openBuzzer: 'Mở chuông',
  lock: 'Khóa',
  reveal: 'Công bố đáp án',
  judge: 'Chấm',
  extendTime: 'Thêm 10 giây',
  pause: 'Tạm dừng',
  resume: 'Tiếp tục',
  skip: 'Bỏ câu',
  startRescue: 'Câu cứu trợ',
  revive: 'Cứu',
  kick: 'Loại',
  end: 'Kết thúc',
};

/** A, B, C… : options are told apart by letter and colour, never by colour alone. */
export function optionLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

export function lettersOf(choices: readonly number[]): string {
  return choices.map(optionLetter).join(', ');
}

/** "Câu 3/10", or "Câu cứu trợ". */
export function questionTitle(
  question: { number: number | null; kind: string },
  count: number,
): string {
  if (question.kind === 'rescue') return 'Câu cứu trợ';
  if (question.kind === 'audience') return 'Câu hỏi dành cho khán giả';
  return `Câu ${String(question.number ?? 0)}/${String(count)}`;
}

const SECONDS = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** "20 giây" */
export function formatSeconds(ms: number): string {
  return `${SECONDS.format(ms / 1000)} giây`;
}
