import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Response } from 'express';
import { DomainError } from './domain-error';
import {
  domainErrorBody,
  ErrorBody,
  HTTP_STATUS_MESSAGES,
  INTERNAL_ERROR_BODY,
} from './error-body';

/** Domain errors keep their code and Vietnamese message. */
@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter<DomainError> {
  catch(error: DomainError, host: ArgumentsHost): void {
    send(host, domainErrorBody(error));
  }
}

/**
 * Everything else: Nest's HttpExceptions become the same error shape with a Vietnamese
 * message; unknown errors become a 500 that leaks nothing, and are logged in full.
 */
@Catch()
export class CatchAllFilter implements ExceptionFilter {
  private readonly logger = new Logger(CatchAllFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    if (error instanceof DomainError) {
      send(host, domainErrorBody(error));
      return;
    }
    if (error instanceof HttpException || isHttpError(error)) {
      const status = error instanceof HttpException ? error.getStatus() : error.status;
      if (status < 500) {
        const known = HTTP_STATUS_MESSAGES[status] ?? {
          code: 'BAD_REQUEST',
          message: 'Yêu cầu không hợp lệ.',
        };
        const code = error instanceof ThrottlerException ? 'TOO_MANY_REQUESTS' : known.code;
        send(host, { statusCode: status, code, message: known.message });
        return;
      }
    }
    this.logger.error({ err: error }, 'Unhandled error');
    send(host, INTERNAL_ERROR_BODY);
  }
}

/** Errors thrown by Express middleware (body-parser's 413, bad JSON 400) carry a `status`. */
function isHttpError(error: unknown): error is { status: number } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { status?: unknown }).status === 'number' &&
    (error as { status: number }).status >= 400 &&
    (error as { status: number }).status < 600
  );
}

function send(host: ArgumentsHost, body: ErrorBody): void {
  const response = host.switchToHttp().getResponse<Response>();
  if (response.headersSent) return;
  response.status(body.statusCode || HttpStatus.INTERNAL_SERVER_ERROR).json(body);
}
