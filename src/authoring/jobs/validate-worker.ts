/** Worker thread of validate.ts: checks one project file against its texts, off the HTTP thread. */
import { parentPort, workerData } from 'node:worker_threads';
import { ProjectValidationError, validateProject } from '../../training/custom/index.ts';
import type { ValidationJob, ValidationReply } from './validate.ts';

const { project, documents } = workerData as ValidationJob;
let reply: ValidationReply;
try {
  reply = { ok: true, project: validateProject(project, documents) };
} catch (err) {
  reply = {
    ok: false,
    message: (err as Error)?.message ?? String(err),
    ...(err instanceof ProjectValidationError ? { code: err.code } : {}),
  };
}
parentPort!.postMessage(reply);
