import { sentenceStarts } from './sentence-breaks.ts';
import type { Unit } from './types.ts';

/** Half-open range of unit indices [start, end) of one document. */
export interface UnitRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Cuts a document's units into windows whose summed cost fits `maxCost`, consecutive windows
 * sharing about `overlap` units so every unit near a cut still sees context on both sides.
 */
export function planWindows(units: readonly Unit[], maxCost: number, overlap: number): UnitRange[] {
  const windows: UnitRange[] = [];
  let start = 0;
  while (start < units.length) {
    let cost = 0;
    let end = start;
    while (end < units.length && cost + Math.min(units[end]!.cost, maxCost) <= maxCost) {
      cost += Math.min(units[end]!.cost, maxCost);
      end++;
    }
    if (end === start) end = start + 1; // a unit wider than a window still gets one of its own
    windows.push({ start, end });
    if (end >= units.length) break;
    // Step back by `overlap` units, but always make progress.
    start = Math.max(start + 1, end - overlap);
  }
  return windows;
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
  const starts = new Set(sentenceStarts(text, units, closed));
  const windows: UnitRange[] = [];
  let from = 0;
  for (let k = 1; k <= units.length; k++) {
    if (k < units.length && !starts.has(k)) continue;
    for (const w of planWindows(units.slice(from, k), maxCost, overlap))
      windows.push({ start: w.start + from, end: w.end + from });
    from = k;
  }
  return windows;
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
