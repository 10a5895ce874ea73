import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ModelLoadError } from '../errors.ts';

const HfConfigSchema = z.object({ id2label: z.record(z.string(), z.string()).optional() }).passthrough();

/** A Hugging Face export's labels: `config.json`'s id2label ordered by id, or undefined without one. */
export async function readHfLabels(dir: string): Promise<string[] | undefined> {
  const file = join(dir, 'config.json');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new ModelLoadError(`${file}: ${(err as Error).message}`, { cause: err });
  }
  const parsed = HfConfigSchema.safeParse(json);
  if (!parsed.success) throw new ModelLoadError(`${file}: id2label must map ids to label names`);
  const id2label = parsed.data.id2label;
  if (!id2label) return undefined;
  return Object.entries(id2label)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, label]) => label);
}
