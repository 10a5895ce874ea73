import { z } from 'zod';

const Label = z.object({ category: z.string(), offset: z.number(), length: z.number() });

const Region = z.object({
  regionOffset: z.number().optional(),
  regionLength: z.number().optional(),
  labels: z.array(Label).default([]),
});

const Document = z.object({
  location: z.string().min(1),
  language: z.string().min(1).optional(),
  dataset: z.enum(['Train', 'Test']).optional(),
  entities: z.array(Region).default([]),
});

/** The structure of a Language Studio Custom NER export; content rules are checked in validate.ts. */
export const ProjectSchema = z.object({
  projectFileVersion: z.string().min(1),
  stringIndexType: z.literal('Utf16CodeUnit'),
  metadata: z.looseObject({
    projectKind: z.literal('CustomEntityRecognition'),
    projectName: z.string().min(1),
    language: z.string().min(1),
    multilingual: z.boolean().optional(),
    description: z.string().optional(),
    storageInputContainerName: z.string().optional(),
    settings: z.object({}).loose().optional(),
  }),
  assets: z.object({
    projectKind: z.literal('CustomEntityRecognition'),
    entities: z.array(z.looseObject({ category: z.string() })),
    documents: z.array(Document),
  }),
});
