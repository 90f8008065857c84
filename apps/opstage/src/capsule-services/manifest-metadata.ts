import Ajv, { type ErrorObject } from 'ajv';
import type { ValidationIssue } from '../http/api-error';
import { jsonSchemaProblem } from '../json-schema/json-schema-problem';
import { redact } from '../redaction/redact';

/** One event type a service publishes or consumes, with an optional JSON Schema of its payload (v0.3 metadata). */
export interface EventDeclaration {
  type: string;
  description?: string;
  version?: string;
  payloadSchema?: Record<string, unknown>;
}

export interface CapabilityDeclaration {
  code: string;
  name?: string;
  description?: string;
}

export interface PermissionDeclaration {
  code: string;
  description?: string;
  actions?: string[];
  dangerLevel?: 'LOW' | 'MEDIUM' | 'HIGH';
}

/** The v0.3 metadata read from a manifest, in one normalised shape (capability strings become `{ code }`). */
export interface ManifestMetadata {
  capabilities: CapabilityDeclaration[];
  events: { published: EventDeclaration[]; consumed: EventDeclaration[] };
  permissions: PermissionDeclaration[];
}

const CODE = { type: 'string', minLength: 1, maxLength: 120, pattern: '^[A-Za-z0-9][A-Za-z0-9_.:*-]*$' };
const TEXT = (max: number) => ({ type: 'string', maxLength: max });
const EVENT = {
  type: 'object',
  required: ['type'],
  properties: { type: { ...CODE, pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]*$' }, description: TEXT(500), version: TEXT(40), payloadSchema: { type: 'object' } },
};

/**
 * The JSON Schema of the v0.3 fields a manifest may carry. Other manifest fields (and other keys under `events`, which
 * earlier agents used) are free-form and preserved.
 * `payloadSchema` must itself compile as a JSON Schema (checked separately).
 */
export const MANIFEST_METADATA_SCHEMA = {
  type: 'object',
  properties: {
    capabilities: {
      type: 'array',
      maxItems: 100,
      items: { oneOf: [CODE, { type: 'object', required: ['code'], properties: { code: CODE, name: TEXT(200), description: TEXT(500) } }] },
    },
    events: {
      type: 'object',
      properties: { published: { type: 'array', maxItems: 200, items: EVENT }, consumed: { type: 'array', maxItems: 200, items: EVENT } },
    },
    permissions: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        required: ['code'],
        properties: { code: CODE, description: TEXT(500), actions: { type: 'array', maxItems: 500, items: TEXT(128) }, dangerLevel: { enum: ['LOW', 'MEDIUM', 'HIGH'] } },
      },
    },
  },
} as const;

const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
const validateMetadata = ajv.compile(MANIFEST_METADATA_SCHEMA);

/** Problems with a manifest's v0.3 metadata (paths under `manifest`), or an empty list. */
export function manifestIssues(manifest: Record<string, unknown>): ValidationIssue[] {
  if (!validateMetadata(manifest)) return (validateMetadata.errors ?? []).filter((e) => e.keyword !== 'oneOf').map(toIssue);
  const issues: ValidationIssue[] = [];
  const events = (manifest.events ?? {}) as { published?: EventDeclaration[]; consumed?: EventDeclaration[] };
  for (const direction of ['published', 'consumed'] as const) {
    (events[direction] ?? []).forEach((event, i) => {
      const problem = event.payloadSchema && jsonSchemaProblem(event.payloadSchema);
      if (problem) issues.push({ path: `manifest.events.${direction}.${i}.payloadSchema`, message: `is not a valid JSON Schema: ${problem}` });
    });
  }
  return issues;
}

/** The v0.3 metadata of a stored manifest (missing parts are empty). */
export function manifestMetadata(manifest: Record<string, unknown>): ManifestMetadata {
  const raw = manifest as { capabilities?: Array<string | CapabilityDeclaration>; events?: { published?: EventDeclaration[]; consumed?: EventDeclaration[] }; permissions?: PermissionDeclaration[] };
  return {
    capabilities: (raw.capabilities ?? []).map((c) => (typeof c === 'string' ? { code: c } : c)),
    events: { published: raw.events?.published ?? [], consumed: raw.events?.consumed ?? [] },
    permissions: raw.permissions ?? [],
  };
}

/** The payload schema a service declares for an event type it publishes, if any (read on every ingest: no normalising). */
export function declaredPayloadSchema(manifest: Record<string, unknown>, eventType: string): Record<string, unknown> | undefined {
  const published = (manifest as { events?: { published?: EventDeclaration[] } }).events?.published ?? [];
  return published.find((e) => e.type === eventType)?.payloadSchema;
}

function toIssue(error: ErrorObject): ValidationIssue {
  const path = ['manifest', ...error.instancePath.split('/').filter(Boolean)].join('.');
  return { path, message: error.message ?? 'is invalid' };
}

/**
 * The manifest as stored: redacted like any reported object, except event payload schemas, whose property names
 * (`password`, `token`, …) describe fields rather than hold secrets and must survive for the bus to check payloads.
 */
export function redactManifest(manifest: Record<string, unknown>): Record<string, unknown> {
  const { events, ...rest } = manifest as { events?: Record<string, EventDeclaration[] | undefined> };
  const stored = redact(rest) as Record<string, unknown>;
  if (events) {
    const keep = (list: EventDeclaration[] | undefined) =>
      list?.map(({ payloadSchema, ...declaration }) => ({ ...redact(declaration), ...(payloadSchema ? { payloadSchema } : {}) }));
    stored.events = Object.fromEntries(Object.entries(events).map(([direction, list]) => [direction, keep(list)]));
  }
  return stored;
}
