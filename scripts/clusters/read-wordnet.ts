import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const PARTS = ['noun', 'verb', 'adj', 'adv'];

/**
 * One paragraph per WordNet synset: its words, then its gloss with the example sentences
 * (`Paris , City of Light , French capital : the capital and largest city of France ; ...`). Putting the
 * synset's words beside the gloss lets an instance ("Lyon") share contexts with its class ("city").
 */
export function wordnetParagraphs(dictDir: string): string[] {
  const out: string[] = [];
  for (const part of PARTS) {
    for (const line of readFileSync(join(dictDir, `data.${part}`), 'utf8').split('\n')) {
      if (!/^\d{8} /.test(line)) continue; // licence header lines start with two spaces
      const bar = line.indexOf(' | ');
      if (bar < 0) continue;
      const fields = line.slice(0, bar).split(' ');
      const count = parseInt(fields[3]!, 16);
      const words: string[] = [];
      for (let i = 0; i < count; i++) {
        // Adjective markers "(a)", "(p)", "(ip)" are not part of the word.
        words.push(fields[4 + 2 * i]!.replace(/\([a-z]+\)$/, '').replace(/_/g, ' '));
      }
      out.push(`${words.join(' , ')} : ${line.slice(bar + 3).trim()}`);
    }
  }
  return out;
}
