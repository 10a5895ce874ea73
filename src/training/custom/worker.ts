import { parentPort, workerData } from 'node:worker_threads';
import type { FromTrainingWorker, TrainingJob } from './protocol.ts';
import { runTraining } from './run.ts';
import { ProjectValidationError } from './types.ts';

/** Training worker: one thread, started per training by index.ts. */
const job = workerData as TrainingJob;
const send = (msg: FromTrainingWorker): void => parentPort!.postMessage(msg);
// Progress is sent at most every 200 ms (and at each whole percent), not for every batch of sentences.
let lastSent = 0;
let lastPercent = -1;

try {
  const result = await runTraining(job.request, job.dir, (progress) => {
    const now = Date.now();
    const percent = Math.floor(progress.percentComplete);
    if (percent === lastPercent && now - lastSent < 200) return;
    lastSent = now;
    lastPercent = percent;
    send({ type: 'progress', progress });
  });
  send({ type: 'done', result });
} catch (err) {
  const e = err as Error;
  send({
    type: 'error',
    message: e.message,
    ...(err instanceof ProjectValidationError ? { code: err.code } : {}),
  });
}
