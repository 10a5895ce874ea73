import { findAddresses } from './recognizers/address/index.ts';
import { findDateTimes } from './recognizers/datetime/index.ts';
import { loadEventRecognizer } from './recognizers/event/index.ts';
import { loadLandmarkRecognizer } from './recognizers/landmark/index.ts';
import { findEventNouns } from './recognizers/event/nouns.ts';
import { loadOrganizationRecognizer } from './recognizers/organization/index.ts';
import { findPatterns } from './recognizers/patterns.ts';
import { loadPersonTypes } from './recognizers/person-type/index.ts';
import { loadProductRecognizer } from './recognizers/product/index.ts';
import { findQuantities } from './recognizers/quantity/index.ts';
import { loadSkills } from './recognizers/skill/index.ts';
import { RECOGNIZER_NAMES, type PipelineSettings, type RecognizerName } from './settings.ts';
import type { Recognizer } from './types.ts';

/** How each rule recogniser is made; list-based ones read their files from the lists directory. */
const LOADERS: Record<RecognizerName, (listsDir: string) => Recognizer> = {
  patterns: () => findPatterns,
  datetime: () => findDateTimes,
  quantity: () => findQuantities,
  address: () => findAddresses,
  personType: loadPersonTypes,
  skill: loadSkills,
  organization: loadOrganizationRecognizer,
  landmark: loadLandmarkRecognizer,
  event: (dir) => both(loadEventRecognizer(dir), findEventNouns),
  product: loadProductRecognizer,
};

/** Named events from the lists, and the event nouns Azure returns ("a trip to Seattle"). */
function both(a: Recognizer, b: Recognizer): Recognizer {
  return (text, ctx) => [...a(text, ctx), ...b(text, ctx)];
}

/** The enabled recognisers, in RECOGNIZER_NAMES order, each loaded once. */
export function loadRecognizers(settings: PipelineSettings): Recognizer[] {
  const out: Recognizer[] = [];
  for (const name of RECOGNIZER_NAMES.filter((n) => settings.recognizers.includes(n))) {
    out.push(LOADERS[name](settings.lists));
  }
  return out;
}
