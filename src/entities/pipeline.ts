/**
 * The entity pipeline for general NER, in one place. Per document:
 *  1. A tagger's span loses the lower-case chat words at its edges ("martin lmao" → "martin"), a
 *     count it ran into ("the Space Needle 2 times" → "the Space Needle") and a full stop after a
 *     number or a model's letter that ends the sentence ("Windows 11." → "Windows 11", "Tesla Model Y."
 *     → "Tesla Model Y"). A tagger's person, organisation or place that runs over
 *     a lower-case word between capitalised ones is cut around it ("Goldman Sachs downgraded Tesla"
 *     → "Goldman Sachs" + "Tesla").
 *     Model spans (PER/ORG/LOC/MISC from the tagger) get their finest Azure type from the refiner
 *     (City, OrganizationSports, SportsEvent, ...); a MISC name with no evidence for an Azure type is
 *     dropped, or kept as `Miscellaneous` with `entities.miscellaneous: keep`. A Person that joins
 *     two names ("john and priya"), or an organisation joined to "The Guardian" or to a name with its
 *     own first word ("Bank of America and Bank of England"), is cut in two; so are two listed places
 *     ("Davos and Zermatt"), an organisation one of whose parts is a listed product ("Adobe
 *     Photoshop and Figma") or each part an event ("CES and Mobile World Congress"), and two names of
 *     the "X & Y" kind ("Procter & Gamble and Ernst & Young"). Of two names joined by "and" or "or",
 *     one the tagger was unsure of takes the kind of one it was sure of ("Iga Swiatek and Jasmine
 *     Paolini", two people; conjuncts.ts).
 *  2. The rule recognisers enabled in `entities.recognizers` run over the text, in RECOGNIZER_NAMES
 *     order; each returns typed candidates with their metadata already resolved. They need nothing
 *     but the text, so where a core is spare the inference worker has a large batch's run on a thread
 *     of their own while its model runs (src/inference/recognizer-thread.ts) and passes their
 *     candidates to `runBatch`.
 *  3. Adjustments: an organisation's or place's acronym defined in parentheses after its name names
 *     it there and at its later mentions ("World Health Organisation (WHO)", acronyms.ts). In
 *     adjust.ts: a tagger's organisation that runs over " and " into a company the organisation
 *     recogniser trusts is cut before it ("Hewlett Packard Enterprise and Lenovo"); two people either
 *     side of " & " before "'s" are their business ("Ben & Jerry's"); two names either side of a nickname in
 *     quotes or brackets are one person ("Roberto "Hands of Stone" Duran"); a role the tagger swallowed
 *     into a name is split off ("CEO of Contoso" → "CEO" + "Contoso"), a surname that is also a role
 *     word stays a person; of candidates for exactly the same characters one is kept; a model name
 *     that starts inside an amount and runs past it ("64 GB of RAM" → "GB of RAM") is dropped; a model name that runs into a date written in
 *     lower case is cut before it ("sarah tmrw"); "Georgia" is the state where the document names
 *     another US state; a holiday after a temporal preposition that the DateTime recogniser read as a
 *     date for the same characters is the date ("closed on Christmas Day"). A computing product's
 *     version right after it joins its name ("Chrome 131", "macOS Sonoma 14.5"; product-versions.ts). A
 *     degree after a person's name is no state ("Sarah Lee, MD"; degrees.ts).
 *  4. Every candidate is kept, overlaps included (what `allowOverlap` returns), up to
 *     `maxCandidatesPerDocument` (longest first): the API applies the caller's filters and overlap
 *     policy (matchLongest by default), so they cost nothing here.
 * Custom NER deployments skip all of this: they return their own labels only.
 */
import type { EntitySpan } from '../model/types.ts';
import { acronymsOfNames } from './acronyms.ts';
import { typeLikeConjuncts } from './conjuncts.ts';
import {
  cutAtLowerCaseWords,
  cutCountAtEnd,
  cutBeforeListedCompanies,
  cutNamesBeforeDates,
  dedupeSpans,
  holidaysAsDates,
  dropNamesInsideAmounts,
  joinFoundersBusinesses,
  joinNamesAroundNicknames,
  separateRolesFromNames,
  splitJoinedNames,
  statesAfterCities,
  statesAmongStates,
  trimChatWords,
  trimSentencePeriod,
} from './adjust.ts';
import { dropDegreesAfterNames } from './degrees.ts';
import { withVersions } from './product-versions.ts';
import { loadRecognizers } from './registry.ts';
import { loadRefiner, type ModelLabel, type Refiner } from './refine/index.ts';
import type { PipelineSettings } from './settings.ts';
import { isEntityType, typeInfo } from './taxonomy.ts';
import type { Candidate, RecognizedEntity, Recognizer, RecognizerContext } from './types.ts';

export interface EntityPipeline {
  /** Entities of one document: refined model spans plus rule candidates, sorted by start, then end. */
  run(text: string, modelSpans: readonly EntitySpan[], ctx: RecognizerContext): RecognizedEntity[];
  /**
   * `run` for each document of a batch (`modelSpans[d]` are the spans of `texts[d]`), with the same
   * results. `recognized`: the rule recognisers' candidates of each document, found elsewhere by
   * `createRecognizerBatch` with the same settings and `ctx` (another thread, while the model ran);
   * without it the pipeline runs them itself.
   */
  runBatch(
    texts: readonly string[],
    modelSpans: readonly (readonly EntitySpan[])[],
    ctx: RecognizerContext,
    recognized?: readonly (readonly Candidate[])[],
  ): RecognizedEntity[][];
}

/** The rule recognisers' candidates of each document of a batch, as `runBatch` would find them. */
export type RecognizerBatch = (texts: readonly string[], ctx: RecognizerContext) => Candidate[][];

/**
 * Loads the enabled rule recognisers once. Over a batch, each recogniser runs over every document
 * before the next one starts: one recogniser's tables at a time stay warm in the CPU caches for the
 * whole batch, where all of them for each document in turn do not (~15 µs less per document at 32
 * documents a batch, measured in the worker's model-then-pipeline loop).
 */
export function createRecognizerBatch(settings: PipelineSettings): RecognizerBatch {
  const recognizers: Recognizer[] = loadRecognizers(settings);
  return (texts, ctx) => {
    const found = texts.map((): Candidate[] => []);
    for (const recognize of recognizers) {
      for (let d = 0; d < texts.length; d++) {
        const candidates = found[d]!;
        for (const c of recognize(texts[d]!, ctx)) candidates.push(c);
      }
    }
    return found;
  };
}

const MODEL_LABELS: Readonly<Record<string, ModelLabel>> = {
  Person: 'PER',
  Organization: 'ORG',
  Location: 'LOC',
  Miscellaneous: 'MISC',
};

/** Loads the refiner and the enabled recognisers, their name lists, once. */
export function createPipeline(settings: PipelineSettings): EntityPipeline {
  const refiner = loadRefiner(settings.lists);
  const recognize = createRecognizerBatch(settings);
  const runBatch: EntityPipeline['runBatch'] = (texts, modelSpans, ctx, recognized) => {
    if (recognized && recognized.length !== texts.length)
      throw new Error("runBatch needs the rule recognisers' candidates of every document");
    const rules = recognized ?? recognize(texts, ctx);
    const found = texts.map((text, d) => {
      const candidates: Candidate[] = [];
      const add = (span: EntitySpan): void => {
        const candidate = refineModelSpan(text, span, refiner, settings);
        if (!candidate) return;
        const parts =
          candidate.type === 'Location' || candidate.type === 'Organization'
            ? joinedNames(text, span, refiner, settings, candidate.type)
            : undefined;
        candidates.push(...(parts ?? splitJoinedNames(text, candidate)));
      };
      for (const found of modelSpans[d] ?? []) {
        const trimmed = trimChatWords(text, found);
        if (!trimmed) continue;
        const tagged = trimSentencePeriod(text, cutCountAtEnd(text, trimmed));
        const cut = cutAtLowerCaseWords(text, tagged);
        if (cut) cut.forEach(add);
        else add(tagged);
      }
      return typeLikeConjuncts(text, candidates);
    });
    for (let d = 0; d < texts.length; d++) {
      const candidates = found[d]!;
      for (const c of rules[d]!) candidates.push(c);
    }
    return texts.map((text, d) => {
      const adjusted = withVersions(
        text,
        dropDegreesAfterNames(
          text,
          dropNamesInsideAmounts(
            dedupeSpans(
              holidaysAsDates(
                text,
                statesAmongStates(
                  text,
                  statesAfterCities(
                    text,
                    cutNamesBeforeDates(
                      text,
                      separateRolesFromNames(
                        text,
                        joinNamesAroundNicknames(
                          text,
                          joinFoundersBusinesses(
                            text,
                            cutBeforeListedCompanies(text, acronymsOfNames(text, found[d]!)),
                          ),
                        ),
                      ),
                    ),
                  ),
                ),
              ),
            ),
          ),
        ),
      );
      return capped(adjusted, settings.maxCandidatesPerDocument).map(toRecognized);
    });
  };
  return {
    run: (text, modelSpans, ctx) => runBatch([text], [modelSpans], ctx)[0]!,
    runBatch,
  };
}

function refineModelSpan(
  text: string,
  span: EntitySpan,
  refiner: Refiner,
  settings: PipelineSettings,
): Candidate | undefined {
  const label = MODEL_LABELS[span.category];
  if (label) {
    const { start, end, confidence } = span;
    const refined = refiner(text, { start, end, label, confidence });
    // Built field by field (not spread): one object shape for every candidate, on a hot path.
    if (refined) {
      return {
        start: refined.start,
        end: refined.end,
        type: refined.type,
        confidence: refined.confidence,
        source: 'model',
        modelLabel: label,
      };
    }
    if (label !== 'MISC' || settings.miscellaneous === 'drop') return undefined;
    return { start, end, type: 'Miscellaneous', confidence, source: 'model', modelLabel: label };
  }
  // A model that already speaks Azure's types (e.g. an export labelled DateTime/Date).
  const type = span.subcategory && isEntityType(span.subcategory) ? span.subcategory : span.category;
  if (!isEntityType(type)) return undefined;
  return { start: span.start, end: span.end, type, confidence: span.confidence, source: 'model' };
}

const NAME_JOINT = / and /g;

/**
 * Two names the tagger joined with "and" into one it cannot type: "Davos and Zermatt", "Ohio and
 * Indiana" (a place each of which the lists know, so "Trinidad and Tobago", one listed country, is never
 * cut); "Adobe Photoshop and Figma" (an organisation one of whose parts is a listed product: "Procter and
 * Gamble" stays whole); "Procter & Gamble and Ernst & Young" (two names joined by "&" each); "CES and
 * Mobile World Congress" (an organisation each part of which is an event). Undefined when the span stays
 * one.
 */
function joinedNames(
  text: string,
  span: EntitySpan,
  refiner: Refiner,
  settings: PipelineSettings,
  whole: 'Location' | 'Organization',
): Candidate[] | undefined {
  const name = text.slice(span.start, span.end);
  if (!name.includes(' and ')) return undefined;
  const parts: Candidate[] = [];
  let from = 0;
  for (const cut of [...name.matchAll(NAME_JOINT), { index: name.length, 0: '' }]) {
    const part = { ...span, start: span.start + from, end: span.start + cut.index };
    const refined = refineModelSpan(text, part, refiner, settings);
    if (!refined || refined.start !== part.start || refined.end !== part.end) return undefined;
    if (whole === 'Location' && refined.type === 'Location') return undefined;
    parts.push(refined);
    from = cut.index + cut[0].length;
  }
  // "Procter & Gamble and Ernst & Young": two names of the "X & Y" kind are two companies; "the Consumer
  // Electronics Show and Mobile World Congress", two events.
  const ampersands = parts.every((p) => text.slice(p.start, p.end).includes(' & '));
  const events = parts.every((p) => typeInfo(p.type).category === 'Event');
  if (
    whole === 'Organization' &&
    !ampersands &&
    !events &&
    !parts.some((p) => typeInfo(p.type).category === 'Product')
  )
    return undefined;
  return parts;
}

/** At most `max` candidates, the longest first: a flood of tiny matches cannot crowd out real entities. */
function capped(sorted: Candidate[], max: number): Candidate[] {
  if (sorted.length <= max) return sorted;
  const longest = [...sorted].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  longest.length = max;
  return longest.sort((a, b) => a.start - b.start || a.end - b.end);
}

function toRecognized(c: Candidate): RecognizedEntity {
  const info = typeInfo(c.type);
  const out: {
    start: number;
    end: number;
    category: string;
    subcategory?: string;
    confidence: number;
    type: Candidate['type'];
    metadata?: Candidate['metadata'];
    modelLabel?: string;
  } = { start: c.start, end: c.end, category: info.category, confidence: c.confidence, type: c.type };
  if (info.subcategory) out.subcategory = info.subcategory;
  if (c.metadata) out.metadata = c.metadata;
  if (c.modelLabel) out.modelLabel = c.modelLabel;
  return out;
}
