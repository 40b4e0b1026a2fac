import { ValidationPipe } from '@nestjs/common';
import { validationExceptionFactory } from '../errors/validation';

/** One strict pipe for every HTTP route: unknown fields are refused, payloads typed. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: validationExceptionFactory,
});
