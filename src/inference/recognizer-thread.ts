import { availableParallelism } from 'node:os';
import { resourceLimits, type Worker } from 'node:worker_threads';
import type { Candidate } from '../entities/types.ts';
import { startModuleWorker } from '../runtime/worker-thread.ts';
import { unpackCandidates } from './candidate-transfer.ts';
import type { FromRecognizers, RecognizerInit, ToRecognizers } from './protocol.ts';

/**
 * The fewest documents a batch needs for its rule recognisers to run on the thread; a smaller batch
 * has the worker run them itself. Handing a batch over and back wakes two threads, and on a busy
 * machine the thread's work competes with the model's for the same cores: measured here (2 cores,
 * 1 worker, BENCHMARKS.md "Entity taxonomy"), batches of 8–15 documents cost 17% more CPU per
 * document on the thread than in the worker (1×16: 937 → 775 µs, +10% documents/s), while batches of
 * 16 and more gained 0–11% documents/s there (5×16).
 */
export const RECOGNIZER_THREAD_MIN_DOCUMENTS = 16;

/**
 * Whether workers start their recogniser threads (`inference.recognizerThread`). `auto`: only with a core
 * to spare for them, one per worker and one for the HTTP thread already taken. Without one, the thread's
 * work competes with the model's and the HTTP thread's for the same cores: on 2 cores and 1 worker
 * (BENCHMARKS.md "Entity taxonomy"), no thread served about 4% more documents per second at 1 document
 * per request and 64 connections, where the machine was busy, and used less CPU per document in 10 of 12
 * paired rows; each thread also holds a second copy of the recognisers' name lists. Where the machine had
 * CPU idle (5 documents per request, 16 connections: a quarter of it idle without the thread), the thread
 * served about 9% more: a core count is a coarse test of spare CPU (`on` for such loads).
 */
export function wantsRecognizerThread(
  mode: 'auto' | 'on' | 'off',
  workers: number,
  cores: number = availableParallelism(),
): boolean {
  return mode === 'on' || (mode === 'auto' && cores >= workers + 2);
}

interface Pending {
  readonly resolve: (candidates: Candidate[][]) => void;
  readonly reject: (err: Error) => void;
}

/**
 * An inference worker's own thread for the rule recognisers (recognizer-worker.ts). They need only the
 * text, so the worker hands them a large batch before its model reads it and the two run side by side on
 * two cores: the batch's answer waits for the longer of the two, not for both in turn, and the
 * recognisers' name lists no longer push the model's tables out of the worker's CPU caches.
 * It lives and dies with its worker: the worker exits when it dies (`onExit`), so the pool replaces
 * both and retries the batch as after any crash.
 */
export class RecognizerThread {
  private readonly pending = new Map<number, Pending>();

  private constructor(private readonly worker: Worker) {}

  /** Starts the thread; resolves once it has loaded the recognisers, rejects if it cannot. */
  static start(init: RecognizerInit, onExit: (code: number) => void): Promise<RecognizerThread> {
    // The same heap limits as the worker that starts it.
    const worker = startModuleWorker(import.meta.url, 'recognizer-worker', init, resourceLimits);
    const thread = new RecognizerThread(worker);
    return new Promise((resolve, reject) => {
      let ready = false;
      let startupError: string | undefined;
      worker.on('message', (msg: FromRecognizers) => {
        if (msg.type === 'ready') {
          ready = true;
          resolve(thread);
        } else if (msg.type === 'failed') {
          startupError = msg.message;
          void worker.terminate();
        } else thread.answered(msg);
      });
      worker.on('error', (err) => (startupError ??= err.message));
      worker.once('exit', (code) => {
        if (ready) onExit(code);
        else
          reject(
            new Error(`the rule recogniser thread exited during startup: ${startupError ?? `code ${code}`}`),
          );
      });
    });
  }

  /** The rule recognisers' candidates of each of `texts`, relative dates resolved against `now`. */
  run(batchId: number, texts: readonly string[], now: Date): Promise<Candidate[][]> {
    return new Promise((resolve, reject) => {
      this.pending.set(batchId, { resolve, reject });
      const msg: ToRecognizers = { batchId, texts, now: now.getTime() };
      this.worker.postMessage(msg);
    });
  }

  private answered(msg: Extract<FromRecognizers, { type: 'result' | 'error' }>): void {
    const pending = this.pending.get(msg.batchId);
    if (!pending) return;
    this.pending.delete(msg.batchId);
    if (msg.type === 'error') pending.reject(new Error(msg.message));
    else pending.resolve(unpackCandidates(msg.candidates));
  }
}
