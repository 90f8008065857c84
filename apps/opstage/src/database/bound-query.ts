import { isRaw, JsonProperty, type Platform, Utils } from '@mikro-orm/core';

/** A query with its values as bound parameters: the same SQL text for every call of the same query shape. */
export interface BoundQuery {
  sql: string;
  values: unknown[];
}

/** A value we do not bind exactly as the ORM would inline it: the caller keeps the ORM's own path. */
const UNBOUND = Symbol('unbound');

/**
 * MikroORM's SQLite platform inlines every value into the SQL text (`Platform.formatQuery`), so each query is a new
 * text that better-sqlite3 must prepare anew (ADR 0012). This rewrites the ORM's `?` placeholders as bound
 * parameters instead, value for value as the ORM would have inlined them:
 * - `??` identifiers are still inlined, quoted by the platform;
 * - arrays expand to one placeholder per element (`in (?, ?)`), an empty one to nothing, as the ORM's list does;
 * - plain objects and JSON-tagged values become their JSON text; dates their epoch milliseconds;
 * - booleans and safe integers bind as SQLite INTEGERs (better-sqlite3 would bind a JS number as REAL, and a REAL
 *   stored in a TEXT column reads back as `5.0`), other numbers as REAL.
 *
 * Anything it would not bind exactly as inlined — raw SQL fragments, escaped `\?`, non-finite numbers, bigints out of
 * range, objects other than buffers, nested arrays — answers `undefined`, and the caller leaves the query to the ORM.
 */
export function bindQuery(platform: Platform, sql: string, params: readonly unknown[]): BoundQuery | undefined {
  const values: unknown[] = [];
  if (params.length === 0) return { sql, values };
  let text = '';
  let from = 0;
  let next = 0;
  for (let at = sql.indexOf('?'); at !== -1; at = sql.indexOf('?', from)) {
    if (at > 0 && sql[at - 1] === '\\') return undefined;
    text += sql.slice(from, at);
    if (sql[at + 1] === '?') {
      text += platform.quoteIdentifier(params[next++] as string);
      from = at + 2;
      continue;
    }
    const placeholders = bindValue(params[next++], values);
    if (placeholders === UNBOUND) return undefined;
    text += placeholders;
    from = at + 1;
  }
  return { sql: text + sql.slice(from), values };
}

/** Appends `value` to `values` as the ORM would inline it; answers the placeholders standing for it. */
function bindValue(value: unknown, values: unknown[]): string | typeof UNBOUND {
  if (isRaw(value)) return UNBOUND;
  if (Utils.isPlainObject(value) || (value as { [JsonProperty]?: unknown } | null)?.[JsonProperty]) {
    values.push(JSON.stringify(value));
    return '?';
  }
  if (Array.isArray(value)) {
    let placeholders = '';
    for (const element of value) {
      if (Array.isArray(element)) return UNBOUND;
      const one = bindValue(element, values);
      if (one === UNBOUND) return UNBOUND;
      placeholders += placeholders ? `, ${one}` : one;
    }
    return placeholders;
  }
  const scalar = scalarValue(value);
  if (scalar === UNBOUND) return UNBOUND;
  values.push(scalar);
  return '?';
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function scalarValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
      return value;
    case 'boolean':
      return value ? 1n : 0n;
    case 'number':
      if (Number.isSafeInteger(value)) return BigInt(value);
      return Number.isFinite(value) ? value : UNBOUND;
    case 'bigint':
      return value >= INT64_MIN && value <= INT64_MAX ? value : UNBOUND;
  }
  if (value instanceof Date) {
    const time = value.getTime();
    return Number.isSafeInteger(time) ? BigInt(time) : UNBOUND;
  }
  if (Buffer.isBuffer(value)) return value;
  return UNBOUND;
}
