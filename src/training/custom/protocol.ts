import type { CustomTrainingRequest, CustomTrainingResult, TrainingProgress } from './types.ts';

/** What the training worker is started with. */
export interface TrainingJob {
  readonly request: CustomTrainingRequest;
  /** Where the worker writes the model; index.ts moves it to `request.outDir` on success. */
  readonly dir: string;
}

export type FromTrainingWorker =
  | { type: 'progress'; progress: TrainingProgress }
  | { type: 'done'; result: CustomTrainingResult }
  | { type: 'error'; message: string; code?: string };
