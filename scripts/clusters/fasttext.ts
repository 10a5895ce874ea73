import { spawn, spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** fastText's training settings (the defaults are the ones the committed clusters were built with). */
export interface FastTextSettings {
  readonly model: 'skipgram' | 'cbow';
  readonly dim: number;
  readonly ws: number;
  readonly epoch: number;
  readonly minCount: number;
  readonly neg: number;
  /** Character n-gram lengths; 0/0 = plain word vectors (no subwords). */
  readonly minn: number;
  readonly maxn: number;
  readonly seed: number;
}

export const FASTTEXT_DEFAULTS: FastTextSettings = {
  model: 'skipgram',
  dim: 100,
  ws: 3,
  epoch: 8,
  minCount: 3,
  neg: 5,
  minn: 0,
  maxn: 0,
  seed: 1,
};

/** True when Debian's `fasttext` command is on the PATH. */
export function hasFastText(): boolean {
  const probe = spawnSync('fasttext', [], { stdio: 'ignore' });
  return probe.error === undefined;
}

/** The command-line arguments, also written into the output's header. */
export function fastTextArgs(s: FastTextSettings, input: string, output: string): string[] {
  const args = [s.model, '-input', input, '-output', output, '-dim', String(s.dim), '-ws', String(s.ws)];
  args.push('-epoch', String(s.epoch), '-minCount', String(s.minCount), '-neg', String(s.neg));
  args.push('-minn', String(s.minn), '-maxn', String(s.maxn), '-seed', String(s.seed));
  // One thread: fastText is only reproducible single-threaded. No subwords: no hashing buckets.
  args.push('-thread', '1');
  if (s.maxn === 0) args.push('-bucket', '0');
  return args;
}

/** Trains the vectors; fastText's own progress line goes to stderr. Resolves when it exits with 0. */
export function trainFastText(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('fasttext', args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`fasttext exited with ${code ?? signal}`)),
    );
  });
}

/** Reads a `.vec` file: a "count dim" line, then "word v1 ... vdim" per line. */
export async function readVectors(file: string): Promise<{ words: string[]; vectors: Float32Array[] }> {
  const words: string[] = [];
  const vectors: Float32Array[] = [];
  let dim = -1;
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    const fields = line.trimEnd().split(' ');
    if (dim < 0) {
      dim = Number(fields[1]);
      continue;
    }
    if (fields.length !== dim + 1) continue;
    words.push(fields[0]!);
    vectors.push(Float32Array.from(fields.slice(1), Number));
  }
  return { words, vectors };
}
