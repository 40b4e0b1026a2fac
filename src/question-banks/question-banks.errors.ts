import { DomainError, ErrorDetail } from '../common/errors/domain-error';

export class BankNameTakenError extends DomainError {
  constructor(name: string) {
    super('conflict', 'BANK_NAME_TAKEN', `Đã có ngân hàng câu hỏi tên "${name}".`);
  }
}

export class TopicCodeTakenError extends DomainError {
  constructor(code: string) {
    super('conflict', 'TOPIC_CODE_TAKEN', `Ngân hàng đã có chủ đề mã "${code}".`);
  }
}

export class TopicNameTakenError extends DomainError {
  constructor(name: string) {
    super('conflict', 'TOPIC_NAME_TAKEN', `Ngân hàng đã có chủ đề "${name}".`, [
      { field: 'name', message: `Ngân hàng đã có chủ đề "${name}".` },
    ]);
  }
}

export class DuplicateQuestionError extends DomainError {
  constructor() {
    super('conflict', 'DUPLICATE_QUESTION', 'Ngân hàng đã có một câu hỏi cùng nội dung.');
  }
}

export class InvalidQuestionError extends DomainError {
  constructor(details: ErrorDetail[]) {
    super(
      'bad_request',
      'INVALID_QUESTION',
      'Câu hỏi chưa hợp lệ. Vui lòng sửa các mục được đánh dấu.',
      details,
    );
  }
}

export class UnknownTopicError extends DomainError {
  constructor() {
    super('bad_request', 'UNKNOWN_TOPIC', 'Chủ đề không thuộc ngân hàng câu hỏi này.', [
      { field: 'topicId', message: 'Chủ đề không thuộc ngân hàng câu hỏi này.' },
    ]);
  }
}

export class ImportRefusedError extends DomainError {
  constructor(message: string) {
    super('bad_request', 'IMPORT_REFUSED', message);
  }
}
