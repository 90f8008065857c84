import { AbstractControl, FormArray, FormGroup } from '@angular/forms';
import { fieldKind, JsonSchema } from './json-schema';

/**
 * The payload a form produces: numbers as numbers, JSON fields parsed, and optional fields left empty omitted, so the
 * service sees exactly what the operator entered. Read-only (disabled) fields are included with their value.
 */
export function payloadOf(schema: JsonSchema, control: AbstractControl): unknown {
  const kind = fieldKind(schema);
  if (kind === 'object' && control instanceof FormGroup) {
    const result: Record<string, unknown> = {};
    for (const [name, child] of Object.entries(schema.properties ?? {})) {
      const value = payloadOf(child, control.controls[name]);
      if (value !== undefined) result[name] = value;
    }
    return result;
  }
  if (kind === 'array' && control instanceof FormArray) return control.controls.map((item) => payloadOf(schema.items ?? {}, item));
  const value = control.value as unknown;
  if (value === null || value === '') return undefined;
  if (kind === 'number' || kind === 'integer') return Number(value);
  if (kind === 'json') return JSON.parse(value as string);
  return value;
}
