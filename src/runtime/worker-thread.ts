import { type ResourceLimits, Worker } from 'node:worker_threads';

/**
 * Starts the worker module `name` that sits next to the caller (`base` = the caller's
 * `import.meta.url`): the compiled `.js` in `dist` runs, or, when running from TypeScript sources
 * (tests, `tsx`), a small bootstrap registers tsx inside the worker first. `resourceLimits`: the
 * worker's heap limits (V8's defaults when absent).
 */
export function startModuleWorker(
  base: string,
  name: string,
  workerData: unknown,
  resourceLimits?: ResourceLimits,
): Worker {
  const options = { workerData, ...(resourceLimits ? { resourceLimits } : {}) };
  if (!base.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, base), options);
  const entry = new URL(`./${name}.ts`, base).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true, ...options });
}
