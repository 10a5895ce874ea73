import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** Maps an entity type of the model's tags (PER, ORG, ...) to the API's category and subcategory. */
export const CategoryMapSchema = z.record(
  z.string(),
  z.object({ category: z.string().min(1), subcategory: z.string().min(1).optional() }).strict(),
);

/**
 * `manifest.json` of a model directory. Format-specific settings live under `options` and are
 * validated by the format's loader.
 */
export const ManifestSchema = z
  .object({
    schemaVersion: z.literal(1),
    name: z.string().min(1),
    version: z.string().min(1),
    description: z.string().optional(),
    format: z.enum(['builtin-wordfeat', 'hf-token-classification']),
    /** ONNX file, relative to the model directory. */
    file: z.string().min(1).default('model.onnx'),
    /** ISO 639-1 codes the model serves. */
    languages: z.array(z.string().min(2)).min(1).default(['en']),
    /** Model positions per window (tokens for HF models, words for the builtin model). */
    maxSequenceLength: z.number().int().min(8).max(4096),
    /** Units shared by consecutive windows of a long document (context on both sides of a cut). */
    windowOverlap: z.number().int().min(0).default(16),
    /** Output index -> tag. HF models may omit it and use config.json id2label. */
    labels: z.array(z.string().min(1)).min(2).optional(),
    scheme: z.enum(['BIO', 'BIOES']).default('BIO'),
    categories: CategoryMapSchema.default({
      PER: { category: 'Person' },
      ORG: { category: 'Organization' },
      LOC: { category: 'Location' },
      MISC: { category: 'Miscellaneous' },
    }),
    /** Names of ONNX inputs/outputs when they differ from the format's defaults. */
    io: z.record(z.string(), z.string()).default({}),
    options: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

export type Manifest = z.infer<typeof ManifestSchema>;

export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
}

/** Reads and validates `<dir>/manifest.json`; a HF export without a manifest gets one inferred. */
export async function readManifest(dir: string): Promise<Manifest> {
  let raw: string;
  try {
    raw = await readFile(join(dir, 'manifest.json'), 'utf8');
  } catch {
    return inferHfManifest(dir);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new ModelLoadError(`${join(dir, 'manifest.json')}: invalid JSON (${(err as Error).message})`);
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ModelLoadError(
      `${join(dir, 'manifest.json')}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

/** A plain Hugging Face export (config.json + tokenizer.json + model.onnx) needs no manifest. */
async function inferHfManifest(dir: string): Promise<Manifest> {
  try {
    await readFile(join(dir, 'config.json'), 'utf8');
  } catch {
    throw new ModelLoadError(`${dir}: neither manifest.json nor a Hugging Face config.json found`);
  }
  return ManifestSchema.parse({
    schemaVersion: 1,
    name: dir.split(/[\\/]/).filter(Boolean).pop() ?? 'model',
    version: '1',
    format: 'hf-token-classification',
    maxSequenceLength: 512,
  });
}
