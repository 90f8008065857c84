export const REDACTED = '[REDACTED]';

// Keys that end in a secret-ish word (`agentToken`, `dbPassword`), not those that merely mention one (`tokenFile`).
const SECRET_KEY = /(password|passwd|secret|token|apikey|api_key|privatekey|private_key|credential|credentials|authorization|cookie)$/i;

/** A deep copy with the values of secret-looking keys replaced, for logs and error details. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    out[key] = SECRET_KEY.test(key) && item !== null && item !== undefined && typeof item !== 'object' ? REDACTED : redactSecrets(item, depth + 1);
  }
  return out;
}
