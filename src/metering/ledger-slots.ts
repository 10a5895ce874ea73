import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerDurability } from './ledger-protocol.ts';
import { LedgerBusyError } from './errors.ts';
import { LEDGER_FILE, LedgerStore } from './ledger-store.ts';

/** Most processes that can share one `metering.dataDir`. */
export const MAX_LEDGERS = 256;

export interface ClaimedLedger {
  readonly store: LedgerStore;
  readonly dir: string;
}

/**
 * Claims this process's ledger under `dataDir`: the first `replica-<n>` folder that no running
 * process holds. Replicas that share one folder (a compose named volume) each get a ledger of
 * their own, and a replica that starts after another one died takes over the dead one's ledger,
 * unreported usage and identity included, so nothing is stranded by re-created containers.
 */
export function claimLedger(
  dataDir: string,
  bucketSeconds: number,
  durability: LedgerDurability,
): ClaimedLedger {
  for (let n = 0; n < MAX_LEDGERS; n++) {
    const claimed = claimLedgerAt(join(dataDir, `replica-${n}`), bucketSeconds, durability);
    if (claimed) return claimed;
  }
  throw new Error(`all ${MAX_LEDGERS} ledgers in ${dataDir} are in use by other processes`);
}

/** The `replica-<n>` folders under `dataDir` that hold a ledger, whoever holds them now. */
export function ledgerFolders(dataDir: string): string[] {
  if (!existsSync(dataDir)) return [];
  return readdirSync(dataDir)
    .filter((name) => /^replica-\d+$/.test(name) && existsSync(join(dataDir, name, LEDGER_FILE)))
    .map((name) => join(dataDir, name));
}

/** Opens the ledger in `folder` if no running process holds it; undefined if one does. */
export function claimLedgerAt(
  folder: string,
  bucketSeconds: number,
  durability: LedgerDurability,
): ClaimedLedger | undefined {
  try {
    return { store: new LedgerStore(folder, bucketSeconds, durability), dir: folder };
  } catch (err) {
    if (err instanceof LedgerBusyError) return undefined;
    throw err;
  }
}
