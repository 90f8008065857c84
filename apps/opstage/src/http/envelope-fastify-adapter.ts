import { FastifyAdapter } from '@nestjs/platform-fastify';
import { toSuccessEnvelope } from './envelope';

/**
 * The Fastify adapter that puts every controller result in the success envelope as Nest hands it to Fastify (ADR 0013).
 *
 * Not an interceptor on purpose: one global interceptor makes Nest run every request through an rxjs pipeline
 * (ReplaySubject, switchMap, takeUntil, taps: about 50 closures), which a held long poll keeps alive for its whole
 * wait — 11 of the 25 KB a parked poll cost. Error answers never come through here as results: the error filter
 * sends its envelope itself, and a status of 400 or more (Nest's fallback filter) is left as it is.
 */
export class EnvelopeFastifyAdapter extends FastifyAdapter {
  override reply(response: Parameters<FastifyAdapter['reply']>[0], body: unknown, statusCode?: number) {
    return super.reply(response, statusCode !== undefined && statusCode >= 400 ? body : toSuccessEnvelope(body), statusCode);
  }
}
