/** Request bodies of the authoring API (the spec's `CreateProjectOptions`, `ExportedProject`, …). */
import { z } from 'zod';

const projectKind = z.string().refine((k) => k === 'CustomEntityRecognition', {
  message: 'only projectKind CustomEntityRecognition is supported by this service',
});
const settings = z.object({ confidenceThreshold: z.number().min(0).max(1).optional() }).loose();

/** `PATCH projects/{name}` (merge patch): every field optional; required ones are checked on create. */
export const ProjectPatchSchema = z
  .object({
    projectName: z.string().optional(),
    projectKind: projectKind.optional(),
    storageInputContainerName: z.string().min(1).optional(),
    language: z.string().min(1).optional(),
    multilingual: z.boolean().optional(),
    description: z.string().max(1024).optional(),
    settings: settings.optional(),
  })
  .loose();
export type ProjectPatch = z.infer<typeof ProjectPatchSchema>;

/** `:import`: a project file; its labels are checked against the texts by the import job. */
export const ImportSchema = z
  .object({
    projectFileVersion: z.string().min(1),
    stringIndexType: z.literal('Utf16CodeUnit'),
    metadata: z
      .object({
        projectKind,
        projectName: z.string().min(1),
        storageInputContainerName: z.string().min(1),
        language: z.string().min(1),
        multilingual: z.boolean().optional(),
        description: z.string().optional(),
        settings: settings.optional(),
      })
      .loose(),
    assets: z
      .object({
        projectKind,
        entities: z.array(z.object({ category: z.string() }).loose()).optional(),
        documents: z.array(z.object({ location: z.string() }).loose()).optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

const percent = z.number().int().min(0).max(100);

/** `:train` (`TrainingJobOptions`). */
export const TrainSchema = z
  .object({
    modelLabel: z.string().min(1),
    trainingConfigVersion: z.string().min(1),
    evaluationOptions: z
      .object({
        kind: z.enum(['percentage', 'manual']).default('percentage'),
        trainingSplitPercentage: percent.optional(),
        testingSplitPercentage: percent.optional(),
      })
      .optional(),
  })
  .loose();

/** `PUT deployments/{name}` (`TextAnalysisAuthoringCreateDeploymentOptions`). */
export const DeploySchema = z.object({ trainedModelLabel: z.string().min(1) }).loose();
