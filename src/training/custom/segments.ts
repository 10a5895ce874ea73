import type { UnitRange } from '../../model/windows.ts';
import type { PreparedDocument } from './validate.ts';

/** Longest training sequence: the model's window (manifest maxSequenceLength). */
export const MAX_SEGMENT_UNITS = 128;
/** Shortest sequence cut at a line or sentence end: the server tags whole windows, so short lines keep
 * the words around them (a signature after "Kind regards,", a value after its field name). */
export const MIN_SEGMENT_UNITS = 24;

/**
 * Training sequences of a document: the words of its labelled regions, cut at the first line break or
 * sentence end (never inside a label) after MIN_SEGMENT_UNITS words, and at MAX_SEGMENT_UNITS words. Words
 * outside every region are not used.
 */
export function segmentsOf(doc: PreparedDocument): UnitRange[] {
  const { units, text, tags } = doc;
  const out: UnitRange[] = [];
  for (const r of doc.regions) {
    let a = 0;
    while (a < units.length && units[a]!.start < r.start) a++;
    let b = a;
    while (b < units.length && units[b]!.end <= r.end) b++;
    let s = a;
    for (let k = a; k + 1 < b; k++) {
      const next = k + 1;
      const inLabel = tags[next]!.startsWith('I-');
      const lineBreak = text.slice(units[k]!.end, units[next]!.start).includes('\n');
      const sentenceEnd = /^[.!?]$/.test(text.slice(units[k]!.start, units[k]!.end));
      if (
        next - s >= MAX_SEGMENT_UNITS ||
        (next - s >= MIN_SEGMENT_UNITS && !inLabel && (lineBreak || sentenceEnd))
      ) {
        out.push({ start: s, end: next });
        s = next;
      }
    }
    if (b > s) out.push({ start: s, end: b });
  }
  return out;
}
