/**
 * Builds eval/taxonomy/docs.jsonl from eval/taxonomy/annotated.txt (the hand-written source).
 * Usage: npx tsx eval/taxonomy/build.ts [--check]   (--check: fail if docs.jsonl is out of date)
 *
 * annotated.txt: one document a line, `<id> <text>` (the id has no spaces); `#` lines are comments. An entity is written
 * in place as `[surface|Type]`, `[surface|Type|key=value;key=value]` (expected metadata), or
 * `[surface|Type?]` (optional: a span Azure may or may not return). Metadata keys:
 *   timex, value, begin, end, dur     temporal types (value: the resolved date string)
 *   value, kind                       Number/Percentage (kind: numberKind)
 *   value, iso                        Currency (iso: ISO 4217)
 *   value, unit                       Age, Temperature and dimensions (unit: Azure's unit enum name)
 *   offset, rel, value                Ordinal
 *   min, max, range                   NumberRange
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('.', import.meta.url));

const DATE_KINDS: Record<string, string> = {
  Date: 'DateMetadata',
  Time: 'TimeMetadata',
  DateTime: 'DateTimeMetadata',
  SetTemporal: 'TemporalSetMetadata',
};
const SPAN_TYPES = new Set(['DateRange', 'TimeRange', 'DateTimeRange', 'Duration']);
const UNIT_KINDS: Record<string, string> = {
  Age: 'AgeMetadata',
  Temperature: 'TemperatureMetadata',
  Length: 'LengthMetadata',
  Height: 'LengthMetadata',
  Weight: 'WeightMetadata',
  Volume: 'VolumeMetadata',
  Area: 'AreaMetadata',
  Speed: 'SpeedMetadata',
  Information: 'InformationMetadata',
};

export interface Entity {
  text: string;
  offset: number;
  length: number;
  type: string;
  metadata?: Record<string, unknown>;
  optional?: true;
}

function metadataFor(type: string, spec: string): Record<string, unknown> {
  const kv: Record<string, string> = {};
  for (const part of spec.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new Error(`bad metadata "${part}"`);
    kv[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  const num = (k: string) => Number(kv[k]);
  if (DATE_KINDS[type]) {
    const value = { timex: kv.timex, ...(kv.value ? { value: kv.value } : {}) };
    return { metadataKind: DATE_KINDS[type], dateValues: [value] };
  }
  if (SPAN_TYPES.has(type)) {
    const span: Record<string, string> = {};
    if (kv.timex) span.timex = kv.timex;
    if (kv.dur) span.duration = kv.dur;
    if (kv.begin) span.begin = kv.begin;
    if (kv.end) span.end = kv.end;
    return { metadataKind: 'TemporalSpanMetadata', spanValues: [span] };
  }
  if (type === 'Number' || type === 'Percentage') {
    return {
      metadataKind: 'NumberMetadata',
      ...(kv.kind ? { numberKind: kv.kind } : {}),
      value: num('value'),
    };
  }
  if (type === 'Currency') {
    return { metadataKind: 'CurrencyMetadata', value: num('value'), ...(kv.iso ? { iso4217: kv.iso } : {}) };
  }
  if (type === 'Ordinal') {
    return { metadataKind: 'OrdinalMetadata', offset: kv.offset, relativeTo: kv.rel, value: kv.value };
  }
  if (type === 'NumberRange') {
    return {
      metadataKind: 'NumericRangeMetadata',
      rangeKind: kv.range,
      minimum: num('min'),
      maximum: num('max'),
    };
  }
  const kind = UNIT_KINDS[type];
  if (kind) return { metadataKind: kind, value: num('value'), unit: kv.unit };
  throw new Error(`no metadata for type ${type}`);
}

/** Parses one annotated line into its plain text and entities (UTF-16 offsets). */
export function parseAnnotated(line: string): { text: string; entities: Entity[] } {
  let text = '';
  const entities: Entity[] = [];
  const re = /\[([^\]|[]+)\|([A-Za-z]+)(\?)?(?:\|([^\]]*))?\]/g;
  let last = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    text += line.slice(last, m.index);
    const [, surface, type, optional, spec] = m as unknown as [string, string, string, string?, string?];
    const entity: Entity = { text: surface, offset: text.length, length: surface.length, type };
    if (spec) entity.metadata = metadataFor(type, spec);
    if (optional) entity.optional = true;
    entities.push(entity);
    text += surface;
    last = m.index + m[0].length;
  }
  text += line.slice(last);
  if (/[[\]|]/.test(text)) throw new Error(`unparsed markup in: ${text}`);
  return { text, entities };
}

export function buildJsonl(source: string): string {
  const out: string[] = [];
  const ids = new Set<string>();
  for (const raw of source.split('\n')) {
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const tab = raw.indexOf(' ');
    if (tab < 0) throw new Error(`no space after the id: ${raw.slice(0, 40)}`);
    const id = raw.slice(0, tab);
    if (ids.has(id)) throw new Error(`duplicate id ${id}`);
    ids.add(id);
    const { text, entities } = parseAnnotated(raw.slice(tab + 1));
    out.push(JSON.stringify({ id, genre: id.replace(/-\d+$/, ''), text, entities }));
  }
  return out.join('\n') + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = buildJsonl(readFileSync(`${DIR}annotated.txt`, 'utf8'));
  if (process.argv.includes('--check')) {
    if (readFileSync(`${DIR}docs.jsonl`, 'utf8') !== built) {
      console.error('eval/taxonomy/docs.jsonl is out of date: run npx tsx eval/taxonomy/build.ts');
      process.exit(1);
    }
  } else {
    writeFileSync(`${DIR}docs.jsonl`, built);
    console.log(`${built.trimEnd().split('\n').length} documents written to eval/taxonomy/docs.jsonl`);
  }
}
