/** Recognizers-Text style resolutions rendered as Azure's 2025-11-01 metadata kinds. */
import type { DateValue, Metadata, TemporalModifier, TemporalSpanValue } from '../../types.ts';
import type { Resolution, Temporal } from './temporal.ts';

const MODIFIERS: Readonly<Record<string, TemporalModifier>> = {
  before: 'Before',
  'before-end': 'BeforeEnd',
  after: 'After',
  since: 'Since',
  until: 'Until',
  start: 'Start',
  mid: 'Mid',
  end: 'End',
  approx: 'Approx',
  less: 'Less',
  more: 'More',
};

/** `(2026-05-01,2026-05-05,P4D)` → `P4D`. */
function tripletDuration(timex: string): string | undefined {
  const m = /^\(.*,(P[^,)]+)\)$/.exec(timex);
  return m ? m[1] : undefined;
}

function dateValue(r: Resolution): DateValue {
  const modifier = r.mod ? MODIFIERS[r.mod] : undefined;
  const v = { timex: r.timex, value: r.value ?? 'not resolved' };
  return modifier ? { ...v, modifier } : v;
}

function spanValue(r: Resolution): TemporalSpanValue {
  const out: { -readonly [K in keyof TemporalSpanValue]: TemporalSpanValue[K] } = {};
  if (r.start !== undefined) out.begin = r.start;
  if (r.end !== undefined) out.end = r.end;
  const duration = r.duration ?? tripletDuration(r.timex);
  if (duration !== undefined) out.duration = duration;
  const modifier = r.mod ? MODIFIERS[r.mod] : undefined;
  if (modifier) out.modifier = modifier;
  out.timex = r.timex;
  return out;
}

export function toMetadata(t: Temporal): Metadata {
  switch (t.type) {
    case 'Date':
      return { metadataKind: 'DateMetadata', dateValues: t.values.map(dateValue) };
    case 'Time':
      return { metadataKind: 'TimeMetadata', dateValues: t.values.map(dateValue) };
    case 'DateTime':
      return { metadataKind: 'DateTimeMetadata', dateValues: t.values.map(dateValue) };
    case 'SetTemporal':
      return { metadataKind: 'TemporalSetMetadata', dateValues: t.values.map(dateValue) };
    default:
      return { metadataKind: 'TemporalSpanMetadata', spanValues: t.values.map(spanValue) };
  }
}
