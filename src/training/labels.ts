/** The builtin model's tag sets and the transitions each allows (the same rules as the Decoder). */
export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type Scheme = 'BIO' | 'BIOES';

/** Tags of `scheme` over entity `types` (the builtin model's four by default), `O` first. */
export function labelsFor(scheme: Scheme, types: readonly string[] = ENTITY_TYPES): string[] {
  const prefixes = scheme === 'BIO' ? ['B', 'I'] : ['B', 'I', 'E', 'S'];
  return ['O', ...types.flatMap((t) => prefixes.map((p) => `${p}-${t}`))];
}

/** The IOB2 tag set. */
export const LABELS: readonly string[] = labelsFor('BIO');

/** IOB2 tags rewritten in `scheme` (BIOES marks single-unit entities S- and last units E-). */
export function toScheme(tags: readonly string[], scheme: Scheme): string[] {
  if (scheme === 'BIO') return [...tags];
  return tags.map((tag, i) => {
    if (tag === 'O') return tag;
    const continues = tags[i + 1] === `I-${tag.slice(2)}`;
    if (tag.startsWith('B-')) return continues ? tag : `S-${tag.slice(2)}`;
    return continues ? tag : `E-${tag.slice(2)}`;
  });
}

const prefix = (l: string): string => l[0]!;
const typeOf = (l: string): string => l.slice(2);

/** 1 where tag i -> tag j is allowed: inside tags (I, E) only continue an open entity of their type. */
export function allowedTransitions(labels: readonly string[]): Uint8Array {
  const n = labels.length;
  const ok = new Uint8Array(n * n);
  const bioes = labels.some((l) => prefix(l) === 'E' || prefix(l) === 'S');
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const from = labels[i]!;
      const to = labels[j]!;
      const open = prefix(from) === 'B' || prefix(from) === 'I';
      const inside = prefix(to) === 'I' || prefix(to) === 'E';
      const allowed = bioes
        ? open
          ? inside && typeOf(from) === typeOf(to)
          : !inside
        : !inside || (open && typeOf(from) === typeOf(to));
      ok[i * n + j] = allowed ? 1 : 0;
    }
  }
  return ok;
}

/** 1 where a sentence may start with the tag. */
export function allowedStarts(labels: readonly string[]): Uint8Array {
  return Uint8Array.from(labels, (l) => (prefix(l) === 'I' || prefix(l) === 'E' ? 0 : 1));
}

/** 1 where a sentence may end with the tag (BIOES: no entity left open). */
export function allowedEnds(labels: readonly string[]): Uint8Array {
  const bioes = labels.some((l) => prefix(l) === 'E' || prefix(l) === 'S');
  return Uint8Array.from(labels, (l) => (bioes && (prefix(l) === 'B' || prefix(l) === 'I') ? 0 : 1));
}

export function labelIds(tags: readonly string[], labels: readonly string[]): Int32Array {
  return Int32Array.from(tags, (t) => Math.max(0, labels.indexOf(t)));
}
