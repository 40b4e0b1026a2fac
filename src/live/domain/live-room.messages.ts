/** Vietnamese labels used to compose the messages of refused commands. */
import { type HostCommandType, type LiveFormat, type LivePhase } from './live-room.types';

/** Completes "khi …": what the room is doing in each phase. */
export const PHASE_LABELS: Record<LivePhase, string> = {
  lobby: 'đang chờ người chơi',
  question_intro: 'đang giới thiệu câu hỏi',
  answering: 'đang trong thời gian trả lời',
  locked: 'đã khóa trả lời',
  revealed: 'đang công bố đáp án',
  leaderboard: 'đang xem bảng xếp hạng',
  buzzer_armed: 'chuông chưa mở',
  buzzer_open: 'đang mở chuông',
  buzzer_won: 'đang chấm câu trả lời của người giành quyền',
  paused: 'đang tạm dừng',
  finished: 'trò chơi đã kết thúc',
};

/** Completes "Không thể …". */
export const HOST_ACTION_LABELS: Record<HostCommandType, string> = {
  start: 'bắt đầu trò chơi',
  next: 'chuyển tiếp',
  lock: 'khóa trả lời',
  reveal: 'công bố đáp án',
  openBuzzer: 'mở chuông',
  judge: 'chấm câu trả lời',
  pause: 'tạm dừng',
  resume: 'tiếp tục',
  skip: 'hủy câu hỏi',
  extendTime: 'thêm giờ',
  kick: 'mời người chơi ra khỏi phòng',
  revive: 'cứu thí sinh',
  startRescue: 'mở câu cứu trợ',
  end: 'kết thúc trò chơi',
};

export const FORMAT_LABELS: Record<LiveFormat, string> = {
  classic: 'trắc nghiệm tính giờ',
  golden_bell: 'Rung chuông vàng',
  buzzer: 'giành quyền trả lời',
};

export const MESSAGES = {
  paused: 'Trò chơi đang tạm dừng.',
  finished: 'Trò chơi đã kết thúc.',
  notStarted: 'Trò chơi chưa bắt đầu.',
  noPlayers: 'Chưa có người chơi nào tham gia.',
  unknownPlayer: 'Không tìm thấy người chơi.',
  notJoined: 'Bạn chưa tham gia phòng thi.',
  kickedSelf: 'Bạn đã bị mời ra khỏi phòng thi.',
  kickedReason: 'Ban tổ chức đã mời bạn ra khỏi phòng thi.',
  alreadyKicked: 'Người chơi này đã bị mời ra khỏi phòng thi.',
  lateJoinClosed: 'Trò chơi đã bắt đầu, không thể tham gia thêm.',
  invalidName: 'Tên phải có từ 1 đến 40 ký tự.',
  invalidNumber: 'Số báo danh phải có từ 1 đến 20 ký tự.',
  invalidTeam: 'Tên đội phải có từ 1 đến 60 ký tự.',
  invalidPlayerId: 'Mã người chơi không hợp lệ.',
  numberRequired:
    'Phòng thi này chỉ dành cho thí sinh có tên trong danh sách: hãy nhập số báo danh của bạn.',
  notInRoster: (number: string) =>
    `Số báo danh ${number} không có trong danh sách thí sinh của phòng thi này. Hãy kiểm tra lại hoặc hỏi ban tổ chức.`,
  numberTaken: (number: string) =>
    `Số báo danh ${number} đã được dùng để vào phòng thi. Nếu bạn đã vào trên thiết bị khác, hãy tiếp tục trên thiết bị đó; nếu không, hãy báo ban tổ chức.`,
  questionOver: 'Câu hỏi này đã kết thúc.',
  notOpenYet: 'Chưa đến lúc trả lời câu hỏi này.',
  tooLate: 'Đã hết giờ trả lời câu hỏi này.',
  alreadyAnswered: 'Bạn đã trả lời câu hỏi này.',
  invalidChoice: 'Lựa chọn không hợp lệ.',
  singleChoice: 'Câu hỏi này chỉ được chọn một phương án.',
  eliminatedOnlyRescue: 'Bạn đã bị loại, chỉ được trả lời câu cứu trợ.',
  rescueOnlyEliminated: 'Câu cứu trợ chỉ dành cho thí sinh đã bị loại.',
  answerByBuzzer: 'Phần thi này trả lời bằng cách bấm chuông.',
  noBuzzer: 'Phần thi này không dùng chuông.',
  buzzerClosed: 'Chuông chưa mở.',
  buzzerExpired: 'Đã hết thời gian bấm chuông.',
  buzzerTaken: 'Đã có người giành quyền trả lời.',
  lockedOutSelf: 'Bạn đã trả lời sai câu này, không được bấm chuông lại.',
  everyoneLockedOut:
    'Tất cả người chơi đã trả lời sai hoặc không còn ai được bấm chuông ở câu này.',
  noRescueLeft: 'Không còn câu cứu trợ nào.',
  notARescue: 'Câu hỏi này không phải câu cứu trợ hoặc đã được dùng.',
  nobodyToRescue: 'Không có thí sinh nào bị loại để cứu trợ.',
  nobodyToRevive: 'Hãy chọn ít nhất một thí sinh để cứu.',
  notEliminated: 'Thí sinh này chưa bị loại.',
  invalidExtension: 'Thời gian thêm phải là số mili giây từ 1 đến 600000.',
  noTimer: 'Giai đoạn này không có đồng hồ đếm ngược để thêm giờ.',
  invalidNow: 'Thời điểm không hợp lệ.',
  invalidCommand: 'Thao tác không hợp lệ.',
} as const;

export function wrongPhaseMessage(action: HostCommandType, phase: LivePhase): string {
  return `Không thể ${HOST_ACTION_LABELS[action]} khi ${PHASE_LABELS[phase]}.`;
}

export function wrongFormatMessage(format: LiveFormat): string {
  return `Thao tác này chỉ dùng cho phần thi ${FORMAT_LABELS[format]}.`;
}
