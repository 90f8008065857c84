import Ajv from 'ajv';
import addFormats from 'ajv-formats';

// The same options as payload validation (ActionPayloadValidator): unknown formats and keywords are tolerated.
const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: true });
addFormats(ajv);

/**
 * Why a JSON Schema cannot be compiled, or null when it can: for schemas a caller supplies (a route's condition, an
 * event's declared payload schema). The compiled schema is dropped again, so checks do not accumulate in Ajv's cache.
 */
export function jsonSchemaProblem(schema: Record<string, unknown>): string | null {
  // `$id` would make Ajv refuse a second schema with the same id.
  const { $id: _ignored, ...rest } = schema;
  try {
    ajv.compile(rest);
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    ajv.removeSchema(rest);
  }
}
