import { DomainError } from '../common/errors/domain-error';

export class PracticeSessionNotFoundError extends DomainError {
  constructor() {
    super(
      'not_found',
      'PRACTICE_SESSION_NOT_FOUND',
      'Không tìm thấy lượt luyện tập này. Hãy bắt đầu lượt mới.',
    );
  }
}

export class NoPracticeQuestionsError extends DomainError {
  constructor(missedMode = false) {
    super(
      'unprocessable',
      'NO_PRACTICE_QUESTIONS',
      missedMode
        ? 'Các câu bạn từng trả lời sai hiện không còn trong phần luyện tập. Hãy chọn chủ đề hoặc luyện tập ngẫu nhiên.'
        : 'Chưa có câu hỏi luyện tập nào cho lựa chọn này. Hãy chọn chủ đề khác.',
    );
  }
}

export class InvalidDateRangeError extends DomainError {
  constructor() {
    super(
      'bad_request',
      'INVALID_DATE_RANGE',
      'Khoảng thời gian không hợp lệ: ngày bắt đầu phải trước ngày kết thúc và không quá 366 ngày.',
    );
  }
}

export class InvalidPracticePositionError extends DomainError {
  constructor() {
    super('bad_request', 'INVALID_POSITION', 'Câu hỏi không thuộc lượt luyện tập này.', [
      { field: 'position', message: 'Câu hỏi không thuộc lượt luyện tập này.' },
    ]);
  }
}

export class InvalidChoiceError extends DomainError {
  constructor() {
    super('bad_request', 'INVALID_CHOICE', 'Phương án đã chọn không hợp lệ.', [
      { field: 'chosen', message: 'Phương án đã chọn không hợp lệ.' },
    ]);
  }
}
