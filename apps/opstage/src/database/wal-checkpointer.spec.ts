import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../../test/wait-for';
import { openNativeSqlite, type NativeSqlite } from './native-sqlite';
import { WalCheckpointer } from './wal-checkpointer';

describe('WalCheckpointer', () => {
  let dir: string;
  let path: string;
  let main: NativeSqlite;
  let checkpointer: WalCheckpointer | undefined;
  const autocheckpoint = () => main.pragma('wal_autocheckpoint', { simple: true });
  const runPragma = async (sql: string) => main.exec(sql);
  /** About 4 MB of rows, committed 100 at a time, as the one writer (the event loop) would. */
  const write = () => {
    const insert = main.prepare('insert into t (body) values (?)');
    const batch = main.transaction((n: number) => {
      for (let i = 0; i < n; i++) insert.run('x'.repeat(4000));
    });
    for (let i = 0; i < 10; i++) batch(100);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wal-checkpointer-'));
    path = join(dir, 'opstage.db');
    main = openNativeSqlite(path);
    main.pragma('journal_mode = wal');
    main.exec('create table t (id integer primary key, body text)');
  });

  afterEach(async () => {
    await checkpointer?.stop();
    main.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('moves the checkpoint off the writer: its automatic checkpoint is off and the file still takes the log', async () => {
    checkpointer = new WalCheckpointer(path, 20, runPragma);
    await checkpointer.start();
    expect(checkpointer.running).toBe(true);
    expect(autocheckpoint()).toBe(0);
    const before = statSync(path).size;
    write();
    // The writer never checkpoints now, so only the worker can have copied the pages into the database file.
    await waitFor(() => statSync(path).size > before + 3_000_000);
    expect(main.prepare('select count(*) as n from t').get()).toEqual({ n: 1000 });
  });

  it('gives the checkpoint back to SQLite when the worker dies', async () => {
    checkpointer = new WalCheckpointer(path, 20, runPragma);
    await checkpointer.start();
    expect(autocheckpoint()).toBe(0);
    await (checkpointer as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await waitFor(() => autocheckpoint() === 1000);
    expect(checkpointer.running).toBe(false);
  });

  it('leaves SQLite in charge when the worker cannot open the database', async () => {
    checkpointer = new WalCheckpointer(join(dir, 'missing.db'), 20, runPragma);
    await checkpointer.start();
    expect(checkpointer.running).toBe(false);
    expect(autocheckpoint()).toBe(1000);
  });

  it('is off when disabled or for an in-memory database', async () => {
    for (const [where, interval] of [[path, 0], [':memory:', 1000]] as const) {
      checkpointer = new WalCheckpointer(where, interval, runPragma);
      await checkpointer.start();
      expect(checkpointer.running).toBe(false);
      expect(autocheckpoint()).toBe(1000);
    }
  });

  it('stops cleanly: the worker is gone and the database is intact', async () => {
    checkpointer = new WalCheckpointer(path, 20, runPragma);
    await checkpointer.start();
    write();
    await checkpointer.stop();
    expect(checkpointer.running).toBe(false);
    expect(autocheckpoint()).toBe(0); // nothing falls back on a deliberate stop
    expect(main.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
