import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileTokenStore } from './token-store';

describe('FileTokenStore', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'token-store-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const token = { agentId: 'agt_01', agentToken: 'opstage_agent_abc', backendUrl: 'http://localhost:8080' };

  it('saves into missing folders with mode 0600 whatever the umask, and loads it back', () => {
    const file = join(dir, 'a', 'b', 'token.json');
    const previous = process.umask(0o000);
    try {
      new FileTokenStore(file).save(token, new Date('2026-01-02T03:04:05Z'));
    } finally {
      process.umask(previous);
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ ...token, savedAt: '2026-01-02T03:04:05.000Z' });
    expect(new FileTokenStore(file).load()).toEqual({ ...token, savedAt: '2026-01-02T03:04:05.000Z' });
  });

  it('a missing file is simply no token; a corrupt or foreign one is reported and ignored', () => {
    const warnings: string[] = [];
    const store = new FileTokenStore(join(dir, 'token.json'), (message) => warnings.push(message));
    expect(store.load()).toBeUndefined();
    expect(warnings).toEqual([]);
    writeFileSync(store.file, '{not json');
    expect(store.load()).toBeUndefined();
    writeFileSync(store.file, JSON.stringify({ agentId: 'agt_01', agentToken: 'not-an-agent-token' }));
    expect(store.load()).toBeUndefined();
    expect(warnings).toEqual(['agent token file is corrupt; ignoring it', 'agent token file is corrupt; ignoring it']);
  });

  it('replaces the file atomically (no temporary file is left) and clears it', () => {
    const store = new FileTokenStore(join(dir, 'token.json'));
    store.save(token);
    store.save({ ...token, agentToken: 'opstage_agent_rotated' });
    expect(store.load()?.agentToken).toBe('opstage_agent_rotated');
    expect(require('node:fs').readdirSync(dir)).toEqual(['token.json']);
    store.clear();
    expect(store.load()).toBeUndefined();
  });
});
