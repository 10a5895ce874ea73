import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { z } from 'zod';
import type { Manifest } from '../manifest.ts';
import { ModelLoadError } from '../manifest.ts';
import { createSession, type SessionThreads } from '../session.ts';
import type { TokenClassifier, Window } from '../types.ts';
import { parseClusters } from './clusters.ts';
import { FeatureIndex } from './feature-index.ts';
import { emitFeatures, type FeatureResources } from './features.ts';
import { Gazetteer } from './gazetteer.ts';
import { RowCache, RowSink } from './row-sink.ts';
import { tokenizeWords } from './tokenizer.ts';

/** `options` of a builtin-wordfeat manifest: the featurizer's files, relative to the model dir. */
const BuiltinOptionsSchema = z
  .object({
    featureWidth: z.number().int().min(1).max(1024),
    featureIndex: z.string().min(1),
    /** The convolutional path's per-unit features; absent for a linear-only model. */
    atomWidth: z.number().int().min(1).max(1024).optional(),
    atomIndex: z.string().min(1).optional(),
    gazetteer: z.string().min(1),
    lexicon: z.string().min(1),
    commonWords: z.string().min(1),
    /** Word clusters (FeatureResources.clusters, src/model/builtin/clusters.ts); absent in older models. */
    clusters: z.string().min(1).optional(),
    /** Words usually written with a capital (FeatureResources.capitalised); absent in older models. */
    capitalised: z.string().min(1).optional(),
    crf: z.string().min(1),
    /** Featurize all-capitals windows as lower-case text (FeatureResources.upperIsCaseless). */
    upperIsCaseless: z.boolean().default(false),
    /**
     * Read each sentence in windows of its own (TokenClassifier.windowsPerSentence): a model trained
     * sentence by sentence (the general model). A Custom NER model, trained on runs of lines, leaves it out.
     */
    windowsPerSentence: z.boolean().default(false),
  })
  .strict();

const CrfSchema = z.object({
  transitions: z.array(z.number()),
  start: z.array(z.number()),
  end: z.array(z.number()),
});

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new ModelLoadError(`${file}: ${(err as Error).message}`);
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new ModelLoadError(
      `${where}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return r.data;
}

async function readWordList(file: string): Promise<Set<string>> {
  return new Set((await readFile(file, 'utf8')).split('\n').filter(Boolean));
}

async function readGazetteer(file: string): Promise<Gazetteer> {
  return Gazetteer.fromJSON(parse(z.record(z.string(), z.array(z.string())), await readJson(file), file));
}

type BuiltinOptions = z.infer<typeof BuiltinOptionsSchema>;

/** The featurizer's resources (name lists, word lists, clusters) of a model folder. */
async function readResources(dir: string, options: BuiltinOptions): Promise<FeatureResources> {
  return {
    gazetteer: await readGazetteer(join(dir, options.gazetteer)),
    lexicon: await readGazetteer(join(dir, options.lexicon)),
    commonWords: await readWordList(join(dir, options.commonWords)),
    upperIsCaseless: options.upperIsCaseless,
    ...(options.clusters
      ? { clusters: parseClusters(await readFile(join(dir, options.clusters), 'utf8')) }
      : {}),
    ...(options.capitalised ? { capitalised: await readWordList(join(dir, options.capitalised)) } : {}),
  };
}

/** The featurizer's resources of a builtin-wordfeat folder, for tools that featurize as the model does. */
export async function readFeatureResources(dir: string, manifest: Manifest): Promise<FeatureResources> {
  return readResources(dir, parse(BuiltinOptionsSchema, manifest.options, `${dir}/manifest.json: options`));
}

/** Loads the builtin word-feature CRF tagger: featurizer resources + ONNX emissions + CRF scores. */
export async function loadBuiltinClassifier(
  dir: string,
  manifest: Manifest,
  threads: SessionThreads,
): Promise<TokenClassifier> {
  const options = parse(BuiltinOptionsSchema, manifest.options, `${dir}/manifest.json: options`);
  const labels = manifest.labels;
  if (!labels) throw new ModelLoadError(`${dir}/manifest.json: labels are required for builtin-wordfeat`);
  const n = labels.length;
  const crf = parse(CrfSchema, await readJson(join(dir, options.crf)), join(dir, options.crf));
  if (crf.transitions.length !== n * n || crf.start.length !== n || crf.end.length !== n) {
    throw new ModelLoadError(`${join(dir, options.crf)}: sizes do not match ${n} labels`);
  }
  const resources = await readResources(dir, options);
  const index = FeatureIndex.fromBytes(await readFile(join(dir, options.featureIndex)));
  const atomWidth = options.atomWidth ?? 0;
  const atomIndex = options.atomIndex
    ? FeatureIndex.fromBytes(await readFile(join(dir, options.atomIndex)))
    : undefined;
  if (atomWidth > 0 !== (atomIndex !== undefined)) {
    throw new ModelLoadError(`${dir}/manifest.json: options.atomWidth and options.atomIndex go together`);
  }
  const atomInput = manifest.io.atoms ?? 'atom_ids';
  const session = await createSession(join(dir, manifest.file), threads);
  const input = manifest.io.input ?? 'feature_ids';
  const output = manifest.io.output ?? 'emissions';
  const width = options.featureWidth;
  const rowCache = new RowCache(atomIndex !== undefined);

  function emissionsOf(result: ort.InferenceSession.OnnxValueMapType): Float32Array {
    const data = result[output]?.data;
    if (!(data instanceof Float32Array)) throw new Error(`model output ${output} is missing or not float32`);
    return data;
  }

  /**
   * A linear model's emissions at a position depend on that position's features alone (the features
   * carry the window's context): every window's rows go into one sequence, one after the other, with
   * no padding to the longest window. (The convolutional path mixes neighbouring positions: padded.)
   */
  async function runPacked(windows: readonly Window[]): Promise<Float32Array[]> {
    let total = 0;
    const offsets = windows.map((w) => {
      const offset = total;
      total += w.units.length;
      return offset;
    });
    const ids = new Int32Array(Math.max(1, total) * width);
    windows.forEach((w, b) => {
      const sink = new RowSink({ index, width, out: ids, offset: offsets[b]! }, undefined, rowCache);
      emitFeatures(w.text, w.units, resources, sink);
    });
    const result = await session.run({
      [input]: new ort.Tensor('int32', ids, [1, Math.max(1, total), width]),
    });
    const data = emissionsOf(result);
    return windows.map((w, b) => data.slice(offsets[b]! * n, (offsets[b]! + w.units.length) * n));
  }

  return {
    labels,
    scheme: manifest.scheme,
    maxWindowCost: manifest.maxSequenceLength,
    windowsPerSentence: options.windowsPerSentence,
    transitions: Float32Array.from(crf.transitions),
    startScores: Float32Array.from(crf.start),
    endScores: Float32Array.from(crf.end),
    tokenize: tokenizeWords,
    async run(windows: readonly Window[]): Promise<Float32Array[]> {
      if (windows.length === 0) return [];
      if (!atomIndex) return runPacked(windows);
      const seq = Math.max(1, ...windows.map((w) => w.units.length));
      const ids = new Int32Array(windows.length * seq * width);
      const atoms = new Int32Array(windows.length * seq * atomWidth);
      windows.forEach((w, b) => {
        const offset = b * seq;
        const sink = new RowSink(
          { index, width, out: ids, offset },
          atomIndex ? { index: atomIndex, width: atomWidth, out: atoms, offset } : undefined,
          rowCache,
        );
        emitFeatures(w.text, w.units, resources, sink);
      });
      const feeds: Record<string, ort.Tensor> = {
        [input]: new ort.Tensor('int32', ids, [windows.length, seq, width]),
      };
      if (atomIndex) feeds[atomInput] = new ort.Tensor('int32', atoms, [windows.length, seq, atomWidth]);
      const result = await session.run(feeds);
      const data = emissionsOf(result);
      return windows.map((w, b) => data.slice(b * seq * n, (b * seq + w.units.length) * n));
    },
    async dispose(): Promise<void> {
      await session.release();
    },
  };
}
