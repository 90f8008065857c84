import type { ValidationIssue } from '../../http/api-error';

/** What a mapping template may read from an event. */
export interface EventView {
  id: string;
  eventType: string;
  sourceServiceCode: string;
  correlationId: string;
  causationId: string | null;
  occurredAt: string;
  payload: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

const SCALAR_FIELDS = ['id', 'eventType', 'sourceServiceCode', 'correlationId', 'causationId', 'occurredAt'] as const;
const OBJECT_FIELDS = ['payload', 'metadata'] as const;
const TEMPLATE = /^\$event(?:\.([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*))?$/;
const MAX_DEPTH = 10;

/**
 * The route's `inputMapping`, applied to an event. String values of the form `$event.<path>` are templates
 * (`$event.payload.orderId`, `$event.sourceServiceCode`, `$event.payload` for the whole payload); a string starting
 * with `$$` is the literal text after the first `$`; everything else is a literal, objects and arrays mapped
 * recursively. An empty mapping dispatches the event payload unchanged. A template naming a missing payload field
 * leaves the key out, so the target's input schema decides whether it was required.
 */
export function resolveMapping(mapping: Record<string, unknown>, event: EventView): Record<string, unknown> {
  if (Object.keys(mapping).length === 0) return structuredClone(event.payload);
  return resolveValue(mapping, event) as Record<string, unknown>;
}

function resolveValue(value: unknown, event: EventView): unknown {
  if (typeof value === 'string') {
    if (value.startsWith('$$')) return value.slice(1);
    if (value.startsWith('$')) return readTemplate(value, event);
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, event)).filter((item) => item !== undefined);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const resolved = resolveValue(inner, event);
      if (resolved !== undefined) out[key] = resolved;
    }
    return out;
  }
  return value;
}

function readTemplate(template: string, event: EventView): unknown {
  const path = TEMPLATE.exec(template)?.[1]?.split('.') ?? [];
  let current: unknown = event;
  for (const segment of path) {
    if (!current || typeof current !== 'object' || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current === null || typeof current !== 'object' ? current : structuredClone(current);
}

/** Problems with a mapping's templates, found when the route is saved (paths under `inputMapping`). */
export function mappingIssues(mapping: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const visit = (value: unknown, path: string, depth: number) => {
    if (depth > MAX_DEPTH) {
      issues.push({ path, message: `is nested deeper than ${MAX_DEPTH} levels` });
      return;
    }
    if (typeof value === 'string') {
      if (!value.startsWith('$') || value.startsWith('$$')) return;
      const match = TEMPLATE.exec(value);
      const root = match?.[1]?.split('.')[0];
      const segments = match?.[1]?.split('.') ?? [];
      const valid = match && root !== undefined && ((SCALAR_FIELDS as readonly string[]).includes(root) ? segments.length === 1 : (OBJECT_FIELDS as readonly string[]).includes(root));
      if (!valid) {
        issues.push({ path, message: `"${value}" is not a template: use $event.payload.<field>, $event.metadata.<field>, $event.${SCALAR_FIELDS.join(', $event.')} (or $$ for a literal $)` });
      }
      return;
    }
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, `${path}.${i}`, depth + 1));
    else if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) visit(inner, `${path}.${key}`, depth + 1);
  };
  visit(mapping, 'inputMapping', 0);
  return issues;
}
