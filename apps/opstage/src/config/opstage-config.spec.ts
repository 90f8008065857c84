import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, parseEnv } from './opstage-config';

describe('configuration', () => {
  const created: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'opstage-config-'));
    created.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of created) rmSync(dir, { recursive: true, force: true });
  });

  it('names every bad variable once, with what was wrong', () => {
    let error: unknown;
    try {
      parseEnv({ OPSTAGE_PORT: 'eighty', OPSTAGE_SESSION_TTL_SECONDS: '5', OPSTAGE_CAPSULE_BUS_ENABLED: 'maybe', OPSTAGE_ADMIN_PASSWORD: 'short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['OPSTAGE_ADMIN_PASSWORD', 'OPSTAGE_CAPSULE_BUS_ENABLED', 'OPSTAGE_PORT', 'OPSTAGE_SESSION_TTL_SECONDS']);
    expect(problems.find((p) => p.startsWith('OPSTAGE_PORT'))).toContain('must be an integer');
  });

  it('requires the admin password and the session secret in production', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/OPSTAGE_SESSION_SECRET: required[\s\S]*OPSTAGE_ADMIN_PASSWORD: required/);
    expect(() => parseEnv({ NODE_ENV: 'production', OPSTAGE_SESSION_SECRET: 's'.repeat(32), OPSTAGE_ADMIN_PASSWORD: 'p'.repeat(12) })).not.toThrow();
  });

  it('with nothing set: port 8080, SQLite in the data dir, a generated secret kept (0600) and reused', () => {
    const dir = dataDir();
    const first = loadConfig({ OPSTAGE_DATA_DIR: dir });
    expect(first).toMatchObject({ port: 8080, host: '0.0.0.0', databasePath: join(dir, 'opstage.db'), sessionSecretSource: 'generated', adminUsername: 'admin', cookieSecure: false });
    expect(statSync(join(dir, 'session-secret')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'session-secret'), 'utf8').trim()).toBe(first.sessionSecret);
    const second = loadConfig({ OPSTAGE_DATA_DIR: dir });
    expect([second.sessionSecretSource, second.sessionSecret]).toEqual(['data-dir', first.sessionSecret]);
  });

  it('uses the documented variables when they are set', () => {
    const dir = dataDir();
    const config = loadConfig({ OPSTAGE_DATA_DIR: dir, OPSTAGE_PORT: '9090', DATABASE_URL: `file:${join(dir, 'x.db')}`, OPSTAGE_SESSION_SECRET: 'e'.repeat(40), OPSTAGE_CAPSULE_BUS_ENABLED: 'on', NODE_ENV: 'production', OPSTAGE_ADMIN_PASSWORD: 'Prod-Password-123' });
    expect(config).toMatchObject({ port: 9090, databasePath: join(dir, 'x.db'), sessionSecretSource: 'env', busEnabled: true, cookieSecure: true, production: true });
  });
});
