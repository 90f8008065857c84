import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MikroORM } from '@mikro-orm/sqlite';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { OpstageConfig } from './config/opstage-config';
import { prepareDatabase } from './database/prepare-database';
import { EnvelopeFastifyAdapter } from './http/envelope-fastify-adapter';
import { ErrorEnvelopeFilter, sendErrorEnvelope } from './http/error-envelope.filter';
import { installHttp, requestIdFor } from './http/install-http';
import { createValidationPipe } from './http/validation';
import { newId } from './ids/new-id';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { OwnerBootstrap } from './users/owner-bootstrap';

export interface CreateAppOptions {
  /** Called with the bootstrap owner's generated password (default: printed once to stdout). */
  onGeneratedPassword?: (username: string, password: string) => void;
  /** Skip Swagger UI (the generator builds the document itself). */
  swaggerUi?: boolean;
}

/** Builds the whole backend: database migrated, bootstrap owner ensured, every route registered; not yet listening. */
export async function createApp(config: OpstageConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new EnvelopeFastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => requestIdFor(request, () => newId('req')),
    routerOptions: { maxParamLength: 200 },
    // Router-level failures (undecodable URL, over-long parameter) never reach Nest: answer them in the envelope too.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      reply.header('x-request-id', request.id);
      sendErrorEnvelope(reply, request.id, error);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, { bufferLogs: true, abortOnError: false, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await installHttp(app, config);
  const spaIndex = join(config.staticDir, 'index.html');
  app.useGlobalFilters(new ErrorEnvelopeFilter(existsSync(spaIndex) ? spaIndex : undefined));
  app.useGlobalPipes(createValidationPipe());

  await prepareDatabase(app.get(MikroORM));
  await app.get(OwnerBootstrap).ensureOwner(options.onGeneratedPassword);
  if (options.swaggerUi !== false) {
    SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app, config.version), { jsonDocumentUrl: 'api/docs-json' });
  }
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
