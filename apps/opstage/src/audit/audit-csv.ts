import type { AuditEventDto } from './audit-event.dto';

export const AUDIT_CSV_COLUMNS = [
  'id',
  'createdAt',
  'actorType',
  'actorId',
  'action',
  'targetType',
  'targetId',
  'result',
  'message',
  'requestId',
  'ipAddress',
  'userAgent',
  'metadata',
  'correlationId',
] as const satisfies readonly (keyof AuditEventDto)[];

/** A leading character that makes spreadsheet applications evaluate the cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: null → empty, objects → JSON; a value that a spreadsheet would treat as a formula gets a leading
 * single quote (OWASP "CSV injection"); always quoted, with embedded quotes doubled.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvHeader(): string {
  return `${AUDIT_CSV_COLUMNS.join(',')}\n`;
}

export function csvRow(event: AuditEventDto): string {
  return `${AUDIT_CSV_COLUMNS.map((column) => csvCell(event[column])).join(',')}\n`;
}
