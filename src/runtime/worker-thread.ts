import { Worker } from 'node:worker_threads';

/**
 * Starts the worker module `name` that sits next to the caller (`base` = the caller's
 * `import.meta.url`): the compiled `.js` in `dist` runs, or, when running from TypeScript sources
 * (tests, `tsx`), a small bootstrap registers tsx inside the worker first.
 */
export function startModuleWorker(base: string, name: string, workerData: unknown): Worker {
  if (!base.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, base), { workerData });
  const entry = new URL(`./${name}.ts`, base).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}
