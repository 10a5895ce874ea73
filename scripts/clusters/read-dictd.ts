import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/**
 * Paragraphs of a dictd database (`.dict.dz`, gzip-compatible): blank-line separated blocks, lines
 * joined, dictd's cross-reference braces removed (`{hacker}` -> `hacker`). The `00-database-*`
 * preamble entries are skipped.
 */
export function dictdParagraphs(file: string): string[] {
  const text = gunzipSync(readFileSync(file)).toString('utf8');
  return text
    .split(/\n\s*\n/)
    .map((block) => block.replace(/[{}]/g, '').replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '' && !p.startsWith('00-database') && !p.startsWith('00database'));
}
