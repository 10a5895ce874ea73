import type { Unit } from '../types.ts';
import type { Gazetteer } from './gazetteer.ts';

/** Lists the featurizer consults besides the words themselves. */
export interface FeatureResources {
  /** Entity names of the training data, labelled by type (`tr:PER`, ...). */
  readonly gazetteer: Gazetteer;
  /** Name lists from elsewhere: first/last names, places, nationalities. */
  readonly lexicon: Gazetteer;
  /** Words seen in lower case in ordinary running text (lower-cased keys). */
  readonly commonWords: ReadonlySet<string>;
}

/** Per-word properties that the context templates reuse for the neighbours. */
interface WordInfo {
  readonly word: string;
  readonly lower: string;
  readonly shape: string;
  readonly shortShape: string;
  readonly caps: string;
  readonly suffix3: string;
  readonly gaz: readonly string[];
  readonly lex: readonly string[];
}

function shapeOf(word: string): string {
  let out = '';
  for (const ch of word) {
    if (/\p{Lu}/u.test(ch)) out += 'X';
    else if (/\p{Ll}/u.test(ch)) out += 'x';
    else if (/\d/.test(ch)) out += 'd';
    else out += ch;
  }
  return out;
}

function shorten(shape: string): string {
  return shape.replace(/(.)\1+/g, '$1$1').slice(0, 12);
}

function capsOf(word: string): string {
  const upper = /\p{Lu}/u.test(word);
  const lower = /\p{Ll}/u.test(word);
  if (!upper && !lower) return /\d/.test(word) ? 'num' : 'punct';
  if (upper && !lower) return 'allcap';
  if (!upper) return 'lower';
  return /^\P{L}*\p{Lu}\P{Lu}*$/u.test(word) ? 'init' : 'mixed';
}

const PAD: WordInfo = {
  word: '<pad>',
  lower: '<pad>',
  shape: '<pad>',
  shortShape: '<pad>',
  caps: '<pad>',
  suffix3: '<pad>',
  gaz: ['<pad>'],
  lex: ['<pad>'],
};

/**
 * Sparse features of every unit of a window: the word and its lower-cased form, affixes, shapes,
 * capitalisation, the same for neighbours up to two words away, word bigrams, gazetteer matches and
 * whether the line is a headline in capitals. Digits are folded to 0 so numbers share features.
 */
export function unitFeatures(text: string, units: readonly Unit[], res: FeatureResources): string[][] {
  const words = units.map((u) => text.slice(u.start, u.end).replace(/\d/g, '0'));
  const lowers = words.map((w) => w.toLowerCase());
  const gaz = res.gazetteer.match(lowers);
  const lex = res.lexicon.match(lowers);
  const info: WordInfo[] = words.map((word, i) => {
    const lower = lowers[i]!;
    const shape = shapeOf(word);
    return {
      word,
      lower,
      shape: shape.length > 12 ? shorten(shape) : shape,
      shortShape: shorten(shape),
      caps: capsOf(word),
      suffix3: lower.slice(-3),
      gaz: gaz[i]!.length > 0 ? gaz[i]! : ['-'],
      lex: lex[i]!.length > 0 ? lex[i]! : ['-'],
    };
  });
  const lineStart = units.map((u, i) =>
    i === 0
      ? startsLine(text, u.start)
      : /\n/.test(text.slice(units[i - 1]!.end, u.start)) || /^[.!?]$/.test(words[i - 1]!),
  );
  const headline = headlineFlags(info, units, text);
  const at = (i: number): WordInfo => info[i] ?? PAD;

  return info.map((w, i) => {
    const p1 = at(i - 1);
    const p2 = at(i - 2);
    const n1 = at(i + 1);
    const n2 = at(i + 2);
    const start = lineStart[i] ? 'S' : '-';
    const head = headline[i] ? 'H' : '-';
    const f = [
      'b',
      `w=${w.word}`,
      `l=${w.lower}`,
      `sh=${w.shape}`,
      `ss=${w.shortShape}`,
      `c=${w.caps}`,
      `c=${w.caps}|${start}|${head}`,
      `l=${w.lower}|${start}`,
      `cw=${res.commonWords.has(w.lower) ? 1 : 0}|${w.caps}|${start}|${head}`,
      `len=${Math.min(w.word.length, 10)}`,
      `w-1=${p1.word}`,
      `w+1=${n1.word}`,
      `l-1=${p1.lower}`,
      `l-2=${p2.lower}`,
      `l+1=${n1.lower}`,
      `l+2=${n2.lower}`,
      `ss-1=${p1.shortShape}`,
      `ss-2=${p2.shortShape}`,
      `ss+1=${n1.shortShape}`,
      `ss+2=${n2.shortShape}`,
      `s3-1=${p1.suffix3}`,
      `s3+1=${n1.suffix3}`,
      `ll=${p1.lower}|${w.lower}`,
      `lr=${w.lower}|${n1.lower}`,
      `c3=${p1.caps}|${w.caps}|${n1.caps}`,
      `ss3=${p1.shortShape}|${w.shortShape}|${n1.shortShape}`,
    ];
    for (let k = 1; k <= 4; k++) {
      if (w.lower.length > k) f.push(`p${k}=${w.lower.slice(0, k)}`, `s${k}=${w.lower.slice(-k)}`);
    }
    for (const g of w.gaz) f.push(`g=${g}`, `g=${g}|${w.caps}`);
    for (const g of p1.gaz) f.push(`g-1=${g}`);
    for (const g of n1.gaz) f.push(`g+1=${g}`);
    for (const g of w.lex) f.push(`x=${g}`, `x=${g}|${w.caps}`);
    for (const g of p1.lex) f.push(`x-1=${g}`);
    for (const g of n1.lex) f.push(`x+1=${g}`);
    return f;
  });
}

/** Whether the text before `pos` ends a line or sentence (looks back a few characters only). */
function startsLine(text: string, pos: number): boolean {
  const from = Math.max(0, pos - 16);
  const before = text.slice(from, pos);
  return (from === 0 && before.trim() === '') || /[\n.!?][\s"'(]*$/.test(before);
}

/** Units on a line whose cased words are all upper case (headlines, sports tables). */
function headlineFlags(info: readonly WordInfo[], units: readonly Unit[], text: string): boolean[] {
  const flags = new Array<boolean>(info.length).fill(false);
  let lineFrom = 0;
  for (let i = 0; i <= info.length; i++) {
    const lineEnds =
      i === info.length || (i > 0 && /\n/.test(text.slice(units[i - 1]!.end, units[i]!.start)));
    if (!lineEnds || i === lineFrom) continue;
    let upper = 0;
    let cased = 0;
    for (let k = lineFrom; k < i; k++) {
      const c = info[k]!.caps;
      if (c === 'allcap' || c === 'init' || c === 'mixed' || c === 'lower') cased++;
      if (c === 'allcap') upper++;
    }
    const isHeadline = cased >= 2 && upper === cased;
    for (let k = lineFrom; k < i; k++) flags[k] = isHeadline;
    lineFrom = i;
  }
  return flags;
}
