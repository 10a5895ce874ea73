import { Tokenizer } from '@huggingface/tokenizers';

/** How a Hugging Face tokenizer frames a sequence and marks word starts; derived from the tokenizer itself. */
export interface SubwordTokenizer {
  /** Subword ids of one word; `afterSpace` tells byte-level BPE tokenizers to add their space marker. */
  encodeWord(word: string, afterSpace: boolean): readonly number[];
  readonly prefixIds: readonly number[];
  readonly suffixIds: readonly number[];
  readonly padId: number;
}

const CACHE_LIMIT = 50_000;

export function createSubwordTokenizer(tokenizerJson: unknown, tokenizerConfig: unknown): SubwordTokenizer {
  const tok = new Tokenizer(tokenizerJson as object, (tokenizerConfig ?? {}) as object);
  const byteLevel = JSON.stringify(
    (tokenizerJson as { pre_tokenizer?: unknown }).pre_tokenizer ?? '',
  ).includes('ByteLevel');
  // Special tokens around a sequence: encode a probe with and without them and diff.
  const bare = tok.encode('a', { add_special_tokens: false }).ids;
  const framed = tok.encode('a', { add_special_tokens: true }).ids;
  const at = indexOfSeq(framed, bare);
  const prefixIds = at >= 0 ? framed.slice(0, at) : [];
  const suffixIds = at >= 0 ? framed.slice(at + bare.length) : [];
  const vocab = tok.get_vocab(true);
  const padId = ['[PAD]', '<pad>', '<PAD>'].map((t) => vocab.get(t)).find((id) => id !== undefined) ?? 0;

  // Words repeat a lot; memoise their subword ids (bounded; cleared when full).
  const cache = new Map<string, readonly number[]>();
  return {
    prefixIds,
    suffixIds,
    padId,
    encodeWord(word, afterSpace) {
      const key = byteLevel && afterSpace ? ` ${word}` : word;
      const hit = cache.get(key);
      if (hit) return hit;
      const ids = tok.encode(key, { add_special_tokens: false }).ids;
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(key, ids);
      return ids;
    },
  };
}

function indexOfSeq(hay: readonly number[], needle: readonly number[]): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
