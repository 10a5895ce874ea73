/** Token predicates the rules share. */
import { NUMBER_WORDS } from './lexicon.ts';
import type { Scan } from './temporal.ts';

/** The lower-cased word at `i`, or '' when there is none or it is not a word. */
export function word(s: Scan, i: number): string {
  const t = s.toks[i];
  return t && t.kind === 'word' ? t.lower : '';
}

/** The raw text of token `i` ('' past the end). */
export function raw(s: Scan, i: number): string {
  const t = s.toks[i];
  return t ? t.lower : '';
}

/** Whether token `i` touches the one before it (no space: "6pm", "3-night"). */
export function tight(s: Scan, i: number): boolean {
  const a = s.toks[i - 1];
  const b = s.toks[i];
  return a !== undefined && b !== undefined && a.end === b.start;
}

/** A digits-only token's value, or NaN. */
export function int(s: Scan, i: number): number {
  const t = s.toks[i];
  return t ? t.value : NaN;
}

/** Whether a compound token (digits joined by `:`, `/`, `.`, `-`) has one joint, a decimal point: `1.5`. */
function oneDecimalPoint(compound: string): boolean {
  let joints = 0;
  for (let k = 0; k < compound.length; k++) {
    const c = compound.charCodeAt(k);
    if (c < 48 || c > 57) {
      if (c !== 46 || ++joints > 1) return false;
    }
  }
  return joints === 1;
}

/** A small cardinal: `3`, `three`, `twenty-five` (token count in `len`). */
export function cardinal(s: Scan, i: number): { value: number; len: number } | undefined {
  const t = s.toks[i];
  if (!t) return undefined;
  // Up to six digits, or grouped by thousands ("1,000,000"): the tokenizer gives those a value.
  if (t.kind === 'number') return Number.isNaN(t.value) ? undefined : { value: t.value, len: 1 };
  if (t.kind === 'compound') return oneDecimalPoint(t.lower) ? { value: Number(t.lower), len: 1 } : undefined;
  if (t.kind !== 'word') return undefined;
  const v = NUMBER_WORDS.get(t.lower);
  if (v === undefined) return undefined;
  // twenty-five, twenty five
  if (v >= 20 && v < 100) {
    const dash = raw(s, i + 1) === '-' && tight(s, i + 1) ? 1 : 0;
    const unit = NUMBER_WORDS.get(word(s, i + 1 + dash));
    if (unit !== undefined && unit < 10) return { value: v + unit, len: 2 + dash };
  }
  return { value: v, len: 1 };
}

/** Whether `i` is an `a.m.`/`p.m.`/`am`/`pm` marker; returns its token length and whether it is pm. */
export function meridiem(s: Scan, i: number): { pm: boolean; len: number } | undefined {
  const w = word(s, i);
  if (w === 'am' || w === 'pm') return { pm: w === 'pm', len: 1 };
  if ((w === 'a' || w === 'p') && raw(s, i + 1) === '.' && word(s, i + 2) === 'm' && tight(s, i + 1)) {
    return { pm: w === 'p', len: raw(s, i + 3) === '.' && tight(s, i + 3) ? 4 : 3 };
  }
  return undefined;
}

/** "a few", "few" (3), "several" (3), "a couple of", "couple" (2), as Recognizers-Text counts them. */
export function vagueCount(s: Scan, i: number): { n: number; next: number } | undefined {
  const w = word(s, i);
  if (w === 'several' || w === 'few') return { n: 3, next: i + 1 };
  if (w === 'a' && word(s, i + 1) === 'few') return { n: 3, next: i + 2 };
  const a = w === 'a' ? 1 : 0;
  if (word(s, i + a) !== 'couple') return undefined;
  return word(s, i + a + 1) === 'of' ? { n: 2, next: i + a + 2 } : { n: 2, next: i + a + 1 };
}
