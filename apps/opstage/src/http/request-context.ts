import { AsyncLocalStorage } from 'node:async_hooks';
import { EntityManager, RequestContext } from '@mikro-orm/core';

/** What every audit row records about the request that caused it. */
export interface RequestMeta {
  requestId: string;
  ipAddress: string | null;
  userAgent: string | null;
}

/**
 * One request's async context: its audit metadata and, once something asks for one, its EntityManager fork. Most
 * agent requests (heartbeats, long polls) only run prepared statements and never need a fork; a parked long poll
 * would otherwise hold a whole unit of work (about 3 KB) for its 25 seconds (ADR 0013).
 */
export class RequestScope {
  #fork?: EntityManager;

  constructor(
    readonly meta: RequestMeta,
    private readonly root?: EntityManager,
  ) {}

  entityManager(): EntityManager | undefined {
    // Forked outside the scope, as MikroORM's own RequestContext does: a context-aware fork resolves its context while
    // it is being built, which here would ask for this very fork again.
    return this.root && (this.#fork ??= requestContext.exit(() => this.root!.fork({ useContext: true })));
  }
}

export const requestContext: AsyncLocalStorage<RequestScope> = new AsyncLocalStorage<RequestScope>();

export function currentRequestMeta(): RequestMeta | undefined {
  return requestContext.getStore()?.meta;
}

/** MikroORM's `context` option: the request's own fork, else MikroORM's own request context (if any). */
export function requestEntityManager(name: string): EntityManager | undefined {
  return requestContext.getStore()?.entityManager() ?? RequestContext.getEntityManager(name);
}
