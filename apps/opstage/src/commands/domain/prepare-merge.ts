import type { ActionDefinitionDto } from '../../capsule-services/dto/capsule-service-detail.dto';

/** The fields of an action definition that an agent's prepare result may not override. */
const PROTECTED_FIELDS = ['id', 'serviceId', 'name', 'enabled', 'createdAt', 'updatedAt'] as const;

export interface PreparedPanel {
  action: ActionDefinitionDto;
  initialPayload: Record<string, unknown>;
  currentState: Record<string, unknown>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** The catalogue definition overlaid with the agent's `data.action`, keeping the identity fields. */
export function mergePreparedAction(catalogue: ActionDefinitionDto, overlay: unknown): ActionDefinitionDto {
  if (!isObject(overlay)) return { ...catalogue };
  const merged = { ...catalogue, ...overlay } as ActionDefinitionDto;
  for (const field of PROTECTED_FIELDS) (merged as unknown as Record<string, unknown>)[field] = catalogue[field];
  if (!isObject(merged.inputSchema)) merged.inputSchema = catalogue.inputSchema;
  return merged;
}

/** A starting payload from the schema: each property's `default`, else an empty value of its type. */
export function initialPayloadFromSchema(schema: unknown): Record<string, unknown> {
  const properties = isObject(schema) && isObject(schema.properties) ? schema.properties : {};
  const out: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(properties)) {
    const p = isObject(property) ? property : {};
    if ('default' in p) out[key] = structuredClone(p.default);
    else if (p.type === 'number' || p.type === 'integer') out[key] = 0;
    else if (p.type === 'boolean') out[key] = false;
    else if (p.type === 'array') out[key] = [];
    else if (p.type === 'object') out[key] = {};
    else out[key] = '';
  }
  return out;
}

/** The prepare response built from the agent's successful result data. */
export function buildPreparedPanel(catalogue: ActionDefinitionDto, data: unknown): PreparedPanel {
  const d = isObject(data) ? data : {};
  const action = mergePreparedAction(catalogue, d.action);
  return {
    action,
    initialPayload: isObject(d.initialPayload) ? d.initialPayload : initialPayloadFromSchema(action.inputSchema),
    currentState: isObject(d.currentState) ? d.currentState : {},
  };
}
