import { ValidationError, ValidationPipe } from '@nestjs/common';
import type { ProblemFieldError } from '@stockbridge/shared';
import { AppError } from '../errors';

function flatten(errors: ValidationError[], parent = ''): ProblemFieldError[] {
  const out: ProblemFieldError[] = [];
  for (const e of errors) {
    const path = parent ? `${parent}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) {
      out.push({
        path,
        message: message.startsWith('property ') ? `${path} is not allowed` : message,
        ...(typeof e.value !== 'object' || e.value === null ? { value: e.value } : {}),
      });
    }
    if (e.children?.length) out.push(...flatten(e.children, path));
  }
  return out;
}

/**
 * Whitelist + forbid unknown properties (400 VALIDATION_FAILED listing every bad field),
 * transform into DTO classes so nested arrays validate too.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: true },
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const list = flatten(errors);
      return new AppError('VALIDATION_FAILED', list.map((e) => e.message).join('; ') || 'Invalid request', list);
    },
  });
}
