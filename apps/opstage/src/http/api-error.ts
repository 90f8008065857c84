import { ERROR_CATALOGUE, ErrorCode } from '../../../../libs/contracts/src';

/** A domain error carrying its catalogue code; the global filter turns it into the error envelope. */
export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = ERROR_CATALOGUE[code].status;
  }
}

export interface ValidationIssue {
  path: string;
  message: string;
}

export function validationFailed(issues: ValidationIssue[], message = 'Request validation failed.'): ApiError {
  return new ApiError('VALIDATION_FAILED', message, { issues });
}
