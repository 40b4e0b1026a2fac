/**
 * Errors of the domain: each has a stable machine code and a Vietnamese message a person can
 * read. DomainErrorFilter maps them to HTTP responses; socket handlers map them to error acks.
 */
export type DomainErrorKind =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'locked'
  | 'too_many_requests'
  | 'unprocessable';

export interface ErrorDetail {
  field?: string;
  message: string;
  [key: string]: unknown;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, code = 'NOT_FOUND') {
    super('not_found', code, `Không tìm thấy ${what}.`);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Bạn cần đăng nhập để tiếp tục.') {
    super('unauthenticated', 'UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Bạn không có quyền thực hiện thao tác này.', code = 'FORBIDDEN') {
    super('forbidden', code, message);
  }
}

export class ValidationFailedError extends DomainError {
  constructor(details: ErrorDetail[], message = 'Dữ liệu gửi lên không hợp lệ.') {
    super('bad_request', 'VALIDATION_FAILED', message, details);
  }
}
