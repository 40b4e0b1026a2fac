import { DomainError } from '../common/errors/domain-error';

export class ContestNotFoundError extends DomainError {
  constructor() {
    super('not_found', 'CONTEST_NOT_FOUND', 'Không tìm thấy hội thi này.');
  }
}

export class RoundNotFoundError extends DomainError {
  constructor() {
    super('not_found', 'ROUND_NOT_FOUND', 'Không tìm thấy vòng thi này.');
  }
}

export class BankNotFoundForRoundError extends DomainError {
  constructor() {
    super('unprocessable', 'BANK_NOT_FOUND', 'Không tìm thấy ngân hàng câu hỏi đã chọn.', [
      { field: 'bankId', message: 'Không tìm thấy ngân hàng câu hỏi đã chọn.' },
    ]);
  }
}

export class InvalidRoundError extends DomainError {
  constructor(problems: { field: string; message: string }[]) {
    super(
      'unprocessable',
      'INVALID_ROUND',
      `Thông tin vòng thi không hợp lệ: ${problems.map((p) => p.message).join(' ')}`,
      problems,
    );
  }
}

export class RoundTransitionError extends DomainError {
  constructor(reason: string) {
    super('conflict', 'ROUND_TRANSITION_REFUSED', reason);
  }
}

export class DuplicateIdentityError extends DomainError {
  constructor(field: 'phone' | 'cccd') {
    const message =
      field === 'phone'
        ? 'Số điện thoại này đã được đăng ký trong hội thi. Nếu đó là bạn, hãy đăng nhập.'
        : 'Số căn cước công dân này đã được đăng ký trong hội thi. Mỗi người chỉ được đăng ký một lần.';
    super('conflict', field === 'phone' ? 'PHONE_TAKEN' : 'CCCD_TAKEN', message, [
      { field, message },
    ]);
  }
}

export class ParticipantSignInError extends DomainError {
  constructor() {
    super('unauthenticated', 'INVALID_CREDENTIALS', 'Số điện thoại hoặc mật khẩu không đúng.');
  }
}

export class ParticipantUnauthenticatedError extends DomainError {
  constructor() {
    super(
      'unauthenticated',
      'PARTICIPANT_UNAUTHENTICATED',
      'Bạn cần đăng nhập bằng số điện thoại và mật khẩu đã đăng ký để dự thi.',
    );
  }
}

export class RoundNotOpenError extends DomainError {
  constructor() {
    super('conflict', 'ROUND_NOT_OPEN', 'Vòng thi chưa mở hoặc đã đóng.');
  }
}

export class NoAttemptsLeftError extends DomainError {
  constructor(allowed: number) {
    super('conflict', 'NO_ATTEMPTS_LEFT', `Bạn đã dùng hết ${allowed} lượt thi của vòng này.`);
  }
}

export class AttemptNotFoundError extends DomainError {
  constructor() {
    super('not_found', 'ATTEMPT_NOT_FOUND', 'Không tìm thấy bài thi này.');
  }
}

export class AttemptTimeUpError extends DomainError {
  constructor(reason: string) {
    super('conflict', 'ATTEMPT_TIME_UP', reason);
  }
}

export class AttemptAlreadySubmittedError extends DomainError {
  constructor() {
    super('conflict', 'ATTEMPT_SUBMITTED', 'Bài thi đã được nộp: không thể thay đổi câu trả lời.');
  }
}

export class AttemptNotSubmittedError extends DomainError {
  constructor() {
    super('conflict', 'ATTEMPT_NOT_SUBMITTED', 'Bài thi chưa được nộp nên chưa có kết quả.');
  }
}

export class InvalidAttemptPositionError extends DomainError {
  constructor() {
    super('bad_request', 'INVALID_POSITION', 'Câu hỏi không thuộc bài thi này.', [
      { field: 'position', message: 'Câu hỏi không thuộc bài thi này.' },
    ]);
  }
}

export class InvalidPredictionError extends DomainError {
  constructor(reason: string) {
    super('bad_request', 'INVALID_PREDICTION', reason, [{ field: 'prediction', message: reason }]);
  }
}

export class LeaderboardHiddenError extends DomainError {
  constructor() {
    super('forbidden', 'LEADERBOARD_HIDDEN', 'Bảng xếp hạng của vòng thi này không công khai.');
  }
}

export class LeaderboardParticipantsOnlyError extends DomainError {
  constructor() {
    super(
      'unauthenticated',
      'LEADERBOARD_PARTICIPANTS_ONLY',
      'Bảng xếp hạng của vòng thi này chỉ dành cho người dự thi: vui lòng đăng nhập.',
    );
  }
}

export class ResultsNotPublishedError extends DomainError {
  constructor() {
    super('not_found', 'RESULTS_NOT_PUBLISHED', 'Kết quả vòng thi này chưa được công bố.');
  }
}

export class ReviewNotAllowedError extends DomainError {
  constructor(reason: string) {
    super('forbidden', 'REVIEW_NOT_ALLOWED', reason);
  }
}

export class InvalidPrizeQuotasError extends DomainError {
  constructor(problems: { field: string; message: string }[]) {
    super(
      'unprocessable',
      'INVALID_PRIZE_QUOTAS',
      `Số lượng giải không hợp lệ: ${problems.map((p) => p.message).join(' ')}`,
      problems,
    );
  }
}

export class RulesLockedError extends DomainError {
  constructor(reason: string) {
    super('conflict', 'ROUND_RULES_LOCKED', reason);
  }
}

export class ContestNotFinishedError extends DomainError {
  constructor() {
    super(
      'conflict',
      'CONTEST_NOT_FINISHED',
      'Chỉ xoá được dữ liệu cá nhân khi mọi vòng thi của hội thi đã đóng.',
    );
  }
}

export class ParticipantNotFoundError extends DomainError {
  constructor() {
    super('not_found', 'PARTICIPANT_NOT_FOUND', 'Không tìm thấy người dự thi này.');
  }
}

export class RoundNotDraftError extends DomainError {
  constructor() {
    super(
      'conflict',
      'ROUND_NOT_DRAFT',
      'Chỉ xoá được vòng thi đang soạn thảo. Vòng thi đã công bố được giữ lại để đối chiếu.',
    );
  }
}

export class NotEligibleError extends DomainError {
  constructor() {
    super(
      'forbidden',
      'NOT_ELIGIBLE',
      'Vòng thi này không dành cho đối tượng dự thi mà bạn đã đăng ký.',
    );
  }
}
