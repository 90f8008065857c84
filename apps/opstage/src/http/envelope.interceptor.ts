import { CallHandler, ExecutionContext, Injectable, NestInterceptor, StreamableFile } from '@nestjs/common';
import { Observable, map } from 'rxjs';
import { Paginated } from './paginated';

/** Results that a controller has already written or that must pass through untouched (streams, files). */
export class RawResponse {
  constructor(readonly body: unknown) {}
}

/** Wraps every controller result in `{ success: true, data, pagination? }`. */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((result: unknown) => {
        if (result instanceof RawResponse) return result.body;
        if (result instanceof StreamableFile) return result;
        if (result instanceof Paginated) return { success: true, data: result.items, pagination: result.pagination, ...result.extra };
        if (result === undefined) return { success: true };
        return { success: true, data: result };
      }),
    );
  }
}
