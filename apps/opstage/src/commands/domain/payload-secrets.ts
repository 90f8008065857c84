import type { PayloadSealer } from '../../crypto/payload-sealer';
import { extractSecrets, REDACTED, restoreSecrets } from '../../redaction/redact';

const MAX_SCHEMA_DEPTH = 16;

/**
 * Dot paths (array indexes dropped) of schema properties that hold secrets even when their names do not say so:
 * `format: "password"` or `writeOnly: true`.
 */
export function sensitiveSchemaPaths(schema: unknown): Set<string> {
  const paths = new Set<string>();
  const walk = (node: unknown, path: string, depth: number) => {
    if (!node || typeof node !== 'object' || depth > MAX_SCHEMA_DEPTH) return;
    const s = node as Record<string, unknown>;
    if (path && (s.format === 'password' || s.writeOnly === true)) paths.add(path);
    if (s.properties && typeof s.properties === 'object') {
      for (const [key, child] of Object.entries(s.properties as Record<string, unknown>)) walk(child, path ? `${path}.${key}` : key, depth + 1);
    }
    if (s.items && typeof s.items === 'object') walk(s.items, path, depth + 1);
  };
  walk(schema, '', 0);
  return paths;
}

export interface SealedPayload {
  /** What is stored in `commands.payload` and shown to admins. */
  payload: Record<string, unknown>;
  /** The removed values, AES-GCM sealed; null when nothing was sensitive. */
  sealedSecrets: string | null;
  /** The removed values themselves (path → value), for comparing idempotent repeats; never stored. */
  secrets: Record<string, unknown>;
}

/** Splits a payload into its redacted, storable form and the sealed secrets. */
export function sealPayload(payload: Record<string, unknown>, schema: unknown, sealer: PayloadSealer): SealedPayload {
  const { redacted, secrets } = extractSecrets(payload, sensitiveSchemaPaths(schema));
  const hasSecrets = Object.keys(secrets).length > 0;
  return { payload: redacted as Record<string, unknown>, sealedSecrets: hasSecrets ? sealer.seal(secrets) : null, secrets };
}

/** The raw payload for the agent: the stored redacted payload with the sealed secrets put back. */
export function unsealPayload(payload: Record<string, unknown>, sealedSecrets: string | null, sealer: PayloadSealer): Record<string, unknown> {
  if (!sealedSecrets) return payload;
  const secrets = sealer.open<Record<string, unknown>>(sealedSecrets);
  return secrets ? (restoreSecrets(payload, secrets) as Record<string, unknown>) : payload;
}

/** Whether a stored payload had values removed (so it cannot be replayed once its sealed secrets are gone). */
export function containsRedactedValues(value: unknown, depth = 0): boolean {
  if (value === REDACTED) return true;
  if (!value || typeof value !== 'object' || depth > 64) return false;
  return Object.values(value as Record<string, unknown>).some((inner) => containsRedactedValues(inner, depth + 1));
}

/** Key-order-independent JSON, for comparing payloads. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
