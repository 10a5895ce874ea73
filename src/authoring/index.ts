import { Router } from 'express';
import type { Config } from '../config/schema.ts';
import type { InferencePool } from '../inference/pool.ts';
import type { Logger } from '../observability/logger.ts';

/** The Custom NER authoring API: its routes (under `/language/authoring`) and its background jobs. */
export interface Authoring {
  readonly router: Router;
  /** Cancels running jobs and waits for them to stop. */
  close(): Promise<void>;
}

export interface AuthoringDeps {
  readonly config: Config;
  readonly pool: InferencePool;
  readonly logger: Logger;
}

export function openAuthoring(deps: AuthoringDeps): Authoring {
  void deps;
  return { router: Router(), close: async () => {} };
}
