import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../runtime/worker-thread.ts';
import { LedgerUnavailableError } from './errors.ts';
import type { LedgerChannel } from './ledger-channel.ts';
import type { LedgerClaim, LedgerReply, LedgerWorkerInit } from './ledger-protocol.ts';

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

/**
 * The ledger in a worker thread of its own (metering.durability=fsync), so a commit's fsync never
 * blocks the HTTP thread. Resolves once the thread has claimed and opened its ledger.
 */
export function threadChannel(init: LedgerWorkerInit): Promise<LedgerChannel> {
  const worker = startModuleWorker(import.meta.url, 'ledger-worker', init);
  return new Promise((resolve, reject) => {
    const onReady = (reply: LedgerReply): void => {
      if (reply.id !== 0) return;
      worker.off('message', onReady);
      if (reply.ok) resolve(channel(worker, reply.value as LedgerClaim));
      else reject(new Error(`cannot open the usage ledger in ${init.dir}: ${reply.message}`));
    };
    worker.on('message', onReady);
    worker.once('error', reject);
  });
}

function channel(worker: Worker, claim: LedgerClaim): LedgerChannel {
  let nextId = 1;
  let failure: Error | undefined;
  const pending = new Map<number, Pending>();
  worker.on('message', (reply: LedgerReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.value);
    else p.reject(new LedgerUnavailableError(`usage ledger: ${reply.message}`));
  });
  const fail = (err: Error): void => {
    failure ??= new LedgerUnavailableError(`usage ledger stopped: ${err.message}`);
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`worker exited with code ${code}`)));

  return {
    claim,
    call(op, args) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        worker.postMessage({ id, op, args });
      });
    },
    terminate: async () => void (await worker.terminate()),
  };
}
