import { Router } from 'express';
import { parseOrThrow } from '../../api/schemas.ts';
import type { EvaluationOptions } from '../../training/custom/index.ts';
import { TrainSchema } from '../bodies.ts';
import { authoringErrors } from '../failures.ts';
import { MODEL_EXPIRATION_DATE, TRAINING_CONFIG_VERSION, trainWork } from '../jobs/train.ts';
import { LIMITS, resourceNameProblem } from '../limits.ts';
import { page } from '../paging.ts';
import { jobState } from '../shapes.ts';
import { accepted, link, projectOf, projectParam, type RouteContext, selfUrl, seg } from './context.ts';

/** `:train`, training jobs (list, status, `:cancel`) and the training configuration versions. */
export function trainingRoutes(ctx: RouteContext): Router {
  const router = Router();
  const { store, jobs } = ctx;

  router.get('/projects/global/training-config-versions', (req, res) => {
    const kind = req.query.projectKind;
    const versions =
      kind === undefined || kind === 'CustomEntityRecognition'
        ? [{ trainingConfigVersion: TRAINING_CONFIG_VERSION, modelExpirationDate: MODEL_EXPIRATION_DATE }]
        : [];
    res.json(page(req, versions, selfUrl(ctx, req)));
  });

  router.post('/projects/:projectName/\\:train', async (req, res) => {
    const project = projectOf(ctx, req);
    const name = project.record.projectName;
    const body = parseOrThrow(TrainSchema, req.body);
    const problem = resourceNameProblem('model', body.modelLabel);
    if (problem) throw authoringErrors.invalid(problem, 'modelLabel');
    if (body.trainingConfigVersion !== 'latest' && body.trainingConfigVersion !== TRAINING_CONFIG_VERSION)
      throw authoringErrors.invalid(
        `Unsupported trainingConfigVersion '${body.trainingConfigVersion}'. Supported: latest, ${TRAINING_CONFIG_VERSION}.`,
        'trainingConfigVersion',
      );
    const evaluationOptions = evaluationOf(body.evaluationOptions);
    const training = jobs.active(name, 'train');
    if (training.some((j) => j.train?.modelLabel === body.modelLabel))
      throw authoringErrors.conflict(`The model ${body.modelLabel} is already being trained.`);
    const labels = new Set([...project.models.keys(), ...training.map((j) => j.train!.modelLabel)]);
    if (!labels.has(body.modelLabel) && labels.size >= LIMITS.trainedModelsPerProject)
      throw authoringErrors.quota(
        `A project may have at most ${LIMITS.trainedModelsPerProject} trained models; delete one or train over an existing label.`,
      );
    const labelled = project.record.labelledDocuments ?? 0;
    if (labelled < LIMITS.minTrainingDocuments)
      throw authoringErrors.invalid(
        `The project has ${labelled} labelled documents; training needs at least ${LIMITS.minTrainingDocuments}.`,
      );
    const job = await jobs.create('train', name, {
      train: {
        modelLabel: body.modelLabel,
        trainingConfigVersion: TRAINING_CONFIG_VERSION,
        evaluationOptions,
        trainingStatus: { percentComplete: 0, status: 'notStarted' },
        evaluationStatus: { percentComplete: 0, status: 'notStarted' },
      },
    });
    jobs.start(job, trainWork(store, jobs), ctx.trainingGate);
    accepted(res, link(ctx, req, `${seg(name)}/train/jobs/${job.jobId}`));
  });

  router.get('/projects/:projectName/train/jobs', (req, res) => {
    const list = jobs.list('train', projectParam(req)).map((j) => jobState(j));
    res.json(page(req, list, selfUrl(ctx, req)));
  });

  router.get('/projects/:projectName/train/jobs/:jobId', (req, res) => {
    res.json(jobState(jobs.get(String(req.params.jobId), 'train', projectParam(req))));
  });

  router.post('/projects/:projectName/train/jobs/:jobId/\\:cancel', (req, res) => {
    const job = jobs.get(String(req.params.jobId), 'train', projectParam(req));
    jobs.cancel(job);
    accepted(res, link(ctx, req, `${seg(job.projectName)}/train/jobs/${job.jobId}`));
  });

  return router;
}

/** The split: Azure's default is 80% training, 20% testing; the two percentages must add up to 100. */
function evaluationOf(
  raw:
    | { kind: 'percentage' | 'manual'; trainingSplitPercentage?: number; testingSplitPercentage?: number }
    | undefined,
): EvaluationOptions {
  if (raw?.kind === 'manual') return { kind: 'manual' };
  const train =
    raw?.trainingSplitPercentage ??
    (raw?.testingSplitPercentage !== undefined ? 100 - raw.testingSplitPercentage : 80);
  const test = raw?.testingSplitPercentage ?? 100 - train;
  if (train + test !== 100 || train < 1 || test < 1)
    throw authoringErrors.invalid(
      'evaluationOptions: trainingSplitPercentage and testingSplitPercentage must each be at least 1 and add up to 100.',
      'evaluationOptions',
    );
  return { kind: 'percentage', trainingSplitPercentage: train, testingSplitPercentage: test };
}
