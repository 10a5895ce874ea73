import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { z } from 'zod';
import { type Manifest, ModelLoadError } from '../manifest.ts';
import { createSession, type SessionThreads } from '../session.ts';
import type { TokenClassifier, Window } from '../types.ts';
import { createSubwordTokenizer, type SubwordTokenizer } from './tokenizer.ts';
import { splitWords, type Word } from './words.ts';

const HfOptionsSchema = z
  .object({
    /** Subwords kept per word; longer words are cut (only the first subword is labelled anyway). */
    maxSubwordsPerWord: z.number().int().min(1).default(16),
  })
  .strict();

async function readJson(file: string, optional = false): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    if (optional && (err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ModelLoadError(`${file}: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * A Hugging Face token-classification export (tokenizer.json, config.json, model.onnx with
 * input_ids/attention_mask[/token_type_ids] -> logits). Words are labelled by their first subword.
 */
export async function loadHfClassifier(
  dir: string,
  manifest: Manifest,
  threads: SessionThreads,
): Promise<TokenClassifier<Word>> {
  const options = HfOptionsSchema.parse(manifest.options);
  // The manifest's labels, or config.json's id2label (completed by readManifest).
  const labels = manifest.labels;
  const tokenizer = createSubwordTokenizer(
    await readJson(join(dir, 'tokenizer.json')),
    await readJson(join(dir, 'tokenizer_config.json'), true),
  );
  const session = await createSession(join(dir, manifest.file), threads).catch((err: Error) => {
    throw new ModelLoadError(`${join(dir, manifest.file)}: ${err.message}`, { cause: err });
  });
  const io = {
    inputIds: manifest.io.inputIds ?? 'input_ids',
    attentionMask: manifest.io.attentionMask ?? 'attention_mask',
    tokenTypeIds: manifest.io.tokenTypeIds ?? 'token_type_ids',
    logits: manifest.io.logits ?? session.outputNames[0] ?? 'logits',
  };
  for (const name of [io.inputIds, io.attentionMask]) {
    if (!session.inputNames.includes(name)) throw new ModelLoadError(`${dir}: model has no input "${name}"`);
  }
  const withTypes = session.inputNames.includes(io.tokenTypeIds);
  const special = tokenizer.prefixIds.length + tokenizer.suffixIds.length;

  return {
    labels,
    scheme: labels.some((l) => /^[ES][-_]/.test(l)) ? 'BIOES' : 'BIO',
    maxWindowCost: manifest.maxSequenceLength - special,
    tokenize(text) {
      return splitWords(text).map(({ start, end }) => {
        const ids = tokenizer
          .encodeWord(text.slice(start, end), start > 0 && /\s/.test(text[start - 1]!))
          .slice(0, options.maxSubwordsPerWord);
        return { start, end, ids, cost: Math.max(1, ids.length) };
      });
    },
    async run(windows) {
      return runWindows(session, tokenizer, io, withTypes, labels.length, windows);
    },
    async dispose() {
      await session.release();
    },
  };
}

async function runWindows(
  session: ort.InferenceSession,
  tokenizer: SubwordTokenizer,
  io: { inputIds: string; attentionMask: string; tokenTypeIds: string; logits: string },
  withTypes: boolean,
  labelCount: number,
  windows: readonly Window<Word>[],
): Promise<Float32Array[]> {
  // Sequence per window: prefix, the subwords of every word, suffix; remember each word's first position.
  const firsts: number[][] = [];
  const seqs: number[][] = windows.map((w) => {
    const seq = [...tokenizer.prefixIds];
    const first: number[] = [];
    for (const word of w.units) {
      first.push(seq.length);
      if (word.ids.length === 0) seq.push(tokenizer.padId);
      else seq.push(...word.ids);
    }
    seq.push(...tokenizer.suffixIds);
    firsts.push(first);
    return seq;
  });
  const width = Math.max(...seqs.map((s) => s.length));
  const ids = new BigInt64Array(seqs.length * width).fill(BigInt(tokenizer.padId));
  const mask = new BigInt64Array(seqs.length * width);
  seqs.forEach((seq, b) => {
    seq.forEach((id, t) => {
      ids[b * width + t] = BigInt(id);
      mask[b * width + t] = 1n;
    });
  });
  const dims = [seqs.length, width];
  const feeds: Record<string, ort.Tensor> = {
    [io.inputIds]: new ort.Tensor('int64', ids, dims),
    [io.attentionMask]: new ort.Tensor('int64', mask, dims),
  };
  if (withTypes) feeds[io.tokenTypeIds] = new ort.Tensor('int64', new BigInt64Array(ids.length), dims);
  const out = await session.run(feeds);
  const logits = out[io.logits]?.data as Float32Array | undefined;
  if (!logits) throw new Error(`model produced no output "${io.logits}"`);
  return firsts.map((first, b) => {
    const rows = new Float32Array(first.length * labelCount);
    first.forEach((pos, k) => {
      const from = (b * width + pos) * labelCount;
      rows.set(logits.subarray(from, from + labelCount), k * labelCount);
    });
    return rows;
  });
}
