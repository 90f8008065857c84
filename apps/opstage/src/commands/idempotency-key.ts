import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { validationFailed } from '../http/api-error';

export const IDEMPOTENCY_KEY_MAX = 200;

/** The optional `Idempotency-Key` header: 1..200 printable characters (422 otherwise). */
export const IdempotencyKey = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | undefined => {
  const raw = ctx.switchToHttp().getRequest().headers['idempotency-key'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === '') return undefined;
  const key = String(value).trim();
  if (!key || key.length > IDEMPOTENCY_KEY_MAX || !/^[\x21-\x7e]+$/.test(key)) {
    throw validationFailed([{ path: 'Idempotency-Key', message: `must be 1..${IDEMPOTENCY_KEY_MAX} visible ASCII characters` }]);
  }
  return key;
});
