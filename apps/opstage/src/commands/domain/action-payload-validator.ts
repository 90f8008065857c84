import { Injectable } from '@nestjs/common';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { ValidationIssue } from '../../http/api-error';

const CACHE_LIMIT = 500;

/**
 * Validates action payloads against the action's JSON Schema (as reported by the agent). Compiled validators are
 * cached by schema text. Agents use UI-only formats such as `textarea` or `password`, so unknown formats and
 * keywords are tolerated (strict: false) instead of failing the compile.
 */
@Injectable()
export class ActionPayloadValidator {
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction | null>();

  constructor() {
    this.ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: true });
    addFormats(this.ajv);
  }

  /** The issues found, or an empty list. A schema that cannot be compiled validates nothing (the agent owns it). */
  validate(schema: Record<string, unknown> | null | undefined, payload: unknown): ValidationIssue[] {
    if (!schema || Object.keys(schema).length === 0) return [];
    const validator = this.compile(schema);
    if (!validator || validator(payload)) return [];
    return (validator.errors ?? []).map(toIssue);
  }

  private compile(schema: Record<string, unknown>): ValidateFunction | null {
    const key = JSON.stringify(schema);
    if (this.cache.has(key)) return this.cache.get(key) ?? null;
    let compiled: ValidateFunction | null;
    try {
      // `$id` would make Ajv refuse a second schema with the same id; the cache key already identifies the schema.
      const { $id: _ignored, ...rest } = schema;
      compiled = this.ajv.compile(rest);
    } catch {
      compiled = null;
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, compiled);
    return compiled;
  }
}

function toIssue(error: ErrorObject): ValidationIssue {
  const segments = error.instancePath.split('/').filter(Boolean).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required') segments.push(String((error.params as { missingProperty: string }).missingProperty));
  if (error.keyword === 'additionalProperties') segments.push(String((error.params as { additionalProperty: string }).additionalProperty));
  return { path: ['payload', ...segments].join('.'), message: error.message ?? 'is invalid' };
}
