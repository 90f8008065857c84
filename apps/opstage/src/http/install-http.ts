import { validationFailed } from './api-error';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import type { FastifyRequest } from 'fastify';
import { MikroORM } from '@mikro-orm/sqlite';
import { OpstageConfig } from '../config/opstage-config';
import { installJsonBodyParser } from './json-body-parser';
import { requestContext, RequestScope } from './request-context';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFor(request: { headers: Record<string, string | string[] | undefined> }, fallback: () => string): string {
  const incoming = request.headers['x-request-id'];
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && REQUEST_ID.test(value) ? value : fallback();
}

/** Fastify-level plumbing: cookies, JSON parsing, request ids and their async context, the console's static files. */
export async function installHttp(app: NestFastifyApplication, config: OpstageConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const root = app.get(MikroORM).em;
  await app.register(fastifyCookie as never);
  installJsonBodyParser(fastify);
  fastify.addHook('onRequest', (request: FastifyRequest, reply, done) => {
    reply.header('x-request-id', request.id);
    const userAgent = request.headers['user-agent'];
    const meta = { requestId: request.id, ipAddress: request.ip ?? null, userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : null };
    requestContext.run(new RequestScope(meta, root), done);
  });
  // A NUL in the path or query would end the SQL string inside the SQLite driver (bodies are checked by the parser).
  fastify.addHook('onRequest', (request: FastifyRequest, _reply, done) => {
    if (/%00/i.test(request.raw.url ?? '')) return done(validationFailed([{ path: 'url', message: 'must not contain NUL characters' }]));
    done();
  });
  if (existsSync(join(config.staticDir, 'index.html'))) {
    await app.register(fastifyStatic as never, { root: config.staticDir, prefix: '/', wildcard: false, index: ['index.html'] } as never);
  }
}
