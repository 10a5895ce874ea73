import type { ProjectAssets, ProjectStore } from '../store.ts';
import { readJson, writeJson } from '../files.ts';
import { join } from 'node:path';
import { authoringErrors } from '../failures.ts';
import type { JobWork } from './registry.ts';

/**
 * `:export`: the project file (metadata and labels; document texts stay in storage, as on Azure) of
 * the working copy, or of the labels a trained model was trained on. Written to `resultFile` for
 * `export/jobs/{jobId}/result`.
 */
export function exportWork(store: ProjectStore, resultFile: string, modelLabel?: string): JobWork {
  return async (job) => {
    const project = store.get(job.projectName);
    let labels: ProjectAssets;
    if (modelLabel === undefined) labels = store.readAssets(job.projectName);
    else {
      const snapshot = project.models.has(modelLabel)
        ? readJson<ProjectAssets>(join(store.modelDir(job.projectName, modelLabel), 'assets.json'))
        : undefined;
      if (!snapshot) throw authoringErrors.notFound(`The trained model ${modelLabel} could not be found.`);
      labels = snapshot;
    }
    const r = project.record;
    await writeJson(resultFile, {
      projectFileVersion: labels.projectFileVersion,
      stringIndexType: 'Utf16CodeUnit',
      metadata: {
        projectKind: r.projectKind,
        storageInputContainerName: r.storageInputContainerName,
        settings: r.settings ?? {},
        projectName: r.projectName,
        multilingual: r.multilingual ?? false,
        ...(r.description !== undefined ? { description: r.description } : {}),
        language: r.language,
      },
      assets: labels.assets,
    });
  };
}
