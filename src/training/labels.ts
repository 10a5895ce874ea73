/** The builtin model's tag set (IOB2) and the transitions it allows. */
export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export const LABELS: readonly string[] = ['O', ...ENTITY_TYPES.flatMap((t) => [`B-${t}`, `I-${t}`])];

export function labelId(tag: string): number {
  const id = LABELS.indexOf(tag);
  return id < 0 ? 0 : id;
}

/** 1 where IOB2 allows tag i -> tag j (I-X only after B-X or I-X); same rule as the Decoder. */
export function allowedTransitions(labels: readonly string[]): Uint8Array {
  const n = labels.length;
  const ok = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const to = labels[j]!;
      const from = labels[i]!;
      ok[i * n + j] = !to.startsWith('I-') || (from !== 'O' && from.slice(2) === to.slice(2)) ? 1 : 0;
    }
  }
  return ok;
}

/** 1 where a sentence may start with the tag. */
export function allowedStarts(labels: readonly string[]): Uint8Array {
  return Uint8Array.from(labels, (l) => (l.startsWith('I-') ? 0 : 1));
}
