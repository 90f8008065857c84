// `npm run test:browser`: runs the browser tests with node's test runner and prints one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const files = ['console.browser-test.mjs', 'bus.browser-test.mjs'].map((name) => join(import.meta.dirname, name));
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
process.stdout.write(result.stdout);
const count = (name) => Number(result.stdout.match(new RegExp(`ℹ ${name} (\\d+)`))?.[1] ?? 0);
const passed = count('pass');
const failed = count('fail') + count('cancelled');
process.stdout.write(`\nbrowser tests: ${passed} passed, ${failed} failed\n`);
process.exit(result.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
