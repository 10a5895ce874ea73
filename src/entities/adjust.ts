import { REGION_CODES } from './recognizers/address/lexicon.ts';
import { writtenInOneCase } from './recognizers/person-type/text-case.ts';
import { TAXONOMY, typeInfo, type EntityType } from './taxonomy.ts';
import type { Candidate } from './types.ts';
import { afterTemporalPreposition } from './text/temporal-preposition.ts';

/** Words that join a role to the organisation or place it belongs to: "CEO of Contoso", "chef at Hyatt". */
const CONNECTOR = /^\s*(?:of|at|for|from|with)\s+(?:the\s+)?/i;

/**
 * Roles and names, where the tagger and the PersonType recogniser meet:
 * - the tagger often swallows a leading role into a name ("CEO of Contoso" as one organisation,
 *   "Chief Executive Angela Weber" as one person): where a role covers the start of a model span and a
 *   capitalised name follows it (after a connector such as "of the"), the span is cut to the name, so
 *   the role and the name are both returned, as Azure returns them; "Queen's Park" stays whole;
 * - a surname that is also a role word ("Shearer", "Baker"), tagged as a person by the model, stays a
 *   person: the role candidate for exactly those characters is dropped; after a determiner it is the
 *   role ("The Lessor and the Broker agreed"), and the person is dropped;
 * - a role of several words that the tagger read as an organisation ("The Chief Financial Officer
 *   signed") or as a person ("The Chief Justice administered") is the role: the model's name for exactly
 *   those characters is dropped.
 */
export function separateRolesFromNames(text: string, candidates: Candidate[]): Candidate[] {
  const roles = candidates.filter((c) => c.type === 'PersonType');
  if (roles.length === 0) return candidates;
  const people = candidates.filter((c) => c.source === 'model' && c.type === 'Person');
  const out: Candidate[] = [];
  for (const c of candidates) {
    if (c.type === 'PersonType') {
      const oneWord = !text.slice(c.start, c.end).includes(' ');
      if (!oneWord || !people.some((p) => sameSpan(p, c)) || afterDeterminer(text, c.start)) out.push(c);
      continue;
    }
    if (
      c.source === 'model' &&
      c.type === 'Person' &&
      afterDeterminer(text, c.start) &&
      roles.some((r) => sameSpan(r, c) && !text.slice(r.start, r.end).includes(' '))
    )
      continue;
    const category = typeInfo(c.type).category;
    if (
      c.source === 'model' &&
      (category === 'Organization' || category === 'Person') &&
      isRoleOfWords(text, c, roles)
    )
      continue;
    const role = c.source === 'model' ? roles.find((r) => r.start === c.start && r.end < c.end) : undefined;
    out.push(role ? cutAfterRole(text, c, role) : c);
  }
  return out;
}

const sameSpan = (a: Candidate, b: Candidate): boolean => a.start === b.start && a.end === b.end;

/** A determiner right before `start`: "the Lessor", "our Broker" name a role, not a person. */
const DETERMINER_BEFORE =
  /(?:^|[^\p{L}])(?:the|a|an|our|my|your|their|his|her|its|this|that|each|every|any)\s+$/iu;

function afterDeterminer(text: string, start: number): boolean {
  return DETERMINER_BEFORE.test(text.slice(Math.max(0, start - 8), start));
}

/** Whether a role of two words or more spans exactly the characters of `name`. */
function isRoleOfWords(text: string, name: Candidate, roles: readonly Candidate[]): boolean {
  return roles.some(
    (r) => r.start === name.start && r.end === name.end && text.slice(r.start, r.end).includes(' '),
  );
}

/** A sovereign's or a noble's title: "Queen of the South", "Prince of Wales Hospital", "Prince Rupert" are names. */
const NOBLE_TITLE =
  /^(?:king|queen|(?:crown )?prince|(?:crown )?princess|duke|duchess|emperor|empress|lord|lady|earl|count|countess|baron)$/i;

function cutAfterRole(text: string, name: Candidate, role: Candidate): Candidate {
  const rest = text.slice(role.end, name.end);
  const connector = CONNECTOR.exec(rest)?.[0];
  // "Queen of South" (a club), "Duke of Orleans": a title with "of" is a name or a title of its own;
  // "Prince Rupert", "Prince Edward Island" are places; a person's title is cut ("King Norodom Sihanouk").
  if (
    NOBLE_TITLE.test(text.slice(role.start, role.end)) &&
    (connector || typeInfo(name.type).category === 'Location')
  )
    return name;
  const start = role.end + (connector?.length ?? rest.length - rest.trimStart().length);
  // The name after the role starts with a capital; in text with none to tell, it follows a connector
  // ("ceo of acme corp"; "dean saunders" may be a first name, "queens park" a club).
  const named = /\p{Lu}/u.test(text[start] ?? '') || (connector !== undefined && writtenInOneCase(text));
  return start < name.end && named ? { ...name, start } : name;
}

/** A holiday used as a date loses to the date for the same characters (the event recogniser's own value). */
const HOLIDAY_AS_DATE_CONFIDENCE = 0.6;

/** One number per span of a text under 2^22 (4 million) characters, far above any document limit. */
const spanKey = (c: Candidate): number => c.start * 2 ** 22 + c.end;

/** What joins holidays in a list: "on Christmas Day and New Year's Day", "on Easter, Christmas or Diwali". */
const HOLIDAY_JOINT = /(?:, and |, or |, | and | or )$/;

/**
 * "closed on Christmas Day", "until Thanksgiving": a holiday after a temporal preposition is used as a
 * date, and so are the holidays listed after it ("on Christmas Day and New Year's Day"). Where the
 * DateTime recogniser read exactly its characters as one, an Event or CulturalEvent for them (the tagger's, which
 * the event recogniser's own rule never sees) drops below the date's confidence, so `dedupeSpans` keeps
 * the date. Edited in place; returns `candidates`.
 */
export function holidaysAsDates(text: string, candidates: Candidate[]): Candidate[] {
  let dates: Set<number> | undefined;
  for (const c of candidates)
    if (typeInfo(c.type).category === 'DateTime') (dates ??= new Set()).add(spanKey(c));
  if (!dates) return candidates;
  const holidays: number[] = [];
  candidates.forEach((c, k) => {
    if ((c.type === 'CulturalEvent' || c.type === 'Event') && dates.has(spanKey(c))) holidays.push(k);
  });
  holidays.sort((a, b) => candidates[a]!.start - candidates[b]!.start);
  // The last holiday used as a date (two recognisers may propose the same one).
  let last: Candidate | undefined;
  for (const k of holidays) {
    const c = candidates[k]!;
    const joint = HOLIDAY_JOINT.exec(text.slice(Math.max(0, c.start - 6), c.start));
    const listed =
      last !== undefined &&
      ((last.start === c.start && last.end === c.end) ||
        (joint !== null && c.start - joint[0].length === last.end));
    if (!listed && !afterTemporalPreposition(text, c.start)) continue;
    last = c;
    if (c.confidence > HOLIDAY_AS_DATE_CONFIDENCE)
      candidates[k] = { ...c, confidence: HOLIDAY_AS_DATE_CONFIDENCE };
  }
  return candidates;
}

/**
 * One candidate per exact span: where two recognisers propose the same characters (a year as a
 * DateRange and as a Number), the higher confidence wins, then the earlier recogniser (candidates
 * arrive in pipeline order; the sort is stable). Three exceptions (`Candidate.tagger`): the tagger's
 * organisation or person beats a list name that also names a place or a club ("Leeds v Wimbledon" is the
 * club; "won Wimbledon", which the tagger calls MISC, stays the tournament; "CES", only an event, stays
 * one whatever the tagger says); a name the context typed beats the tagger's ("proficient in
 * Salesforce" is a Skill); and a well-known company beats the tagger's person or place for the same
 * word ("Bosch will cut jobs"), not its organisation; the tagger's organisation beats a product
 * named like its maker ("Coca-Cola and PepsiCo raised prices"; "a Coca-Cola", MISC, stays the drink);
 * and a listed product of several words beats the tagger's person ("a Rolex Submariner").
 * Different spans are left for the overlap policy.
 * Sorts `candidates` in place by start, then end, and returns it shortened.
 */
export function dedupeSpans(candidates: Candidate[]): Candidate[] {
  candidates.sort((a, b) => a.start - b.start || a.end - b.end || b.confidence - a.confidence);
  let kept = 0;
  for (const c of candidates) {
    const last = kept > 0 ? candidates[kept - 1]! : undefined;
    if (last && last.start === c.start && last.end === c.end) {
      if (replaces(c, last)) candidates[kept - 1] = c;
      continue;
    }
    candidates[kept++] = c;
  }
  candidates.length = kept;
  return candidates;
}

/** Whether `c` replaces `kept`, the candidate of higher confidence for the same characters. */
function replaces(c: Candidate, kept: Candidate): boolean {
  if (c.tagger === 'overrides') return kept.tagger !== 'overrides';
  if (kept.tagger === 'overrides') return false;
  if (c.tagger === 'overridesPerson' && kept.modelLabel === 'PER') return true;
  if (kept.tagger === 'overridesPerson' && c.modelLabel === 'PER') return false;
  if (c.tagger === 'overridesPersonOrPlace') return kept.modelLabel === 'PER' || kept.modelLabel === 'LOC';
  if (kept.tagger === 'overridesPersonOrPlace') return c.modelLabel === 'ORG' || c.modelLabel === 'MISC';
  if (kept.tagger === 'yieldsToOrganization') return c.modelLabel === 'ORG';
  return (c.modelLabel === 'ORG' || c.modelLabel === 'PER') && kept.tagger === 'yields';
}

/** Amounts with a unit of measure (Length, Information, ...): no name begins inside one ("64 GB of RAM"). */
const UNIT_AMOUNTS: ReadonlySet<string> = new Set(
  (Object.keys(TAXONOMY) as EntityType[]).filter(
    (t) =>
      TAXONOMY[t].category === 'Quantity' &&
      // A number, an ordinal or a sum of money may begin a name: "20th Century Fox", "1,000 Lakes Rally".
      !['Number', 'Ordinal', 'NumberRange', 'Percentage', 'Currency'].includes(t),
  ),
);

/**
 * A model name that starts inside a rule amount and runs past it is no name: the tagger read the unit
 * and the words after it as one ("64 GB of RAM" -> "GB of RAM", an organisation; "16GB RAM", a person),
 * and as the longer span it would hide the amount. Only amounts with a unit of measure count: a
 * number or an ordinal may begin a name ("20th Century Fox"). A sum of money counts only from its
 * first character: "$25M Series B" (the tagger's "$25M Series", a sports event once typed) is a sum and
 * a funding round. `sorted` is by start (dedupeSpans' order); filtered in place.
 */
export function dropNamesInsideAmounts(sorted: Candidate[]): Candidate[] {
  let amount: Candidate | undefined;
  let money: Candidate | undefined;
  let kept = 0;
  for (const c of sorted) {
    if (
      c.source === 'model' &&
      ((amount && c.start < amount.end && c.end > amount.end) ||
        (money && c.start === money.start && c.end > money.end))
    )
      continue;
    if (c.source !== 'model' && c.end > (amount?.end ?? -1) && UNIT_AMOUNTS.has(c.type)) amount = c;
    if (c.source !== 'model' && c.type === 'Currency' && c.end > (money?.end ?? -1)) money = c;
    sorted[kept++] = c;
  }
  sorted.length = kept;
  return sorted;
}

/**
 * A model name whose last words are a rule's date or time written in lower case is cut before it: the
 * tagger read chat's "sarah tmrw" as one person. A date or time written with a capital or in digits
 * may end a name ("Black Friday", "Windows 2000"), and so may a set or a duration ("china daily"). Returns `text`'s candidates, names shortened in place.
 */
export function cutNamesBeforeDates(text: string, candidates: Candidate[]): Candidate[] {
  for (const d of candidates) {
    if (!isLowerCaseDate(text, d)) continue;
    for (let k = 0; k < candidates.length; k++) {
      const c = candidates[k]!;
      if (c.source !== 'model' || !(d.start > c.start && d.start < c.end && d.end >= c.end)) continue;
      const end = c.start + text.slice(c.start, d.start).trimEnd().length;
      if (end > c.start) candidates[k] = { ...c, end };
    }
  }
  return candidates;
}

/** A rule's date or time (not a set nor a duration) that starts with a lower-case letter ("tmrw"). */
function isLowerCaseDate(text: string, c: Candidate): boolean {
  if (c.source === 'model' || c.type === 'SetTemporal' || c.type === 'Duration') return false;
  const first = text.charCodeAt(c.start);
  const lower = first < 128 ? first >= 97 && first <= 122 : /\p{Ll}/u.test(text[c.start] ?? '');
  return lower && typeInfo(c.type).category === 'DateTime';
}

/** Names of a US state and of a country alike, lower case. */
const STATE_OR_COUNTRY: ReadonlySet<string> = new Set(['georgia']);

/**
 * "Georgia" is the country, unless the document names a US state too ("from Florida into Georgia"):
 * then it is the state. Returns `candidates`, such names re-typed in place.
 */
export function statesAmongStates(text: string, candidates: Candidate[]): Candidate[] {
  if (!candidates.some((c) => c.type === 'State')) return candidates;
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k]!;
    if (c.type === 'CountryRegion' && STATE_OR_COUNTRY.has(text.slice(c.start, c.end).toLowerCase()))
      candidates[k] = { ...c, type: 'State' };
  }
  return candidates;
}

/** US state and Canadian province codes (the address recogniser's), not territories, which are no State. */
const STATE_CODES: ReadonlySet<string> = new Set(
  [...REGION_CODES].filter((code) => code !== 'PR' && code !== 'GU' && code !== 'VI'),
);
/** ", WA" after a city: the code, then no letter, digit or hyphen ("CO-OP" is no state). */
const CODE_AFTER_CITY = /^ ?, ([A-Z]{2})(?![\p{L}\p{N}-])/u;
const STATE_CONFIDENCE = 0.8;

/** ", Georgia" after a city: a name that is a state's and a country's. */
const NAME_AFTER_CITY = /^ ?, (\p{Lu}\p{Ll}+)/u;
/** The country Georgia's cities: "Tbilisi, Georgia" is the country. */
const GEORGIAN_CITIES: ReadonlySet<string> = new Set(
  'Tbilisi Batumi Kutaisi Rustavi Gori Zugdidi Poti Telavi Borjomi Mtskheta'.split(' '),
);

/**
 * A state after a city and a comma is the state: a code ("Denver, CO", "Boise, ID"), which the tagger
 * types as a bare place or misses, and the codes that spell words ("OR", "ID", "IN") are states only
 * there; and a name that is a country's too ("Atlanta, Georgia"; not "Tbilisi, Georgia"). A candidate
 * for exactly the state is re-typed; a code no candidate covers is added. Returns `candidates`.
 */
export function statesAfterCities(text: string, candidates: Candidate[]): Candidate[] {
  const count = candidates.length;
  for (let k = 0; k < count; k++) {
    const city = candidates[k]!;
    if (city.type !== 'City') continue;
    const after = text.slice(city.end, city.end + 16);
    const code = CODE_AFTER_CITY.exec(after);
    if (code && STATE_CODES.has(code[1]!)) {
      const start = city.end + code[0].length - 2;
      const same = candidates.findIndex((c) => c.start === start && c.end === start + 2);
      if (same < 0)
        candidates.push({
          start,
          end: start + 2,
          type: 'State',
          confidence: STATE_CONFIDENCE,
          source: 'rule',
        });
      else if (typeInfo(candidates[same]!.type).category === 'Location')
        candidates[same] = { ...candidates[same]!, type: 'State' };
      continue;
    }
    const name = NAME_AFTER_CITY.exec(after);
    if (!name || !STATE_OR_COUNTRY.has(name[1]!.toLowerCase())) continue;
    if (GEORGIAN_CITIES.has(text.slice(city.start, city.end))) continue;
    const start = city.end + name[0].length - name[1]!.length;
    const end = start + name[1]!.length;
    const same = candidates.findIndex(
      (c) => c.start === start && c.end === end && c.type === 'CountryRegion',
    );
    if (same >= 0) candidates[same] = { ...candidates[same]!, type: 'State' };
  }
  return candidates;
}

/** "and", "or", "&" between two names, as a word of its own. */
const NAME_JOINT = /\s+(?:and|or|&)\s+/giu;
/** "and" or "&" between two organisations' names, as a word of its own. */
const ORG_JOINT = /\s+(?:and|&)\s+/gu;

/**
 * Two names the tagger joined into one span, one candidate each: a person joined to another ("john and
 * priya", frequent in caseless text; no person's name holds "and" as a word of its own, and a listed
 * company that does, "Johnson & Johnson", is typed before this runs and never comes here as a Person),
 * or an organisation joined to one whose name begins with "The" ("The New York Times and The Guardian")
 * or with the same word as its own, both of two words or more ("Azure Kubernetes Service and Azure
 * Functions"; "Procter and Gamble" stays whole). A span without such a joint comes back alone.
 */
export function splitJoinedNames(text: string, c: Candidate): Candidate[] {
  const category = typeInfo(c.type).category;
  const joint = category === 'Person' ? NAME_JOINT : category === 'Organization' ? ORG_JOINT : undefined;
  const name = text.slice(c.start, c.end);
  if (!joint || !name.includes(' ')) return [c];
  let joints = [...name.matchAll(joint)];
  if (category === 'Organization') {
    const head = name.slice(0, name.indexOf(' ') + 1);
    joints = joints.filter((m) => {
      const next = name.slice(m.index + m[0].length);
      return next.startsWith('The ') || (next.startsWith(head) && name.lastIndexOf(' ', m.index - 1) > 0);
    });
  }
  if (joints.length === 0) return [c];
  const parts: Candidate[] = [];
  let from = 0;
  for (const m of joints) {
    if (m.index > from) parts.push({ ...c, start: c.start + from, end: c.start + m.index });
    from = m.index + m[0].length;
  }
  if (from < name.length) parts.push({ ...c, start: c.start + from, end: c.end });
  return parts;
}

/**
 * A lower-case word of four letters or more between capitalised words of a name, which no person's,
 * organisation's or place's name holds ("upon", "della" and "sans" do: "Newcastle upon Tyne").
 */
const LOWER_WORD = /(?<=\s)\p{Ll}{4,}(?=\s)/gu;
const HAS_LOWER_WORD = /\s\p{Ll}{4,}\s+\p{Lu}/u;
const NAME_PARTICLES: ReadonlySet<string> = new Set(['upon', 'della', 'dello', 'degli', 'sans', 'delle']);
const CUT_CATEGORIES: ReadonlySet<string> = new Set(['Person', 'Organization', 'Location']);

/**
 * A tagger's name of a person, organisation or place that runs over a lower-case word, cut around it:
 * "Goldman Sachs downgraded Tesla" is "Goldman Sachs" and "Tesla" (each with the tagger's label, typed
 * apart). Parts that do not start with a capital are dropped. A MISC name may hold such words ("Lord of
 * the Rings", "Tour de France"). Undefined when the span stays whole (no array per span on the hot path).
 */
export function cutAtLowerCaseWords<
  T extends { readonly start: number; readonly end: number; readonly category: string },
>(text: string, span: T): T[] | undefined {
  if (!CUT_CATEGORIES.has(span.category)) return undefined;
  // Most names are one word: no slice for them.
  const space = text.indexOf(' ', span.start);
  if (space < 0 || space >= span.end) return undefined;
  const name = text.slice(span.start, span.end);
  if (!HAS_LOWER_WORD.test(name)) return undefined;
  const parts: T[] = [];
  let from = 0;
  for (const m of name.matchAll(LOWER_WORD)) {
    // Only between capitalised words: tweets write surnames in lower case ("Kylie minogue").
    if (NAME_PARTICLES.has(m[0]) || !/^\s+\p{Lu}/u.test(name.slice(m.index + m[0].length))) continue;
    pushPart(name, span, from, m.index, parts);
    from = m.index + m[0].length;
  }
  pushPart(name, span, from, name.length, parts);
  return parts;
}

function pushPart<T extends { readonly start: number; readonly end: number }>(
  name: string,
  span: T,
  from: number,
  to: number,
  out: T[],
): void {
  const part = name.slice(from, to);
  const lead = part.length - part.trimStart().length;
  const trail = part.length - part.trimEnd().length;
  if (/^\p{Lu}/u.test(part.trimStart()))
    out.push({ ...span, start: span.start + from + lead, end: span.start + to - trail });
}

/**
 * Chat words in lower case that start or end no name: "martin lmao", "yea tanner", "heaven hello". The
 * tagger's caseless reading of chat runs names into them (WNUT17 dev).
 */
const CHAT_WORDS: ReadonlySet<string> = new Set(
  `lol lmao lmfao rofl haha hahaha hehe yea yeah yep yup nope ah ahh oh ohh omg wow hello hi hey im ok okay
  pls plz thx xd ugh damn smh tbh idk fr ngl bruh`.split(/\s+/),
);
/** Laughter written out: "hhaahaa", "ahahah". */
const LAUGHTER = /^a?(?:h+a+)+h*$/;

function isLowerAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 97 && c <= 122;
}

function isChatWord(word: string): boolean {
  return CHAT_WORDS.has(word) || LAUGHTER.test(word);
}

/**
 * A tagger's span without the lower-case chat words at its edges ("martin lmao" → "martin"), the span
 * itself when it has none, or undefined when nothing else is left ("hhaahaa").
 */
export function trimChatWords<T extends { readonly start: number; readonly end: number }>(
  text: string,
  span: T,
): T | undefined {
  let { start, end } = span;
  // Most spans start and end with a capitalised word: no slice for them.
  const lastWord = text.lastIndexOf(' ', end - 1) + 1;
  if (!isLowerAt(text, start) && !(lastWord > start && isLowerAt(text, lastWord))) return span;
  for (;;) {
    const name = text.slice(start, end);
    const first = /^(\S+)(\s+)/.exec(name);
    if (first && isChatWord(first[1]!)) {
      start += first[0].length;
      continue;
    }
    const last = /(\s+)(\S+)$/.exec(name);
    if (last && isChatWord(last[2]!)) {
      end -= last[0].length;
      continue;
    }
    if (!name.includes(' ') && isChatWord(name)) return undefined;
    break;
  }
  return start === span.start && end === span.end ? span : { ...span, start, end };
}

const COUNT_AFTER = /^\s+times?\b/i;
const LAST_NUMBER = /\s+\d+$/;

/**
 * A tagger's span that ran into a count: "visited the Space Needle 2 times" is the Space Needle,
 * visited twice, not a product "Space Needle 2". The span ends before the number when "times"
 * follows it; a name that is only a number is left to the other rules.
 */
export function cutCountAtEnd<T extends { readonly start: number; readonly end: number }>(
  text: string,
  span: T,
): T {
  const code = text.charCodeAt(span.end - 1);
  if (code < 48 || code > 57 || !COUNT_AFTER.test(text.slice(span.end, span.end + 8))) return span;
  const number = LAST_NUMBER.exec(text.slice(span.start, span.end));
  if (!number || number.index === 0) return span;
  return { ...span, end: span.start + number.index };
}

/**
 * A tagger's name that ends in a number and a full stop ("on Windows 11.", "at Build 2024."): the
 * tokeniser reads "11." as a list number, but after a name's other words it ends the sentence. So does
 * the full stop after a model's letter ("a Tesla Model Y."), but for a person, whose last word may be
 * an initial ("John F.").
 */
export function trimSentencePeriod<
  T extends { readonly start: number; readonly end: number; readonly category: string },
>(text: string, span: T): T {
  if (span.end - span.start < 4 || text.charCodeAt(span.end - 1) !== 46) return span;
  const code = text.charCodeAt(span.end - 2);
  const letter = code >= 65 && code <= 90 && text.charCodeAt(span.end - 3) === 32;
  if (letter && span.category !== 'Person' && !/\S/.test(text.charAt(span.end)))
    return { ...span, end: span.end - 1 };
  if (code < 48 || code > 57) return span;
  // Only after the name's other words: a lone "1." is left as it is.
  const space = text.lastIndexOf(' ', span.end - 2);
  return space > span.start ? { ...span, end: span.end - 1 } : span;
}

/**
 * A tagger's organisation that ends in " and " and a company the organisation recogniser trusts alone
 * ("Hewlett Packard Enterprise and Lenovo"): two organisations, cut before the joint. The company's own
 * candidate stays as it is.
 */
export function cutBeforeListedCompanies(text: string, candidates: Candidate[]): Candidate[] {
  let out: Candidate[] | undefined;
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k]!;
    if (c.source !== 'model' || c.modelLabel !== 'ORG') continue;
    // The last " and " inside the span (searched back from its end, not through the rest of the text).
    const joint = text.lastIndexOf(' and ', c.end - 5);
    if (joint <= c.start) continue;
    const tail = joint + 5;
    const listed = candidates.some(
      (r) =>
        r.source === 'rule' &&
        r.start === tail &&
        r.end === c.end &&
        typeInfo(r.type).category === 'Organization',
    );
    if (!listed) continue;
    out ??= [...candidates];
    out[k] = { ...c, end: joint };
  }
  return out ?? candidates;
}

/**
 * Two people the tagger found either side of " & ", the second with "'s" after it: a business named
 * after its founders ("Ben & Jerry's", "Dave & Buster's"), one Organization with its "'s".
 */
export function joinFoundersBusinesses(text: string, candidates: Candidate[]): Candidate[] {
  let out: Candidate[] | undefined;
  for (let k = 0; k < candidates.length; k++) {
    const a = candidates[k]!;
    if (a.source !== 'model' || a.type !== 'Person' || text.slice(a.end, a.end + 3) !== ' & ') continue;
    const b = candidates.find((c) => c.source === 'model' && c.type === 'Person' && c.start === a.end + 3);
    if (!b || !/^['’]s\b/.test(text.slice(b.end, b.end + 3))) continue;
    out ??= candidates.filter((c) => c !== b);
    out[out.indexOf(a)] = { ...a, end: b.end + 2, type: 'Organization' };
  }
  return out ?? candidates;
}

/**
 * Between two names, a nickname in quotes or brackets: capitalised words or initials only ("Hands of
 * Stone" keeps its "of"), nothing else in the gap.
 */
const NICKNAME_GAP = /^\s*["“(]\s*\p{Lu}[\p{L}.'’-]*(?:\s+(?:of|the|\p{Lu}[\p{L}.'’-]*)){0,3}\s*["”)]\s*$/u;

/**
 * A person's name written with a nickname inside it is one name: "Roberto "Hands of Stone" Duran",
 * "James Leander (Leo) Nichols". The tagger finds the names either side (and often the nickname as
 * a name of its own); they become one Person. A gap with a place, club or anything else typed in it
 * ("Ramon Vega (Cagliari) Raphael Wicky": two players and a club) is left alone.
 */
export function joinNamesAroundNicknames(text: string, candidates: Candidate[]): Candidate[] {
  let out: Candidate[] | undefined;
  for (const a of candidates) {
    if (a.source !== 'model' || a.type !== 'Person') continue;
    const b = candidates.find(
      (c) =>
        c.source === 'model' &&
        c.type === 'Person' &&
        c.start > a.end &&
        c.start - a.end <= 40 &&
        NICKNAME_GAP.test(text.slice(a.end, c.start)),
    );
    if (!b) continue;
    const inside = candidates.filter((c) => c !== a && c !== b && c.start >= a.end && c.end <= b.start);
    if (inside.some((c) => c.type !== 'Person')) continue;
    out ??= [...candidates];
    out = out.filter((c) => c !== b && !inside.includes(c));
    const k = out.indexOf(a);
    if (k < 0) continue; // a was joined into an earlier name, as its nickname or its last name
    out[k] = { ...a, end: b.end, confidence: Math.min(a.confidence, b.confidence) };
  }
  return out ?? candidates;
}
