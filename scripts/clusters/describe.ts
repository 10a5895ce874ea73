import { basename } from 'node:path';
import type { Corpus } from './corpus.ts';
import type { TextSource } from './sources.ts';

/** What a build used: written into the tables' headers and SOURCES.md. */
export interface BuildFacts {
  readonly corpus: Corpus;
  readonly sources: readonly TextSource[];
  readonly levels: readonly number[];
  readonly minCount: number;
  /** How the levels were nested: 'bottom-up' or 'top-down'. */
  readonly hierarchy: string;
  /** fastText's arguments (input and output shown by file name only). */
  readonly fastText: readonly string[];
}

const command = (f: BuildFacts): string =>
  `fasttext ${f.fastText.map((a) => (a.includes('/') ? basename(a) : a)).join(' ')}`;

/** Header comment lines of a table (no timings: the file must be byte-reproducible). */
export function tableHeader(f: BuildFacts, caseless: boolean): string[] {
  const cols = f.levels.map((k) => `c${k}`).join('<TAB>');
  return [
    `Word clusters for the builtin NER model, learned here from unlabelled text (no pretrained weights).`,
    `Built by: npx tsx scripts/clusters/build.ts (see models/resources/SOURCES.md). Do not edit by hand.`,
    `Columns: word<TAB>${cols}: cluster ids coarse to fine, nested (each fine cluster lies in one coarser one).`,
    caseless
      ? `Keys: lower-cased words; a key's vector is the count-weighted mean of its case variants' vectors.`
      : `Keys: words as the builtin tokenizer gives them, case kept, every digit folded to 0.`,
    `Words with a letter seen at least ${f.minCount} times. Vectors: ${command(f)}.`,
    `Clusters: spherical k-means, k-means++ seeding, levels ${f.levels.join(' > ')} nested ${f.hierarchy}.`,
    `Corpus: ${f.corpus.tokens} tokens in ${f.corpus.lines} distinct paragraphs (shuffled), from:`,
    ...f.sources.map((s) => {
      const n = f.corpus.perSource.find((c) => c.name === s.name)?.tokens ?? 0;
      return `  ${s.name}: ${n} tokens; ${s.origin}; licence: ${s.licence}`;
    }),
  ];
}

/** The SOURCES.md section. */
export function sourcesSection(f: BuildFacts, tables: readonly string[]): string {
  const rows = f.sources.map((s) => {
    const n = f.corpus.perSource.find((c) => c.name === s.name)?.tokens ?? 0;
    return `| ${s.name} | ${n.toLocaleString('en-US')} | ${s.origin} | ${s.licence} |`;
  });
  return [
    `## Word clusters: ${tables.map((t) => `\`${t}\``).join(', ')}`,
    '',
    "Word clusters for the builtin model's features, learned here: no pretrained vectors or clusters from",
    'elsewhere. `npx tsx scripts/clusters/build.ts` rebuilds both files byte for byte from the packages',
    'and data below (about 15 minutes of CPU on one core). Only cluster ids are shipped, never text.',
    '',
    `- corpus: ${f.corpus.tokens.toLocaleString('en-US')} tokens in ${f.corpus.lines.toLocaleString('en-US')} distinct paragraphs, tokenized by the builtin tokenizer, digits folded to 0, shuffled (seeded)`,
    `- vectors: \`${command(f)}\``,
    `- clusters: spherical k-means with k-means++ seeding, levels ${f.levels.join(' > ')} nested ${f.hierarchy} (${f.hierarchy === 'bottom-up' ? 'flat k-means at the finest level, then the centres of each level clustered into the next coarser one' : 'each cluster split in turn'}); words with a letter (not URLs) seen >= ${f.minCount} times`,
    '- `word-clusters.tsv` keeps case ("Apple" and "apple" differ); `word-clusters-lower.tsv` has lower-cased keys whose vector merges the case variants (for lower- and upper-case text)',
    '',
    '| source | tokens | what | licence |',
    '|---|---:|---|---|',
    ...rows,
    '',
    'Left out: `dict-gcide` (GPL), `dict-foldoc` and `dict-vera` (GFDL), the dev and test splits of',
    'every labelled corpus, `nodejs-doc` (its Debian package replaces the nodejs that the project runs',
    'on), `perl-doc` (installing it upgrades perl).',
  ].join('\n');
}
