import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Periods } from './periods.ts';
import type { QuotaStore, QuotaUsage } from './quota-store.ts';

interface Counter {
  day: string;
  dayRecords: number;
  month: string;
  monthRecords: number;
}

interface FileShape {
  readonly version: 1;
  readonly principals: Record<string, Counter>;
}

const FLUSH_DELAY_MS = 250;

function isCounter(v: unknown): v is Counter {
  const c = v as Partial<Counter> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.day === 'string' &&
    typeof c.month === 'string' &&
    Number.isFinite(c.dayRecords) &&
    Number.isFinite(c.monthRecords)
  );
}

/**
 * Quota counters of a single replica, kept in memory and persisted to a small JSON file so they
 * survive restarts. Writes are atomic (temporary file + rename) and coalesced: at most one write
 * per 250 ms, and a final one on close, so a crash loses at most the last fraction of a second.
 */
export class FileQuotaStore implements QuotaStore {
  private readonly counters = new Map<string, Counter>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(private readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    let text: string | undefined;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (text === undefined) return;
    let parsed: Partial<FileShape>;
    try {
      parsed = JSON.parse(text) as Partial<FileShape>;
    } catch {
      throw new Error(`quota file ${file} is not valid JSON`);
    }
    for (const [id, counter] of Object.entries(parsed.principals ?? {}))
      if (isCounter(counter)) this.counters.set(id, counter);
  }

  private read(principal: string, periods: Periods): QuotaUsage {
    const c = this.counters.get(principal);
    return {
      day: c?.day === periods.day ? c.dayRecords : 0,
      month: c?.month === periods.month ? c.monthRecords : 0,
    };
  }

  async usage(principal: string, periods: Periods): Promise<QuotaUsage> {
    return this.read(principal, periods);
  }

  async add(principal: string, records: number, periods: Periods): Promise<void> {
    // Read and write in one synchronous step: concurrent adds must not lose updates.
    const { day, month } = this.read(principal, periods);
    this.counters.set(principal, {
      day: periods.day,
      dayRecords: day + records,
      month: periods.month,
      monthRecords: month + records,
    });
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.writing = this.writing.then(() => this.flush());
    }, FLUSH_DELAY_MS);
  }

  private snapshot(): string {
    this.dirty = false;
    const shape: FileShape = { version: 1, principals: Object.fromEntries(this.counters) };
    return JSON.stringify(shape);
  }

  private async flush(): Promise<void> {
    if (!this.dirty) return;
    await writeFileAtomic(this.file, this.snapshot(), { mode: 0o600 });
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.writing.catch(() => undefined);
    if (!this.dirty) return;
    writeFileAtomic.sync(this.file, this.snapshot(), { mode: 0o600 });
  }
}
