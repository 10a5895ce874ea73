import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes `word<TAB>id<TAB>id...` rows sorted by word (UTF-16 code-unit order, as the build must be
 * byte-reproducible), after `# ` comment lines. Returns the file's size in bytes.
 */
export function writeClusterTable(
  file: string,
  header: readonly string[],
  words: readonly string[],
  levels: readonly Int32Array[],
): number {
  const rows = words.map((word, r) => [word, ...levels.map((ids) => ids[r])].join('\t'));
  rows.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const text = header.map((line) => `# ${line}`.trimEnd()).join('\n') + '\n' + rows.join('\n') + '\n';
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return Buffer.byteLength(text);
}
