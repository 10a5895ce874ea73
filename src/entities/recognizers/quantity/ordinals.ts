import type { NumberMatch } from './numbers.ts';
import { ORDINAL_WORDS } from './number-words.ts';
import { isWordChar, nextWord } from './text-scan.ts';

export interface OrdinalMatch {
  readonly start: number;
  readonly end: number;
  /** Position from `relativeTo`, as Azure writes it: "1", "0", "-1". */
  readonly offset: string;
  readonly relativeTo: 'Current' | 'End' | 'Start';
  /** The arithmetic the ordinal denotes: "3", "end", "end-1", "current+1". */
  readonly value: string;
}

const TRIGGER = /(\d{1,15})(?:st|nd|rd|th)(?![\p{L}\p{N}_])|[A-Za-z]+/giu;

const start = (s: number, e: number, n: number): OrdinalMatch => ({
  start: s,
  end: e,
  offset: String(n),
  relativeTo: 'Start',
  value: String(n),
});

/**
 * Ordinals: "1st", "21st", "third", "twenty-first", "one hundredth", and the relative ones "last",
 * "last but one", "second to last", "next to last", "next (one)", "previous (one)", "current". `numbers` are the text's spelled
 * numbers, which may start a compound ordinal.
 */
export function scanOrdinals(text: string, numbers: readonly NumberMatch[], limit: number): OrdinalMatch[] {
  const endsAt = new Map<number, NumberMatch>();
  for (const n of numbers) if (!/\d/.test(text.slice(n.start, n.end))) endsAt.set(n.end, n);
  const out: OrdinalMatch[] = [];
  TRIGGER.lastIndex = 0;
  for (let m = TRIGGER.exec(text); m && out.length < limit; m = TRIGGER.exec(text)) {
    const at = m.index;
    if (at > 0 && isWordChar(text.charCodeAt(at - 1))) continue;
    if (m[1] !== undefined) {
      out.push(start(at, at + m[0].length, Number(m[1])));
      continue;
    }
    const lower = m[0].length <= 12 ? m[0].toLowerCase() : '';
    const end = at + m[0].length;
    if (lower === 'last') {
      const but = nextWord(text, end, false);
      const one = but && but.lower === 'but' ? nextWord(text, but.end, false) : undefined;
      if (one && one.lower === 'one') {
        out.push({ start: at, end: one.end, offset: '-1', relativeTo: 'End', value: 'end-1' });
      } else {
        out.push({ start: at, end, offset: '0', relativeTo: 'End', value: 'end' });
      }
      continue;
    }
    if (lower === 'next' || lower === 'previous' || lower === 'current') {
      const after = nextWord(text, end, false);
      if (lower === 'next' && after?.lower === 'to') {
        const last = nextWord(text, after.end, false);
        if (last?.lower === 'last') {
          out.push({ start: at, end: last.end, offset: '-1', relativeTo: 'End', value: 'end-1' });
          TRIGGER.lastIndex = last.end;
          continue;
        }
      }
      // "next", "next one", "previous", "current": positions relative to the current one.
      const n = lower === 'next' ? 1 : lower === 'previous' ? -1 : 0;
      const value = n > 0 ? 'current+1' : n < 0 ? 'current-1' : 'current';
      out.push({
        start: at,
        end: after?.lower === 'one' ? after.end : end,
        offset: String(n),
        relativeTo: 'Current',
        value,
      });
      continue;
    }
    const value = ORDINAL_WORDS.get(lower);
    if (value === undefined) continue;
    // "second to last", "third to last".
    const to = nextWord(text, end, false);
    const last = to && to.lower === 'to' ? nextWord(text, to.end, false) : undefined;
    if (last && last.lower === 'last' && value <= 10) {
      const n = 1 - value;
      out.push({ start: at, end: last.end, offset: String(n), relativeTo: 'End', value: `end${n}` });
      TRIGGER.lastIndex = last.end;
      continue;
    }
    const compound = compoundPrefix(text, at, value, endsAt);
    out.push(compound ? start(compound.start, end, compound.value) : start(at, end, value));
  }
  return out;
}

/** The spelled number that a compound ordinal starts with: "twenty-" first, "one hundred and" first. */
function compoundPrefix(
  text: string,
  at: number,
  value: number,
  endsAt: ReadonlyMap<number, NumberMatch>,
): { start: number; value: number } | undefined {
  const sep = text.charCodeAt(at - 1);
  let n = sep === 32 || sep === 45 ? endsAt.get(at - 1) : undefined;
  let joinedByAnd = false;
  if (!n && text.slice(at - 5, at).toLowerCase() === ' and ') {
    n = endsAt.get(at - 5);
    joinedByAnd = true;
  }
  if (!n || n.kind !== 'Integer' || n.value <= 0) return undefined;
  if (value >= 100) return joinedByAnd ? undefined : { start: n.start, value: n.value * value };
  if (n.value % 100 === 0 || (value < 10 && n.value % 10 === 0 && n.value % 100 >= 20 && !joinedByAnd)) {
    return { start: n.start, value: n.value + value };
  }
  return undefined;
}
