/**
 * Agreement of our DateTime recogniser with the reference engine (Microsoft Recognizers-Text, which
 * Azure's NER visibly uses) over sentences of unlabelled text.
 *
 *   npx tsx scripts/agree-datetime.ts [--ref-date 2026-05-03T12:00:00Z] [--limit N] [--cache FILE]
 *                                     [--dump FILE] FILE...
 *
 * FILE is a `.jsonl` with a `text` field per line (GUM) or a token-per-line file with blank lines between
 * sentences (CoNLL-2003, WNUT-17, re3d). Reports span+type precision/recall of ours against the
 * reference, resolution (timex/value) agreement on matched spans, and both engines' speed. `--cache`
 * keeps the reference's answers between runs (it is slow); `--dump` writes every disagreement.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { type Cli, parseCli, usageError } from '../src/cli/args.ts';
import { recognizeDateTime, Culture } from '@microsoft/recognizers-text-suite';
import { findDateTimes } from '../src/entities/recognizers/datetime/index.ts';
import type { Candidate } from '../src/entities/types.ts';

/** One entity in a form both engines can be compared in. */
interface Found {
  readonly start: number;
  readonly end: number;
  readonly type: string;
  /** Sorted resolution keys: `timex|value` or `timex|begin|end|modifier`. */
  readonly values: readonly string[];
}

const REF_TYPES: Readonly<Record<string, string>> = {
  'datetimeV2.date': 'Date',
  'datetimeV2.time': 'Time',
  'datetimeV2.datetime': 'DateTime',
  'datetimeV2.daterange': 'DateRange',
  'datetimeV2.timerange': 'TimeRange',
  'datetimeV2.datetimerange': 'DateTimeRange',
  'datetimeV2.duration': 'Duration',
  'datetimeV2.set': 'SetTemporal',
};

type RefValue = Readonly<Record<string, string | undefined>>;

function refValueKey(type: string, v: RefValue): string {
  if (type === 'Duration') return v['timex'] ?? '';
  if (v['value'] !== undefined) return `${v['timex']}|${v['value']}${v['Mod'] ? `|${v['Mod']}` : ''}`;
  return `${v['timex']}|${v['start'] ?? ''}|${v['end'] ?? ''}|${v['Mod'] ?? ''}`;
}

function fromReference(text: string, refDate: Date): Found[] {
  const out: Found[] = [];
  for (const r of recognizeDateTime(text, Culture.English, undefined, refDate)) {
    const type = REF_TYPES[r.typeName] ?? r.typeName;
    const values = ((r.resolution?.['values'] as RefValue[] | undefined) ?? []).map((v) =>
      refValueKey(type, v),
    );
    out.push({ start: r.start, end: r.end + 1, type, values: [...new Set(values)].sort() });
  }
  return out;
}

/** Azure's modifier as the reference's `Mod`: `Before` -> `before`, `BeforeEnd` -> `before-end`. */
function refMod(modifier: string): string {
  return modifier.replace(/(?<=[a-z])(?=[A-Z])/g, '-').toLowerCase();
}

function fromOurs(c: Candidate): Found {
  const m = c.metadata;
  let values: string[] = [];
  if (m && 'dateValues' in m) {
    values = m.dateValues.map((v) => `${v.timex}|${v.value}${v.modifier ? `|${refMod(v.modifier)}` : ''}`);
  } else if (m && 'spanValues' in m) {
    values = m.spanValues.map((v) =>
      c.type === 'Duration'
        ? (v.timex ?? '')
        : `${v.timex}|${v.begin ?? ''}|${v.end ?? ''}|${v.modifier ? refMod(v.modifier) : ''}`,
    );
  }
  return { start: c.start, end: c.end, type: c.type, values: [...new Set(values)].sort() };
}

/** Joins tokens the way English prose spaces them (enough for a date recogniser). */
function detokenize(tokens: readonly string[]): string {
  let s = '';
  for (const t of tokens) {
    // Token files split "9:30" into "9 : 30"; rejoin clock times and slashed dates.
    const glue =
      s === '' ||
      /^(?:[.,:;!?%)\]}]|'s|'|n't|'re|'ve|'ll|'d|'m)$/i.test(t) ||
      /[([{$]$/.test(s) ||
      (/\d[:/]$/.test(s) && /^\d/.test(t));
    s += glue ? t : ` ${t}`;
  }
  return s;
}

function readSentences(file: string): string[] {
  const raw = readFileSync(file, 'utf8');
  if (file.endsWith('.jsonl')) {
    return raw
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => (JSON.parse(l) as { text: string }).text);
  }
  const out: string[] = [];
  let tokens: string[] = [];
  const flush = (): void => {
    if (tokens.length > 0 && tokens[0] !== '-DOCSTART-') out.push(detokenize(tokens));
    tokens = [];
  };
  for (const line of raw.split('\n')) {
    if (line.trim() === '') flush();
    else tokens.push(line.split(/[\t ]/)[0]!);
  }
  flush();
  return out;
}

const sameSpan = (a: Found, b: Found): boolean => a.start === b.start && a.end === b.end;

const CLI: Cli = {
  name: 'agree-datetime',
  usage: `usage: npx tsx scripts/agree-datetime.ts [options] FILE...

  FILE                 .jsonl with a \`text\` field per line, or token-per-line CoNLL-style sentences
  --ref-date <iso>     the reference instant relative dates resolve against (default 2026-05-03T12:00:00Z)
  --limit <n>          at most this many sentences
  --cache <file>       keep the reference engine's answers between runs
  --dump <file>        write every disagreement
  -h, --help           this help`,
};

function main(): void {
  const { values: opts, positionals: files } = parseCli(CLI, {
    allowPositionals: true,
    options: {
      'ref-date': { type: 'string', default: '2026-05-03T12:00:00Z' },
      limit: { type: 'string' },
      cache: { type: 'string' },
      dump: { type: 'string' },
    },
  });
  if (files.length === 0) usageError(CLI, 'no FILE given');
  const refDate = new Date(opts['ref-date']!);
  if (Number.isNaN(refDate.getTime())) usageError(CLI, `--ref-date ${opts['ref-date']} is not a date`);
  let sentences = files.flatMap(readSentences);
  if (opts.limit) sentences = sentences.slice(0, Number(opts.limit));
  const cacheFile = opts.cache;
  const cache: Record<string, Found[]> =
    cacheFile && existsSync(cacheFile)
      ? (JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, Found[]>)
      : {};
  const cacheKey = (s: string): string => `${refDate.toISOString()}\u0000${s}`;

  let refMs = 0;
  let refRuns = 0;
  const rawRefs = sentences.map((s) => {
    const hit = cache[cacheKey(s)];
    if (hit) return hit;
    const t0 = performance.now();
    const found = fromReference(s, refDate);
    refMs += performance.now() - t0;
    refRuns++;
    cache[cacheKey(s)] = found;
    return found;
  });
  if (cacheFile && refRuns > 0) writeFileSync(cacheFile, JSON.stringify(cache));
  // Seasons are ranges RT leaves unresolved; Azure's span metadata then carries the timex alone.
  const refs = rawRefs.map((found) =>
    found.map((f) => ({
      ...f,
      values: f.values.map((v) => (f.type.endsWith('Range') ? v.replace(/\|not resolved$/, '|||') : v)),
    })),
  );

  const ctx = { now: refDate };
  for (const s of sentences.slice(0, 200)) findDateTimes(s, ctx); // warm-up
  const t0 = performance.now();
  const ours = sentences.map((s) => findDateTimes(s, ctx).map(fromOurs));
  const ourMs = performance.now() - t0;

  let refCount = 0;
  let ourCount = 0;
  let spanMatch = 0;
  let spanTypeMatch = 0;
  let valueMatch = 0;
  const byType = new Map<string, { ref: number; ours: number; tp: number }>();
  const tally = (type: string): { ref: number; ours: number; tp: number } => {
    let t = byType.get(type);
    if (!t) byType.set(type, (t = { ref: 0, ours: 0, tp: 0 }));
    return t;
  };
  const dump: string[] = [];
  sentences.forEach((s, i) => {
    const r = refs[i]!;
    const o = ours[i]!;
    refCount += r.length;
    ourCount += o.length;
    for (const x of r) tally(x.type).ref++;
    for (const x of o) tally(x.type).ours++;
    for (const x of o) {
      const y = r.find((z) => sameSpan(x, z));
      if (!y) continue;
      spanMatch++;
      if (y.type !== x.type) continue;
      spanTypeMatch++;
      tally(x.type).tp++;
      if (y.values.join(';') === x.values.join(';')) valueMatch++;
      else
        dump.push(`VALUE\t${s.slice(x.start, x.end)}\tref=${y.values.join(';')}\tours=${x.values.join(';')}`);
    }
    const show = (f: Found): string => `${s.slice(f.start, f.end)} [${f.type}]`;
    for (const x of r) {
      if (!o.some((z) => sameSpan(x, z) && z.type === x.type)) dump.push(`MISS\t${show(x)}\t${s}`);
    }
    for (const x of o) {
      if (!r.some((z) => sameSpan(x, z) && z.type === x.type)) dump.push(`EXTRA\t${show(x)}\t${s}`);
    }
  });
  if (opts.dump) writeFileSync(opts.dump, dump.join('\n') + '\n');

  const pct = (a: number, b: number): string => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);
  const p = spanTypeMatch / Math.max(1, ourCount);
  const r = spanTypeMatch / Math.max(1, refCount);
  console.log(`sentences: ${sentences.length}, reference date ${refDate.toISOString()}`);
  console.log(`reference entities: ${refCount}, ours: ${ourCount}`);
  console.log(
    `span+type: precision ${pct(spanTypeMatch, ourCount)}, recall ${pct(spanTypeMatch, refCount)}, ` +
      `F1 ${((200 * p * r) / Math.max(1e-9, p + r)).toFixed(1)}%`,
  );
  console.log(`span only: precision ${pct(spanMatch, ourCount)}, recall ${pct(spanMatch, refCount)}`);
  console.log(`timex/value agreement on span+type matches: ${pct(valueMatch, spanTypeMatch)}`);
  for (const [type, t] of [...byType].sort((a, b) => b[1].ref - a[1].ref)) {
    console.log(
      `  ${type.padEnd(14)} ref ${t.ref}, ours ${t.ours}, P ${pct(t.tp, t.ours)}, R ${pct(t.tp, t.ref)}`,
    );
  }
  const chars = sentences.reduce((n, s) => n + s.length, 0);
  console.log(`ours: ${ourMs.toFixed(1)} ms, ${((1000 * ourMs) / sentences.length).toFixed(2)} µs/sentence`);
  if (refRuns > 0) {
    console.log(
      `reference: ${refMs.toFixed(0)} ms over ${refRuns} sentences, ${(refMs / refRuns).toFixed(2)} ms/sentence`,
    );
  } else console.log('reference: all answers from the cache (no timing)');
  console.log(`mean sentence length: ${(chars / Math.max(1, sentences.length)).toFixed(0)} chars`);
}

main();
