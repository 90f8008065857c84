import { ERROR_CATALOGUE, ErrorCode } from '../../../../libs/contracts/src';

export interface ApiErrorOptions {
  /** Response headers, e.g. `retry-after`. */
  headers?: Record<string, string>;
  /** Overrides the catalogue status where a context answers differently (action readiness is always 409). */
  status?: number;
  /** An agent's own error code, reported in place of the catalogue code (a failed prepare surfaces it). */
  agentCode?: string;
}

/** A domain error carrying its catalogue code; the global filter turns it into the error envelope. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly headers?: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options: ApiErrorOptions = {},
  ) {
    super(message);
    this.code = options.agentCode ?? code;
    this.status = options.status ?? ERROR_CATALOGUE[code].status;
    this.headers = options.headers;
  }
}

export interface ValidationIssue {
  path: string;
  message: string;
}

export function validationFailed(issues: ValidationIssue[], message = 'Request validation failed.'): ApiError {
  return new ApiError('VALIDATION_FAILED', message, { issues });
}
