// Loads a TypeScript pino transport in pino's thread when running from sources (tests, `npm run dev`):
// the thread does not inherit tsx, so it registers it first, as src/runtime/worker-thread.ts does for
// workers. The compiled service (dist) loads its `.js` transports directly and never uses this file.
import { register } from 'tsx/esm/api';

register();

/** `{ module, options }`: the transport's file URL and the options its default export takes. */
export default async function bootstrap({ module, options }) {
  const { default: build } = await import(module);
  return build(options);
}
