/**
 * Word clusters for the builtin model's features (models/resources/word-clusters*.tsv, built by
 * scripts/clusters/build.ts): `word<TAB>id<TAB>id...` rows, cluster ids coarse to fine, after `# `
 * comment lines.
 */

/**
 * Parses a cluster table: word -> its cluster ids, coarse to fine. Every row must have as many ids as
 * the first; a malformed row or a repeated word throws with its line number.
 */
export function parseClusters(text: string): ReadonlyMap<string, readonly string[]> {
  const clusters = new Map<string, readonly string[]>();
  let width = -1;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    // Comments are "# ..." (a word such as "#hashtag" is a row: it has a tab after it).
    if (line === '' || line === '#' || line.startsWith('# ')) continue;
    const fields = line.split('\t');
    const word = fields[0]!;
    const ids = fields.slice(1);
    if (width < 0) width = ids.length;
    if (word === '' || ids.length === 0 || ids.length !== width || ids.some((id) => id === '')) {
      throw new Error(`word clusters, line ${i + 1}: expected a word and ${Math.max(width, 1)} cluster ids`);
    }
    if (clusters.has(word)) throw new Error(`word clusters, line ${i + 1}: "${word}" is listed twice`);
    clusters.set(word, ids);
  }
  return clusters;
}
