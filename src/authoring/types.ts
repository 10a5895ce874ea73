/**
 * What the authoring API keeps on disk (store.ts) and renders in Azure's shapes (shapes.ts): the
 * records of projects, trained models, deployments and long-running jobs.
 */
import type { ErrorBody } from '../http/envelope.ts';
import type { EvaluationOptions } from '../training/custom/index.ts';

/** Azure's job states (`JobStatus` of the authoring spec). */
export type JobStatus =
  'notStarted' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'cancelling' | 'partiallyCompleted';

export const TERMINAL_STATES: readonly JobStatus[] = [
  'succeeded',
  'failed',
  'cancelled',
  'partiallyCompleted',
];

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATES.includes(status);
}

/** A project's metadata (`TextAnalysisAuthoringProjectMetadata` without derived fields). */
export interface ProjectRecord {
  projectName: string;
  projectKind: 'CustomEntityRecognition';
  storageInputContainerName: string;
  language: string;
  multilingual?: boolean;
  description?: string;
  settings?: { confidenceThreshold?: number };
  createdDateTime: string;
  lastModifiedDateTime: string;
  lastTrainedDateTime?: string;
  lastDeployedDateTime?: string;
  /** Documents with labels in the last import (training needs enough of them). */
  labelledDocuments?: number;
}

/** A trained model (`TextAnalysisAuthoringProjectTrainedModel` plus how it was evaluated). */
export interface ModelRecord {
  label: string;
  modelId: string;
  lastTrainedDateTime: string;
  lastTrainingDurationInSeconds: number;
  modelExpirationDate: string;
  modelTrainingConfigVersion: string;
  evaluationOptions: EvaluationOptions;
  trainedDocuments: number;
  testDocuments: number;
}

/** A deployment: a copy of a trained model served as `<project>/<deploymentName>`. */
export interface DeploymentRecord {
  deploymentName: string;
  modelLabel: string;
  modelId: string;
  lastTrainedDateTime: string;
  lastDeployedDateTime: string;
  deploymentExpirationDate: string;
  modelTrainingConfigVersion: string;
}

export type JobKind = 'import' | 'export' | 'train' | 'deploy' | 'deleteDeployment' | 'deleteProject';

/** Progress of one half of a training job (`TextAnalysisAuthoringSubTrainingJobState`). */
export interface SubJobState {
  percentComplete: number;
  status: JobStatus;
  startDateTime?: string;
  endDateTime?: string;
}

export interface TrainingDetails {
  modelLabel: string;
  trainingConfigVersion: string;
  evaluationOptions: EvaluationOptions;
  trainingStatus: SubJobState;
  evaluationStatus: SubJobState;
  estimatedEndDateTime?: string;
}

/** One long-running operation, as persisted; rendered by shapes.ts as the job state of its kind. */
export interface JobRecord {
  jobId: string;
  kind: JobKind;
  projectName: string;
  /** deploy / deleteDeployment */
  deploymentName?: string;
  /** deploy: the trained model deployed */
  trainedModelLabel?: string;
  /** export: a trained model's snapshot instead of the working copy */
  exportModelLabel?: string;
  train?: TrainingDetails;
  createdDateTime: string;
  lastUpdatedDateTime: string;
  expirationDateTime: string;
  status: JobStatus;
  warnings: { code: string; message: string }[];
  errors: ErrorBody[];
}
