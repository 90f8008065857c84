import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidationIssue, validationFailed } from './api-error';

function flatten(errors: ValidationError[], parent = ''): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) issues.push({ path, message });
    if (error.children?.length) issues.push(...flatten(error.children, path));
  }
  return issues;
}

/** The global pipe: class-validator DTOs, unknown fields dropped, any failure is 422 VALIDATION_FAILED with issues. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    validateCustomDecorators: true,
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}
