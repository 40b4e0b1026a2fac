import { DomainError, DomainErrorKind } from '../common/errors/domain-error';
import type { RosterFileProblem } from '../shared/live/roster';
import type { LiveErrorCode, LiveRejection } from './domain/live-room.types';

const KIND_BY_CODE: Partial<Record<LiveErrorCode, DomainErrorKind>> = {
  invalid_input: 'bad_request',
  invalid_question: 'unprocessable',
  invalid_settings: 'unprocessable',
  invalid_roster: 'unprocessable',
  invalid_name: 'bad_request',
  number_required: 'bad_request',
  not_in_roster: 'not_found',
  number_taken: 'conflict',
  invalid_choice: 'bad_request',
  unknown_player: 'not_found',
  kicked: 'forbidden',
};

/** A command the live-room reducer refused: code `LIVE_<REDUCER_CODE>`, its Vietnamese message. */
export class LiveRejectedError extends DomainError {
  constructor(rejection: LiveRejection) {
    super(
      KIND_BY_CODE[rejection.code] ?? 'conflict',
      `LIVE_${rejection.code.toUpperCase()}`,
      rejection.message,
    );
  }
}

export class LiveGameNotFoundError extends DomainError {
  constructor() {
    super('not_found', 'LIVE_GAME_NOT_FOUND', 'Không tìm thấy phòng thi với mã này.');
  }
}

export class LiveBadReconnectTokenError extends DomainError {
  constructor() {
    super(
      'not_found',
      'LIVE_BAD_RECONNECT_TOKEN',
      'Không thể vào lại phòng thi, vui lòng tham gia bằng mã phòng.',
    );
  }
}

export class LiveNotJoinedError extends DomainError {
  constructor() {
    super('forbidden', 'LIVE_NOT_JOINED', 'Bạn chưa tham gia phòng thi.');
  }
}

export class LiveNotHostError extends DomainError {
  constructor() {
    super('forbidden', 'LIVE_NOT_HOST', 'Bạn không điều khiển phòng thi này.');
  }
}

export class LiveBadStageTokenError extends DomainError {
  constructor() {
    super('forbidden', 'LIVE_BAD_STAGE_TOKEN', 'Mã màn hình sân khấu không đúng.');
  }
}

export class LiveJoinRateLimitedError extends DomainError {
  constructor() {
    super(
      'too_many_requests',
      'LIVE_JOIN_RATE_LIMITED',
      'Có quá nhiều lượt vào phòng từ địa chỉ này. Vui lòng thử lại sau giây lát.',
    );
  }
}

export class LiveBusyError extends DomainError {
  constructor() {
    super('conflict', 'LIVE_BUSY', 'Phòng thi đang bận, vui lòng thử lại.');
  }
}

/** A contestant list file with problems: `details` lists every one (sheet, row, column). */
export class LiveRosterFileError extends DomainError {
  constructor(problems: RosterFileProblem[]) {
    super(
      'unprocessable',
      'LIVE_ROSTER_FILE_INVALID',
      problems.length === 1
        ? `Tệp danh sách thí sinh có lỗi: ${problems.at(0)?.message ?? ''}`
        : `Tệp danh sách thí sinh có ${problems.length} lỗi; hãy sửa rồi tải lên lại.`,
      problems.map((problem) => ({ ...problem })),
    );
  }
}

export class LiveNotEnoughQuestionsError extends DomainError {
  constructor(found: number) {
    super(
      'unprocessable',
      'LIVE_NOT_ENOUGH_QUESTIONS',
      `Ngân hàng chỉ có ${found} câu hỏi đã xuất bản phù hợp.`,
    );
  }
}
