/**
 * Agreement of the fast quantity recogniser with its reference engine, Microsoft Recognizers-Text
 * (English): span+type precision/recall per type, value/unit/ISO agreement on matched spans, and both
 * engines' speed, over sentences of unlabelled text.
 *
 *   npx tsx scripts/agree-quantity.ts [--max N] [--show TYPE] FILE...
 *
 * FILE: CoNLL-style token files (first column, blank lines between sentences) or JSON lines with a
 * `text` field (GUM). The reference's Dimension results get their type from their unit's list
 * (Length, Weight, ...). Left out of the reference, and counted: units with no number ("pounds") and
 * "pm" read as picometres ("3pm"), which the brief rules out, and "N cents" read as a percentage (a
 * Currency too, which is kept). NumberRange has no JS reference; it is counted only.
 */
import * as R from '@microsoft/recognizers-text-suite';
import { EnglishNumericWithUnit as E } from '@microsoft/recognizers-text-number-with-unit';
import { readFileSync } from 'node:fs';
import { type Cli, numberOption, parseCli, usageError } from '../src/cli/args.ts';
import { performance } from 'node:perf_hooks';
import { findQuantities } from '../src/entities/recognizers/quantity/index.ts';
import type { Candidate } from '../src/entities/types.ts';
import { azureUnit } from './lists/quantity-unit-names.ts';

interface Entity {
  readonly start: number;
  readonly end: number;
  readonly type: string;
  readonly value?: number;
  readonly unit?: string;
  readonly iso?: string;
}

function detokenize(tokens: readonly string[]): string {
  return tokens
    .join(' ')
    .replace(/ ([,.;:!?%)\]}]|'s|n't|'re|'ll|'ve|'d|'m)(?= |$)/g, '$1')
    .replace(/([($[{]) /g, '$1')
    .replace(/ ?(["`']{2}) ?/g, ' " ')
    .trim();
}

function loadSentences(file: string): string[] {
  const raw = readFileSync(file, 'utf8');
  if (file.endsWith('.jsonl')) {
    return raw
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { text: string }).text);
  }
  const out: string[] = [];
  let tokens: string[] = [];
  for (const line of raw.split('\n')) {
    const token = line.split(/[\t ]/)[0] ?? '';
    if (token === '' || token === '-DOCSTART-') {
      if (tokens.length > 0) out.push(detokenize(tokens));
      tokens = [];
    } else tokens.push(token);
  }
  if (tokens.length > 0) out.push(detokenize(tokens));
  return out;
}

/** Reference dimension unit name → Azure type, from the reference's own lists. */
const DIMENSION_KIND = new Map<string, string>();
for (const [kind, list] of [
  ['Area', E.AreaSuffixList],
  ['Information', E.InformationSuffixList],
  ['Length', E.LengthSuffixList],
  ['Speed', E.SpeedSuffixList],
  ['Volume', E.VolumeSuffixList],
  ['Weight', E.WeightSuffixList],
  ['Dimension', E.AngleSuffixList],
] as const) {
  for (const name of list.keys()) DIMENSION_KIND.set(name, kind);
}

const REFERENCE = {
  Number: R.recognizeNumber,
  Ordinal: R.recognizeOrdinal,
  Percentage: R.recognizePercentage,
  Age: R.recognizeAge,
  Currency: R.recognizeCurrency,
  Dimension: R.recognizeDimension,
  Temperature: R.recognizeTemperature,
} as const;

const excluded = { noNumber: 0, picometre: 0, cents: 0 };

function reference(text: string): Entity[] {
  const out: Entity[] = [];
  for (const [name, recognize] of Object.entries(REFERENCE)) {
    for (const r of recognize(text, R.Culture.English)) {
      const res = (r.resolution ?? {}) as { value?: string | null; unit?: string; isoCurrency?: string };
      const raw = res.value;
      if (raw === null || raw === 'null') {
        excluded.noNumber++;
        continue;
      }
      const start = r.start;
      const end = r.end + 1;
      if (name === 'Dimension' && res.unit === 'Picometer' && /pm$/i.test(text.slice(start, end))) {
        excluded.picometre++;
        continue;
      }
      if (name === 'Percentage' && /(?:^|[^a-z])cents?$/i.test(text.slice(start, end))) {
        excluded.cents++;
        continue;
      }
      if (name === 'Percentage' && raw === '0%' && !/\d|zero/i.test(text.slice(start, end))) {
        excluded.noNumber++;
        continue;
      }
      const type = name === 'Dimension' ? (DIMENSION_KIND.get(res.unit ?? '') ?? 'Dimension') : name;
      const value = raw === undefined ? undefined : Number(String(raw).replace('%', ''));
      const unit = res.unit === undefined ? undefined : name === 'Currency' ? res.unit : azureUnit(res.unit);
      out.push({ start, end, type, value, unit, iso: res.isoCurrency });
    }
  }
  return out;
}

function mine(text: string, candidates: readonly Candidate[]): Entity[] {
  return candidates.map((c) => {
    const m = c.metadata as Record<string, unknown> | undefined;
    const value =
      typeof m?.value === 'number' ? m.value : c.type === 'Ordinal' ? Number(m?.offset) : undefined;
    return {
      start: c.start,
      end: c.end,
      type: c.type,
      value,
      unit: typeof m?.unit === 'string' ? m.unit : undefined,
      iso: typeof m?.iso4217 === 'string' ? m.iso4217 : undefined,
    };
  });
}

const key = (e: Entity): string => `${e.start}:${e.end}:${e.type}`;
const sameValue = (a?: number, b?: number): boolean =>
  a === b || (a !== undefined && b !== undefined && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a)));

const CLI: Cli = {
  name: 'agree-quantity',
  usage: `usage: npx tsx scripts/agree-quantity.ts [--max N] [--show TYPE] FILE...

  FILE           CoNLL-style token files, or JSON lines with a \`text\` field
  --max <n>      sentences sampled evenly across the files (default 3000)
  --show <type>  print the disagreements of one type
  -h, --help     this help`,
};

function main(): void {
  const { values, positionals: files } = parseCli(CLI, {
    allowPositionals: true,
    options: { max: { type: 'string', default: '3000' }, show: { type: 'string' } },
  });
  const max = numberOption(CLI, 'max', values.max, { min: 1 });
  const show = values.show;
  if (files.length === 0) usageError(CLI, 'no FILE given');
  const sentences = files.flatMap(loadSentences).filter((s) => /\d|[a-z]/i.test(s));
  // An even sample across the files' sentences, so one long file does not decide everything.
  const step = Math.max(1, sentences.length / max);
  const sample: string[] = [];
  for (let i = 0; i < sentences.length && sample.length < max; i += step)
    sample.push(sentences[Math.floor(i)]!);

  const ctx = { now: new Date('2026-01-01T00:00:00Z') };
  let refMs = 0;
  let mineMs = 0;
  let chars = 0;
  const perType = new Map<string, { tp: number; fp: number; fn: number }>();
  const stat = (t: string) => perType.get(t) ?? (perType.set(t, { tp: 0, fp: 0, fn: 0 }), perType.get(t)!);
  const resolved = { matched: 0, value: 0, unitChecked: 0, unit: 0, isoChecked: 0, iso: 0 };
  let ranges = 0;
  for (const text of sample) {
    chars += text.length;
    let t0 = performance.now();
    const ref = reference(text);
    refMs += performance.now() - t0;
    t0 = performance.now();
    const candidates = findQuantities(text, ctx);
    mineMs += performance.now() - t0;
    const ours = mine(text, candidates).filter((e) => (e.type === 'NumberRange' ? (ranges++, false) : true));
    const refByKey = new Map(ref.map((e) => [key(e), e]));
    const ourByKey = new Map(ours.map((e) => [key(e), e]));
    for (const [k, e] of ourByKey) {
      const r = refByKey.get(k);
      if (!r) {
        stat(e.type).fp++;
        if (show === e.type || show === 'all')
          console.log(`FP ${e.type} ${JSON.stringify(text.slice(e.start, e.end))} | ${text}`);
        continue;
      }
      stat(e.type).tp++;
      resolved.matched++;
      if (sameValue(e.value, r.value)) resolved.value++;
      else if (show === 'value')
        console.log(`VALUE ${e.type} ${text.slice(e.start, e.end)}: ${e.value} vs ${r.value}`);
      if (r.unit !== undefined) {
        resolved.unitChecked++;
        if (r.unit === e.unit) resolved.unit++;
        else if (show === 'value')
          console.log(`UNIT ${e.type} ${text.slice(e.start, e.end)}: ${e.unit} vs ${r.unit}`);
      }
      if (r.iso !== undefined) {
        resolved.isoChecked++;
        if (r.iso === e.iso) resolved.iso++;
      }
    }
    for (const [k, r] of refByKey) {
      if (ourByKey.has(k)) continue;
      stat(r.type).fn++;
      if (show === r.type || show === 'all')
        console.log(`FN ${r.type} ${JSON.stringify(text.slice(r.start, r.end))} | ${text}`);
    }
  }

  const pct = (a: number, b: number): string =>
    b === 0 ? '   -  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`;
  console.log(
    `sentences ${sample.length} (of ${sentences.length}), characters ${chars}, files: ${files.join(' ')}`,
  );
  console.log('type          ref   ours  match  precision  recall');
  let all = { tp: 0, fp: 0, fn: 0 };
  for (const [type, s] of [...perType].sort((a, b) => b[1].tp + b[1].fn - (a[1].tp + a[1].fn))) {
    all = { tp: all.tp + s.tp, fp: all.fp + s.fp, fn: all.fn + s.fn };
    const row = [type.padEnd(12), String(s.tp + s.fn).padStart(5), String(s.tp + s.fp).padStart(6)];
    console.log(
      `${row.join(' ')} ${String(s.tp).padStart(6)}   ${pct(s.tp, s.tp + s.fp)}  ${pct(s.tp, s.tp + s.fn)}`,
    );
  }
  const f1 = (2 * all.tp) / (2 * all.tp + all.fp + all.fn);
  console.log(
    `ALL          ${String(all.tp + all.fn).padStart(5)} ${String(all.tp + all.fp).padStart(6)} ${String(all.tp).padStart(6)}   ${pct(all.tp, all.tp + all.fp)}  ${pct(all.tp, all.tp + all.fn)}  F1 ${(100 * f1).toFixed(1)}`,
  );
  console.log(
    `matched spans: value ${pct(resolved.value, resolved.matched)}, unit ${pct(resolved.unit, resolved.unitChecked)} of ${resolved.unitChecked}, ISO 4217 ${pct(resolved.iso, resolved.isoChecked)} of ${resolved.isoChecked}`,
  );
  console.log(
    `left out of the reference: ${excluded.noNumber} units without a number, ${excluded.picometre} "pm" picometres, ${excluded.cents} "cents" read as percentages; our NumberRange spans (no JS reference): ${ranges}`,
  );
  const per100 = (ms: number): string => `${((ms * 1000 * 100) / chars).toFixed(1)} µs per 100 characters`;
  console.log(
    `speed: reference ${refMs.toFixed(0)} ms (${per100(refMs)}), ours ${mineMs.toFixed(1)} ms (${per100(mineMs)}), ${(refMs / mineMs).toFixed(0)}x`,
  );
}

main();
