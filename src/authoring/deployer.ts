import { existsSync } from 'node:fs';
import { cp, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { GatewayError } from '../errors/base.ts';
import type { InferencePool } from '../inference/pool.ts';
import { discoverModels, type ModelsConfig } from '../model/catalog.ts';
import type { Logger } from '../observability/logger.ts';
import { KeyedSerial } from './jobs/serial.ts';

/** A trained model that the workers could not load: the deployment is left as it was. */
export class DeploymentLoadError extends GatewayError {
  readonly code = 'DEPLOYMENT_LOAD_FAILED';
}

/**
 * Serves trained models as Custom NER deployments: a deployment is a copy of the model folder at
 * `<models.customRoot>/<project>/<deployment>/`, which the pool serves once every worker has reloaded
 * its model set (one worker at a time: the others keep serving; no restart). Folders are prepared
 * under dot-names, which model discovery skips, and renamed into place, so a deployment is never
 * half-copied; changes run one at a time, since each reloads the whole set.
 */
export class Deployer {
  private readonly serial = new KeyedSerial();

  constructor(
    /** The `models` settings: where deployments are copied, and what discovery reads. */
    private readonly models: ModelsConfig,
    private readonly pool: InferencePool,
    private readonly logger: Logger,
  ) {}

  /** Where the deployment is served from. */
  folder(projectName: string, deploymentName: string): string {
    return join(this.models.customRoot, projectName, deploymentName);
  }

  /** Copies `modelDir` in as the deployment (replacing what it served) and reloads every worker. */
  deploy(projectName: string, deploymentName: string, modelDir: string): Promise<void> {
    return this.serial.run('models', async () => {
      const target = this.folder(projectName, deploymentName);
      const staging = join(this.models.customRoot, projectName, `.deploying-${deploymentName}`);
      const previous = join(this.models.customRoot, projectName, `.replaced-${deploymentName}`);
      await rm(staging, { recursive: true, force: true });
      await rm(previous, { recursive: true, force: true });
      await mkdir(join(this.models.customRoot, projectName), { recursive: true });
      await cp(modelDir, staging, { recursive: true });
      const replacing = existsSync(target);
      if (replacing) await rename(target, previous);
      await rename(staging, target);
      try {
        await this.reload();
      } catch (err) {
        // The workers kept their models; put the folders back as they were, so a restart serves the same.
        await rm(target, { recursive: true, force: true });
        if (replacing) await rename(previous, target);
        throw new DeploymentLoadError(firstLine(err), { cause: err });
      }
      await rm(previous, { recursive: true, force: true });
    });
  }

  /** Stops serving the deployment: its folder is removed and every worker reloads. */
  undeploy(projectName: string, deploymentName: string): Promise<void> {
    return this.serial.run('models', async () => {
      const target = this.folder(projectName, deploymentName);
      if (!existsSync(target)) return;
      const removing = join(this.models.customRoot, projectName, `.removing-${deploymentName}`);
      await rm(removing, { recursive: true, force: true });
      await rename(target, removing);
      await this.reload();
      await rm(removing, { recursive: true, force: true });
    });
  }

  private async reload(): Promise<void> {
    const models = await this.pool.reload(discoverModels(this.models));
    this.logger.info({ models: models.map((m) => m.id) }, 'authoring: models reloaded');
  }
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0] ?? '';
}
