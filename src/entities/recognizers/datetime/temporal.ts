/**
 * What the grammar produces: a span of tokens with Recognizers-Text style resolutions (timex, value,
 * start/end, Mod), plus the parts later rules combine ("Friday" + "6pm", "from X to Y").
 */
import type { Day } from './calendar.ts';
import type { Token } from './tokens.ts';

export type TemporalType =
  'Date' | 'Time' | 'DateTime' | 'DateRange' | 'TimeRange' | 'DateTimeRange' | 'Duration' | 'SetTemporal';

/** One resolution, shaped like Recognizers-Text's `datetimeV2` values. */
export interface Resolution {
  readonly timex: string;
  /** Point types and sets: `2026-05-04`, `18:00:00`, `2026-05-04 18:00:00`, `not resolved`. */
  readonly value?: string;
  readonly start?: string;
  readonly end?: string;
  /** Recognizers-Text's `Mod`: `before`, `after`, `since`, `until`, `start`, `mid`, `end`. */
  readonly mod?: string;
  /** Durations: the ISO 8601 duration. */
  readonly duration?: string;
}

/** A date (or ambiguous date) that a time or part of day can attach to. */
export interface DatePart {
  readonly timex: string;
  /** One day per resolution (two when the year or week is ambiguous: past, then future). */
  readonly days: readonly Day[];
}

/** A clock time: `timex` `T18:30`, `clock` `18:30:00`; `alt` is the other half of the day when ambiguous. */
export interface TimePart {
  readonly timex: string;
  readonly clock: string;
  readonly alt?: { readonly timex: string; readonly clock: string };
}

export interface Temporal {
  /** Token indices [i0, i1). */
  readonly i0: number;
  readonly i1: number;
  /** Where the span starts when not at token i0's start: the upper bound of "3-4 weeks" (a character offset). */
  readonly from?: number;
  readonly type: TemporalType;
  readonly values: readonly Resolution[];
  readonly date?: DatePart;
  readonly time?: TimePart;
}

/** What every rule sees. */
export interface Scan {
  readonly text: string;
  readonly toks: readonly Token[];
  readonly today: Day;
  /** The reference moment as `YYYY-MM-DD HH:MM:SS`. */
  readonly now: string;
}

/** A grammar rule: the longest temporal starting at token `i`, if any. */
export type Rule = (s: Scan, i: number) => Temporal | undefined;

/** The tokens a rule can start on: these words (lower-case), digits-only numbers, joined numbers ("18:30"). */
export interface Trigger {
  readonly words?: readonly string[];
  readonly number?: boolean;
  readonly compound?: boolean;
}

/** A rule and the tokens it can start on, so that the scan calls it only there. */
export interface StartRule {
  readonly rule: Rule;
  readonly on: Trigger;
}
