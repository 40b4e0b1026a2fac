import { ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidatorOptions } from 'class-validator';
import { validationExceptionFactory } from '../common/errors/validation';

/** Unknown fields are refused, not dropped silently. */
const SOCKET_VALIDATOR_OPTIONS: ValidatorOptions = { whitelist: true, forbidNonWhitelisted: true };

/** The same strict validation as HTTP, for socket payloads (a non-object payload is refused too). */
export const socketValidationPipe = new ValidationPipe({
  ...SOCKET_VALIDATOR_OPTIONS,
  transform: true,
  exceptionFactory: validationExceptionFactory,
});

/**
 * The pipe's validation for a handler registered outside Nest's message pipeline: the payload
 * as an instance of `dto`, or a ValidationFailedError with the same Vietnamese details (a
 * non-object payload is validated as an empty one, so every required field is reported).
 */
export function validateSocketPayload<T extends object>(dto: new () => T, body: unknown): T {
  const plain = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
  const instance = plainToInstance(dto, plain);
  const errors = validateSync(instance, SOCKET_VALIDATOR_OPTIONS);
  if (errors.length > 0) throw validationExceptionFactory(errors);
  return instance;
}
