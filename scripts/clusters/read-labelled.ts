import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConll } from '../../src/training/conll.ts';

/**
 * The sentences of a labelled corpus's TRAIN split as plain text (labels ignored). Only `train` files
 * are ever opened: the dev and test splits must not leak into features the model is scored with.
 */
export function conllTrainText(dataDir: string, corpus: string): string[] {
  return readConll(join(dataDir, corpus, 'train.txt')).map((s) => s.tokens.join(' '));
}

/** GUM's train sentences: the original untokenised `text` of each record. */
export function gumTrainText(dataDir: string): string[] {
  return readFileSync(join(dataDir, 'gum', 'train.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text);
}
