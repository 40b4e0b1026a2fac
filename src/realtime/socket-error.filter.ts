import { ArgumentsHost, Catch, Logger } from '@nestjs/common';
import { BaseWsExceptionFilter } from '@nestjs/websockets';
import { DomainError } from '../common/errors/domain-error';
import { domainErrorBody, INTERNAL_ERROR_BODY, STATUS_BY_KIND } from '../common/errors/error-body';
import type { Ack } from '../shared/realtime/events';

/**
 * A bad socket message gets an error reply through its ack, never a crash: domain errors keep
 * their code and Vietnamese message; anything else is logged and answered as INTERNAL_ERROR.
 */
@Catch()
export class SocketErrorFilter extends BaseWsExceptionFilter {
  private readonly logger = new Logger(SocketErrorFilter.name);

  override catch(error: unknown, host: ArgumentsHost): void {
    const reply = socketErrorReply(error, this.logger);
    const ack = host
      .getArgs()
      .find((arg): arg is (reply: unknown) => void => typeof arg === 'function');
    if (ack) ack(reply);
    else
      host
        .switchToWs()
        .getClient<{ emit(event: string, body: unknown): void }>()
        .emit('error:reply', reply);
  }
}

/**
 * The ack of a message that failed: a domain error keeps its code and Vietnamese message;
 * anything else is logged and answered as INTERNAL_ERROR. (For handlers outside Nest's
 * pipeline too, see `onDirectMessage`.)
 */
export function socketErrorReply(error: unknown, logger: Logger): Ack<never> {
  if (error instanceof DomainError) return { ok: false, error: domainErrorBody(error) };
  logger.error({ err: error }, 'Unhandled socket error');
  return { ok: false, error: INTERNAL_ERROR_BODY };
}

/** The status `socketErrorReply` answers `error` with (for the metrics). */
export function socketErrorStatus(error: unknown): number {
  return error instanceof DomainError ? STATUS_BY_KIND[error.kind] : INTERNAL_ERROR_BODY.statusCode;
}
