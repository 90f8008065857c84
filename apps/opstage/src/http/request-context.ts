import { AsyncLocalStorage } from 'node:async_hooks';

/** What every audit row records about the request that caused it. */
export interface RequestMeta {
  requestId: string;
  ipAddress: string | null;
  userAgent: string | null;
}

export const requestContext = new AsyncLocalStorage<RequestMeta>();

export function currentRequestMeta(): RequestMeta | undefined {
  return requestContext.getStore();
}
