import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { type CategoryMap, CategoryMapSchema, resolveCategories } from './categories.ts';
import { ModelLoadError } from './errors.ts';
import { readHfLabels } from './hf/labels.ts';

export { CategoryMapSchema, type CategoryMap } from './categories.ts';
export { ModelLoadError } from './errors.ts';

/** `en-US`, `EN` -> `en`: documents are matched on the primary language subtag. */
const primaryLanguages = (codes: readonly string[]): string[] => [
  ...new Set(codes.map((c) => c.toLowerCase().split(/[-_]/)[0]!)),
];

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
    /** Language codes (ISO 639-1, a region is ignored) of the documents the model accepts. */
    languages: z
      .array(
        z.string().regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]+)*$/, 'expected a language code like en or en-us'),
      )
      .min(1)
      .default(['en'])
      .transform(primaryLanguages),
    /** Accept documents in any language (a Custom NER project's `multilingual`); `languages` then only informs. */
    multilingual: z.boolean().default(false),
    /** Model positions per window (tokens for HF models, words for the builtin model). */
    maxSequenceLength: z.number().int().min(8).max(4096),
    /** Units shared by consecutive windows of a long document (context on both sides of a cut). */
    windowOverlap: z.number().int().min(0).default(16),
    /** Output index -> tag. HF models may omit it and use config.json id2label. */
    labels: z.array(z.string().min(1)).min(2).optional(),
    scheme: z.enum(['BIO', 'BIOES']).default('BIO'),
    /**
     * Entity type -> API category. Optional; if given it must map every type of the labels. Without
     * it a custom model's types are its categories (B-Party -> Party); see categories.ts.
     */
    categories: CategoryMapSchema.optional(),
    /** Names of ONNX inputs/outputs when they differ from the format's defaults. */
    io: z.record(z.string(), z.string()).default({}),
    options: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

/** What a model's `manifest.json` may hold (for writers of model directories). */
export type ManifestFile = z.input<typeof ManifestSchema>;

/** A model's manifest completed from its files: every label, and the category of each entity type. */
export type Manifest = Omit<z.infer<typeof ManifestSchema>, 'labels' | 'categories'> & {
  readonly labels: string[];
  readonly categories: CategoryMap;
};

export interface ManifestOptions {
  /**
   * The model's output goes through the general NER pipeline (the default model): without a
   * `categories` map it gets the builtin PER/ORG/LOC/MISC mapping, and Custom NER's limits do not apply.
   */
  readonly generalNer?: boolean;
}

/**
 * Reads and validates `<dir>/manifest.json` (a HF export without one gets one inferred), then
 * completes it: labels from config.json when the manifest has none, and a category for every type.
 */
export async function readManifest(dir: string, options: ManifestOptions = {}): Promise<Manifest> {
  const file = join(dir, 'manifest.json');
  const manifest = await readManifestFile(dir);
  const labels =
    manifest.labels ?? (manifest.format === 'hf-token-classification' ? await readHfLabels(dir) : undefined);
  if (!labels) {
    throw new ModelLoadError(
      manifest.format === 'hf-token-classification'
        ? `${dir}: config.json has no id2label and manifest.json no labels`
        : `${file}: labels are required for ${manifest.format}`,
    );
  }
  const categories = resolveCategories(labels, manifest.categories, options.generalNer === true, file);
  return { ...manifest, labels, categories };
}

async function readManifestFile(dir: string): Promise<z.infer<typeof ManifestSchema>> {
  const file = join(dir, 'manifest.json');
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    return inferHfManifest(dir);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new ModelLoadError(`${file}: invalid JSON (${(err as Error).message})`);
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ModelLoadError(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** A plain Hugging Face export (config.json + tokenizer.json + model.onnx) needs no manifest. */
async function inferHfManifest(dir: string): Promise<z.infer<typeof ManifestSchema>> {
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
