/** The server's error envelope (`{success:false,error:{code,message,details,requestId}}`) as a typed error. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Any thrown value as an ApiError, so templates can always show a code and a message. */
  static from(error: unknown): ApiError {
    if (error instanceof ApiError) return error;
    if (error instanceof Error) return new ApiError(0, 'CLIENT_ERROR', error.message);
    return new ApiError(0, 'CLIENT_ERROR', String(error));
  }
}

interface ErrorEnvelope {
  success: false;
  error: { code: string; message: string; details?: unknown; requestId?: string | null };
}

export function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  const error = (body as ErrorEnvelope | null)?.error;
  return typeof body === 'object' && body !== null && (body as ErrorEnvelope).success === false && typeof error?.code === 'string';
}
