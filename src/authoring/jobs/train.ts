import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type CustomTrainingResult,
  type LanguageStudioProject,
  trainCustomModel,
  type TrainingProgress,
} from '../../training/custom/index.ts';
import { writeJson } from '../files.ts';
import type { ProjectStore } from '../store.ts';
import { azureTime, newModelId } from '../time.ts';
import type { JobRecord, ModelRecord, TrainingDetails } from '../types.ts';
import { JobCancelled, type JobRegistry, type JobWork } from './registry.ts';

/** Our one training configuration, and the date Azure would retire its models: ours do not expire. */
export const TRAINING_CONFIG_VERSION = '2022-05-01';
export const MODEL_EXPIRATION_DATE = '9999-12-31';

/**
 * `:train`: trains on a snapshot of the project's labels and documents (taken when the job starts),
 * in a worker thread (src/training/custom), reporting progress; the model folder is built under a
 * staging name and swapped in only when training succeeded, so a failed or cancelled job leaves the
 * model of the same label, if any, as it was.
 */
export function trainWork(store: ProjectStore, jobs: JobRegistry): JobWork {
  return async (job, signal) => {
    const train = job.train!;
    const started = new Date();
    const update = (changes: Partial<TrainingDetails>, writeNow = false): void =>
      jobs.touch(job, { train: { ...job.train!, ...changes } }, writeNow);
    update(
      { trainingStatus: { percentComplete: 0, status: 'running', startDateTime: azureTime(started) } },
      true,
    );

    const record = store.get(job.projectName).record;
    const labels = store.readAssets(job.projectName);
    const project: LanguageStudioProject = {
      projectFileVersion: labels.projectFileVersion,
      stringIndexType: 'Utf16CodeUnit',
      metadata: {
        projectKind: 'CustomEntityRecognition',
        projectName: record.projectName,
        language: record.language,
        multilingual: record.multilingual ?? false,
        storageInputContainerName: record.storageInputContainerName,
      },
      assets: labels.assets,
    };
    const documents = await store.readDocuments(
      job.projectName,
      labels.assets.documents.map((d) => d.location),
    );
    const staging = join(store.dir(job.projectName), 'models', `.training-${job.jobId}`);
    try {
      const result = await trainCustomModel(
        { project, documents, evaluation: train.evaluationOptions, outDir: join(staging, 'model') },
        (p) => update(progress(p, started, job)),
        signal,
      );
      if (signal.aborted) throw new JobCancelled();
      const finished = new Date();
      const model: ModelRecord = {
        label: train.modelLabel,
        modelId: newModelId(train.modelLabel, finished),
        lastTrainedDateTime: azureTime(finished),
        lastTrainingDurationInSeconds: Math.max(
          0,
          Math.round((finished.getTime() - started.getTime()) / 1000),
        ),
        modelExpirationDate: MODEL_EXPIRATION_DATE,
        modelTrainingConfigVersion: train.trainingConfigVersion,
        evaluationOptions: train.evaluationOptions,
        trainedDocuments: result.trainedDocuments,
        testDocuments: result.testDocuments,
      };
      await writeEvaluation(staging, result, train);
      await writeJson(join(staging, 'assets.json'), labels);
      await writeJson(join(staging, 'record.json'), model);
      await store.deleteModel(job.projectName, train.modelLabel);
      await rename(staging, store.modelDir(job.projectName, train.modelLabel));
      await store.saveModel(job.projectName, model);
      await store.saveProject({
        ...store.get(job.projectName).record,
        lastTrainedDateTime: model.lastTrainedDateTime,
      });
      const done = { percentComplete: 100, status: 'succeeded' as const, endDateTime: azureTime(finished) };
      update({
        trainingStatus: { ...job.train!.trainingStatus, ...done },
        evaluationStatus: {
          startDateTime: job.train!.evaluationStatus.startDateTime ?? done.endDateTime,
          ...done,
        },
      });
    } catch (err) {
      const status = signal.aborted ? ('cancelled' as const) : ('failed' as const);
      update({
        trainingStatus: { ...job.train!.trainingStatus, status, endDateTime: azureTime() },
        ...(job.train!.evaluationStatus.status === 'running'
          ? { evaluationStatus: { ...job.train!.evaluationStatus, status, endDateTime: azureTime() } }
          : {}),
      });
      throw signal.aborted ? new JobCancelled() : err;
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  };
}

/**
 * The trainer's progress as Azure's two sub-states: training up to its evaluation phase (a message
 * that mentions evaluation), then evaluation; an estimated end from the pace so far.
 */
function progress(p: TrainingProgress, started: Date, job: JobRecord): Partial<TrainingDetails> {
  const now = new Date();
  const percent = Math.max(0, Math.min(100, Math.round(p.percentComplete)));
  const train = job.train!;
  const elapsed = now.getTime() - started.getTime();
  const estimate =
    percent > 0 && percent < 100
      ? { estimatedEndDateTime: azureTime(new Date(now.getTime() + (elapsed * (100 - percent)) / percent)) }
      : {};
  if (/evaluat/i.test(p.message) || train.evaluationStatus.status === 'running') {
    return {
      ...estimate,
      trainingStatus: {
        ...train.trainingStatus,
        percentComplete: 100,
        status: 'succeeded',
        endDateTime: train.trainingStatus.endDateTime ?? azureTime(now),
      },
      evaluationStatus: {
        percentComplete: percent,
        status: 'running',
        startDateTime: train.evaluationStatus.startDateTime ?? azureTime(now),
      },
    };
  }
  return { ...estimate, trainingStatus: { ...train.trainingStatus, percentComplete: percent } };
}

/** The evaluation in Azure's shapes, as the evaluation routes serve it. */
async function writeEvaluation(
  dir: string,
  result: CustomTrainingResult,
  train: TrainingDetails,
): Promise<void> {
  const options =
    train.evaluationOptions.kind === 'manual'
      ? { kind: 'manual' as const }
      : {
          kind: 'percentage' as const,
          trainingSplitPercentage: train.evaluationOptions.trainingSplitPercentage ?? 80,
          testingSplitPercentage: train.evaluationOptions.testingSplitPercentage ?? 20,
        };
  await writeJson(join(dir, 'evaluation-summary.json'), {
    projectKind: 'CustomEntityRecognition',
    customEntityRecognitionEvaluation: result.evaluationSummary.customEntityRecognitionEvaluation,
    evaluationOptions: options,
  });
  await writeJson(join(dir, 'evaluation-results.json'), result.documentResults);
}
