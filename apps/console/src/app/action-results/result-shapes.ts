/** The result display conventions inside `CommandResult.data` (contract §2.3). */
export type ColumnFormat = 'text' | 'status' | 'datetime' | 'boolean' | 'code' | 'duration' | 'relativeTime' | 'bytes';

export interface ResultColumn {
  key: string;
  label?: string;
  format?: ColumnFormat;
  copyable?: boolean;
  ellipsis?: boolean;
  width?: number | string;
}

export interface ResultRowAction {
  label: string;
  action: string;
  payload?: Record<string, unknown>;
  danger?: boolean;
  confirm?: boolean | string;
}

export interface ResultList {
  title?: string;
  data: Record<string, unknown>[];
  emptyText?: string;
  pageSize?: number;
  columns?: ResultColumn[];
  rowActions?: ResultRowAction[];
}

export interface ResultDetail {
  title?: string;
  data: Record<string, unknown>;
  fields?: { key: string; label?: string; format?: ColumnFormat; copyable?: boolean }[];
}

/** A row action the operator clicked, with its payload template already filled from the row. */
export interface RowActionRequest {
  action: string;
  label: string;
  payload: Record<string, unknown>;
  danger: boolean;
  confirm: boolean;
}

export function asList(data: unknown): ResultList | null {
  const list = (data as { list?: unknown } | null)?.list as ResultList | undefined;
  return list && Array.isArray(list.data) ? list : null;
}

export function asDetail(data: unknown): ResultDetail | null {
  const detail = (data as { detail?: unknown } | null)?.detail as ResultDetail | undefined;
  return detail && typeof detail.data === 'object' && detail.data !== null ? detail : null;
}

export function generatedKeyOf(data: unknown): string | null {
  const key = (data as { generatedKey?: unknown } | null)?.generatedKey;
  return typeof key === 'string' && key !== '[REDACTED]' ? key : null;
}

/** `a.b.c` paths into a row. */
export function valueAt(row: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value == null ? undefined : (value as Record<string, unknown>)[key]), row);
}

/** Columns as declared, else inferred from the first row's keys. */
export function columnsOf(list: ResultList): ResultColumn[] {
  if (list.columns?.length) return list.columns;
  const first = list.data[0];
  return first ? Object.keys(first).map((key) => ({ key })) : [];
}

/** Fills `"$row.<path>"` strings of a payload template from the clicked row (recursively). */
export function fillTemplate(template: unknown, row: unknown): unknown {
  if (typeof template === 'string' && template.startsWith('$row.')) return valueAt(row, template.slice(5));
  if (Array.isArray(template)) return template.map((item) => fillTemplate(item, row));
  if (template && typeof template === 'object') return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, fillTemplate(value, row)]));
  return template;
}
