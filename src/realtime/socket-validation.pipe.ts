import { ValidationPipe } from '@nestjs/common';
import { validationExceptionFactory } from '../common/errors/validation';

/** The same strict validation as HTTP, for socket payloads (a non-object payload is refused too). */
export const socketValidationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: validationExceptionFactory,
});
