export const REDACTED = '[REDACTED]';

/**
 * Keys whose values are secrets. Matched on the key with `_`, `-` and spaces removed, case-insensitively, so `apiKey`,
 * `api_key` and `API-KEY` match, while names that describe a secret without holding one (`tokenCount`,
 * `passwordChangedAt`, `tokenId`, `secretRef`, `revokedTokens`) do not.
 */
const DESCRIBES_A_SECRET = /(count|at|id|ids|ref|type|name|hint|length|policy|expires|version|enabled|required|status)$/;
const HOLDS_A_SECRET_ANYWHERE = /(password|passwd|passphrase|secret|credential|privatekey)/;
const HOLDS_A_SECRET_AT_END = /(token|apikey|accesskey|authorization|cookie|generatedkey|rawkey|plaintextkey|signature)$/;

export function isSensitiveKey(key: string): boolean {
  const normalized = key.replace(/[-_\s]/g, '').toLowerCase();
  if (DESCRIBES_A_SECRET.test(normalized)) return false;
  return HOLDS_A_SECRET_ANYWHERE.test(normalized) || HOLDS_A_SECRET_AT_END.test(normalized);
}

/** Values that look like Opstage tokens are masked wherever they appear, whatever their key. */
const TOKEN_VALUE = /opstage_(reg|agent)_[A-Za-z0-9_-]+/g;

export function redactTokenValues(text: string): string {
  return text.replace(TOKEN_VALUE, (_m, kind: string) => `opstage_${kind}_${REDACTED}`);
}

const MAX_DEPTH = 64;

/** Deep copy with secret-looking keys replaced by `[REDACTED]` and embedded Opstage tokens masked. */
export function redact<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redactTokenValues(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return REDACTED as T;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    out[key] = isSensitiveKey(key) && inner !== null && inner !== undefined ? REDACTED : redact(inner, depth + 1);
  }
  return out as T;
}

/** Splits a payload into its redacted form and the secrets that were removed (path → value), for sealing. */
export function extractSecrets(value: unknown, sensitivePaths: ReadonlySet<string> = new Set()): { redacted: unknown; secrets: Record<string, unknown> } {
  const secrets: Record<string, unknown> = {};
  const walk = (node: unknown, path: string, depth: number): unknown => {
    if (node === null || typeof node !== 'object' || depth > MAX_DEPTH) return node;
    if (Array.isArray(node)) return node.map((item, i) => walk(item, path ? `${path}.${i}` : String(i), depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(node as Record<string, unknown>)) {
      const childPath = path ? `${path}.${key}` : key;
      const schemaPath = childPath.replace(/\.\d+(?=\.|$)/g, '');
      if ((isSensitiveKey(key) || sensitivePaths.has(schemaPath)) && inner !== null && inner !== undefined) {
        secrets[childPath] = inner;
        out[key] = REDACTED;
      } else {
        out[key] = walk(inner, childPath, depth + 1);
      }
    }
    return out;
  };
  return { redacted: walk(value, '', 0), secrets };
}

/** Puts sealed secrets back into a redacted payload (only for the agent poll, which needs the raw payload). */
export function restoreSecrets(redacted: unknown, secrets: Record<string, unknown>): unknown {
  const copy = structuredClone(redacted) as Record<string, unknown>;
  for (const [path, secret] of Object.entries(secrets)) {
    const keys = path.split('.');
    let node: Record<string, unknown> | undefined = copy;
    for (const key of keys.slice(0, -1)) node = node?.[key] as Record<string, unknown> | undefined;
    if (node && typeof node === 'object') node[keys[keys.length - 1]] = secret;
  }
  return copy;
}
