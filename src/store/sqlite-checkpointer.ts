import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Copies the write-ahead log into the database file from a worker thread, with its own
 * connection, so that the main thread never stops to checkpoint (and fsync) in the middle of
 * requests. A PASSIVE checkpoint never blocks the writer.
 */
const workerSource = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try {
    const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)');
    // Under steady writes a passive checkpoint never catches up and the log only grows; past
    // the limit, RESTART makes the writer wait the moment it takes to finish, then the log restarts.
    if (log > workerData.maxFrames) db.pragma('wal_checkpoint(RESTART)');
  } catch (error) { parentPort.postMessage(String(error)); }
}, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); process.exit(0); });
`;

export class SqliteCheckpointer {
  private readonly worker: Worker;
  private stopping = false;

  /** `onFailure` runs if the worker stops by itself, so that the caller can checkpoint instead. */
  constructor(path: string, onFailure: () => void, intervalMs = 100, maxFrames = 16_384) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(workerSource, { eval: true, workerData: { path, driver, intervalMs, maxFrames } });
    this.worker.unref();
    this.worker.on('error', () => {});
    this.worker.once('exit', () => {
      if (!this.stopping) onFailure();
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    // Unreferenced, the worker would not keep the process alive while we wait for it to finish.
    this.worker.ref();
    this.worker.postMessage('stop');
    await exited;
  }
}
