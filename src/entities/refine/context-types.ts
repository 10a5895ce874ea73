/**
 * The words around a name that change its type, once the lists have typed it (refine/index.ts): a
 * company named like its region before "region" is the region, a county after a town is no club, a town
 * in a game's report is its team, a name after a company's noun or where someone works is the company, a
 * name defined as an organisation is one, a province a state, a surname before "family", an owner before
 * "'s house", a medicine after a dose.
 */
import type { EntityType } from '../taxonomy.ts';
import { employerBefore, workplaceBefore } from '../text/employer-context.ts';
import { inGameReport, namesItsTeam } from './home-team.ts';
import { definedOrganizationType } from './organization-definition.ts';
import { PEOPLE_NOUNS } from './peoples.ts';
import { wordAfter } from './person.ts';
import type { ModelLabel, ModelSpan } from './types.ts';

/** The type of the name at `span` (tagged `label`, typed `listed` so far) in its context. */
export function typeInContext(
  text: string,
  span: ModelSpan,
  label: ModelLabel,
  listed: EntityType,
): EntityType {
  let type = listed;
  const before = text.slice(Math.max(0, span.start - 24), span.start);
  // "the Kansai region": a place before "region" is a region, not the company named after it.
  if (label === 'LOC' && type === 'Organization' && wordAfter(text, span.end, REGION_AFTER)) type = 'GPE';
  // "Abingdon, Oxfordshire": an English county after a town and a comma, not a cricket club.
  if (
    type === 'Organization' &&
    text.endsWith('shire', span.end) &&
    AFTER_TOWN.test(text.slice(Math.max(0, span.start - 40), span.start))
  )
    type = 'GPE';
  // "Los Angeles won", "St Louis defeated Colorado": a city or state in a game's report, its team.
  if ((type === 'City' || type === 'State') && label === 'LOC' && namesItsTeam(text, span.start, span.end))
    type = 'OrganizationSports';
  // "Millions of Indians voted": the members of a people, not the team its nickname names ("The Indians
  // had their four-game winning streak") nor a person, outside a game's report.
  if (
    (type === 'OrganizationSports' || type === 'Person') &&
    PEOPLE_NOUNS.has(text.slice(span.start, span.end)) &&
    !(type === 'OrganizationSports' && inGameReport(text, span.start, span.end))
  )
    type = 'PersonType';
  // "tyre and cables giant Pirelli", "News-stand chain Ruch": a name the tagger read as a person or a
  // place, after a company's noun, is the company; "Jones stock closed": a person's name before its
  // shares too ("Tokyo stock" is the market's place).
  if (
    label !== 'MISC' &&
    (((type === 'Person' || type === 'Location' || type === 'City') && COMPANY_NOUN_BEFORE.test(before)) ||
      (type === 'Person' && wordAfter(text, span.end, SHARES_AFTER)))
  )
    type = 'Organization';
  // "a software engineer at Stripe", "works for Contoso": an unlisted name the tagger read as a place,
  // where someone works, is the employer.
  if (type === 'Location' && label === 'LOC' && employerBefore(text, span.start)) type = 'Organization';
  // "a partner at Baker McKenzie", "a professor at Johns Hopkins": a firm named after people, where
  // someone works.
  if (type === 'Person' && label === 'PER' && workplaceBefore(text, span.start)) type = 'Organization';
  // "Radiohead are an English rock band formed in Abingdon": a name defined as an organisation is one.
  if (label !== 'MISC') type = definedOrganizationType(text, span.end) ?? type;
  // "the Weston family": a name the tagger read as a place or a company, before "family", is a surname.
  if (label !== 'MISC' && wordAfter(text, span.end, FAMILY_AFTER)) type = 'Person';
  // "the town of Arbil", "Acatepec, a small town": an unlisted place named or defined as a town is a
  // city. "Sirnak province", "the province of Antioquia": an unlisted place named as a province is a state (a
  // state "or province", as Azure's geography types have it); "County Antrim", "Diyala governorate": a
  // county or a district, a place of government.
  if (type === 'Location' && label === 'LOC') type = administrativeType(text, span, before) ?? type;
  // "San Francisco's SoMa district", "the Shoreditch neighbourhood": an unlisted name the tagger read as
  // an organisation, before a part of a town, is the place.
  if (type === 'Organization' && label === 'ORG') {
    if (wordAfter(text, span.end, DISTRICT_AFTER)) type = 'GPE';
    else if (wordAfter(text, span.end, NEIGHBOURHOOD_AFTER)) type = 'Location';
  }
  // "dinner at Maria's house", "Jake's place": an unlisted name the tagger read as a place, owning a
  // home, is its owner.
  if (type === 'Location' && label === 'LOC') {
    HOME_AFTER.lastIndex = span.end;
    if (HOME_AFTER.test(text)) type = 'Person';
  }
  // "20 mg of Lipitor", "was prescribed Metformin": what a dose is of, or a prescription, is a
  // medicine, whatever the tagger read.
  if (label !== 'MISC' && (DOSE_OF.test(before) || PRESCRIBED.test(before))) type = 'Product';
  return type;
}

/**
 * A company's noun in lower case right before a name: "giant Pirelli", "mineral water firm Multico"
 * (not "aircraft carrier Carl Vinson": a ship). In CoNLL train the name after one is an ORG 61 times
 * in 62.
 */
const COMPANY_NOUN_BEFORE =
  /\b(?:giant|firm|company|group|chain|maker|manufacturer|distributor|retailer|(?<!aircraft )carrier|airline|bank|insurer|brewer|publisher|conglomerate|automaker|carmaker|producer|supplier)\s+$/;
/** Words after a place's name that make it a province, or a county or district. */
const PROVINCE_AFTER = /provinces?\b/y;
const DISTRICT_AFTER = /(?:county|district|governorate|prefecture|municipality|oblast)\b/y;
/** A part of a town after its name: "the Shoreditch neighbourhood". */
const NEIGHBOURHOOD_AFTER = /neighbou?rhoods?\b/y;
const PROVINCE_BEFORE = /\bprovince of\s+$/;
const COUNTY_NAME = /^(?:County|Co\.?) \p{Lu}/u;

/** "the town of", "a village of": a town named after its kind ("the coastal town of Bou Haroun"). */
const TOWN_BEFORE = /\b(?:town|city|village|hamlet|suburb) of\s+$/;
/** ", a small town", " , a city": a town defined by its kind right after its name. */
const TOWN_AFTER = /\s?,\s+(?:a|an|the)\s+(?:[\p{Ll}-]+\s+){0,2}(?:town|city|village|hamlet|suburb)\b/uy;

/**
 * City for a town named or defined by its kind, State for a province, GPE for a county or a district,
 * by the words around the name; else undefined.
 */
function administrativeType(text: string, span: ModelSpan, before: string): EntityType | undefined {
  TOWN_AFTER.lastIndex = span.end;
  if (TOWN_BEFORE.test(before) || TOWN_AFTER.test(text)) return 'City';
  if (wordAfter(text, span.end, PROVINCE_AFTER) || PROVINCE_BEFORE.test(before)) return 'State';
  if (wordAfter(text, span.end, DISTRICT_AFTER) || COUNTY_NAME.test(text.slice(span.start, span.end)))
    return 'GPE';
  return undefined;
}

/** Shares right after a name: "Pirelli shares", "Jones stock". */
const SHARES_AFTER = /(?:shares|stock|shareholders|stockholders)\b/y;
/** "family" or "families" right after a name. */
const FAMILY_AFTER = /famil(?:y|ies)\b/y;
/** "'s house", "'s place": a home a person owns. */
const HOME_AFTER =
  /['’]s (?:place|house|home|apartment|flat|condo|cabin|farm|birthday party|party|wedding)\b/y;
const REGION_AFTER = /region\b/y;
/** A capitalised word and a comma right before a name: "Abingdon, ". */
const AFTER_TOWN = /\p{Lu}[\p{L}'-]*,\s+$/u;
/** A dose and "of" before a medicine's name: "20 mg of", "5 ml of". */
const DOSE_OF = /\b\d+(?:\.\d+)?\s?(?:mg|mcg|µg|g|ml|mL|IU|units?)\s+of\s+$/;
/** A prescription right before a medicine's name: "prescribed", "a prescription for", "a refill of". */
const PRESCRIBED = /\b(?:prescribed|prescribes|prescribing|prescription for|refill of)\s+$/i;
