import type { Unit } from '../types.ts';

/**
 * PTB-like word tokenizer for the builtin model. Text that is already tokenized with single spaces
 * (CoNLL) comes back unchanged, one unit per token; raw text gets punctuation and clitics split:
 * `"Smith's car."` -> `" Smith 's car . "`. Hyphenated words (`U.S.-based`) stay whole, as in PTB.
 */

const LEADING = new Set(['"', "'", '`', '(', '[', '{', '<', '“', '‘', '«', '„']);
const TRAILING = new Set([',', ';', ':', '!', '?', ')', ']', '}', '>', '"', "'", '”', '’', '»']);

// Lower-cased abbreviations whose final period belongs to the word.
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof rev gen col lt sgt capt maj adm gov sen rep pres st mt ft jr sr inc corp co ltd ' +
    'bros plc dept univ vs etc esp approx no nos vol pp jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev okla ' +
    'ore pa tenn tex va vt wash wis wyo ave blvd rd'
  ).split(' '),
);

const CLITIC = /^(.+?)(n't|N'T|n’t|['’](?:s|S|re|RE|ve|VE|ll|LL|d|D|m|M))$/;
const CLITIC_ONLY = /^['’](?:s|S|re|RE|ve|VE|ll|LL|d|D|m|M)$/;
// URLs and e-mail addresses stay one unit (the pattern recognisers label them).
const OPAQUE = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)|^[^\s@]+@[^\s@]+\.[^\s@]+$/i;

const PLAIN = /^[A-Za-z0-9]+$|^[\p{L}\p{N}]+$/u;

function keepsFinalPeriod(word: string): boolean {
  if (/^\.+$/.test(word)) return true; // "...", "."
  if (/^(?:\p{L}\.)+$/u.test(word)) return true; // U.S., M., a.m.
  if (/^\d{1,3}\.$/.test(word)) return true; // list numbers "1."
  if (/\.[\p{L}\d]+\.$/u.test(word)) return true; // internal periods: "aid-U.N."
  return ABBREVIATIONS.has(word.slice(0, -1).toLowerCase());
}

/** Splits one whitespace-free chunk into sub-tokens [start, end) relative to the chunk. */
function splitChunk(chunk: string): [number, number][] {
  if (PLAIN.test(chunk)) return [[0, chunk.length]]; // most words: nothing to split
  if (OPAQUE.test(chunk.replace(/^[<("'‘“]+|[>)"'’”,;:!?.]+$/g, ''))) return splitOpaque(chunk);
  const head: [number, number][] = [];
  const tail: [number, number][] = [];
  let s = 0;
  let e = chunk.length;
  while (e - s > 1 && LEADING.has(chunk[s]!) && !CLITIC_ONLY.test(chunk.slice(s, e))) {
    head.push([s, s + 1]);
    s++;
  }
  for (;;) {
    if (e - s <= 1) break;
    const last = chunk[e - 1]!;
    if (TRAILING.has(last)) {
      tail.push([e - 1, e]);
      e--;
    } else if (last === '.' && !keepsFinalPeriod(chunk.slice(s, e))) {
      // A run of periods at the end is an ellipsis unit of its own.
      let p = e - 1;
      while (p > s && chunk[p - 1] === '.') p--;
      if (p === s) break;
      tail.push([p, e]);
      e = p;
    } else {
      break;
    }
  }
  const core = chunk.slice(s, e);
  const clitic = CLITIC.exec(core);
  if (clitic && !CLITIC_ONLY.test(core)) {
    const cut = s + clitic[1]!.length;
    head.push([s, cut], [cut, e]);
  } else if (e > s) {
    head.push([s, e]);
  }
  return head.concat(tail.reverse());
}

/** A URL or e-mail address: only wrapping punctuation is split off. */
function splitOpaque(chunk: string): [number, number][] {
  const lead = /^[<("'‘“]*/.exec(chunk)![0].length;
  const trail = /[>)"'’”,;:!?.]*$/.exec(chunk.slice(lead))![0].length;
  const out: [number, number][] = [];
  for (let i = 0; i < lead; i++) out.push([i, i + 1]);
  out.push([lead, chunk.length - trail]);
  for (let i = chunk.length - trail; i < chunk.length; i++) out.push([i, i + 1]);
  return out;
}

export function tokenizeWords(text: string): Unit[] {
  const units: Unit[] = [];
  const chunk = /\S+/g;
  for (let m = chunk.exec(text); m; m = chunk.exec(text)) {
    for (const [a, b] of splitChunk(m[0])) units.push({ start: m.index + a, end: m.index + b, cost: 1 });
  }
  return units;
}
