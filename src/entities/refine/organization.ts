import type { EntityType } from '../taxonomy.ts';
import type { ListRow } from './lists.ts';
import { normalizeName } from './normalize.ts';
import type { PlaceIndex } from './location.ts';

export type OrganizationType = Extract<
  EntityType,
  'Organization' | 'OrganizationMedical' | 'OrganizationStockExchange' | 'OrganizationSports'
>;

/** Organisation names keyed by `normalizeName`. */
export type OrganizationIndex = ReadonlyMap<string, OrganizationType>;

export function indexOrganizations(rows: readonly ListRow[]): OrganizationIndex {
  const index = new Map<string, OrganizationType>();
  for (const r of rows) index.set(normalizeName(r.name), r.type as OrganizationType);
  return index;
}

const MEDICAL =
  /(?:\bhospital|\bclinic|\bmedical cent(?:er|re)|\bhealth system|\bhealth cent(?:er|re)|\bhealthcare|\bhealth care|\binfirmary|\bcancer cent(?:er|re)|\bcancer institute|\bmedical school|\bmedical college|\bschool of medicine|\bpharmaceuticals?|\bpharma|\btherapeutics|\bbiotech|\bhospice|\bsanatorium|\bmedicine)$/;
const STOCK_EXCHANGE = /(?:\bstock exchange|\bstock market|\bsecurities exchange|\bbourse|\bborse|\bboerse)$/;
/** Club and league endings: "Leeds United", "Chelsea FC", "FC Porto", "Seattle Sounders FC". */
const SPORTS_TAIL =
  / (?:fc|f\.c\.|afc|cf|sc|united|city|athletic|rovers|wanderers|hotspur|albion|rangers|football club|rugby club|cricket club|hockey club|basketball club|racing|motorsports)$/;
const SPORTS_HEAD =
  /^(?:fc|f\.c\.|ac|as|ssc|cd|cf|sc|sv|vfb|vfl|tsv|real|atletico|sporting|olympique|dynamo|dinamo|inter) /;

/**
 * The finest Organization type of a name the model tagged ORG. A big city's or a state's bare name tagged
 * ORG is a club ("Barcelona beat Juventus", "Minnesota 5 Texas 3"): CoNLL tags teams by their city as ORG
 * and the city itself as LOC.
 */
export function organizationType(
  name: string,
  orgs: OrganizationIndex,
  places: PlaceIndex,
): OrganizationType {
  const key = normalizeName(name);
  // Plain `Organization` rows (company words, hotel chains) are there for PER spans; a club named by
  // its city ("Barcelona") is in the company words too, so they decide nothing here.
  const known = orgs.get(key);
  if (known && known !== 'Organization') return known;
  if (MEDICAL.test(key)) return 'OrganizationMedical';
  if (STOCK_EXCHANGE.test(key)) return 'OrganizationStockExchange';
  if (SPORTS_TAIL.test(key) || SPORTS_HEAD.test(key)) return 'OrganizationSports';
  const place = places.get(key);
  if (place?.major && (place.type === 'City' || place.type === 'State')) return 'OrganizationSports';
  return 'Organization';
}
