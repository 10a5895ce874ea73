/** Lets tasks through when their turn comes. */
export interface Gate {
  run<T>(task: () => Promise<T>): Promise<T>;
}

/** Runs tasks one at a time per key (a project's imports and deletions; the pool's model reloads). */
export class KeyedSerial {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }

  /** The gate of one key. */
  gate(key: string): Gate {
    return { run: (task) => this.run(key, task) };
  }
}

/** At most `limit` tasks at once; the others wait in order. */
export class Semaphore implements Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
