import { startModuleWorker } from '../../runtime/worker-thread.ts';
import { type LanguageStudioProject, ProjectValidationError } from '../../training/custom/index.ts';
import { JobCancelled } from './registry.ts';

export interface ValidationJob {
  readonly project: unknown;
  readonly documents: ReadonlyMap<string, string>;
}

export type ValidationReply =
  { ok: true; project: LanguageStudioProject } | { ok: false; message: string; code?: string };

/**
 * The trainer's `validateProject` in a worker thread of its own: it tokenizes every document, which
 * for a large project would hold the HTTP thread (and every request) for seconds.
 */
export function validateInThread(job: ValidationJob, signal: AbortSignal): Promise<LanguageStudioProject> {
  return new Promise((resolve, reject) => {
    const worker = startModuleWorker(import.meta.url, 'validate-worker', job);
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      outcome();
    };
    const onAbort = (): void => settle(() => reject(new JobCancelled()));
    signal.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (reply: ValidationReply) =>
      settle(() => {
        if (reply.ok) return resolve(reply.project);
        reject(reply.code ? new ProjectValidationError(reply.code, reply.message) : new Error(reply.message));
      }),
    );
    worker.once('error', (err) => settle(() => reject(err)));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`the validation worker exited (code ${code})`))),
    );
  });
}
