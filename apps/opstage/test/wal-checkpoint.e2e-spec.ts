import { existsSync } from 'node:fs';
import { WalCheckpointer } from '../src/database/wal-checkpointer';
import { TestServer } from './harness';

describe('the server checkpoints its write-ahead log on a worker thread', () => {
  it('runs the checkpointer with SQLite’s own checkpoint off, and leaves no log behind when it stops', async () => {
    const server = await new TestServer().start();
    try {
      expect(server.app.get(WalCheckpointer).running).toBe(true);
      const [row] = await server.sql('pragma wal_autocheckpoint');
      expect(row).toEqual({ wal_autocheckpoint: 0 });
      for (let i = 0; i < 5; i++) expect((await server.owner()).cookie).toBeDefined(); // writes: sessions, audit rows
      expect(existsSync(`${server.config.databasePath}-wal`)).toBe(true);
    } finally {
      await server.stop(false);
    }
    // The last connection to close checkpointed what was left and removed the log.
    expect(existsSync(`${server.config.databasePath}-wal`)).toBe(false);
    const reopened = await new TestServer({}, server.dataDir).start();
    try {
      expect((await reopened.owner()).cookie).toBeDefined();
    } finally {
      await reopened.stop();
    }
  });

  it('can be switched off (SQLite then checkpoints inside commits, as before)', async () => {
    const server = await new TestServer({ OPSTAGE_WAL_CHECKPOINT_INTERVAL_MS: '0' }).start();
    try {
      expect(server.app.get(WalCheckpointer).running).toBe(false);
      const [row] = await server.sql('pragma wal_autocheckpoint');
      expect(row).toEqual({ wal_autocheckpoint: 1000 });
    } finally {
      await server.stop();
    }
  });
});
