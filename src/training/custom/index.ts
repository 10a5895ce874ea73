import type {
  CustomTrainingRequest,
  CustomTrainingResult,
  LanguageStudioProject,
  TrainingProgress,
} from './types.ts';
import { ProjectValidationError } from './types.ts';

export * from './types.ts';

// Placeholder so callers compile while the trainer is being written.
export function validateProject(
  project: unknown,
  documents: ReadonlyMap<string, string>,
): LanguageStudioProject {
  void documents;
  if (typeof project !== 'object' || project === null)
    throw new ProjectValidationError('InvalidProject', 'not an object');
  return project as LanguageStudioProject;
}

export function trainCustomModel(
  req: CustomTrainingRequest,
  onProgress?: (p: TrainingProgress) => void,
  signal?: AbortSignal,
): Promise<CustomTrainingResult> {
  void req;
  void onProgress;
  void signal;
  return Promise.reject(new Error('not implemented yet'));
}
