import { HttpStatus } from '@nestjs/common';
import { DomainError, DomainErrorKind, ErrorDetail } from './domain-error';

/** The one error shape every HTTP endpoint and socket ack uses. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: ErrorDetail[];
}

export const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  bad_request: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  locked: HttpStatus.LOCKED,
  too_many_requests: HttpStatus.TOO_MANY_REQUESTS,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
};

export function domainErrorBody(error: DomainError): ErrorBody {
  return {
    statusCode: STATUS_BY_KIND[error.kind],
    code: error.code,
    message: error.message,
    ...(error.details ? { details: error.details } : {}),
  };
}

export const INTERNAL_ERROR_BODY: ErrorBody = {
  statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
  code: 'INTERNAL_ERROR',
  message: 'Hệ thống gặp sự cố. Vui lòng thử lại sau ít phút.',
};

/** Vietnamese messages for the HTTP errors that Nest and its middleware raise themselves. */
export const HTTP_STATUS_MESSAGES: Record<number, { code: string; message: string }> = {
  400: { code: 'BAD_REQUEST', message: 'Yêu cầu không hợp lệ.' },
  401: { code: 'UNAUTHENTICATED', message: 'Bạn cần đăng nhập để tiếp tục.' },
  403: { code: 'FORBIDDEN', message: 'Bạn không có quyền thực hiện thao tác này.' },
  404: { code: 'NOT_FOUND', message: 'Không tìm thấy nội dung yêu cầu.' },
  405: { code: 'METHOD_NOT_ALLOWED', message: 'Phương thức không được hỗ trợ.' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'Dữ liệu gửi lên quá lớn.' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Định dạng dữ liệu không được hỗ trợ.' },
  429: {
    code: 'TOO_MANY_REQUESTS',
    message: 'Bạn thao tác quá nhanh. Vui lòng thử lại sau giây lát.',
  },
};
