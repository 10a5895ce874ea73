import { z } from 'zod';
import { ApiError } from '../http/errors.ts';

export const StringIndexTypeSchema = z.enum(['TextElements_v8', 'UnicodeCodePoint', 'Utf16CodeUnit']);

export const DocumentSchema = z.object({
  id: z.string().min(1, 'Document id must be a non-empty string.'),
  text: z.string(),
  language: z.string().optional(),
});
export type DocumentInput = z.infer<typeof DocumentSchema>;

const AnalysisInputSchema = z.object({ documents: z.array(DocumentSchema) });

const CategoryListSchema = z.array(z.string().min(1)).max(100);

export const EntitiesParametersSchema = z.object({
  modelVersion: z.string().min(1).default('latest'),
  loggingOptOut: z.boolean().default(false),
  stringIndexType: StringIndexTypeSchema.default('TextElements_v8'),
  // 2024-11-01 and later.
  inclusionList: CategoryListSchema.optional(),
  exclusionList: CategoryListSchema.optional(),
  overlapPolicy: z.object({ policyKind: z.enum(['matchLongest', 'allowOverlap']) }).optional(),
  inferenceOptions: z.object({ excludeNormalizedValues: z.boolean().optional() }).optional(),
});
export type EntitiesParameters = z.infer<typeof EntitiesParametersSchema>;

export const CustomEntitiesParametersSchema = z.object({
  projectName: z.string().min(1),
  deploymentName: z.string().min(1),
  loggingOptOut: z.boolean().default(false),
  stringIndexType: StringIndexTypeSchema.default('TextElements_v8'),
});

/** Body of `POST /language/:analyze-text`; only the EntityRecognition kind is served. */
export const AnalyzeTextSchema = z.object({
  kind: z.string(),
  analysisInput: AnalysisInputSchema,
  parameters: z.unknown().optional(),
});

export const JobTaskSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('EntityRecognition'),
    taskName: z.string().optional(),
    parameters: EntitiesParametersSchema.default(EntitiesParametersSchema.parse({})),
  }),
  z.object({
    kind: z.literal('CustomEntityRecognition'),
    taskName: z.string().optional(),
    parameters: CustomEntitiesParametersSchema,
  }),
]);
export type JobTask = z.infer<typeof JobTaskSchema>;

export const JobSubmitSchema = z.object({
  displayName: z.string().optional(),
  analysisInput: AnalysisInputSchema,
  tasks: z.array(z.unknown()).min(1, 'At least one task is required.'),
});

/** Legacy Text Analytics v3.x body. */
export const LegacyBodySchema = z.object({ documents: z.array(DocumentSchema) });

/** Parses `value` or throws a 400 in the Azure envelope naming the offending field. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, where = ''): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = [where, ...issue.path.map(String)].filter(Boolean).join('.');
  throw ApiError.invalidRequest('Invalid Request.', {
    code: 'InvalidParameterValue',
    message: `${path || 'body'}: ${issue.message}`,
    ...(path ? { target: path } : {}),
  });
}
