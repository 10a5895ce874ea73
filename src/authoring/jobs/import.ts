import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../../http/errors.ts';
import type { ProjectStore } from '../store.ts';
import { azureTime } from '../time.ts';
import type { ProjectRecord } from '../types.ts';
import type { JobWork } from './registry.ts';
import { JobCancelled } from './registry.ts';
import { validateInThread } from './validate.ts';

/** A project file as `:import` received it (its shape checked by the route). */
export interface ImportedProject {
  projectFileVersion: string;
  stringIndexType: 'Utf16CodeUnit';
  metadata: Omit<ProjectRecord, 'createdDateTime' | 'lastModifiedDateTime'> & Record<string, unknown>;
  assets?: { documents?: { location: string }[] } & Record<string, unknown>;
}

/**
 * `:import`: reads each document's text from `<storageRoot>/<container>/<location>` (Azure reads the
 * blob container), has the trainer validate labels against the texts (in a thread of its own), then
 * replaces the project's metadata, labels and documents (or creates the project).
 */
export function importWork(store: ProjectStore, storageRoot: string, body: ImportedProject): JobWork {
  return async (_job, signal) => {
    const container = join(storageRoot, body.metadata.storageInputContainerName);
    const texts = new Map<string, string>();
    for (const { location } of body.assets?.documents ?? []) {
      if (signal.aborted) throw new JobCancelled();
      texts.set(location, await readDocument(container, location));
    }
    const project = await validateInThread({ project: body, documents: texts }, signal);
    const now = azureTime();
    const existing = store.find(body.metadata.projectName)?.record;
    const m = project.metadata;
    const record: ProjectRecord = {
      ...existing,
      projectName: body.metadata.projectName,
      projectKind: 'CustomEntityRecognition',
      storageInputContainerName: body.metadata.storageInputContainerName,
      language: m.language,
      ...(m.multilingual !== undefined ? { multilingual: m.multilingual } : {}),
      ...(m.description !== undefined ? { description: m.description } : {}),
      ...(m.settings !== undefined ? { settings: m.settings } : {}),
      labelledDocuments: project.assets.documents.filter((d) => d.entities.some((e) => e.labels.length > 0))
        .length,
      createdDateTime: existing?.createdDateTime ?? now,
      lastModifiedDateTime: now,
    };
    await store.saveProject(record);
    await store.replaceContent(
      record.projectName,
      { projectFileVersion: project.projectFileVersion, assets: project.assets },
      texts,
    );
  };
}

/** A document's text; a byte-order mark is not part of it (offsets count from the first character). */
async function readDocument(container: string, location: string): Promise<string> {
  try {
    return (await readFile(join(container, location), 'utf8')).replace(/^\uFEFF/, '');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    const message = `The document '${location}' was not found in the storage container.`;
    throw new ApiError(400, {
      code: 'InvalidRequest',
      message,
      target: location,
      innererror: { code: 'InvalidDocument', message },
    });
  }
}
