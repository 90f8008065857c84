import { inject, Injectable } from '@angular/core';
import { Api } from '../../api/api';
import type { StrictHttpResponse } from '../../api/strict-http-response';
import type { HttpClient, HttpContext } from '@angular/common/http';
import type { Observable } from 'rxjs';

type ApiFn<P, R> = (http: HttpClient, rootUrl: string, params: P, context?: HttpContext) => Observable<StrictHttpResponse<R>>;

type DataOf<R> = R extends { data?: infer D } ? Exclude<D, undefined> : void;

export interface Page<T> {
  data: T[];
  pagination: { page: number; pageSize: number; total: number };
}

/** Calls a generated API function and unwraps the success envelope. Errors arrive as ApiError (see the interceptor). */
@Injectable({ providedIn: 'root' })
export class ApiClient {
  private readonly api = inject(Api);

  async call<P, R extends { success: boolean }>(fn: ApiFn<P, R>, params: P): Promise<DataOf<R>> {
    const body = await this.api.invoke(fn, params);
    return (body as { data?: unknown }).data as DataOf<R>;
  }

  /** Calls an operation that answers with a file: its bytes and the name from `Content-Disposition`. */
  async download<P>(fn: ApiFn<P, Blob>, params: P): Promise<{ blob: Blob; filename: string }> {
    const response = await this.api.invoke$Response(fn, params);
    const disposition = response.headers.get('content-disposition') ?? '';
    const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? 'download';
    return { blob: response.body, filename };
  }

  async page<P, T>(fn: ApiFn<P, { data: T[]; pagination: Page<T>['pagination'] }>, params: P): Promise<Page<T>> {
    const body = await this.api.invoke(fn, params);
    return { data: body.data, pagination: body.pagination };
  }
}
