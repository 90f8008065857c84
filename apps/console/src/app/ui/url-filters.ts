/** A list filter's value: text, a multi-select, a checkbox, or an optional single select. */
export type FilterValue = string | string[] | boolean | null;
export type Filters = Record<string, FilterValue>;

/** What `ParamMap` offers; plain enough to build in a test. */
export interface ParamsLike {
  get(name: string): string | null;
  getAll(name: string): string[];
  has(name: string): boolean;
}

/**
 * The query parameters for the filters that differ from their defaults (so a clean list has a clean URL). A
 * multi-select repeats its parameter, as the API takes it.
 */
export function filtersToParams<F extends Filters>(filters: F, defaults: F): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(filters)) {
    const fallback = defaults[key];
    if (Array.isArray(value)) {
      if (value.length) params[key] = [...value];
    } else if (typeof value === 'boolean') {
      if (value !== fallback) params[key] = String(value);
    } else if (value !== null && value !== '' && value !== fallback) {
      params[key] = value;
    }
  }
  return params;
}

/** The filters a URL asks for; each reads by the type of its default, and a missing one keeps its default. */
export function filtersFromParams<F extends Filters>(params: ParamsLike, defaults: F): F {
  const filters: Filters = {};
  for (const [key, fallback] of Object.entries(defaults)) {
    if (Array.isArray(fallback)) filters[key] = params.has(key) ? params.getAll(key).flatMap((v) => v.split(',')).filter(Boolean) : [...fallback];
    else if (typeof fallback === 'boolean') filters[key] = params.has(key) ? params.get(key) === 'true' : fallback;
    else filters[key] = params.get(key) ?? fallback;
  }
  return filters as F;
}
