import type { Unit } from '../types.ts';
import type { Gazetteer } from './gazetteer.ts';
import { perWord } from './per-word.ts';

/** Lists the featurizer consults besides the words themselves. */
export interface FeatureResources {
  /** Entity names of the training data, labelled by type (`tr:PER`, ...). */
  readonly gazetteer: Gazetteer;
  /** Name lists from elsewhere: first/last names, places, nationalities. */
  readonly lexicon: Gazetteer;
  /** Words seen in lower case in ordinary running text (lower-cased keys). */
  readonly commonWords: ReadonlySet<string>;
  /**
   * Words written with a capital inside sentences far more often than without (lower-cased keys): a
   * truecasing hint that tells a name from a common word where the text has no capitals.
   */
  readonly capitalised?: ReadonlySet<string>;
  /**
   * Word clusters learned from unlabelled text (src/model/builtin/clusters.ts): word as written (digits
   * folded to 0) -> cluster ids, coarse to fine.
   */
  readonly clusters?: ReadonlyMap<string, readonly string[]>;
  /**
   * Read a window written all in capitals as if it were all in lower case (the `lc:` feature space):
   * capitals that every word has say nothing, and the lower-case model has far more to learn from.
   */
  readonly upperIsCaseless?: boolean;
}

/** Properties of a word that depend on nothing but the word (and the model's lists). */
interface WordForm {
  readonly word: string;
  readonly lower: string;
  readonly shape: string;
  readonly shortShape: string;
  readonly caps: string;
  readonly suffix3: string;
  /** Its word clusters, coarse to fine (`-` when unknown). */
  readonly cluster: readonly string[];
  /** How the word is usually written: P (with a capital), C (without), B (both), U (unseen). */
  readonly usual: string;
  /** Upper-casing changes it (it has a lower-case letter). */
  readonly changedByUpper: boolean;
  /** Lower-casing changes it (it has a capital). */
  readonly changedByLower: boolean;
}

/** Per-word properties that the context templates reuse for the neighbours. */
interface WordInfo extends WordForm {
  readonly gaz: readonly string[];
  readonly lex: readonly string[];
}

/**
 * Word forms already computed, per model (its resources), so a word seen before costs one lookup;
 * forgotten all at once past MAX_FORMS words.
 */
const formCaches = new WeakMap<FeatureResources, Map<string, WordForm>>();
const MAX_FORMS = 50_000;

function formsOf(words: readonly string[], res: FeatureResources): WordForm[] {
  let known = formCaches.get(res);
  if (!known) formCaches.set(res, (known = new Map()));
  return perWord(known, words, MAX_FORMS, (word) => formOf(word, res));
}

function formOf(word: string, res: FeatureResources): WordForm {
  const lower = word.toLowerCase();
  const shape = shapeOf(word);
  const clusters = res.clusters;
  return {
    word,
    lower,
    shape: shape.length > 12 ? shorten(shape) : shape,
    shortShape: shorten(shape),
    caps: capsOf(shape),
    suffix3: lower.slice(-3),
    cluster: clusters ? (clusters.get(word) ?? clusters.get(lower) ?? NO_CLUSTER) : NO_CLUSTER,
    usual: res.capitalised ? usualCase(lower, res.capitalised, res.commonWords) : '-',
    changedByUpper: word !== word.toUpperCase(),
    changedByLower: word !== lower,
  };
}

/** `form` with the gazetteer and lexicon matches of its place in the window. */
function withMatches(form: WordForm, gaz: string[], lex: string[]): WordInfo {
  return {
    word: form.word,
    lower: form.lower,
    shape: form.shape,
    shortShape: form.shortShape,
    caps: form.caps,
    suffix3: form.suffix3,
    cluster: form.cluster,
    usual: form.usual,
    changedByUpper: form.changedByUpper,
    changedByLower: form.changedByLower,
    gaz: gaz.length > 0 ? gaz : NO_MATCH,
    lex: lex.length > 0 ? lex : NO_MATCH,
  };
}

/** Digits folded to 0, so numbers share features (the string itself when it has none). */
function foldDigits(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return s.replace(/\d/g, '0');
  }
  return s;
}

/** Whether `text` has a line feed in [from, to). */
function hasNewline(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) return true;
  return false;
}

function shapeOf(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 65 && c <= 90) out += 'X';
    else if (c >= 97 && c <= 122) out += 'x';
    else if (c >= 48 && c <= 57) out += 'd';
    else if (c < 128) out += word[i];
    else {
      const ch = word[i]!;
      out += ch !== ch.toLowerCase() ? 'X' : ch !== ch.toUpperCase() ? 'x' : ch;
    }
  }
  return out;
}

/** The shape with every run of a repeated character cut to two ("Xxxxx" -> "Xxx"), at most 12 long. */
function shorten(shape: string): string {
  let out = '';
  for (let i = 0; i < shape.length && out.length < 12; i++) {
    const c = shape[i]!;
    if (i < 2 || c !== shape[i - 1] || c !== shape[i - 2]) out += c;
  }
  return out;
}

/** Capitalisation class of a word, from its shape (X upper, x lower, d digit). */
function capsOf(shape: string): string {
  const upper = shape.indexOf('X');
  const lower = shape.indexOf('x');
  if (upper < 0 && lower < 0) return shape.includes('d') ? 'num' : 'punct';
  if (lower < 0) return 'allcap';
  if (upper < 0) return 'lower';
  return upper < lower && shape.indexOf('X', upper + 1) < 0 ? 'init' : 'mixed';
}

const PAD: WordInfo = {
  word: '<pad>',
  lower: '<pad>',
  shape: '<pad>',
  shortShape: '<pad>',
  caps: '<pad>',
  suffix3: '<pad>',
  cluster: ['<pad>', '<pad>', '<pad>'],
  usual: '<pad>',
  changedByUpper: false,
  changedByLower: false,
  gaz: ['<pad>'],
  lex: ['<pad>'],
};

/** Features of the units of one window, for the two paths of the model. */
export interface UnitFeatures {
  /** Per unit, the sparse features of the linear path (the unit and its context). */
  readonly sparse: string[][];
  /** Per unit, the unit's own properties: summed as embeddings for the convolutional path. */
  readonly atoms: string[][];
}

/**
 * Receives the features of a window as they are produced. A feature is the concatenation of its parts
 * (`part` arguments), so a sink may fingerprint the parts without ever building the string.
 */
export interface FeatureSink {
  /** Called once per window, first: a prefix for every feature of the window ('' or 'lc:'). */
  window(prefix: string): void;
  /** Called before each unit's features, in unit order. */
  unit(): void;
  /** One feature; `atom` features describe the unit alone and belong to both paths. */
  add(
    atom: boolean,
    a: string,
    b?: string,
    c?: string,
    d?: string,
    e?: string,
    f?: string,
    g?: string,
    h?: string,
  ): void;
  /**
   * Optional, for a sink that remembers per word (RowSink): called once per window, after `window`,
   * with the word of every unit as the features see it.
   */
  words?(words: readonly string[]): void;
  /**
   * Optional, with `words`: the next feature depends on nothing but the word `offset` units away from
   * the current unit (the padding word beyond the window's ends) and the window's prefix; `slot` names
   * its template (FeatureSlot). True: the sink wrote it from what it remembers, and `add` is not
   * called; false: `add` follows with the feature (and the sink may remember it).
   */
  known?(offset: number, slot: number): boolean;
}

/**
 * The features that depend on one word only (and the window's prefix), one slot per template, so a
 * sink can remember a word's rows (FeatureSink.known); variants of a template that also depend on
 * the unit's line start (S) and headline (H) flags take consecutive slots.
 */
export const FeatureSlot = {
  word: 0,
  lower: 1,
  shape: 2,
  shortShape: 3,
  caps: 4,
  /** + 2 * S + H */
  capsSH: 5,
  /** + S */
  lowerS: 9,
  /** + 2 * S + H */
  commonSH: 11,
  length: 15,
  /** + 2 * (k - 1): p1, s1, p2, s2, ... p4, s4 */
  affix: 16,
  /** + k, k < MAX_CLUSTER_SLOTS */
  cluster: 24,
  usual: 28,
  /** + S */
  usualCapsS: 29,
  prevWord: 31,
  nextWord: 32,
  prevLower: 33,
  prev2Lower: 34,
  nextLower: 35,
  next2Lower: 36,
  prevShortShape: 37,
  prev2ShortShape: 38,
  nextShortShape: 39,
  next2ShortShape: 40,
  prevSuffix3: 41,
  nextSuffix3: 42,
  leftLower: 43,
  rightLower: 44,
  prevCluster: 45,
  nextCluster: 46,
  usualSuffix: 47,
  bias: 48,
} as const;

/** Slots FeatureSlot uses. */
export const FEATURE_SLOTS = 49;
const MAX_CLUSTER_SLOTS = 4;
const PREFIX_TEMPLATES = ['p1=', 'p2=', 'p3=', 'p4='] as const;
const SUFFIX_TEMPLATES = ['s1=', 's2=', 's3=', 's4='] as const;
const LENGTHS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] as const;

/** Collects the features as strings: what training and tests look at. */
class StringSink implements FeatureSink {
  readonly sparse: string[][] = [];
  readonly atoms: string[][] = [];
  private prefix = '';

  window(prefix: string): void {
    this.prefix = prefix;
  }

  unit(): void {
    this.sparse.push([]);
    this.atoms.push([]);
  }

  add(atom: boolean, ...parts: (string | undefined)[]): void {
    const feature = this.prefix + parts.join('');
    this.sparse[this.sparse.length - 1]!.push(feature);
    if (atom) this.atoms[this.atoms.length - 1]!.push(feature);
  }
}

/** The features of every unit of a window as strings (see emitFeatures). */
export function unitFeatures(text: string, units: readonly Unit[], res: FeatureResources): UnitFeatures {
  const sink = new StringSink();
  emitFeatures(text, units, res, sink);
  return { sparse: sink.sparse, atoms: sink.atoms };
}

/**
 * Sparse features of every unit of a window: the word and its lower-cased form, affixes, shapes,
 * capitalisation, the same for neighbours up to two words away, word bigrams, gazetteer matches and
 * whether the line is a headline in capitals. Digits are folded to 0 so numbers share features.
 * Per unit the order is fixed: 'b', the unit's atoms, then its context (models keep the first
 * `featureWidth` known ones).
 */
export function emitFeatures(
  text: string,
  units: readonly Unit[],
  res: FeatureResources,
  sink: FeatureSink,
): void {
  const raw = units.map((u) => foldDigits(text.slice(u.start, u.end)));
  const rawForms = formsOf(raw, res);
  const folded = res.upperIsCaseless === true && isUpperOnly(rawForms);
  const forms = folded
    ? formsOf(
        raw.map((w) => w.toLowerCase()),
        res,
      )
    : rawForms;
  const words = forms.map((f) => f.word);
  const lowers = forms.map((f) => f.lower);
  const capitalised = res.capitalised;
  const clusters = res.clusters;
  const gaz = res.gazetteer.match(lowers);
  const lex = res.lexicon.match(lowers);
  const info: WordInfo[] = forms.map((form, i) => withMatches(form, gaz[i]!, lex[i]!));
  const lineStart = units.map((u, i) => {
    if (i === 0) return startsLine(text, u.start);
    const before = words[i - 1]!;
    return hasNewline(text, units[i - 1]!.end, u.start) || before === '.' || before === '!' || before === '?';
  });
  const headline = headlineFlags(info, units, text);
  const at = (i: number): WordInfo => info[i] ?? PAD;

  // Text without any capital letter (chat, transcripts) gets a feature space of its own, so what the
  // model learns from lower-cased training copies does not blur what capitals mean elsewhere.
  sink.window(folded || isCaseless(info) ? 'lc:' : '');
  sink.words?.(words);
  const S = FeatureSlot;
  // Whether the sink wrote this one-word feature from memory (else it is added in full).
  const known = (offset: number, slot: number): boolean => sink.known?.(offset, slot) === true;
  info.forEach((w, i) => {
    const p1 = at(i - 1);
    const p2 = at(i - 2);
    const n1 = at(i + 1);
    const n2 = at(i + 2);
    const start = lineStart[i] ? 'S' : '-';
    const head = headline[i] ? 'H' : '-';
    const sh = (lineStart[i] ? 2 : 0) + (headline[i] ? 1 : 0);
    const s1 = lineStart[i] ? 1 : 0;
    sink.unit();
    if (!known(0, S.bias)) sink.add(false, 'b');
    // The unit alone: these are also the atoms of the convolutional path.
    if (!known(0, S.word)) sink.add(true, 'w=', w.word);
    if (!known(0, S.lower)) sink.add(true, 'l=', w.lower);
    if (!known(0, S.shape)) sink.add(true, 'sh=', w.shape);
    if (!known(0, S.shortShape)) sink.add(true, 'ss=', w.shortShape);
    if (!known(0, S.caps)) sink.add(true, 'c=', w.caps);
    if (!known(0, S.capsSH + sh)) sink.add(true, 'c=', w.caps, '|', start, '|', head);
    if (!known(0, S.lowerS + s1)) sink.add(true, 'l=', w.lower, '|', start);
    if (!known(0, S.commonSH + sh)) {
      const common = res.commonWords.has(w.lower) ? '1' : '0';
      sink.add(true, 'cw=', common, '|', w.caps, '|', start, '|', head);
    }
    if (!known(0, S.length)) sink.add(true, 'len=', LENGTHS[Math.min(w.word.length, 10)]!);
    for (let k = 1; k <= 4; k++) {
      if (w.lower.length > k) {
        if (!known(0, S.affix + 2 * (k - 1))) sink.add(true, PREFIX_TEMPLATES[k - 1]!, w.lower.slice(0, k));
        if (!known(0, S.affix + 2 * (k - 1) + 1)) sink.add(true, SUFFIX_TEMPLATES[k - 1]!, w.lower.slice(-k));
      }
    }
    if (clusters) {
      for (let k = 0; k < w.cluster.length; k++) {
        if (k >= MAX_CLUSTER_SLOTS || !known(0, S.cluster + k))
          sink.add(true, 'k', String(k), '=', w.cluster[k]!);
      }
    }
    if (capitalised) {
      if (!known(0, S.usual)) sink.add(true, 'u=', w.usual);
      if (!known(0, S.usualCapsS + s1)) sink.add(true, 'u=', w.usual, '|', w.caps, '|', start);
    }
    for (const g of w.gaz) {
      sink.add(true, 'g=', g);
      sink.add(true, 'g=', g, '|', w.caps);
    }
    for (const g of w.lex) {
      sink.add(true, 'x=', g);
      sink.add(true, 'x=', g, '|', w.caps);
    }
    // Its context, for the linear path.
    if (!known(-1, S.prevWord)) sink.add(false, 'w-1=', p1.word);
    if (!known(1, S.nextWord)) sink.add(false, 'w+1=', n1.word);
    if (!known(-1, S.prevLower)) sink.add(false, 'l-1=', p1.lower);
    if (!known(-2, S.prev2Lower)) sink.add(false, 'l-2=', p2.lower);
    if (!known(1, S.nextLower)) sink.add(false, 'l+1=', n1.lower);
    if (!known(2, S.next2Lower)) sink.add(false, 'l+2=', n2.lower);
    if (!known(-1, S.prevShortShape)) sink.add(false, 'ss-1=', p1.shortShape);
    if (!known(-2, S.prev2ShortShape)) sink.add(false, 'ss-2=', p2.shortShape);
    if (!known(1, S.nextShortShape)) sink.add(false, 'ss+1=', n1.shortShape);
    if (!known(2, S.next2ShortShape)) sink.add(false, 'ss+2=', n2.shortShape);
    if (!known(-1, S.prevSuffix3)) sink.add(false, 's3-1=', p1.suffix3);
    if (!known(1, S.nextSuffix3)) sink.add(false, 's3+1=', n1.suffix3);
    sink.add(false, 'll=', p1.lower, '|', w.lower);
    sink.add(false, 'lr=', w.lower, '|', n1.lower);
    sink.add(false, 'c3=', p1.caps, '|', w.caps, '|', n1.caps);
    sink.add(false, 'ss3=', p1.shortShape, '|', w.shortShape, '|', n1.shortShape);
    for (let d = 2; d <= 4; d++) {
      if (!known(-d, S.leftLower)) sink.add(false, 'wl=', at(i - d).lower);
      if (!known(d, S.rightLower)) sink.add(false, 'wr=', at(i + d).lower);
    }
    if (clusters) {
      if (!known(-1, S.prevCluster)) sink.add(false, 'k-1=', p1.cluster[1] ?? '-');
      if (!known(1, S.nextCluster)) sink.add(false, 'k+1=', n1.cluster[1] ?? '-');
      sink.add(false, 'kk=', p1.cluster[0] ?? '-', '|', w.cluster[w.cluster.length - 1] ?? '-');
    }
    if (capitalised) {
      sink.add(false, 'u3=', p1.usual, '|', w.usual, '|', n1.usual);
      if (!known(0, S.usualSuffix))
        sink.add(false, 'ul=', w.usual, '|', w.lower.length > 3 ? w.suffix3 : w.lower);
    }
    for (const g of p1.gaz) sink.add(false, 'g-1=', g);
    for (const g of n1.gaz) sink.add(false, 'g+1=', g);
    for (const g of p1.lex) sink.add(false, 'x-1=', g);
    for (const g of n1.lex) sink.add(false, 'x+1=', g);
  });
}

const NO_CLUSTER: readonly string[] = ['-'];
const NO_MATCH: readonly string[] = ['-'];

function usualCase(lower: string, capitalised: ReadonlySet<string>, common: ReadonlySet<string>): string {
  const cap = capitalised.has(lower);
  const low = common.has(lower);
  return cap ? (low ? 'B' : 'P') : low ? 'C' : 'U';
}

/** At least two words with capitals and not one lower-case letter. */
function isUpperOnly(words: readonly WordForm[]): boolean {
  let upper = 0;
  for (const w of words) {
    if (w.changedByUpper) return false;
    if (w.changedByLower) upper++;
  }
  return upper >= 2;
}

function isCaseless(info: readonly WordInfo[]): boolean {
  let lower = false;
  for (const w of info) {
    if (w.shape.includes('X')) return false;
    if (w.shape.includes('x')) lower = true;
  }
  return lower;
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
    const lineEnds = i === info.length || (i > 0 && hasNewline(text, units[i - 1]!.end, units[i]!.start));
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
