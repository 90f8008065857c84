import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENV_SCHEMA } from '../src/config/config.schema';
import { parseEnv } from '../src/config/opstage-config';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serverNodeOptions } = require('../../../scripts/server-node-options.cjs') as { serverNodeOptions: (cores?: number) => string[] };

const ROOT = join(__dirname, '../../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** `KEY=value` lines of an env file, comments and blank lines skipped. */
function envFile(text: string): Array<[string, string]> {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const eq = line.indexOf('=');
      return [line.slice(0, eq), line.slice(eq + 1)] as [string, string];
    });
}

/** Every `ENV A=1 \ B="2 3"` in the Dockerfile's final stage, as pairs (double quotes removed). */
function dockerfileEnv(dockerfile: string): Array<[string, string]> {
  const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  return [...finalStage.matchAll(/\nENV ((?:[^\n]*\\\n)*[^\n]*)/g)].flatMap(([, instruction]) =>
    [...instruction.replace(/\\\n/g, ' ').matchAll(/(\w+)=("[^"]*"|\S+)/g)].map(([, key, value]) => [key, value.replace(/^"(.*)"$/, '$1')] as [string, string]),
  );
}
/** Node's own variable, not an Opstage setting: the server's start-up options (ADR 0017). */
const NODE_VARIABLES = ['NODE_OPTIONS'];

const SECRET_KEY = /SECRET|PASSWORD|TOKEN|KEY/;
const PLACEHOLDER = /^<[a-z0-9-]+>$/;

describe('container deployment files', () => {
  const example = envFile(read('docker/.env.example'));
  const dockerfile = read('docker/Dockerfile');
  const compose = read('docker/compose.yml');

  it('.env.example names only variables the config schema knows', () => {
    expect(example.length).toBeGreaterThan(0);
    const unknown = example.map(([key]) => key).filter((key) => !(key in ENV_SCHEMA));
    expect(unknown).toEqual([]);
  });

  it('.env.example holds placeholders, never a real-looking secret', () => {
    for (const [key, value] of example) {
      if (SECRET_KEY.test(key)) expect({ key, value }).toEqual({ key, value: expect.stringMatching(PLACEHOLDER) });
      // Outside placeholders, nothing that looks like generated key material (long base64/hex runs), whatever the variable.
      if (!PLACEHOLDER.test(value)) expect({ key, value }).toEqual({ key, value: expect.not.stringMatching(/[A-Za-z0-9+/_=-]{24,}/) });
    }
  });

  it('the image environment plus .env.example, placeholders filled in, is a valid production configuration', () => {
    const imageEnv = dockerfileEnv(dockerfile);
    expect(Object.fromEntries(imageEnv)).toMatchObject({ NODE_ENV: 'production', OPSTAGE_HOST: '0.0.0.0', OPSTAGE_DATA_DIR: '/app/data' });
    expect(imageEnv.map(([key]) => key).filter((key) => !(key in ENV_SCHEMA) && !NODE_VARIABLES.includes(key))).toEqual([]);
    // The server's start-up options for a two-core container, as npm start would compute them there.
    expect(Object.fromEntries(imageEnv).NODE_OPTIONS).toBe(serverNodeOptions(2).join(' '));
    const filled = example.map(([key, value]) => [key, PLACEHOLDER.test(value) ? 'x'.repeat(40) : value]);
    const env = Object.fromEntries([...imageEnv.filter(([, value]) => !value.startsWith('$')), ...filled]);
    expect(() => parseEnv(env)).not.toThrow();
    // With the placeholders left unfilled production must refuse to start (the secret is too short to pass).
    expect(() => parseEnv({ ...env, OPSTAGE_SESSION_SECRET: '<at-least-32-random-characters>'.slice(0, 20) })).toThrow(/OPSTAGE_SESSION_SECRET/);
  });

  it('the Dockerfile runs as a non-root user on the documented port, volume and health probe', () => {
    const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-bookworm-slim$/m);
    expect(finalStage).toMatch(/^USER opstage$/m);
    expect(finalStage).toMatch(/^VOLUME \["\/app\/data"\]$/m);
    expect(finalStage).toMatch(/^EXPOSE 8080$/m);
    expect(finalStage).toMatch(/HEALTHCHECK[\s\S]*\/health/);
    expect(finalStage).toMatch(/--omit=dev|COPY --from=deps/);
    expect(finalStage.replace(/^#.*$/gm, '')).not.toMatch(/\bcurl\b/);
  });

  it('compose reads docker/.env and keeps the data on a named volume at /app/data', () => {
    expect(compose).toMatch(/env_file:\s*\n\s*- \.env\n/);
    expect(compose).toMatch(/- opstage-data:\/app\/data\n/);
    expect(compose).toMatch(/\nvolumes:\s*\n\s+opstage-data:/);
    expect(compose).toMatch(/dockerfile: docker\/Dockerfile/);
  });
});
