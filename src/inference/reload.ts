import type { ModelDirs } from '../model/catalog.ts';
import type { ModelInfo } from './protocol.ts';
import type { SlotBatch, WorkerSlot } from './worker-slot.ts';

/** The model set the pool serves: the directories new workers start on, and what the workers loaded. */
export interface ModelSet {
  dirs: ModelDirs;
  info: readonly ModelInfo[];
}

export interface ReloadLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Control of the workers' model set: a reload moves every worker to a new set, one worker at a
 * time so the others keep serving; reloads run one after another.
 */
export class Reloader<T extends SlotBatch> {
  /** The reload in progress, if any. */
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly slots: readonly WorkerSlot<T>[],
    private readonly current: ModelSet,
    /** Kills a worker as a crash would: it is replaced on the current set. */
    private readonly restart: (slot: WorkerSlot<T>) => Promise<void>,
    private readonly logger: ReloadLogger,
  ) {}

  /**
   * Loads `models` in every worker. It always ends, and ends consistent: every worker on the new
   * set, or (when one fails to load it or exits while loading it) every worker back on the set it
   * had, and the error thrown.
   */
  reload(models: ModelDirs): Promise<readonly ModelInfo[]> {
    const run = this.running.then(() => this.reloadAll(models));
    this.running = run.catch(() => undefined);
    return run;
  }

  /** Moves `slot`'s worker to `models` if it is up and on another set; a worker that cannot is restarted. */
  async bringTo(slot: WorkerSlot<T>, models: ModelDirs): Promise<void> {
    if (!slot.ready || slot.models === models) return;
    try {
      await this.switchModels(slot, models);
    } catch (err) {
      // It restarts on the pool's current set, like a crashed worker.
      this.logger.error(
        { worker: slot.index, err: (err as Error).message },
        'inference worker restarted to reload',
      );
      await this.restart(slot);
    }
  }

  private async reloadAll(models: ModelDirs): Promise<readonly ModelInfo[]> {
    const previous = { dirs: this.current.dirs, info: this.current.info };
    let info = this.current.info;
    try {
      // A worker that is (re)starting now is left alone: it loads whatever set is current once up.
      for (const slot of this.slots) if (slot.ready) info = await this.switchModels(slot, models);
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'model reload failed; restoring the previous models');
      await Promise.all(this.slots.map((slot) => this.bringTo(slot, previous.dirs)));
      this.current.info = previous.info;
      throw err;
    }
    this.current.dirs = models;
    this.current.info = info;
    // A worker replaced during the pass started on the previous set: it moves over too.
    await Promise.all(this.slots.map((slot) => this.bringTo(slot, models)));
    return this.current.info;
  }

  /** One worker loads `models`; rejects if it cannot, or exits first. */
  private async switchModels(slot: WorkerSlot<T>, models: ModelDirs): Promise<readonly ModelInfo[]> {
    const reply = await slot.request({ type: 'reload', models }, ['reloaded', 'reloadFailed']);
    if (reply.type !== 'reloaded')
      throw new Error(reply.type === 'reloadFailed' ? reply.message : 'unexpected reply');
    slot.models = models;
    return reply.models;
  }
}
