/**
 * Scores the serving path (worker pool with models/default and the entity pipeline, then
 * `recognizeEntities`) against held-out annotations in Azure's taxonomy.
 * Usage: npm run eval:taxonomy -- [--set taxonomy|azure-recordings] [--json] [--model models/default]
 *
 * --set taxonomy (default): eval/taxonomy/docs.jsonl at api-version 2025-11-01 behaviour; scored per
 *   type, category and (category, subcategory), plus metadata agreement.
 * --set azure-recordings: real Azure answers harvested from the Azure SDK test recordings
 *   (eval/azure-recordings), English texts only, each text once (the newest model's answer); scored
 *   per category and (category, subcategory) at the 2023-04-01 output shape.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { entityOutputOptions } from '../src/api/entity-options.ts';
import { recognizeEntities, type Entity } from '../src/api/recognize.ts';
import { EntitiesParametersSchema } from '../src/api/schemas.ts';
import type { ApiVersion } from '../src/api/api-version.ts';
import { EntitiesSchema } from '../src/config/schema.ts';
import { isEntityType, typeInfo } from '../src/entities/taxonomy.ts';
import { InferencePool } from '../src/inference/pool.ts';
import {
  formatLevel,
  formatMetadata,
  type GoldEntity,
  type PredictedEntity,
  scoreTaxonomy,
} from '../src/training/taxonomy-score.ts';
import { type Cli, parseCli, usageError } from '../src/cli/args.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SETS = ['taxonomy', 'azure-recordings'] as const;
type SetName = (typeof SETS)[number];

interface EvalDocument {
  readonly id: string;
  readonly text: string;
  readonly gold: readonly GoldEntity[];
}

interface RecordingLine {
  id: string;
  apiVersion: string;
  modelVersion: string;
  textLanguage: string;
  text: string;
  source: { path: string };
  entities: { offset: number; length: number; category: string; subcategory?: string }[];
}

const readJsonl = <T>(path: string): T[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);

function loadTaxonomySet(): EvalDocument[] {
  return readJsonl<EvalDocument & { entities: GoldEntity[] }>(`${ROOT}eval/taxonomy/docs.jsonl`).map((d) => ({
    id: d.id,
    text: d.text,
    gold: d.entities,
  }));
}

/** English texts once each: the answer of the newest model version (then api-version) wins. */
function loadRecordingsSet(): EvalDocument[] {
  const byText = new Map<string, RecordingLine>();
  for (const r of readJsonl<RecordingLine>(`${ROOT}eval/azure-recordings/recordings.jsonl`)) {
    if (r.textLanguage !== 'en') continue;
    const seen = byText.get(r.text);
    const newer =
      !seen ||
      r.modelVersion > seen.modelVersion ||
      (r.modelVersion === seen.modelVersion && r.apiVersion > seen.apiVersion);
    if (newer) byText.set(r.text, r);
  }
  return [...byText.values()].map((r, i) => ({
    id: `${i}`,
    text: r.text,
    gold: r.entities.map((e) => ({
      offset: e.offset,
      length: e.length,
      category: e.category,
      ...(e.subcategory ? { subcategory: e.subcategory } : {}),
    })),
  }));
}

/** What the caller sees, as the scorer wants it: category and subcategory follow the type when known. */
function toPredicted(e: Entity): PredictedEntity {
  const type = e.type ?? e.subcategory ?? e.category;
  const metadata = (e as { metadata?: unknown }).metadata;
  const info = isEntityType(type) ? typeInfo(type) : undefined;
  const category = e.type && info ? info.category : e.category;
  const subcategory = e.type && info ? info.subcategory : e.subcategory;
  return {
    offset: e.offset,
    length: e.length,
    type,
    category,
    ...(subcategory !== undefined ? { subcategory } : {}),
    ...(metadata !== undefined ? { metadata } : {}),
  };
}

async function predict(
  pool: InferencePool,
  docs: readonly EvalDocument[],
  version: ApiVersion,
): Promise<PredictedEntity[][]> {
  const out: PredictedEntity[][] = [];
  const output = entityOutputOptions(version, EntitiesParametersSchema.parse({}));
  for (let i = 0; i < docs.length; i += 25) {
    const batch = docs.slice(i, i + 25);
    const result = await recognizeEntities(
      pool,
      batch.map((d) => ({ id: d.id, text: d.text, language: 'en' })),
      {
        model: 'default',
        languages: ['en'],
        defaultLanguage: 'en',
        stringIndexType: 'Utf16CodeUnit',
        showStats: false,
        maxTextElements: 5120,
        output,
        usage: { operation: 'EntityRecognition', principal: 'eval', model: 'default' },
      },
    );
    if (result.errors.length > 0) throw new Error(`documents refused: ${JSON.stringify(result.errors)}`);
    for (const d of result.documents) out.push(d.entities.map(toPredicted));
  }
  return out;
}

const CLI: Cli = {
  name: 'eval:taxonomy',
  usage: `usage: npm run eval:taxonomy -- [--set taxonomy|azure-recordings] [--json] [--model models/default]

  --set <name>     which labelled set to score (default taxonomy)
  --json           print the scores as JSON
  --model <dir>    the general NER model folder (default models/default)
  -h, --help       this help`,
};

const { values: args } = parseCli(CLI, {
  options: {
    set: { type: 'string', default: 'taxonomy' },
    json: { type: 'boolean', default: false },
    model: { type: 'string', default: 'models/default' },
  },
});
const set = args.set as SetName;
if (!SETS.includes(set)) usageError(CLI, `--set ${set}: use ${SETS.join(' or ')}`);

const docs = set === 'taxonomy' ? loadTaxonomySet() : loadRecordingsSet();
const version: ApiVersion = set === 'taxonomy' ? '2025-11-01' : '2023-04-01';
const pool = await InferencePool.start({
  models: { default: args.model },
  entities: { settings: EntitiesSchema.parse({}), models: ['default'] },
  workers: 1,
  intraOpThreads: 1,
  maxQueuedDocuments: 1_000_000,
});
try {
  const started = performance.now();
  const predicted = await predict(pool, docs, version);
  const seconds = (performance.now() - started) / 1000;
  const score = scoreTaxonomy(docs.map((d, i) => ({ gold: d.gold, predicted: predicted[i]! })));
  if (args.json) {
    console.log(JSON.stringify({ set, apiVersion: version, seconds, ...score }, null, 2));
  } else {
    const gold = docs.reduce((n, d) => n + d.gold.filter((g) => !g.optional).length, 0);
    console.log(
      `${set}: ${docs.length} documents, ${gold} gold entities, api-version ${version} behaviour, ${seconds.toFixed(1)} s`,
    );
    const e = score.exact;
    const p = score.partial;
    const sections =
      set === 'taxonomy'
        ? [formatLevel('type (exact span)', e.type), formatLevel('category (exact span)', e.category)]
        : [formatLevel('category (exact span)', e.category)];
    sections.push(formatLevel('category/subcategory (exact span)', e.subcategory));
    sections.push(
      [
        'partial overlap, same label:',
        ...(set === 'taxonomy' ? [`  type        F1 ${(100 * p.type.overall.f1).toFixed(1)}`] : []),
        `  category    F1 ${(100 * p.category.overall.f1).toFixed(1)}`,
        `  subcategory F1 ${(100 * p.subcategory.overall.f1).toFixed(1)}`,
      ].join('\n'),
    );
    if (set === 'taxonomy') sections.push(formatMetadata(score.metadata));
    console.log(`\n${sections.join('\n\n')}`);
  }
} finally {
  await pool.close();
}
