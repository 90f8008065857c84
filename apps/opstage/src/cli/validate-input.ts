import type { Type } from '@nestjs/common';
import { ApiError, ValidationIssue } from '../http/api-error';
import { createValidationPipe } from '../http/validation';
import { CliFailure, EXIT } from './cli-failure';

/**
 * Validates CLI input with the API's own DTO and pipe, so the CLI accepts exactly what the API accepts.
 * `flags` maps DTO fields to the option names shown in the message.
 */
export async function validateInput<T>(dto: Type<T>, value: Record<string, unknown>, flags: Record<string, string>): Promise<T> {
  try {
    return (await createValidationPipe().transform(value, { type: 'body', metatype: dto })) as T;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
      const issues = (error.details?.issues ?? []) as ValidationIssue[];
      throw new CliFailure(issues.map((issue) => `${flags[issue.path] ?? issue.path}: ${issue.message}`).join('\n'), EXIT.usage);
    }
    throw error;
  }
}
