import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { UsageEvent } from './billing-client.ts';

/**
 * Events the billing endpoint refused for good (`Expired`, `BadArgument`, ...), one JSON line each,
 * fsync'd before the ledger marks them dead. A crash in between writes a line twice on the next try:
 * whoever resubmits dead letters dedupes by (resourceId, dimension, effectiveStartTime).
 */
export class DeadLetterFile {
  constructor(readonly path: string) {}

  async append(entries: readonly { event: UsageEvent; reason: string }[]): Promise<void> {
    if (entries.length === 0) return;
    await mkdir(dirname(this.path), { recursive: true });
    const at = new Date().toISOString();
    const lines = entries
      .map((e) => JSON.stringify({ at, reason: e.reason, event: e.event }) + '\n')
      .join('');
    const handle = await open(this.path, 'a');
    try {
      await handle.writeFile(lines);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }
}
