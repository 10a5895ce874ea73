import { z } from 'zod';
import { ModelLoadError } from './errors.ts';

/** Maps an entity type of the model's tags (PER, Party, ...) to the API's category and subcategory. */
export const CategoryMapSchema = z.record(
  z.string(),
  z.object({ category: z.string().min(1), subcategory: z.string().min(1).optional() }).strict(),
);

export type CategoryMap = z.infer<typeof CategoryMapSchema>;

/**
 * The builtin tagger's types as the general NER pipeline expects them. Only a general NER model
 * without a `categories` map falls back to it; a custom model's types are its own categories.
 */
export const GENERAL_NER_CATEGORIES: CategoryMap = {
  PER: { category: 'Person' },
  ORG: { category: 'Organization' },
  LOC: { category: 'Location' },
  MISC: { category: 'Miscellaneous' },
};

/** Azure's Custom NER data limits (service-limits.md) that a served model's categories must meet. */
export const CUSTOM_NER_LIMITS = {
  minEntityTypes: 1,
  maxEntityTypes: 200,
  maxEntityNameLength: 50,
  /** Characters an entity name may not contain. */
  forbiddenInEntityName: ':$&%*()+~#/?',
} as const;

/** The same tag syntax the decoder reads (src/inference/decode.ts). */
const TAG = /^[BIES][-_](.+)$/;

/** Entity types of a label set in first-seen order; every label must be `O` or a BIO/BIOES tag. */
function entityTypes(labels: readonly string[], where: string): string[] {
  const types = new Set<string>();
  const untagged: string[] = [];
  for (const label of labels) {
    if (label === 'O') continue;
    const type = TAG.exec(label)?.[1];
    if (type === undefined) untagged.push(label);
    else types.add(type);
  }
  if (untagged.length > 0) {
    throw new ModelLoadError(
      `${where}: labels ${untagged.join(', ')} are neither O nor B-/I-/E-/S- tags, so nothing could be served for them: name them as BIO or BIOES tags (config.json id2label or manifest.json labels)`,
    );
  }
  return [...types];
}

function assertCustomLimits(categories: CategoryMap, where: string): void {
  const { minEntityTypes, maxEntityTypes, maxEntityNameLength, forbiddenInEntityName } = CUSTOM_NER_LIMITS;
  const names = [...new Set(Object.values(categories).map((c) => c.category))];
  if (names.length < minEntityTypes || names.length > maxEntityTypes) {
    throw new ModelLoadError(
      `${where}: the model has ${names.length} entity categories; Custom NER serves ${minEntityTypes} to ${maxEntityTypes}`,
    );
  }
  const invalid = names.filter(
    (n) => n.length > maxEntityNameLength || [...forbiddenInEntityName].some((c) => n.includes(c)),
  );
  if (invalid.length > 0) {
    throw new ModelLoadError(
      `${where}: ${invalid.map((n) => `"${n}"`).join(', ')} ${invalid.length === 1 ? 'is not a valid entity name' : 'are not valid entity names'} (at most ${maxEntityNameLength} characters, none of ${[...forbiddenInEntityName].join(' ')}): give them valid names in manifest.json categories`,
    );
  }
}

/**
 * The category of every entity type the model's labels can produce, so that none is dropped:
 * `declared` (the manifest's map) must cover them all; without one a custom model serves its type
 * names as categories (B-Party -> "Party") and a general NER model falls back to
 * {@link GENERAL_NER_CATEGORIES}. A custom model's categories must meet Azure's Custom NER limits.
 */
export function resolveCategories(
  labels: readonly string[],
  declared: CategoryMap | undefined,
  generalNer: boolean,
  where: string,
): CategoryMap {
  const types = entityTypes(labels, where);
  const map: CategoryMap =
    declared ??
    (generalNer ? GENERAL_NER_CATEGORIES : Object.fromEntries(types.map((t) => [t, { category: t }])));
  const unmapped = types.filter((t) => !Object.hasOwn(map, t));
  if (unmapped.length > 0) {
    const tags = labels.filter((l) => unmapped.includes(TAG.exec(l)?.[1] ?? ''));
    const fix = declared
      ? `add ${unmapped.join(', ')} to manifest.json categories, or remove categories to serve the label names as categories`
      : `map them in manifest.json categories (without one, a general NER model serves ${Object.keys(map).join(', ')} only)`;
    throw new ModelLoadError(`${where}: labels ${tags.join(', ')} have no category: ${fix}`);
  }
  const resolved: CategoryMap = Object.fromEntries(types.map((t) => [t, map[t]!]));
  if (!generalNer) assertCustomLimits(resolved, where);
  return resolved;
}
