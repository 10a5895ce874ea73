/** Records rendered in the authoring spec's shapes (2022-05-01 and 2023-04-01 are the same here). */
import type { ProjectState } from './store.ts';
import type { DeploymentRecord, JobRecord, ModelRecord } from './types.ts';

export function projectMetadata({ record }: ProjectState): object {
  return {
    createdDateTime: record.createdDateTime,
    lastModifiedDateTime: record.lastModifiedDateTime,
    ...(record.lastTrainedDateTime ? { lastTrainedDateTime: record.lastTrainedDateTime } : {}),
    ...(record.lastDeployedDateTime ? { lastDeployedDateTime: record.lastDeployedDateTime } : {}),
    projectKind: record.projectKind,
    storageInputContainerName: record.storageInputContainerName,
    ...(record.settings ? { settings: record.settings } : {}),
    projectName: record.projectName,
    multilingual: record.multilingual ?? false,
    // Not in the spec's definition, but Azure returns it (its own examples do).
    ...(record.description !== undefined ? { description: record.description } : {}),
    language: record.language,
  };
}

export function trainedModel(model: ModelRecord): object {
  return {
    label: model.label,
    modelId: model.modelId,
    lastTrainedDateTime: model.lastTrainedDateTime,
    lastTrainingDurationInSeconds: model.lastTrainingDurationInSeconds,
    modelExpirationDate: model.modelExpirationDate,
    modelTrainingConfigVersion: model.modelTrainingConfigVersion,
    hasSnapshot: false,
  };
}

export function deployment(d: DeploymentRecord): object {
  return {
    deploymentName: d.deploymentName,
    modelId: d.modelId,
    lastTrainedDateTime: d.lastTrainedDateTime,
    lastDeployedDateTime: d.lastDeployedDateTime,
    deploymentExpirationDate: d.deploymentExpirationDate,
    modelTrainingConfigVersion: d.modelTrainingConfigVersion,
  };
}

/**
 * A job's state: the common fields, plus `result` for training and `resultUrl` for a finished
 * export (`exportResultUrl` builds it).
 */
export function jobState(job: JobRecord, exportResultUrl?: string): object {
  return {
    ...(job.train
      ? {
          result: {
            modelLabel: job.train.modelLabel,
            trainingConfigVersion: job.train.trainingConfigVersion,
            trainingStatus: job.train.trainingStatus,
            evaluationStatus: job.train.evaluationStatus,
            ...(job.train.estimatedEndDateTime
              ? { estimatedEndDateTime: job.train.estimatedEndDateTime }
              : {}),
          },
        }
      : {}),
    ...(job.kind === 'export' && job.status === 'succeeded' && exportResultUrl
      ? { resultUrl: exportResultUrl }
      : {}),
    jobId: job.jobId,
    createdDateTime: job.createdDateTime,
    lastUpdatedDateTime: job.lastUpdatedDateTime,
    expirationDateTime: job.expirationDateTime,
    status: job.status,
    ...(job.warnings.length > 0 ? { warnings: job.warnings } : {}),
    ...(job.errors.length > 0 ? { errors: job.errors } : {}),
  };
}
