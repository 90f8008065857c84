import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every operation of the published v0.1 contract is served with the same path, method and operationId. */
describe('the generated OpenAPI document covers the published contract', () => {
  const published = readFileSync(join(__dirname, '../reference/opstage-ce-v0.1.openapi.yaml'), 'utf8');
  const generated = JSON.parse(readFileSync(join(__dirname, '../openapi.json'), 'utf8')) as { paths: Record<string, Record<string, { operationId?: string }>> };

  const publishedOperations: Array<{ path: string; method: string; operationId: string }> = [];
  let currentPath = '';
  let currentMethod = '';
  for (const line of published.split('\n')) {
    const path = /^ {2}(\/api\/[^:]+):\s*$/.exec(line);
    if (path) currentPath = path[1];
    const method = /^ {4}(get|post|put|patch|delete):\s*$/.exec(line);
    if (method) currentMethod = method[1];
    const op = /^ {6}operationId: (\w+)/.exec(line);
    if (op && currentPath) publishedOperations.push({ path: currentPath, method: currentMethod, operationId: op[1] });
  }

  it('reads all 37 published operations', () => {
    expect(publishedOperations).toHaveLength(37);
  });

  it.each(publishedOperations.map((o) => [o.operationId, o]))('serves %s', (_id, op) => {
    const served = generated.paths[op.path]?.[op.method];
    expect(served).toBeDefined();
    expect(served!.operationId).toBe(op.operationId);
  });
});
