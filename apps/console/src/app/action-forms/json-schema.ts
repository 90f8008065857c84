/** The subset of JSON Schema (plus Opstage UI hints) that action input forms understand. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  enumLabels?: string[];
  format?: string;
  placeholder?: string;
  readOnly?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
}

export type FieldKind = 'text' | 'password' | 'textarea' | 'number' | 'integer' | 'boolean' | 'enum' | 'multiEnum' | 'object' | 'array' | 'json';

export function primaryType(schema: JsonSchema): string | undefined {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type) return type;
  if (schema.properties) return 'object';
  if (schema.enum) return typeof schema.enum[0] === 'number' ? 'number' : 'string';
  return undefined;
}

/** Which widget renders a schema node. */
export function fieldKind(schema: JsonSchema): FieldKind {
  const type = primaryType(schema);
  if (schema.enum?.length) return 'enum';
  switch (type) {
    case 'boolean':
      return 'boolean';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'object':
      return schema.properties ? 'object' : 'json';
    case 'array':
      return schema.items?.enum?.length ? 'multiEnum' : 'array';
    case 'string':
      return schema.format === 'password' ? 'password' : schema.format === 'textarea' ? 'textarea' : 'text';
    default:
      return 'json';
  }
}

/** A field's label: its title, else its property name turned into words. */
export function fieldLabel(name: string, schema: JsonSchema): string {
  if (schema.title) return schema.title;
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : name;
}

/** Options of an enum field, labelled by `enumLabels` when present. */
export function enumOptions(schema: JsonSchema): { value: unknown; label: string }[] {
  return (schema.enum ?? []).map((value, index) => ({ value, label: schema.enumLabels?.[index] ?? String(value) }));
}
