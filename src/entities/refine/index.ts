/**
 * The refiner: gives each span of the CoNLL tagger (PER, ORG, LOC, MISC) its finest Azure type from
 * the name lists in models/entities and a few anchored patterns. One call per model span; each is a
 * few hash lookups and short regex tests on the span and the 16 characters before it.
 *
 *  - LOC  -> City, State, CountryRegion, Continent, Airport, Structural, Geological, GPE; a listed club,
 *            hospital or exchange ("the Boston Celtics") its Organization type, a listed company alone
 *            (orgs-companies.txt: "Fabrikam") Organization, also a listed organisation named like a
 *            river after a role and "of" ("CEO of Amazon"); a city or state named for its team in a
 *            game's report ("Los Angeles won", home-team.ts) OrganizationSports; else Location
 *  - ORG after a place's "-based" ("St. Louis-based Mercantile Bancorp") -> the name after it
 *  - ORG before "team" or "department" -> dropped when it is a department ("the Finance team"), cut to
 *            the company's name before the department ("the Contoso Procurement team")
 *  - ORG  -> OrganizationMedical, OrganizationStockExchange, OrganizationSports, a listed product or event
 *            of two words or more ("Microsoft Azure", "Microsoft Ignite"), else Organization; "a Delaware
 *            corporation" and a town after "in" ("formed in Liverpool") -> the place
 *  - PER  -> Person (without a letter's "Dear"/"Hi"), except an institution ("Mayo Clinic"), a listed
 *            organisation of several words ("Kaiser Permanente"), an event ("Azure AI Webinar"), a company,
 *            hotel, river or building after "the", and a major place after "in", "near", "visit"
 *  - MISC -> Event subtypes, Product/ComputingProduct, Skill; undefined (dropped) without evidence
 *  - LOC without a list entry after "fluent in", "speaks" ("fluent in Mandarin"): a language, dropped
 *  - any label: an office abbreviation of not-names.txt ("NDA", "EOD", "KPI") is no name (dropped), nor
 *    a degree in a field ("B.Sc. in Computer Science")
 *  - PER, ORG, LOC before "'s": a listed company whose name ends so ("McDonald's") -> the whole name
 *  - PER or LOC after a company's noun ("giant Pirelli"), PER before "shares"/"stock" -> Organization
 *  - PER, ORG, LOC after a dose and "of" ("20 mg of Lipitor") -> Product; a LOC no list types before
 *    "'s house", "'s place" ("dinner at Maria's house") -> Person
 *  - LOC after "State of" / "Commonwealth of" ("the State of New York") -> State (a country: CountryRegion)
 */
import type { EntityType } from '../taxonomy.ts';
import { loadEventMatcher } from '../recognizers/event/index.ts';
import { EMPLOYER_ROLES, readCompanyNames } from '../recognizers/organization/index.ts';
import { loadProductMatcher } from '../recognizers/product/index.ts';
import { readList, readNames } from './lists.ts';
import { indexPlaces, locationType, type PlaceIndex } from './location.ts';
import { NameMemo } from './memo.ts';
import { normalizeName } from './normalize.ts';
import { miscType } from './misc.ts';
import { typeInContext } from './context-types.ts';
import { afterStateOf, orgAsPlace, personAsPlace, stateType } from './read-as-place.ts';
import {
  isDegreeIn,
  nameBeforeSuffix,
  withoutBasedIn,
  withoutOwner,
  withoutDepartment,
  withoutHonorific,
  withoutQuantifier,
  withoutSalutation,
} from './span-edits.ts';
import { courtOfDistrict, placeOfPlace, universityCampus, venueOfName, withOwnS } from './longer-names.ts';
import { demonymBeforeNoun } from './demonym.ts';
import { beforeGoods, endsWithGoodsNoun, namesAThingMade } from './made-thing.ts';
import {
  indexOrganizations,
  institutionType,
  isBusinessName,
  isCareInstitution,
  organizationType,
} from './organization.ts';
import { atABusiness, personType } from './person.ts';
import { modelCandidate, type ModelSpan, type Refiner } from './types.ts';

export type { ModelLabel, ModelSpan, Refiner } from './types.ts';

/**
 * Loads places.tsv, orgs.tsv, orgs-companies.txt, events.tsv, products.tsv, products-skills.txt and
 * not-names.txt from `dir` once.
 */
export function loadRefiner(dir: string): Refiner {
  const notNames = new Set(readNames(dir, 'not-names.txt'));
  const companies = new Set(readCompanyNames(dir).keys());
  const places = indexPlaces(readList(dir, 'places.tsv'));
  // Small towns type only a name the tagger called a place: no evidence that a word is one.
  const towns = new Set(readNames(dir, 'towns.txt').map(normalizeName));
  const orgRows = readList(dir, 'orgs.tsv');
  const orgs = indexOrganizations(orgRows);
  // Universities and colleges ("Harvard", "Johns Hopkins", "MIT"; flag `u`), which the tagger may read
  // as places.
  const isOrganization = (name: string): boolean => companies.has(name) || orgs.has(normalizeName(name));
  const schools = new Set(orgRows.filter((r) => r.flags.includes('u')).map((r) => normalizeName(r.name)));
  const evidence = {
    events: loadEventMatcher(dir),
    products: loadProductMatcher(dir),
    skills: new Set(readNames(dir, 'products-skills.txt')),
    orgs,
  };
  // A club, hospital, exchange or well-known company the tagger read as a place ("the Boston Celtics",
  // "Fabrikam"): the lists of organisations decide, unless the name is a known or recognisable place.
  const placeOrClub = (name: string): EntityType => {
    // A listed university beats a small town of its name ("Harvard"), not a city ("Cambridge").
    const key = normalizeName(name);
    if (schools.has(key) && !places.has(key)) return 'Organization';
    const place = locationType(name, places, towns);
    if (place === 'Structural' || place === 'Location') {
      // "Massachusetts General Hospital": a hospital is an institution, whatever building it names;
      // so are "Harrow School" and "Stanford University" (CoNLL train and dev tag all such names ORG).
      if (isCareInstitution(name)) return 'OrganizationMedical';
      const institution = institutionType(name);
      if (institution) return institution;
    }
    if (place !== 'Location') return place;
    if (isBusinessName(name)) return 'Organization';
    if (cityAndAirport(name)) return 'Airport';
    // "KubeCon Europe": a conference and the place of its edition, no place the lists know.
    const event = name.includes(' ') ? evidence.events.classify(name, 0, name.length) : undefined;
    if (event) return event;
    const org = orgs.get(normalizeName(name));
    // "a UN envoy": an acronym the tagger read as a place no list knows is the listed organisation; so
    // is a listed maker of things ("the Cisco client").
    if (org && (org !== 'Organization' || ACRONYM.test(name) || evidence.products.isMaker(name))) return org;
    return companies.has(name) ? 'Organization' : place;
  };
  // "London Heathrow", "Paris Charles de Gaulle": a listed city, then a listed airport it serves.
  const cityAndAirport = (name: string): boolean => {
    for (let space = name.indexOf(' '); space > 0; space = name.indexOf(' ', space + 1)) {
      if (places.get(normalizeName(name.slice(space + 1)))?.type !== 'Airport') continue;
      return places.get(normalizeName(name.slice(0, space)))?.type === 'City';
    }
    return false;
  };
  // A listed company alone named like a big city ("Toyota") is the company, not the town's club.
  const companyOrClub = (name: string): EntityType => {
    const type = organizationType(name, orgs, places);
    if (type !== 'OrganizationSports' || !companies.has(name)) return type;
    return orgs.get(normalizeName(name)) === 'OrganizationSports' ? type : 'Organization';
  };
  // "Microsoft Azure", "Microsoft Teams", "Microsoft Ignite": a listed product or event of two words or
  // more that the tagger read as its maker's name (one word, "Zoom", "Slack", is as often the company).
  const productOrOrganization = (name: string): EntityType =>
    (name.includes(' ')
      ? (evidence.products.classify(name, 0, name.length) ?? eventOfCompany(name))
      : undefined) ?? companyOrClub(name);
  // "Microsoft Ignite" is the event; "Activision Blizzard", a listed company and a storm's head word, is no storm.
  const eventOfCompany = (name: string): EntityType | undefined => {
    const event = evidence.events.classify(name, 0, name.length);
    return event === 'NaturalEvent' && companies.has(name.slice(0, name.indexOf(' '))) ? undefined : event;
  };

  // "the Rhine rises in the Alps": a listed river, mountain or sea the tagger read as a miscellaneous
  // name, when no company or organisation bears it and it does not read as a nationality ("the
  // Canadian dollar": the Canadian is a river too). (Not one it read as an organisation: clubs are named
  // so, "Clyde", "OB", "the Rockies"; CoNLL dev -0.1.)
  const landOrWater = (name: string): EntityType | undefined => {
    const key = normalizeName(name);
    if (places.get(key)?.type !== 'Geological')
      // "the Swiss Alps", "the Canadian Rockies": a nationality before a listed range or river.
      return NATIONALITY_BEFORE.test(name) && landOrWater(name.slice(name.indexOf(' ') + 1))
        ? 'Geological'
        : undefined;
    return !NATIONALITY_LIKE.test(name) && !companies.has(name) && !orgs.has(key) ? 'Geological' : undefined;
  };

  // LOC, ORG and MISC types depend on the name alone (PER looks at the words before it): remembered per
  // name, as the same names come back document after document.
  const loc = new NameMemo();
  const org = new NameMemo();
  const misc = new NameMemo();
  // Whether a PER name is an event or a product depends on the name alone; the rest of PER's type on
  // its context.
  const event = new NameMemo();
  const typeOf = (text: string, span: ModelSpan): EntityType | undefined => {
    switch (span.label) {
      case 'LOC':
        return loc.get(text.slice(span.start, span.end), (name) => placeOrClub(name));
      case 'ORG':
        return org.get(text.slice(span.start, span.end), (name) => productOrOrganization(name));
      case 'PER':
        // "Azure AI Webinar", "Fabrikam Annual Gala": a name with an event's head word is the event;
        // "macOS Sonoma": a name that starts in lower case with a capital inside, no person's, a product.
        return (
          event.get(
            text.slice(span.start, span.end),
            (name) =>
              (LOWER_CAMEL.test(name) ? evidence.products.classify(name, 0, name.length) : undefined) ??
              (name.includes(' ') ? evidence.events.classify(name, 0, name.length) : undefined),
          ) ?? personType(text, span.start, span.end, orgs, places)
        );
      case 'MISC':
        return misc.get(
          text.slice(span.start, span.end),
          (name) => miscType(name, 0, name.length, evidence) ?? landOrWater(name),
        );
    }
  };
  // The place or company of "Seattle-based", "Microsoft-backed" (a listed one; else no type).
  const baseType = (name: string): EntityType | undefined => {
    const key = normalizeName(name);
    if (places.has(key)) return locationType(name, places, towns);
    if (companies.has(name) || orgs.has(key)) return companyOrClub(name);
    return undefined;
  };
  return (text, tagged) => {
    if (notNames.has(text.slice(tagged.start, tagged.end))) return undefined;
    if (isVitalSign(text, tagged)) return undefined;
    const base = nameBeforeSuffix(text, tagged);
    if (base) {
      const type = baseType(text.slice(base.start, base.end));
      if (type) return modelCandidate(base, type, base.end);
    }
    // "the Finance team" (no name), "St. Louis-based Mercantile Bancorp Inc.", "MBA in Finance" (no name).
    const edited = withoutDepartment(text, tagged);
    if (!edited) return undefined;
    tagged = withoutOwner(text, withoutBasedIn(text, edited, places), places);
    if (isDegreeIn(text, tagged)) return undefined;
    const place =
      tagged.label === 'ORG'
        ? orgAsPlace(text, tagged, places, isOrganization)
        : tagged.label === 'PER'
          ? personAsPlace(text, tagged, places)
          : undefined;
    if (place) return place;
    const owned = withOwnS(text, tagged, companies);
    if (owned) return owned;
    const whole =
      universityCampus(text, tagged) ?? courtOfDistrict(text, tagged) ?? venueOfName(text, tagged);
    if (whole) return whole;
    const placeEnd = placeOfPlace(text, tagged, (name) => places.has(normalizeName(name)));
    if (placeEnd !== undefined) {
      const name = text.slice(tagged.start, placeEnd);
      return modelCandidate(tagged, locationType(name, places, towns) ?? 'Location', placeEnd);
    }
    const span = withoutQuantifier(text, withoutHonorific(text, withoutSalutation(text, tagged)));
    let type =
      tagged.label === 'LOC' && afterStateOf(text, span.start)
        ? stateType(text, span, places)
        : typeOf(text, span);
    // "Sydney Sweeney starred": a name no list knows that opens with a place people bear as a first
    // name, read as a place by an unsure tagger, is the person's.
    if (
      type === 'Location' &&
      tagged.label === 'LOC' &&
      tagged.confidence < UNSURE_PLACE &&
      namedLikeAPlace(text.slice(span.start, span.end), places)
    )
      type = 'Person';
    // "shopping at Target", "dinner at Nobu": a name no list knows, which the tagger read as a place,
    // where one eats or shops, is the business.
    if (type === 'Location' && tagged.label === 'LOC' && atABusiness(text, span.start, span.end))
      type = 'Organization';
    // "fluent in Mandarin and Cantonese": a language the tagger read as a place no list knows.
    if (
      type === 'Location' &&
      tagged.label === 'LOC' &&
      LANGUAGE_CONTEXT.test(text.slice(Math.max(0, span.start - 40), span.start))
    )
      return undefined;
    // "a Bahraini village": a listed place's demonym before a noun, which no Azure category covers.
    if (
      type === 'Location' &&
      tagged.label === 'LOC' &&
      demonymBeforeNoun(text, span.start, span.end, places)
    )
      return undefined;
    // "9 am Pacific time": a time zone's name, not the ocean or a region.
    if (tagged.label === 'LOC' && isTimeZone(text, span)) return undefined;
    // "the CEO of Amazon": a listed organisation named like a river or a forest, after a role and "of";
    // "returned it to Amazon" ("from amazon" in chat): a company named like a river, without the "the" a
    // river takes.
    if (type === 'Geological') {
      const name = text.slice(span.start, span.end);
      const before = text.slice(Math.max(0, span.start - 24), span.start);
      if (
        (ROLE_OF.test(before) && orgs.has(normalizeName(name))) ||
        ((companies.has(name) || companies.has(capitalisedLowerCase(name))) &&
          !THE_BEFORE.test(before) &&
          !LAND_OR_WATER_AFTER.test(text.slice(span.end, span.end + 16)))
      )
        type = 'Organization';
    }
    // "a party at the Hilton": a listed organisation named like a small town (towns.txt, not a city of
    // places.tsv: "the States of the Union"), after the "the" a town never takes, and ending its phrase
    // ("the Hilton office" is the town's).
    if (type === 'City' && tagged.label === 'LOC') {
      const key = normalizeName(text.slice(span.start, span.end));
      if (
        !places.has(key) &&
        THE_BEFORE.test(text.slice(Math.max(0, span.start - 8), span.start)) &&
        PHRASE_ENDS.test(text.slice(span.end, span.end + 12))
      )
        type = orgs.get(key) ?? type;
    }
    // "wore a Rolex": a company's name for a thing it makes.
    if (
      (tagged.label === 'ORG' ||
        (tagged.label === 'LOC' && companies.has(text.slice(span.start, span.end)))) &&
      namesAThingMade(text, span.start, span.end)
    )
      type = evidence.products.classify(text, span.start, span.end) ?? 'Product';
    // "Heinz ketchup", "Bose speakers": a company or a maker the tagger read as a person, before what
    // it sells.
    if (type === 'Person' && tagged.label === 'PER' && beforeGoods(text, span.end)) {
      const name = text.slice(span.start, span.end);
      if (
        orgs.get(normalizeName(name)) === 'Organization' ||
        companies.has(name) ||
        evidence.products.isMaker(name)
      )
        type = 'Organization';
    }
    // "the LG OLED TV": a maker's name and a goods noun the tagger read as one organisation is the thing
    // (a company's channel, "Fox TV", is no maker's).
    if (type === 'Organization' && tagged.label === 'ORG') {
      const name = text.slice(span.start, span.end);
      const space = name.indexOf(' ');
      if (space > 0 && endsWithGoodsNoun(name) && evidence.products.isMaker(name.slice(0, space)))
        type = evidence.products.classify(text, span.start, span.end) ?? 'Product';
    }
    if (type) type = typeInContext(text, span, tagged.label, type);
    if (!type) return undefined;
    // A place or an organisation no list or rule types (the tagger's own LOC or ORG, no finer type),
    // read with little confidence, is more often another kind of name or none (CoNLL, GUM and BTC dev):
    // left out rather than guessed.
    const bare =
      (type === 'Location' && tagged.label === 'LOC') || (type === 'Organization' && tagged.label === 'ORG');
    if (bare && span.confidence < MIN_BARE_NAME_CONFIDENCE) return undefined;
    // "Elm Street", "Sunset Boulevard": a street by name is Azure's Address ("street-level mentions of
    // locations: ... streets, avenues, highways", the 2025-11-01 `EntityCategory`). Listed places keep
    // their type ("Wall Street", "Downing Street", "Elland Road" are Structural).
    if (type === 'Location' && tagged.label === 'LOC' && isStreetName(text.slice(span.start, span.end)))
      type = 'Address';
    return modelCandidate(span, type);
  };
}

/** A name ending in a street's type word: "Elm Street", "Main St.", "Route 9 Highway", "Rodeo Drive". */
const STREET_TAIL =
  / (?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Highway|Hwy\.?|Parkway|Pkwy\.?|Freeway|Expressway|Turnpike|Drive)$/;

function isStreetName(name: string): boolean {
  return STREET_TAIL.test(name);
}

/**
 * The least confidence of a bare Location or Organization from the tagger. On dev, bare Locations
 * below it were right 4 times in 22 (CoNLL) and 0 in 7 (GUM); bare Organizations 9 in 26 (CoNLL), 1 in
 * 11 (GUM) and 12 in 45 (BTC). From 0.4 to 0.5 CoNLL's were right two times in three (BTC's
 * organisations still one in six); 0.3 and 0.5 scored lower on CoNLL dev and its re-cased views.
 */
const MIN_BARE_NAME_CONFIDENCE = 0.4;

/** Below this the tagger was unsure that a name is a place. */
const UNSURE_PLACE = 0.6;
/** Words after a place's name that make a place of it: "Victoria Park", "Austin Street". */
const PLACE_NOUNS = new Set(
  `park street st road rd avenue ave lane drive boulevard way place hill hills heights gardens green common
  cross junction beach springs falls point port harbor harbour bay creek ridge village town city county
  airport station centre center mall market bridge district quarter square plaza island islands valley
  lake river north south east west upper lower team teams club fc university college school office area
  region metro suburbs`.split(/\s+/),
);

/**
 * Whether `name` is two or three capitalised words, the first a listed place that people bear as a
 * first name (flag `h`: "Sydney", "Austin", "Savannah") and none of the rest a place or a place's noun:
 * "Sydney Sweeney", not "Sydney Harbour" nor "Austin Texas".
 */
function namedLikeAPlace(name: string, places: PlaceIndex): boolean {
  const words = name.split(' ');
  if (words.length < 2 || words.length > 3) return false;
  if (!places.get(normalizeName(words[0]!))?.personName) return false;
  return words
    .slice(1)
    .every(
      (w) => /^\p{Lu}\p{Ll}/u.test(w) && !PLACE_NOUNS.has(w.toLowerCase()) && !places.has(normalizeName(w)),
    );
}

/** A clinical note's vital signs, before their reading: "BP 142/90", "HR: 88" (not the oil company). */
const VITAL_SIGN = /^(?:BP|HR|RR|SpO2|SPO2|GCS|BMI)$/;
const READING_AFTER = /^:? ?\d/;

function isVitalSign(text: string, span: ModelSpan): boolean {
  return (
    VITAL_SIGN.test(text.slice(span.start, span.end)) &&
    READING_AFTER.test(text.slice(span.end, span.end + 3))
  );
}

/** Endings of nationality adjectives: "Canadian", "Danish", "Japanese", "French". */
const NATIONALITY_ENDINGS = '(?:an|ish|ese|ic|i|ch)';
const NATIONALITY_LIKE = new RegExp(`${NATIONALITY_ENDINGS}$|^Swiss$`);
/** A nationality adjective, then a name: "Swiss Alps". */
const NATIONALITY_BEFORE = new RegExp(`^(?:\\p{Lu}\\p{L}*${NATIONALITY_ENDINGS}|Swiss) \\p{Lu}`, 'u');
/** Letters of an acronym: "UN", "NATO". */
const ACRONYM = /^[A-Z]{2,5}$/;

/** "the" right before a name. */
const THE_BEFORE = /\bthe\s+$/i;

/** What may follow a name that ends its noun phrase: punctuation, the text's end or a preposition. */
const PHRASE_ENDS =
  /^(?:\s*(?:[.,;:!?)]|$)|\s+(?:for|on|in|at|and|or|with|to|near|by|from|until|downtown)\b)/;

/** A river's or a forest's noun after its name: "Amazon waters", "Amazon basin". */
const LAND_OR_WATER_AFTER =
  /^\s+(?:waters?|basin|rain ?forests?|river|delta|region|jungle|forests?|valley|estuary)\b/i;

/** A role and "of" right before a name: "the CEO of", "a spokeswoman of", "shares of". */
const ROLE_OF = new RegExp(`\\b(?:${[...EMPLOYER_ROLES].join('|')}) of $`, 'i');

/** A first word in lower case with a capital inside: "macOS", "iPhone", "eBay". */
const LOWER_CAMEL = /^\p{Ll}+\p{Lu}/u;

/** A name written all in lower case, with its first letter capitalised ("amazon" → "Amazon"); else ''. */
function capitalisedLowerCase(name: string): string {
  return /\p{Lu}/u.test(name) ? '' : name.charAt(0).toUpperCase() + name.slice(1);
}

/** Regions that name North American time zones, and what follows one used so. */
const TIME_ZONE_REGIONS: ReadonlySet<string> = new Set([
  'Pacific',
  'Mountain',
  'Central',
  'Eastern',
  'Atlantic',
]);
const TIME_AFTER = /^ (?:(?:[Ss]tandard|[Dd]aylight) )?[Tt]ime\b/;

function isTimeZone(text: string, span: ModelSpan): boolean {
  return (
    TIME_ZONE_REGIONS.has(text.slice(span.start, span.end)) &&
    TIME_AFTER.test(text.slice(span.end, span.end + 16))
  );
}

/** Words that introduce languages, and a first language joined to this one: "fluent in Mandarin and ". */
const LANGUAGE_CONTEXT =
  /\b(?:fluent in|fluency in|speaks?|spoke|spoken|speaking|translated into|native)\s+(?:\p{Lu}\p{L}+\s+(?:and|or)\s+)?$/iu;
