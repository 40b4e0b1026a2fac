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
  constructor() {
    super(
      'unprocessable',
      'NO_PRACTICE_QUESTIONS',
      'Chưa có câu hỏi luyện tập nào cho lựa chọn này. Hãy chọn chủ đề khác.',
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
