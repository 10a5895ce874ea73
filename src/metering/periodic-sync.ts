import { open } from 'node:fs/promises';

/**
 * Flushes a file to disk every `intervalMs` once something was written to it, off the calling
 * thread (libuv's thread pool). With `metering.durability=process` a ledger commit reaches the
 * operating system at once, which is all `kill -9` needs; this bounds what a failure of the machine
 * itself can roll back to about one interval of usage (PostgreSQL's `synchronous_commit=off` with
 * its WAL writer is the same trade).
 */
export class PeriodicSync {
  private dirty = false;
  private running: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;
  private done = 0;

  constructor(
    private readonly path: string,
    intervalMs: number,
    private readonly onError: (err: Error) => void,
  ) {
    this.timer = setInterval(() => void this.sync(), intervalMs);
    this.timer.unref();
  }

  /** Flushes completed since this was created. */
  get completed(): number {
    return this.done;
  }

  /** Something was written: the next tick flushes it. */
  markDirty(): void {
    this.dirty = true;
  }

  /** Flushes now if anything was written since the last flush (one flush at a time). */
  sync(): Promise<void> {
    if (this.running || !this.dirty) return this.running ?? Promise.resolve();
    this.dirty = false;
    this.running = this.flush()
      .then(() => void this.done++)
      .catch((err: Error) => {
        this.dirty = true; // tried again at the next tick
        this.onError(err);
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** Stops the timer after a last flush of what was written. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await this.sync();
  }

  private async flush(): Promise<void> {
    let file;
    try {
      file = await open(this.path, 'r');
    } catch (err) {
      // SQLite removes its WAL on a clean close, after checkpointing (and syncing) it itself.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    try {
      await file.datasync();
    } finally {
      await file.close();
    }
  }
}
