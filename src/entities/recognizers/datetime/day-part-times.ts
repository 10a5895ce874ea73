/**
 * A time said with the part of a day it falls in: "7:30 tonight", "9 tonight", "7 this evening",
 * "tonight at 8", "tomorrow morning at 8". One DateTime on that day, the hour in that half of the day,
 * as Recognizers-Text resolves them (`2026-12-06T19:30`); a bare hour counts only beside the part of day.
 */
import { pad } from './calendar.ts';
import { int, word } from './cursor.ts';
import type { Scan, Temporal, TimePart } from './temporal.ts';
import { temporal } from './values.ts';

/** A part of one day as the relative rules write it: `2026-12-06TNI` (morning, afternoon, evening, night). */
const DAY_PART = /^(\d{4}-\d\d-\d\d)T(MO|AF|EV|NI)$/;

function dayPartOf(t: Temporal): { day: string; afternoon: boolean } | undefined {
  if (t.type !== 'DateTimeRange' || t.values.length !== 1) return undefined;
  const m = DAY_PART.exec(t.values[0]!.timex);
  return m ? { day: m[1]!, afternoon: m[2] !== 'MO' } : undefined;
}

/** The time in the half of the day the part of day names: "7:30" tonight is 19:30, in the morning 07:30. */
function inHalf(time: TimePart, afternoon: boolean): TimePart {
  if (!time.alt) return time;
  const pm = Number(time.clock.slice(0, 2)) >= 12;
  const chosen = pm === afternoon ? time : time.alt;
  return { timex: chosen.timex, clock: chosen.clock };
}

function bareHour(s: Scan, i: number): TimePart | undefined {
  const h = int(s, i);
  if (!(h >= 1 && h <= 12) || s.toks[i]!.kind !== 'number') return undefined;
  const hh = pad(h % 12);
  return {
    timex: `T${hh}`,
    clock: `${hh}:00:00`,
    alt: { timex: `T${pad((h % 12) + 12)}`, clock: `${pad((h % 12) + 12)}:00:00` },
  };
}

function at(i0: number, i1: number, day: string, time: TimePart): Temporal {
  return temporal(i0, i1, 'DateTime', [{ timex: `${day}${time.timex}`, value: `${day} ${time.clock}` }]);
}

/** A time atom `a` right before a part-of-day atom `b` ("7:30 tonight"), or the reverse joined by "at". */
export function timeWithDayPart(a: Temporal, b: Temporal, gap: string): Temporal | undefined {
  if (a.time && a.type === 'Time' && gap === '') {
    const part = dayPartOf(b);
    return part && at(a.i0, b.i1, part.day, inHalf(a.time, part.afternoon));
  }
  if (b.time && b.type === 'Time' && gap === 'at') {
    const part = dayPartOf(a);
    return part && at(a.i0, b.i1, part.day, inHalf(b.time, part.afternoon));
  }
  return undefined;
}

/**
 * A bare hour beside a part-of-day atom `t`: before it ("9 tonight", after no other atom: `floor` is the
 * first token it may take) or after it and "at" ("tonight at 8", before no word or number).
 */
export function bareHourWithDayPart(s: Scan, t: Temporal, floor: number): Temporal | undefined {
  const part = dayPartOf(t);
  if (!part) return undefined;
  const before = t.i0 - 1;
  const early = before >= floor ? bareHour(s, before) : undefined;
  if (early && word(s, before - 1) !== 'the')
    return at(before, t.i1, part.day, inHalf(early, part.afternoon));
  if (word(s, t.i1) !== 'at') return undefined;
  const late = bareHour(s, t.i1 + 1);
  const after = s.toks[t.i1 + 2];
  if (!late || (after && (after.kind === 'word' || after.kind === 'number'))) return undefined;
  return at(t.i0, t.i1 + 2, part.day, inHalf(late, part.afternoon));
}
