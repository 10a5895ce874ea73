import { existsSync } from 'node:fs';
import type { Router } from 'express';
import type { ApiContext } from '../api/context.ts';
import type { Config } from '../config/schema.ts';
import type { InferencePool } from '../inference/pool.ts';
import type { Logger } from '../observability/logger.ts';
import { Deployer } from './deployer.ts';
import { JobRegistry } from './jobs/registry.ts';
import { KeyedSerial, Semaphore } from './jobs/serial.ts';
import { authoringRouter } from './routes/index.ts';
import { ProjectStore } from './store.ts';

/** The Custom NER authoring API: its routes (under `/language/authoring`) and its background jobs. */
export interface Authoring {
  /** The routes, given what the API routes share (links are built as theirs: `publicBaseUrl`). */
  routes(api: ApiContext & { readonly config: Pick<Config, 'authoring'> }): Router;
  /** Cancels running jobs and waits for them to stop. */
  close(): Promise<void>;
}

export interface AuthoringDeps {
  /** Its own section, and the models section (where deployments go, what a reload discovers). */
  readonly config: Pick<Config, 'authoring' | 'models'>;
  readonly pool: InferencePool;
  readonly logger: Logger;
}

/** Opens the authoring state under `authoring.dataDir` (as the last run left it) and its routes. */
export function openAuthoring(deps: AuthoringDeps): Authoring {
  const { config, pool, logger } = deps;
  const store = new ProjectStore(config.authoring.dataDir);
  const jobs = new JobRegistry(config.authoring.dataDir, config.authoring.jobTtlSeconds, logger);
  const deployer = new Deployer(config.models, pool, logger);
  forgetLostDeployments(store, deployer, logger);
  const shared = {
    store,
    jobs,
    deployer,
    trainingGate: new Semaphore(config.authoring.concurrentTrainings),
    projectSerial: new KeyedSerial(),
  };
  logger.info({ dataDir: config.authoring.dataDir, projects: store.size }, 'authoring: projects loaded');
  return { routes: (api) => authoringRouter({ ...api, ...shared }), close: () => jobs.close() };
}

/** A deployment whose folder is gone (removed by hand, another models.customRoot) is not served: its record goes. */
function forgetLostDeployments(store: ProjectStore, deployer: Deployer, logger: Logger): void {
  for (const project of store.list()) {
    const name = project.record.projectName;
    for (const deployment of [...project.deployments.keys()]) {
      if (existsSync(deployer.folder(name, deployment))) continue;
      logger.warn(
        { project: name, deployment },
        'authoring: deployment folder missing; deployment forgotten',
      );
      project.deployments.delete(deployment);
      void store.saveDeployments(name);
    }
  }
}
