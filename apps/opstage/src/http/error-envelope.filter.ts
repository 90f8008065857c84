import { createReadStream } from 'node:fs';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '../../../../libs/contracts/src';
import { redact } from '../redaction/redact';
import { ApiError } from './api-error';

interface ErrorBody {
  status: number;
  code: ErrorCode | string;
  message: string;
  details?: Record<string, unknown>;
  headers?: Record<string, string>;
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_FAILED',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** Maps any thrown value to the error envelope. Client mistakes never become a 5xx. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof ApiError) {
    return { status: error.status, code: error.code, message: error.message, details: error.details, headers: error.headers };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404) return { status, code: 'NOT_FOUND', message: 'Route not found.' };
    if (status >= 500) return { status, code: 'INTERNAL_ERROR', message: 'Internal server error.' };
    return { status: status === 400 ? 422 : status, code: STATUS_CODES[status] ?? 'REQUEST_ERROR', message: error.message };
  }
  const fastifyCode = (error as { code?: string })?.code;
  const statusCode = (error as { statusCode?: number })?.statusCode;
  if (typeof fastifyCode === 'string' && fastifyCode.startsWith('FST_')) {
    if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large.' };
    if (fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported content type.' };
    if (statusCode && statusCode < 500) {
      return { status: 422, code: 'VALIDATION_FAILED', message: 'Malformed request.', details: { issues: [{ path: '', message: (error as Error).message }] } };
    }
  }
  if (statusCode && statusCode >= 400 && statusCode < 500) {
    return { status: 422, code: 'VALIDATION_FAILED', message: 'Malformed request.', details: { issues: [{ path: '', message: (error as Error).message }] } };
  }
  return { status: 500, code: 'INTERNAL_ERROR', message: 'Internal server error.' };
}

/** Writes the error envelope for any thrown value (details redacted, never for a 5xx). */
export function sendErrorEnvelope(reply: FastifyReply, requestId: string | undefined, error: unknown): ErrorBody {
  const body = toErrorBody(error);
  for (const [name, value] of Object.entries(body.headers ?? {})) reply.header(name, value);
  void reply
    .status(body.status)
    .header('content-type', 'application/json; charset=utf-8')
    .send({
      success: false,
      error: {
        code: body.code,
        message: body.message,
        ...(body.details && body.status < 500 ? { details: redact(body.details) } : {}),
        requestId,
      },
    });
  return body;
}

const NON_SPA_PREFIXES = ['/api', '/health', '/metrics'];

@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorEnvelope');

  /** `spaIndex`: when the console is built, unknown non-API GET paths serve its index.html (SPA fallback). */
  constructor(private readonly spaIndex?: string) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    if (this.spaIndex && error instanceof NotFoundException && this.isSpaRequest(request)) {
      reply.status(200).header('content-type', 'text/html; charset=utf-8').send(createReadStream(this.spaIndex));
      return;
    }
    if (reply.sent) {
      if (toErrorBody(error).status >= 500) this.logger.error({ err: error, requestId: request?.id }, 'Unhandled error after the response was sent');
      return;
    }
    const body = sendErrorEnvelope(reply, request?.id, error);
    if (body.status >= 500) this.logger.error({ err: error, requestId: request?.id }, 'Unhandled error');
  }

  private isSpaRequest(request: FastifyRequest): boolean {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const path = request.url.split('?')[0];
    return !NON_SPA_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
  }
}
