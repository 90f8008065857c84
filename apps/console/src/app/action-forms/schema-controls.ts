import { AbstractControl, FormArray, FormControl, FormGroup, ValidationErrors, ValidatorFn, Validators } from '@angular/forms';
import { fieldKind, JsonSchema } from './json-schema';

/** Builds the reactive form for a schema node, seeded from `initial`, else the schema's `default`. */
export function buildControl(schema: JsonSchema, initial: unknown, required: boolean): AbstractControl {
  const kind = fieldKind(schema);
  const seed = initial !== undefined ? initial : schema.default;
  if (kind === 'object') {
    const values = isRecord(seed) ? seed : {};
    const group = new FormGroup<Record<string, AbstractControl>>({});
    for (const [name, child] of Object.entries(schema.properties ?? {})) {
      group.addControl(name, buildControl(child, values[name], schema.required?.includes(name) ?? false));
    }
    return group;
  }
  if (kind === 'array') {
    const items = Array.isArray(seed) ? seed : [];
    const array = new FormArray(items.map((item) => buildControl(schema.items ?? {}, item, true)), arrayValidators(schema, required));
    return array;
  }
  if (kind === 'json') {
    return new FormControl(seed === undefined ? '' : JSON.stringify(seed, null, 2), [...(required ? [Validators.required] : []), jsonValidator]);
  }
  const fallback = kind === 'boolean' ? false : kind === 'multiEnum' ? [] : seed === undefined ? null : seed;
  const control = new FormControl(seed ?? fallback, scalarValidators(schema, kind, required));
  if (schema.readOnly) control.disable();
  return control;
}

/** A new item for an array field (the "Add" button). */
export function buildArrayItem(schema: JsonSchema): AbstractControl {
  return buildControl(schema.items ?? {}, undefined, true);
}

function scalarValidators(schema: JsonSchema, kind: string, required: boolean): ValidatorFn[] {
  const validators: ValidatorFn[] = [];
  if (required && kind !== 'boolean') validators.push(kind === 'multiEnum' ? nonEmptyArray : Validators.required);
  if (schema.minLength != null) validators.push(Validators.minLength(schema.minLength));
  if (schema.maxLength != null) validators.push(Validators.maxLength(schema.maxLength));
  if (schema.pattern) validators.push(Validators.pattern(new RegExp(schema.pattern)));
  if (schema.minimum != null) validators.push(Validators.min(schema.minimum));
  if (schema.maximum != null) validators.push(Validators.max(schema.maximum));
  if (kind === 'integer') validators.push(integerValidator);
  return validators;
}

function arrayValidators(schema: JsonSchema, required: boolean): ValidatorFn[] {
  const validators: ValidatorFn[] = [];
  const minItems = schema.minItems ?? (required ? 1 : undefined);
  if (minItems != null) validators.push((control) => ((control as FormArray).length < minItems ? { minItems: { min: minItems } } : null));
  if (schema.maxItems != null) validators.push((control) => ((control as FormArray).length > schema.maxItems! ? { maxItems: { max: schema.maxItems } } : null));
  return validators;
}

const integerValidator: ValidatorFn = (control) => (control.value == null || control.value === '' || Number.isInteger(Number(control.value)) ? null : { integer: true });
const nonEmptyArray: ValidatorFn = (control) => (Array.isArray(control.value) && control.value.length > 0 ? null : { required: true });
const jsonValidator: ValidatorFn = (control): ValidationErrors | null => {
  if (control.value == null || control.value === '') return null;
  try {
    JSON.parse(control.value as string);
    return null;
  } catch {
    return { json: true };
  }
};

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
