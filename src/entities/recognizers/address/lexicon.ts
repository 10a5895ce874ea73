/** Word lists of the Address recogniser. Everything is lower case unless said otherwise. */

/** US/UK street types written after the name ("Microsoft Way", "Baker Street", "Main St"). */
export const STREET_SUFFIXES: ReadonlySet<string> = new Set(
  `street st avenue ave av road rd boulevard blvd way lane ln drive dr court ct place pl square sq
  parkway pkwy highway hwy terrace ter terr circle cir trail trl row crescent cres close mews gardens gdns
  grove walk alley expressway expy freeway fwy plaza plz loop pike turnpike path parade quay wharf
  embankment causeway`.split(/\s+/),
);

/** Street types that are common nouns too ("Top 10 Best Way", "3 Kings Court"). */
export const WEAK_SUFFIXES: ReadonlySet<string> = new Set(
  `way place court square row circle close walk path loop drive trail grove gardens mews parade pike
  terrace crescent plaza lane pl ct sq dr`.split(/\s+/),
);

/** Streets whose name needs no type ("1585 Broadway"). */
export const BARE_STREETS: ReadonlySet<string> = new Set(['broadway', 'bowery']);

/** Directions around a street name ("N Main St", "Pennsylvania Ave NW"). Case-sensitive. */
export const DIRECTIONS: ReadonlySet<string> = new Set(
  'N S E W NE NW SE SW North South East West Northeast Northwest Southeast Southwest'.split(' '),
);

/** Continental street types written before the name ("Rue de Rivoli", "Calle Mayor", "Via Roma"). */
export const PREFIX_TYPES: ReadonlySet<string> = new Set(
  `rue avenue boulevard place chemin quai allée impasse cours calle avenida plaza paseo carrer camino
  via viale piazza corso largo vicolo rua praça travessa strada ulica`.split(/\s+/),
);

/** Continental street types written as a separate word after the name ("Berliner Straße"). */
export const AFTER_TYPES: ReadonlySet<string> = new Set(
  'straße strasse str weg platz allee gasse damm ufer steenweg'.split(' '),
);

/** Endings of one-word continental street names ("Hauptstraße", "Kurfürstendamm", "Keizersgracht"). */
export const COMPOUND_ENDINGS: readonly string[] = `straße strasse str weg platz gasse allee damm ufer markt
  gracht straat laan plein kade dijk singel steeg vej gade gatan vägen gata`.split(/\s+/);

/** Lower-case words inside names of streets and cities ("Unter den Linden", "Frankfurt am Main"). */
export const PARTICLES: ReadonlySet<string> = new Set(
  `de du des la le l' del della dei di da dos das do van von der den dem am an im zum zur auf ter
  upon on y i e sur sous en`.split(/\s+/),
);

/** Capitalised words that start a sentence before a continental street name, not part of it. */
export const NOT_STREET_START: ReadonlySet<string> = new Set(
  `the at to in on visit contact address our we my your find office located write send meet is was from
  see call head our by near`.split(/\s+/),
);

/** Unit designators ("Suite 200", "Apt 4B", "Floor 3"). */
export const UNIT_WORDS: ReadonlySet<string> = new Set(
  'suite ste apt apartment unit floor fl room rm building bldg flat office dept'.split(' '),
);

/** US state and Canadian province codes; matched case-sensitively (upper case). */
export const REGION_CODES: ReadonlySet<string> = new Set(
  `AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC
  ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AB BC MB NB NL NS NT NU ON PE QC SK YT`.split(
    /\s+/,
  ),
);

/** US state names (lower case, one to three words). */
export const REGION_NAMES: ReadonlySet<string> = new Set([
  ...`alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho
  illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota
  mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah
  vermont virginia washington wisconsin wyoming ontario quebec`.split(/\s+/),
  'new hampshire',
  'new jersey',
  'new mexico',
  'new york',
  'north carolina',
  'north dakota',
  'rhode island',
  'south carolina',
  'south dakota',
  'west virginia',
  'district of columbia',
  'british columbia',
]);

/** Countries that may close an address (lower case). */
export const COUNTRIES: ReadonlySet<string> = new Set([
  ...`usa us uk germany deutschland france spain españa italy italia netherlands nederland belgium
  austria österreich switzerland schweiz suisse canada ireland portugal england scotland wales denmark
  sweden norway poland`.split(/\s+/),
  'united states',
  'united states of america',
  'united kingdom',
  'the netherlands',
]);
