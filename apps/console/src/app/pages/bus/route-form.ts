import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import type { BusRouteBodyDto } from '../../api/models/bus-route-body-dto';
import type { BusRouteDto } from '../../api/models/bus-route-dto';
import type { ValidationIssueDto } from '../../api/models/validation-issue-dto';

export type RouteStatus = NonNullable<BusRouteBodyDto['status']>;
export const ROUTE_STATUSES: RouteStatus[] = ['DISABLED', 'DRY_RUN', 'ENABLED'];

/** The same patterns the server checks (bus/domain/event-type-pattern.ts, SERVICE_CODE). */
export const EVENT_TYPE_PATTERN = /^(\*|[A-Za-z0-9][A-Za-z0-9_.:-]*\*?)$/;
export const EVENT_TYPE = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
export const SERVICE_CODE = /^[a-z0-9][a-z0-9_-]*$/;

/** The form's raw values: JSON fields are kept as the text the operator typed. */
export interface RouteFormValue {
  name: string;
  description: string;
  status: RouteStatus;
  eventType: string;
  sourceServiceCode: string;
  targetServiceCode: string;
  actionName: string;
  inputMapping: string;
  condition: string;
}

export type JsonParse = { ok: true; value: Record<string, unknown> | undefined } | { ok: false; message: string };

/** Empty text is "not given"; anything else must be a JSON object (not an array, string or number). */
export function parseJsonObject(text: string): JsonParse {
  if (!text.trim()) return { ok: true, value: undefined };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, message: 'Must be a JSON object ({ … })' };
  return { ok: true, value: value as Record<string, unknown> };
}

/** A control validator: `{ json: message }` while the text is not an empty string or a JSON object. */
export const jsonObjectValidator: ValidatorFn = (control: AbstractControl<string>): ValidationErrors | null => {
  const parsed = parseJsonObject(control.value ?? '');
  return parsed.ok ? null : { json: parsed.message };
};

export function pretty(value: unknown): string {
  return value == null ? '' : JSON.stringify(value, null, 2);
}

export function formValueFromRoute(route: BusRouteDto | null): RouteFormValue {
  if (!route) {
    return { name: '', description: '', status: 'DRY_RUN', eventType: '', sourceServiceCode: '', targetServiceCode: '', actionName: '', inputMapping: '', condition: '' };
  }
  return {
    name: route.name,
    description: route.description ?? '',
    status: route.status,
    eventType: route.match.eventType,
    sourceServiceCode: route.match.sourceServiceCode ?? '',
    targetServiceCode: route.target.serviceCode,
    actionName: route.target.actionName,
    inputMapping: Object.keys(route.inputMapping ?? {}).length ? pretty(route.inputMapping) : '',
    condition: route.condition ? pretty(route.condition) : '',
  };
}

/** The request body for a valid form (call only when the JSON validators pass). */
export function routeBody(value: RouteFormValue): BusRouteBodyDto {
  const mapping = parseJsonObject(value.inputMapping);
  const condition = parseJsonObject(value.condition);
  const body: BusRouteBodyDto = {
    name: value.name.trim(),
    status: value.status,
    eventType: value.eventType.trim(),
    targetServiceCode: value.targetServiceCode.trim(),
    actionName: value.actionName.trim(),
    inputMapping: (mapping.ok && mapping.value) || {},
  };
  if (value.description.trim()) body.description = value.description.trim();
  if (value.sourceServiceCode.trim()) body.sourceServiceCode = value.sourceServiceCode.trim();
  if (condition.ok && condition.value) body.condition = condition.value;
  return body;
}

const FIELDS: (keyof RouteFormValue)[] = ['name', 'description', 'status', 'eventType', 'sourceServiceCode', 'targetServiceCode', 'actionName', 'inputMapping', 'condition'];

/**
 * The server's issues (`details.issues[].path`, e.g. `inputMapping.message`) grouped by the form field they belong
 * to; issues naming no field of the form (an empty path, `metadata`) land under `''` and are shown above the form.
 */
export function issuesByField(details: unknown): Map<keyof RouteFormValue | '', string[]> {
  const grouped = new Map<keyof RouteFormValue | '', string[]>();
  const issues = (details as { issues?: ValidationIssueDto[] } | null)?.issues;
  if (!Array.isArray(issues)) return grouped;
  for (const issue of issues) {
    const head = String(issue.path ?? '').split(/[.[]/)[0] as keyof RouteFormValue;
    const field = FIELDS.includes(head) ? head : '';
    const rest = field && issue.path !== field ? `${issue.path.slice(field.length + 1)}: ` : '';
    const text = field ? `${rest}${issue.message}` : `${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
    grouped.set(field, [...(grouped.get(field) ?? []), text]);
  }
  return grouped;
}

/** Every issue as `path: message`, for places that show them as a list. */
export function issueLines(details: unknown): string[] {
  const issues = (details as { issues?: ValidationIssueDto[] } | null)?.issues;
  return Array.isArray(issues) ? issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)) : [];
}
