import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((key) => [key, sortDeep((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** The OpenAPI document, generated from the controllers and DTOs; key order is sorted so the file is deterministic. */
export function buildOpenApiDocument(app: INestApplication, version: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Opstage API')
    .setDescription(
      'Xtrape Capsule Opstage: the Admin API (`/api/admin/*`, cookie session + `X-CSRF-Token` on mutating requests), ' +
        'the Agent API (`/api/agents/*`, `Authorization: Bearer opstage_agent_…`) and the System API. ' +
        'Every response is an envelope: `{ success: true, data, pagination? }` or `{ success: false, error: { code, message, details?, requestId } }`.',
    )
    .setVersion(version)
    .addCookieAuth('opstage_session', { type: 'apiKey', in: 'cookie', name: 'opstage_session' }, 'AdminSessionCookie')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'Required on POST/PUT/PATCH/DELETE admin requests.' }, 'CsrfToken')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'opstage_agent token' }, 'AgentBearerToken')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey: string, methodKey: string) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  return sortDeep(document) as OpenAPIObject;
}
