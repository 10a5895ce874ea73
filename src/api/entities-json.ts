import { type EntityType, typeInfo } from '../entities/taxonomy.ts';
import type { PoolEntity } from '../inference/pool.ts';
import type { OffsetConverter } from '../text/string-index.ts';
import type { EntityOutputOptions } from './entity-options.ts';

/**
 * A document's entities as the JSON text of the API's `Entity` objects (recognize.ts `toEntities`),
 * written straight from the pool's entities: the same text JSON.stringify gives of those objects
 * (test/api-entities-json.test.ts holds it to that), without building them. Resolved metadata is
 * copied as the worker wrote it (`PoolEntity.metadataJson`), never parsed and written again. At
 * ~9 entities a document this takes about a fifth of the main thread's time that building the
 * objects and stringifying them did (BENCHMARKS.md, "Entity taxonomy").
 */
export function writeEntities(
  text: string,
  chosen: readonly PoolEntity[],
  conv: OffsetConverter,
  output: EntityOutputOptions,
): string {
  let json = '[';
  for (let k = 0; k < chosen.length; k++) {
    const s = chosen[k]!;
    const offset = conv.start(s.start);
    const confidence = number(s.confidence);
    if (k > 0) json += ',';
    json += `{"text":${quote(text.slice(s.start, s.end))},"category":${quote(s.category)}`;
    if (s.subcategory) json += `,"subcategory":${quote(s.subcategory)}`;
    json += `,"offset":${number(offset)},"length":${number(conv.end(s.end) - offset)},"confidenceScore":${confidence}`;
    if (output.entityMetadata) {
      json += `,"type":${quote(s.type ?? s.category)},"tags":${tags(s, confidence)}`;
      if (output.resolvedMetadata) {
        if (s.metadataJson !== undefined) json += `,"metadata":${s.metadataJson}`;
        else if (s.metadata) json += `,"metadata":${JSON.stringify(s.metadata)}`;
      }
    }
    json += '}';
  }
  return json + ']';
}

const quote = (s: string): string => JSON.stringify(s);

/** A number as JSON.stringify writes it. */
function number(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

/** Each type's tags up to their confidence: `{"name":"Location","confidenceScore":`. */
const TAG_HEADS = new Map<EntityType, readonly string[]>();

function tagHeads(type: EntityType): readonly string[] {
  let heads = TAG_HEADS.get(type);
  if (!heads) {
    heads = typeInfo(type).tags.map((name) => `{"name":${quote(name)},"confidenceScore":`);
    TAG_HEADS.set(type, heads);
  }
  return heads;
}

/** The entity's `tags` (recognize.ts `tagsOf`): its type's hierarchy, or its category alone. */
function tags(s: PoolEntity, confidence: string): string {
  if (!s.type) return `[{"name":${quote(s.category)},"confidenceScore":${confidence}}]`;
  const heads = tagHeads(s.type);
  let json = '[';
  for (let i = 0; i < heads.length; i++) json += `${i > 0 ? ',' : ''}${heads[i]!}${confidence}}`;
  return json + ']';
}
