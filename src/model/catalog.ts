import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelDirs } from '../inference/protocol.ts';

/** Pool id of the model served for plain EntityRecognition. */
export const DEFAULT_MODEL_ID = 'default';

/** Pool id of a Custom NER deployment. */
export function customModelId(projectName: string, deploymentName: string): string {
  return `custom/${projectName}/${deploymentName}`;
}

function isModelDir(dir: string): boolean {
  return existsSync(join(dir, 'manifest.json')) || existsSync(join(dir, 'config.json'));
}

function subdirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => !name.startsWith('.') && statSync(join(dir, name)).isDirectory());
}

/**
 * The models to load: the default model plus every `<customRoot>/<project>/<deployment>/` that holds a
 * model directory. Re-run on reload to pick up new deployments.
 */
export function discoverModels(config: { default: string; customRoot: string }): ModelDirs {
  const dirs: Record<string, string> = { [DEFAULT_MODEL_ID]: config.default };
  for (const project of subdirs(config.customRoot)) {
    for (const deployment of subdirs(join(config.customRoot, project))) {
      const dir = join(config.customRoot, project, deployment);
      if (isModelDir(dir)) dirs[customModelId(project, deployment)] = dir;
    }
  }
  return dirs;
}
