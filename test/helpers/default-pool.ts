import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EntitiesSchema } from '../../src/config/schema.ts';
import { InferencePool } from '../../src/inference/pool.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A pool of one worker serving models/default as `default`, with the default entity settings. */
export function startDefaultPool(): Promise<InferencePool> {
  return InferencePool.start({
    models: { default: join(ROOT, 'models/default') },
    entities: { settings: EntitiesSchema.parse({}), models: ['default'] },
    workers: 1,
    intraOpThreads: 1,
  });
}
