import type { EntityType } from '../taxonomy.ts';
import type { ListRow } from './lists.ts';
import { Endings, Openings, phrases } from './affixes.ts';
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
  // A listed team's plural nickname, for names the tagger already found: "the Ravens" beat "the Chiefs";
  // and a club's name without "FC" ("Arsenal", "Chelsea"), over a company word of that name.
  for (const r of rows) {
    if (r.type !== 'OrganizationSports') continue;
    const nickname = TEAM_NICKNAME.exec(r.name)?.[1];
    if (nickname && !index.has(normalizeName(nickname)))
      index.set(normalizeName(nickname), 'OrganizationSports');
    const club = CLUB_SUFFIX.exec(r.name);
    const bare = club ? normalizeName(r.name.slice(0, club.index)) : undefined;
    if (bare && (index.get(bare) ?? 'Organization') === 'Organization') index.set(bare, 'OrganizationSports');
  }
  return index;
}

/** A football club's suffix: "Arsenal FC", "Ajax A.F.C.", "Celta de Vigo CF". */
const CLUB_SUFFIX = / (?:F\.?C|A\.?F\.?C|C\.?F|S\.?C|S\.?V|F\.?K|B\.?K|I\.?F)\.?$/;

/** The last word of a team's name of several words, a capitalised plural: "Baltimore Ravens" -> "Ravens". */
const TEAM_NICKNAME = / (\p{Lu}\p{Ll}+s)$/u;

const MEDICAL = new Endings(
  phrases(
    'hospital|clinic|medical center|medical centre|health system|health center|health centre|healthcare|' +
      'health care|infirmary|cancer center|cancer centre|cancer institute|medical school|medical college|' +
      'school of medicine|pharmaceutical|pharmaceuticals|pharma|therapeutics|biotech|hospice|sanatorium|medicine',
  ),
  'word',
);
/**
 * Head words of a place of care ("Massachusetts General Hospital", "St. Mary's Medical Center"): an
 * institution, OrganizationMedical, even where the tagger reads the name as a building.
 */
const CARE_INSTITUTION = new Endings(
  phrases(
    'hospital|clinic|medical center|medical centre|infirmary|cancer center|cancer centre|cancer institute|' +
      'hospice|health center|health centre|medical college|school of medicine',
  ),
  'space',
);

/** Whether a name of two words or more names a hospital, a clinic or a medical centre. */
export function isCareInstitution(name: string): boolean {
  return name.includes(' ') && CARE_INSTITUTION.test(normalizeName(name));
}

/** "Sutter Health", "Atrium Health": a health system's name; not "Ministry of Health", "Men's Health". */
const HEALTH_SYSTEM = /^\p{Lu}[\p{L}&.-]*(?: \p{Lu}[\p{L}&.-]*)* Health$/u;

const STOCK_EXCHANGE = new Endings(
  phrases('stock exchange|stock market|securities exchange|bourse|borse|boerse'),
  'word',
);
/** Club and league endings: "Leeds United", "Chelsea FC", "FC Porto", "Seattle Sounders FC". */
const SPORTS_TAIL = new Endings(
  phrases(
    'fc|f.c.|afc|cf|sc|united|city|athletic|rovers|wanderers|hotspur|albion|rangers|football club|rugby club|' +
      'cricket club|hockey club|basketball club|racing|motorsports',
  ),
  'space',
);
const SPORTS_HEAD = new Openings(
  phrases('fc|f.c.|ac|as|ssc|cd|cf|sc|sv|vfb|vfl|tsv|real|atletico|sporting|olympique|dynamo|dinamo|inter'),
);

/**
 * Head words that end a company's, a restaurant's, a café's or an inn's name: a business, not a place
 * ("Columbia Records", "San Francisco Bulletin"; CoNLL train and dev tag the 30 names ending in records
 * ... telegraph ORG).
 */
const BUSINESS_TAIL = new Endings(
  phrases(
    'restaurant|cafe|café|bistro|brasserie|grill|diner|pub|tavern|bakery|pizzeria|steakhouse|eatery|' +
      'coffee|deli|inn|labs|lab|technologies|systems|solutions|software|ventures|capital|partners|holdings|' +
      'group|industries|enterprises|networks|inc|inc.|ltd|ltd.|llc|corp|corp.|corporation|company|records|' +
      'pictures|entertainment|publishing|publishers|media|airlines|airways|motors|pharmaceuticals|insurance|' +
      'telecom|communications|electronics|brewery|times|post|herald|journal|gazette|tribune|chronicle|bulletin|' +
      'telegraph',
  ),
  'space',
);

/**
 * Whether a name of two words or more ends like a company's, a restaurant's or an inn's ("Fabrikam
 * Labs", "Contoso Steakhouse", "Hilton Garden Inn"): Azure's Organization takes businesses (CoNLL train
 * and dev tag all 213 such names ORG). A hotel, motel or resort the tagger calls a place stays a building
 * (Structural, location.ts).
 */
export function isBusinessName(name: string): boolean {
  return BUSINESS_TAIL.test(normalizeName(name));
}

/** Head words that end an institution's name of two words or more ("World Economic Forum"). */
const INSTITUTION_TAIL = new Endings(
  phrases(
    'forum|foundation|institute|institution|association|council|committee|commission|federation|society|' +
      'organization|organisation|agency|bureau|authority|ministry|university|college|corporation|bank|fund|' +
      'alliance|coalition|hospital|clinic|school|academy|parliament|congress|senate|assembly|legislature',
  ),
  'space',
);

/**
 * Parliaments named in their own language, which the tagger may read as a person or a MISC name ("the
 * Bundestag approved", "the Lok Sabha"); CoNLL train tags "Duma" ORG.
 */
export const LEGISLATURES: ReadonlySet<string> = new Set([
  'Bundestag',
  'Bundesrat',
  'Duma',
  'State Duma',
  'Knesset',
  'Sejm',
  'Riksdag',
  'Storting',
  'Folketing',
  'Eduskunta',
  'Althing',
  'Oireachtas',
  'Dáil',
  'Dáil Éireann',
  'Seanad',
  'Majlis',
  'Lok Sabha',
  'Rajya Sabha',
  'Verkhovna Rada',
  'Cortes Generales',
  'Tweede Kamer',
  'Diet',
]);

/**
 * The Organization type of a name that says it is an institution by its last word ("World Economic
 * Forum", "U.S. Tennis Association"), or undefined. For names the tagger called MISC: CoNLL's MISC
 * names with these heads are leagues (typed by the lists before this) and a few committees.
 */
export function institutionType(name: string): OrganizationType | undefined {
  if (LEGISLATURES.has(name)) return 'Organization';
  const key = normalizeName(name);
  if (!INSTITUTION_TAIL.test(key)) return undefined;
  return MEDICAL.test(key) ? 'OrganizationMedical' : 'Organization';
}

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
  if (MEDICAL.test(key) || (HEALTH_SYSTEM.test(name) && !/'s Health$/.test(name)))
    return 'OrganizationMedical';
  if (STOCK_EXCHANGE.test(key)) return 'OrganizationStockExchange';
  if (SPORTS_TAIL.test(key) || SPORTS_HEAD.match(key) > 0) return 'OrganizationSports';
  const place = places.get(key);
  if (place?.major && (place.type === 'City' || place.type === 'State')) return 'OrganizationSports';
  return 'Organization';
}
