import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminClient } from '../../../apps/opstage/test/harness';
import { freePort, startServer, stopProcess, waitUntil, type Running } from '../../../apps/opstage/test/processes';

const ROOT = join(__dirname, '../../..');
const SDK = join(ROOT, 'libs/agent-sdk');

/** The SDK as a user installs it: the built package (ESM, CommonJS, types) and its runnable example. */
describe('the publishable agent SDK package', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-sdk.cjs')], { cwd: ROOT, stdio: 'pipe' });
  }, 120_000);

  it('packs ESM, CommonJS and type declarations, and both module systems load CapsuleAgent', () => {
    const manifest = JSON.parse(readFileSync(join(SDK, 'package.json'), 'utf8'));
    const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: SDK, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'silent' } }));
    const files = packed[0].files.map((f: { path: string }) => f.path);
    expect(files).toEqual(expect.arrayContaining(['dist/index.cjs', 'dist/index.mjs', manifest.types.replace('./', ''), 'README.md', 'examples/minimal.mjs', 'package.json']));
    expect(files.filter((f: string) => f.includes('.spec.'))).toEqual([]);

    const probe = "typeof m.CapsuleAgent === 'function' && typeof m.RegistrationError === 'function' && new m.CapsuleAgent({ service: { code: 's', name: 'S' }, logLevel: 'silent' }).state";
    const cjs = execFileSync(process.execPath, ['-e', `const m = require(${JSON.stringify(join(SDK, 'dist/index.cjs'))}); process.stdout.write(String(${probe}))`], { encoding: 'utf8' });
    const esm = execFileSync(process.execPath, ['--input-type=module', '-e', `import * as m from ${JSON.stringify(join(SDK, 'dist/index.mjs'))}; process.stdout.write(String(${probe}))`], { encoding: 'utf8' });
    expect([cjs, esm]).toEqual(['idle', 'idle']);
    const declarations = readFileSync(join(SDK, manifest.types), 'utf8');
    expect(declarations).toContain('CapsuleAgent');
  });

  it('the example registers against a real backend and its action round-trips', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdk-example-'));
    const port = await freePort();
    let backend: Running | undefined;
    let output = '';
    try {
      backend = await startServer(dir, { OPSTAGE_PORT: String(port), OPSTAGE_HOST: '127.0.0.1', OPSTAGE_DATA_DIR: join(dir, 'data'), OPSTAGE_ADMIN_USERNAME: 'owner@example.test', OPSTAGE_ADMIN_PASSWORD: 'Owner-Password-123!', OPSTAGE_LOG_LEVEL: 'warn' }, port);
      const admin = new AdminClient(`http://127.0.0.1:${port}`);
      await admin.login('owner@example.test', 'Owner-Password-123!');
      const token = (await admin.post('/api/admin/registration-tokens', { name: 'example' })).body.data.rawToken;
      const child = spawn(process.execPath, ['examples/minimal.mjs'], {
        cwd: SDK,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { PATH: process.env.PATH, OPSTAGE_BACKEND_URL: `http://127.0.0.1:${port}`, OPSTAGE_REGISTRATION_TOKEN: token, OPSTAGE_AGENT_TOKEN_FILE: join(dir, 'token.json'), OPSTAGE_LOG_LEVEL: 'warn' },
      });
      child.stdout.on('data', (c) => (output += c));
      child.stderr.on('data', (c) => (output += c));
      const running = { child, output: () => output };
      try {
        let serviceId = '';
        await waitUntil(running, 'the example service', async () => {
          serviceId = (await admin.get('/api/admin/capsule-services?q=minimal-example')).body.data?.[0]?.id ?? '';
          return !!serviceId;
        });
        const id = (await admin.post(`/api/admin/capsule-services/${serviceId}/actions/greet`, { payload: { name: 'Ada' } })).body.data.id;
        let command: any;
        await waitUntil(running, 'the greet command', async () => ['SUCCEEDED', 'FAILED'].includes((command = (await admin.get(`/api/admin/commands/${id}`)).body.data).status));
        expect(command.result.data).toEqual({ greeting: 'Hello, Ada!' });
        expect(output).toMatch(/connected as agt_/);
      } finally {
        await stopProcess(running);
      }
    } finally {
      await stopProcess(backend);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
