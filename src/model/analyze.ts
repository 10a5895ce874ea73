import type { EntitySpan, Unit, Window } from './types.ts';
import type { LoadedModel } from './load.ts';
import { sentenceBreaks } from './sentence-breaks.ts';
import { assignOwners, planSentenceWindows, planWindows, type UnitRange } from './windows.ts';

interface Plan {
  readonly units: Unit[];
  readonly windows: UnitRange[];
  /** sentenceBreaks of the document's units. */
  readonly closed: number[];
}

/**
 * Full inference for a batch of documents: tokenize, cut into overlapping windows (within each sentence,
 * for a classifier that asks for `windowsPerSentence`), run every window
 * of every document in one model call, stitch the emissions back per document, decode, map types to
 * categories (the manifest's). Offsets in the result are UTF-16 offsets into each input text. The
 * entity pipeline (src/entities) runs after this, in the worker.
 */
export async function analyzeDocuments(
  model: LoadedModel,
  texts: readonly string[],
): Promise<EntitySpan[][]> {
  const { classifier, manifest } = model;
  const plans: Plan[] = texts.map((text) => {
    const units = classifier.tokenize(text);
    // A model read sentence by sentence continues no name over a line either.
    const closed = sentenceBreaks(text, units, classifier.windowsPerSentence);
    const { maxWindowCost: cost } = classifier;
    const windows = classifier.windowsPerSentence
      ? planSentenceWindows(text, units, closed, cost, manifest.windowOverlap)
      : planWindows(units, cost, manifest.windowOverlap);
    return { units, windows, closed };
  });
  const batch: Window[] = [];
  plans.forEach((plan, d) => {
    for (const w of plan.windows) batch.push({ text: texts[d]!, units: plan.units.slice(w.start, w.end) });
  });
  const emissions = batch.length > 0 ? await classifier.run(batch) : [];

  const labelCount = classifier.labels.length;
  let next = 0;
  return plans.map((plan) => {
    const stitched = new Float32Array(plan.units.length * labelCount);
    const owner = assignOwners(plan.windows, plan.units.length);
    const first = next;
    next += plan.windows.length;
    for (let k = 0; k < plan.units.length; k++) {
      const w = owner[k]!;
      const rows = emissions[first + w]!;
      const offset = (k - plan.windows[w]!.start) * labelCount;
      stitched.set(rows.subarray(offset, offset + labelCount), k * labelCount);
    }
    return toEntities(model, plan.units, stitched, plan.closed);
  });
}

function toEntities(
  model: LoadedModel,
  units: Unit[],
  emissions: Float32Array,
  closed: readonly number[],
): EntitySpan[] {
  const entities: EntitySpan[] = [];
  for (const span of model.decoder.decode(emissions, units.length, closed)) {
    const mapped = model.manifest.categories[span.type];
    if (!mapped) continue; // a type the manifest does not expose
    const start = units[span.startUnit]!.start;
    const end = units[span.endUnit - 1]!.end;
    entities.push({
      start,
      end,
      category: mapped.category,
      ...(mapped.subcategory ? { subcategory: mapped.subcategory } : {}),
      confidence: Math.round(span.confidence * 100) / 100,
    });
  }
  return entities;
}
