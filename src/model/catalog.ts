import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { exportedModelDir } from './exported.ts';

/** Model id -> model directory. */
export type ModelDirs = Readonly<Record<string, string>>;

/** Pool id of the model served for plain EntityRecognition. */
export const DEFAULT_MODEL_ID = 'default';

/**
 * Deployment segment of the model of Azure's run line (`projectName=P`, models.modelPath): it
 * answers every deploymentName of its project (never a valid deployment name itself).
 */
export const ANY_DEPLOYMENT = '*';

/** Pool id of a Custom NER deployment. */
export function customModelId(projectName: string, deploymentName: string): string {
  return `custom/${projectName}/${deploymentName}`;
}

/**
 * Pool ids that may serve a deployment, first match wins: the deployment's own folder under
 * models.customRoot, then the project's model from models.modelPath (any deploymentName).
 */
export function customModelIds(projectName: string, deploymentName: string): [string, string] {
  return [customModelId(projectName, deploymentName), customModelId(projectName, ANY_DEPLOYMENT)];
}

function isModelDir(dir: string): boolean {
  return existsSync(join(dir, 'manifest.json')) || existsSync(join(dir, 'config.json'));
}

function subdirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => !name.startsWith('.') && statSync(join(dir, name)).isDirectory());
}

/** The `models` settings discovery reads. */
export interface ModelsConfig {
  readonly default: string;
  readonly customRoot: string;
  /** Azure's run line: serve the model in `modelPath` for this project. */
  readonly projectName?: string | undefined;
  readonly exportedModelName?: string | undefined;
  readonly modelPath?: string | undefined;
}

/**
 * The models to load: the default model, every `<customRoot>/<project>/<deployment>/` that holds a
 * model directory, and with `projectName` the model in `modelPath` (a folder that holds none stops
 * the start: see exported.ts). Re-run on reload to pick up new deployments.
 */
export function discoverModels(config: ModelsConfig): ModelDirs {
  const dirs: Record<string, string> = { [DEFAULT_MODEL_ID]: config.default };
  for (const project of subdirs(config.customRoot)) {
    for (const deployment of subdirs(join(config.customRoot, project))) {
      const dir = join(config.customRoot, project, deployment);
      if (isModelDir(dir)) dirs[customModelId(project, deployment)] = dir;
    }
  }
  if (config.projectName !== undefined) {
    dirs[customModelId(config.projectName, ANY_DEPLOYMENT)] = exportedModelDir({
      projectName: config.projectName,
      exportedModelName: config.exportedModelName,
      modelPath: config.modelPath ?? '/modelPath',
    });
  }
  return dirs;
}
