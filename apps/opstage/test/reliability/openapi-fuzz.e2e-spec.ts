import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AdminClient, TestServer } from '../harness';
import { registerAgent, RegisteredAgent } from '../agent-fixtures';

type Schema = Record<string, any>;
interface Operation {
  method: string;
  path: string;
  agentRoute: boolean;
  body?: Schema;
  query: Array<{ name: string; schema: Schema }>;
}

const DOCUMENT = JSON.parse(readFileSync(join(__dirname, '../../../../libs/contracts/openapi.json'), 'utf8'));
/** Streams, and routes that end the fuzzing session itself (its own logout and password change). */
const SKIP = new Set(['GET /api/admin/stream', 'POST /api/admin/auth/logout', 'POST /api/admin/auth/logout-all', 'POST /api/admin/auth/password', 'POST /api/admin/backup/sqlite']);
const TARGET_REQUESTS = 10_000;

function resolve(schema: Schema | undefined): Schema | undefined {
  if (!schema?.$ref) return schema;
  return resolve(DOCUMENT.components.schemas[schema.$ref.split('/').pop()]);
}

function operations(): Operation[] {
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries<Record<string, any>>(DOCUMENT.paths)) {
    for (const [method, op] of Object.entries<any>(methods)) {
      if (SKIP.has(`${method.toUpperCase()} ${path}`)) continue;
      const query = (op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => ({ name: p.name, schema: resolve(p.schema) ?? {} }));
      out.push({ method: method.toUpperCase(), path, agentRoute: path.startsWith('/api/agents/'), body: resolve(op.requestBody?.content?.['application/json']?.schema), query });
    }
  }
  // Agent routes first: a fuzzed admin call may revoke the fuzzing agent, which would leave later agent calls at 401.
  return out.sort((a, b) => Number(b.agentRoute) - Number(a.agentRoute));
}

/** A plausible value for a schema: what a correct client would send, so mutations hit the validation, not the parser. */
function plausible(schema: Schema | undefined, depth = 0): unknown {
  const s = resolve(schema) ?? {};
  if (s.enum) return s.enum[0];
  if (s.default !== undefined) return s.default;
  if (s.allOf) return Object.assign({}, ...s.allOf.map((part: Schema) => plausible(part, depth + 1)));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'object' || s.properties) {
    if (depth > 4) return {};
    return Object.fromEntries(Object.entries<Schema>(s.properties ?? {}).map(([k, v]) => [k, plausible(v, depth + 1)]));
  }
  if (type === 'array') return [plausible(s.items, depth + 1)];
  if (type === 'integer' || type === 'number') return s.minimum ?? 1;
  if (type === 'boolean') return true;
  if (s.pattern?.startsWith('^')) return `${s.pattern.slice(1).replace(/[^a-z_]/g, '')}x`;
  return 'x'.repeat(Math.max(1, s.minLength ?? 1));
}

const deep = (levels: number) => JSON.parse(`${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`);

/** One malformed variant of a plausible body: wrong types, missing and extra fields, huge strings, deep nesting. */
function mutatedBody(schema: Schema | undefined): fc.Arbitrary<unknown> {
  const base = plausible(schema) as Record<string, unknown>;
  const keys = base && typeof base === 'object' && !Array.isArray(base) ? Object.keys(base) : [];
  const key = keys.length ? fc.constantFrom(...keys) : fc.constant('field');
  const weird = fc.oneof(
    fc.anything({ maxDepth: 3, withNullPrototype: true }),
    fc.constantFrom(null, -1, 1e308, '', 'x'.repeat(100_000), [], {}, true, '\u0000', deep(60)),
  );
  return fc.oneof(
    fc.tuple(key, weird).map(([k, v]) => ({ ...base, [k]: v })),
    key.map((k) => {
      const copy = { ...base };
      delete copy[k];
      return copy;
    }),
    fc.tuple(fc.string({ maxLength: 20 }), weird).map(([k, v]) => ({ ...base, [k || 'extra']: v })),
    weird,
    fc.constant(base),
  );
}

function mutatedQuery(op: Operation): fc.Arbitrary<string> {
  if (!op.query.length) return fc.constantFrom('', 'unexpected=1', 'page=abc');
  return fc
    .array(fc.tuple(fc.constantFrom(...op.query.map((q) => q.name)), fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('-1', '0', '1e9', 'x'.repeat(3000), '%00', 'NaN', '[]'))), { maxLength: 4 })
    .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
}

/**
 * R2: property-based requests derived from the committed OpenAPI document for every operation — wrong types, missing
 * and extra fields, huge strings, deep nesting, bad JSON and bad headers — at least 10,000 of them over real loopback
 * HTTP: never a 5xx, and every error in the envelope.
 */
describe('OpenAPI-driven fuzzing (R2)', () => {
  let server: TestServer;
  let owner: AdminClient;
  let agent: RegisteredAgent;
  let sent = 0;
  const failures: string[] = [];

  beforeAll(async () => {
    server = await new TestServer({ OPSTAGE_LOGIN_MAX_ATTEMPTS_PER_IP: '1000000', OPSTAGE_LOGIN_MAX_ATTEMPTS_PER_USERNAME: '1000000', OPSTAGE_CAPSULE_BUS_ENABLED: 'true' }).start();
    owner = await server.owner();
    agent = await registerAgent(server, owner, 'openapi-fuzz-agent');
  });
  afterAll(() => server.stop());

  function pathFor(op: Operation, idChoice: number): string {
    return op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name === 'agentId' && idChoice % 3 !== 2) return agent.agentId;
      return ['x', `${name.slice(0, 3)}_${'z'.repeat(26)}`, '%00', 'a'.repeat(300)][idChoice % 4];
    });
  }

  async function send(op: Operation, path: string, query: string, rawBody: string | undefined, headers: Record<string, string>): Promise<void> {
    const res = await server.request(op.method, `${path}${query ? `?${query}` : ''}`, { headers, rawBody });
    sent += 1;
    const label = `${op.method} ${path}?${query.slice(0, 60)} ${String(rawBody).slice(0, 80)}`;
    if (res.status >= 500) failures.push(`${label}: ${res.status} ${res.text.slice(0, 200)}`);
    else if (res.status >= 400 && !(res.body?.success === false && typeof res.body?.error?.code === 'string' && typeof res.body?.error?.requestId === 'string')) {
      failures.push(`${label}: ${res.status} not the error envelope: ${res.text.slice(0, 200)}`);
    }
  }

  it(`sends at least ${TARGET_REQUESTS.toLocaleString('en')} generated requests: no 5xx, always the envelope`, async () => {
    const ops = operations();
    const runsPerOperation = Math.ceil(TARGET_REQUESTS / ops.length);
    for (const op of ops) {
      owner = await server.owner(); // a fuzzed call may have ended or changed the session; start each operation fresh
      const auth = (): Record<string, string> => (op.agentRoute ? { authorization: `Bearer ${agent.agentToken}` } : { cookie: owner.cookie!, 'x-csrf-token': owner.csrfToken! });
      const headerVariants = fc.constantFrom<Record<string, string>>(
        {},
        { 'content-type': 'text/plain' },
        { 'content-type': 'application/json; charset=latin1' },
        { authorization: 'Bearer opstage_agent_garbage' },
        { 'x-csrf-token': 'wrong' },
        { 'x-request-id': 'r'.repeat(500) },
        { 'idempotency-key': '\u00ff'.repeat(300) },
      );
      await fc.assert(
        fc.asyncProperty(mutatedBody(op.body), mutatedQuery(op), fc.nat(11), headerVariants, fc.boolean(), async (body, query, idChoice, extra, rawJson) => {
          const path = pathFor(op, idChoice);
          let rawBody: string | undefined;
          if (op.method !== 'GET' && op.method !== 'DELETE') {
            try {
              rawBody = rawJson ? (JSON.stringify(body) ?? 'null') : (JSON.stringify(body) ?? '').slice(0, 7) || '{';
            } catch {
              rawBody = '{"cyclic":';
            }
          }
          await send(op, path, query, rawBody, { 'content-type': 'application/json', ...auth(), ...extra });
        }),
        { numRuns: runsPerOperation },
      );
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(TARGET_REQUESTS);
  }, 600_000);
});
