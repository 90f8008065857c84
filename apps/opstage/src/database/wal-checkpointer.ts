import { Worker } from 'node:worker_threads';
import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

/**
 * The worker's code, evaluated as CommonJS: its own connection to the database file, a PASSIVE checkpoint every
 * `intervalMs`, and a report to the parent only when something goes wrong.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true, timeout: 0 });
db.pragma('synchronous = normal');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ failed: String(error && error.message) });
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
parentPort.postMessage({ ready: true });
`;

/** What the checkpointer needs of the main connection: switching SQLite's automatic checkpoint off and back on. */
export type PragmaRunner = (sql: string) => Promise<unknown>;

/**
 * Checkpoints the write-ahead log on a worker thread (ADR 0015), so the event loop never does a checkpoint's I/O.
 *
 * SQLite checkpoints automatically inside the commit that takes the log past 1,000 pages: the committing connection
 * copies those pages into the database file and syncs it. Opstage's one writer is the event loop, so under a steady
 * write load (a fleet's coalesced heartbeats) about one commit a second stalled every request for 8–20 ms. With the
 * checkpointer running, the main connection's automatic checkpoint is off and a second connection on a worker thread
 * runs PASSIVE checkpoints, which never block the writer. If the worker cannot start or fails, the automatic
 * checkpoint is switched back on, so the log can never grow without bound.
 */
export class WalCheckpointer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WalCheckpointer.name);
  private worker?: Worker;
  private stopping = false;

  constructor(
    private readonly databasePath: string,
    private readonly intervalMs: number,
    private readonly runPragma: PragmaRunner,
  ) {}

  /** Resolves once the worker holds its connection and the main connection's automatic checkpoint is off. */
  async start(): Promise<void> {
    if (this.intervalMs <= 0 || this.databasePath === ':memory:') return;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), path: this.databasePath, intervalMs: this.intervalMs },
    });
    worker.unref(); // never what keeps the process alive
    try {
      await new Promise<void>((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`exited with code ${code}`)));
      });
    } catch (error) {
      this.logger.warn(`WAL checkpointer did not start (${(error as Error).message}); SQLite checkpoints on the main thread`);
      return;
    }
    worker.removeAllListeners();
    let loggedAt = 0;
    worker.on('message', (message: { failed?: string }) => {
      // A failing checkpoint fails every interval (a full disk, say): say so once a minute, not every second.
      if (!message.failed || Date.now() - loggedAt < 60_000) return;
      loggedAt = Date.now();
      this.logger.warn(`WAL checkpoint failed: ${message.failed}`);
    });
    worker.on('error', (error) => this.fallBack(`failed: ${error.message}`));
    worker.on('exit', (code) => this.stopping || this.fallBack(`exited with code ${code}`));
    await this.runPragma('pragma wal_autocheckpoint = 0');
    this.worker = worker;
  }

  onApplicationBootstrap(): Promise<void> {
    return this.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Ends the worker (its connection closes; the last connection to close checkpoints what is left). */
  async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.stopping = true;
    this.worker = undefined;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage('stop');
    const timeout = setTimeout(() => void worker.terminate(), 2000);
    await exited;
    clearTimeout(timeout);
  }

  private fallBack(reason: string): void {
    this.worker = undefined;
    this.logger.warn(`WAL checkpointer ${reason}; SQLite checkpoints on the main thread again`);
    this.runPragma('pragma wal_autocheckpoint = 1000').catch((error: Error) => this.logger.error(`could not re-enable the automatic checkpoint: ${error.message}`));
  }
}
