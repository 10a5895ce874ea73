import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { startModuleWorker } from '../../runtime/worker-thread.ts';
import type { FromTrainingWorker, TrainingJob } from './protocol.ts';
import type {
  CustomTrainingRequest,
  CustomTrainingResult,
  LanguageStudioProject,
  TrainingProgress,
} from './types.ts';
import { ProjectValidationError } from './types.ts';
import { prepareProject } from './validate.ts';

export * from './types.ts';
export { LIMITS } from './limits.ts';

/**
 * Checks a Language Studio Custom NER export against its document texts (location -> text, CRLF kept) and
 * returns it typed; throws ProjectValidationError (stable `code`, message naming the document and label).
 * Tokenizes every document: for large projects call it off the event loop (trainCustomModel validates too).
 */
export function validateProject(
  project: unknown,
  documents: ReadonlyMap<string, string>,
): LanguageStudioProject {
  return prepareProject(project, documents).project;
}

let jobs = 0;

/** An existing `outDir` is replaced only if it is empty or a model folder (holds manifest.json). */
function checkOutDir(outDir: string): void {
  if (!existsSync(outDir)) return;
  const entries = readdirSync(outDir);
  if (entries.length > 0 && !entries.includes('manifest.json'))
    throw new Error(`${outDir} exists and is not a model folder: choose another output folder`);
}

/**
 * Trains a Custom NER model in a worker thread (the caller's event loop stays free; one core is used) and,
 * on success, moves the finished model folder (manifest.json with the project's categories, model.onnx,
 * evaluation.json, training.json) to `req.outDir`. Nothing is left behind on failure or abort.
 */
export function trainCustomModel(
  req: CustomTrainingRequest,
  onProgress?: (p: TrainingProgress) => void,
  signal?: AbortSignal,
): Promise<CustomTrainingResult> {
  return new Promise((resolvePromise, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('training cancelled'));
    const outDir = resolve(req.outDir);
    try {
      checkOutDir(outDir);
    } catch (err) {
      return reject(err);
    }
    const dir = join(dirname(outDir), `.${outDir.split(/[\\/]/).pop()}.training-${process.pid}-${++jobs}`);
    const job: TrainingJob = { request: { ...req, outDir }, dir };
    const worker = startModuleWorker(import.meta.url, 'worker', job);
    let settled = false;
    const finish = (err: unknown, result?: CustomTrainingResult): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (err === undefined && result) {
        try {
          rmSync(outDir, { recursive: true, force: true });
          renameSync(dir, outDir);
        } catch (moveErr) {
          err = moveErr;
        }
      }
      // A cancelled worker may still be writing: remove its folder once it has stopped.
      void worker.terminate().finally(() => {
        if (err !== undefined) rmSync(dir, { recursive: true, force: true });
      });
      if (err !== undefined) reject(err);
      else resolvePromise(result!);
    };
    const onAbort = (): void => finish(signal?.reason ?? new Error('training cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (msg: FromTrainingWorker) => {
      if (msg.type === 'progress') onProgress?.(msg.progress);
      else if (msg.type === 'done') finish(undefined, msg.result);
      else finish(msg.code ? new ProjectValidationError(msg.code, msg.message) : new Error(msg.message));
    });
    worker.on('error', (err) => finish(err));
    worker.on('exit', (code) =>
      finish(new Error(`the training worker exited (code ${code}) before finishing`)),
    );
  });
}
