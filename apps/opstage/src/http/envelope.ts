import { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';
import { Paginated } from './paginated';

/** A result the controller has already shaped (its own envelope, Prometheus text): sent as it is. */
export class RawResponse {
  constructor(readonly body: unknown) {}
}

/**
 * The success envelope around a controller's result: `{ success: true, data, pagination? }`, or `{ success: true }`
 * for a result-less route. Raw responses, files, streams and buffers pass through untouched.
 */
export function toSuccessEnvelope(result: unknown): unknown {
  if (result instanceof RawResponse) return result.body;
  if (result instanceof StreamableFile || result instanceof Readable || Buffer.isBuffer(result)) return result;
  if (result instanceof Paginated) return { success: true, data: result.items, pagination: result.pagination, ...result.extra };
  if (result === undefined) return { success: true };
  return { success: true, data: result };
}
