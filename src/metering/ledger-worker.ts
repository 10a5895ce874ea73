/**
 * The ledger's thread (metering.durability=fsync): SQLite commits and their fsync happen here, off
 * the HTTP thread. Usage entries that arrive while a commit is on disk are committed together in
 * the next transaction (group commit), so durability costs one fsync per burst, not one per request.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { answer, type LedgerHandlers, ledgerHandlers } from './ledger-handlers.ts';
import { claimLedger } from './ledger-slots.ts';
import type { LedgerClaim, LedgerReply, LedgerRequest, LedgerWorkerInit } from './ledger-protocol.ts';
import type { UsageEntry } from './ledger-types.ts';

const init = workerData as LedgerWorkerInit;
const port = parentPort!;
let handlers: LedgerHandlers;
try {
  const claimed = claimLedger(init.dir, init.bucketSeconds, init.durability);
  handlers = ledgerHandlers(claimed.store);
  const value: LedgerClaim = { dir: claimed.dir, resourceId: claimed.store.resourceId(init.resourceId) };
  port.postMessage({ id: 0, ok: true, value } satisfies LedgerReply);
} catch (err) {
  port.postMessage({ id: 0, ok: false, message: (err as Error).message } satisfies LedgerReply);
  process.exit(1);
}

let waiting: { id: number; entries: UsageEntry[] }[] = [];
let scheduled = false;

function flush(): void {
  scheduled = false;
  if (waiting.length === 0) return;
  const group = waiting;
  waiting = [];
  try {
    handlers.record({ entries: group.flatMap((g) => g.entries) });
    for (const g of group) port.postMessage({ id: g.id, ok: true, value: undefined } satisfies LedgerReply);
  } catch (err) {
    const message = (err as Error).message;
    for (const g of group) port.postMessage({ id: g.id, ok: false, message } satisfies LedgerReply);
  }
}

port.on('message', (req: LedgerRequest) => {
  if (req.op === 'record') {
    waiting.push({ id: req.id, entries: (req.args as { entries: UsageEntry[] }).entries });
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
    return;
  }
  // Everything else sees the usage that arrived before it.
  flush();
  try {
    port.postMessage({
      id: req.id,
      ok: true,
      value: answer(handlers, req.op, req.args),
    } satisfies LedgerReply);
  } catch (err) {
    port.postMessage({ id: req.id, ok: false, message: (err as Error).message } satisfies LedgerReply);
  }
  if (req.op === 'close') port.close();
});
