import { sentenceStarts } from './sentence-breaks.ts';
import type { Unit } from './types.ts';

/** Half-open range of unit indices [start, end) of one document. */
export interface UnitRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Cuts a document's units (those of [from, to), all by default) into windows whose summed cost fits
 * `maxCost`, consecutive windows sharing about `overlap` units so every unit near a cut still sees
 * context on both sides. Appends them to `into`.
 */
export function planWindows(
  units: readonly Unit[],
  maxCost: number,
  overlap: number,
  from = 0,
  to = units.length,
  into: UnitRange[] = [],
): UnitRange[] {
  let start = from;
  while (start < to) {
    let cost = 0;
    let end = start;
    while (end < to && cost + Math.min(units[end]!.cost, maxCost) <= maxCost) {
      cost += Math.min(units[end]!.cost, maxCost);
      end++;
    }
    if (end === start) end = start + 1; // a unit wider than a window still gets one of its own
    into.push({ start, end });
    if (end >= to) break;
    // Step back by `overlap` units, but always make progress.
    start = Math.max(start + 1, end - overlap);
  }
  return into;
}

/**
 * `planWindows` sentence by sentence (sentenceStarts): no window runs over a sentence's end, for a tagger
 * trained on sentences alone, to which a neighbouring sentence's words are noise. `closed` are
 * sentenceBreaks' units.
 */
export function planSentenceWindows(
  text: string,
  units: readonly Unit[],
  closed: readonly number[],
  maxCost: number,
  overlap: number,
): UnitRange[] {
  const windows: UnitRange[] = [];
  let from = 0;
  // Sentence starts come in order, each after the document's first unit.
  for (const start of sentenceStarts(text, units, closed)) {
    planWindows(units, maxCost, overlap, from, start, windows);
    from = start;
  }
  return planWindows(units, maxCost, overlap, from, units.length, windows);
}

/**
 * Owner window of every unit: where windows overlap, the cut between them is placed in the middle
 * of the overlap so each unit is labelled by the window that gives it the most context.
 */
export function assignOwners(windows: readonly UnitRange[], unitCount: number): Int32Array {
  const owner = new Int32Array(unitCount);
  for (let w = 0; w < windows.length; w++) {
    const cur = windows[w]!;
    const prev = windows[w - 1];
    const next = windows[w + 1];
    const from = prev ? Math.ceil((cur.start + prev.end) / 2) : cur.start;
    const to = next ? Math.ceil((next.start + cur.end) / 2) : cur.end;
    for (let k = from; k < to; k++) owner[k] = w;
  }
  return owner;
}
