/**
 * Sanity check of a clustering: for each probe word, the most frequent words of its finest cluster.
 * Words absent from the table are reported as such.
 */
export function probeReport(
  probes: readonly string[],
  words: readonly string[],
  finest: Int32Array,
  counts: ReadonlyMap<string, number>,
  show = 12,
): string[] {
  const row = new Map(words.map((w, r) => [w, r]));
  const members = new Map<number, string[]>();
  words.forEach((w, r) => {
    const list = members.get(finest[r]!) ?? [];
    list.push(w);
    members.set(finest[r]!, list);
  });
  return probes.map((probe) => {
    const r = row.get(probe);
    if (r === undefined) return `${probe}: (not in the table)`;
    const peers = (members.get(finest[r]!) ?? [])
      .filter((w) => w !== probe)
      .sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || (a < b ? -1 : 1));
    return `${probe} [${finest[r]}, ${peers.length + 1} words]: ${peers.slice(0, show).join(' ')}`;
  });
}
