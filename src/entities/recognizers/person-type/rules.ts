/**
 * Context rules of the PersonType recogniser, apart from the gazetteer itself. All phrases are
 * lower case and singular; plurals are derived.
 */

/** Roles written before a name ("President Biden", "Prime Minister Rutte"): kept when capitalised mid-name. */
export const TITLES: readonly string[] = [
  'president',
  'vice president',
  'prime minister',
  'minister',
  'senator',
  'governor',
  'mayor',
  'chancellor',
  'premier',
  'secretary',
  'ambassador',
  'professor',
  'chairman',
  'chairwoman',
  'chief executive',
  'ceo',
  'cfo',
  'cto',
  'coo',
  'king',
  'queen',
  'prince',
  'princess',
  'pope',
  'bishop',
  'archbishop',
  'captain',
  'commander',
  'lieutenant',
  'sergeant',
  'colonel',
  'admiral',
  'coach',
  'congressman',
  'congresswoman',
  'detective',
  'inspector',
  'officer',
];

/**
 * Roles that are titles only right before a person's full name: "Nurse Jane Doe", "Pastor Rick Warren",
 * "Chef Gordon Ramsay"; alone in capitals they are a name's or a brand's ("Chef's Choice", "by the Chef").
 */
export const NAME_TITLES: ReadonlySet<string> = new Set(['nurse', 'pastor', 'rabbi', 'sheriff', 'chef']);

/** Modifiers that stay part of the role ("senior software engineer", "deputy mayor"). */
export const PREFIXES: ReadonlySet<string> = new Set([
  'senior',
  'junior',
  'principal',
  'deputy',
  'acting',
  'interim',
  'chief',
  'assistant',
  'associate',
  'vice',
  'co',
  'executive',
  'head',
  'sous',
  'registered',
  'licensed',
  'certified',
  // "Staff Accountant", "staff nurse", "Staff Engineer".
  'staff',
]);

/** Technical and business role heads that take a domain before them ("UX designer", "data engineer"). */
export const DOMAIN_HEADS: ReadonlySet<string> = new Set(
  `engineer engineers developer developers designer designers architect architects analyst analysts
  administrator administrators scientist scientists manager managers specialist specialists consultant
  consultants programmer programmers researcher researchers technician technicians officer officers
  owner owners leader leaders instructor instructors teacher teachers coach coaches coordinator coordinators
  associate associates representative representatives assistant assistants director directors`.split(/\s+/),
);

/** Government heads that take a portfolio before them ("Finance Minister", "the Home Secretary"). */
export const PORTFOLIO_HEADS: ReadonlySet<string> = new Set([
  'minister',
  'ministers',
  'secretary',
  'secretaries',
]);

/** Portfolios before a head of PORTFOLIO_HEADS: one word, matched case-insensitively. */
export const PORTFOLIOS: ReadonlySet<string> = new Set(
  `finance foreign defence defense interior home health education trade energy justice labour labor
  environment agriculture transport treasury commerce culture economy immigration housing industry
  tourism communications information oil petroleum fisheries sports science technology`.split(/\s+/),
);

/**
 * Nationalities before a capitalised role ("the German Chancellor", "the French President"): a
 * modifier of the role, not a first name that makes it a surname ("Stephen King said").
 */
export const NATIONALITIES: ReadonlySet<string> = new Set(
  `american british english scottish welsh irish french german italian spanish portuguese dutch belgian
  swiss austrian swedish norwegian danish finnish polish czech hungarian romanian greek turkish russian
  ukrainian israeli iranian iraqi syrian lebanese saudi egyptian chinese japanese korean indian pakistani
  afghan australian canadian mexican brazilian argentine chilean colombian venezuelan cuban nigerian
  kenyan vietnamese thai indonesian filipino malaysian taiwanese european us u.s. uk u.k. eu`.split(/\s+/),
);

/** Domains before a head of DOMAIN_HEADS: one or two words, matched case-insensitively. */
export const DOMAINS: readonly string[] = [
  ...`ux ui devops devsecops mlops cloud game games mobile ios android web frontend backend front-end back-end
  full-stack fullstack security support data software hardware network systems qa test research sales
  marketing product content account community compliance solutions platform infrastructure database
  embedded firmware ai ml release automation growth brand program programme project engineering
  operations finance hr it design creative video audio graphic interior fashion landscape
  ecommerce e-commerce seo crm erp sap salesforce python java javascript business team yoga fitness
  math maths science english history music art`.split(/\s+/),
  'machine learning',
  'site reliability',
  'full stack',
  'front end',
  'back end',
  'customer success',
  'social media',
  'business intelligence',
  'quality assurance',
  'human resources',
  'user experience',
  'talent acquisition',
  'supply chain',
  'public relations',
];

/** Words that are roles only with a department after them ("head of marketing", "chief of staff"). */
export const OF_ONLY_HEADS: ReadonlySet<string> = new Set(['head', 'heads', 'chief', 'chiefs']);

/** Heads that take an "of <department>" complement ("vice president of sales", "Secretary of State"). */
export const OF_HEADS: ReadonlySet<string> = new Set([
  'president',
  'vice president',
  'vp',
  'director',
  'head',
  'manager',
  'secretary',
  'minister',
  'professor',
  'dean',
  'chief',
  'officer',
  'head',
  'heads',
  'chiefs',
  'chancellor',
  'commissioner',
  'superintendent',
  'lecturer',
  'editor',
]);

/** What may follow "<head> of": one or two words. */
export const DEPARTMENTS: readonly string[] = [
  'product marketing',
  'product management',
  'product design',
  'data science',
  'software engineering',
  'platform engineering',
  'digital marketing',
  'corporate communications',
  'investor relations',
  'supply chain',
  'customer experience',
  'information technology',
  'information security',
  'research and development',
  'sales',
  'marketing',
  'engineering',
  'finance',
  'operations',
  'product',
  'research',
  'technology',
  'human resources',
  'communications',
  'education',
  'state',
  'defense',
  'defence',
  'health',
  'the treasury',
  'the interior',
  'foreign affairs',
  'justice',
  'business development',
  'customer success',
  'design',
  'development',
  'it',
  'hr',
  'staff',
  'security',
  'energy',
  'transportation',
  'agriculture',
  'commerce',
  'labor',
  'labour',
  'government',
  'police',
  'data',
  'growth',
  'people',
  'talent',
  'legal',
  'strategy',
  'public relations',
  'customer service',
  'infrastructure',
  'content',
  'news',
  'partnerships',
  'procurement',
  'compliance',
  'risk',
  'medicine',
  'surgery',
  'admissions',
  'the household',
  'mission',
  'protocol',
  'the navy',
  'the army',
  'the air force',
  'homeland security',
  'veterans affairs',
  'housing',
  'economics',
  'history',
  'philosophy',
  'physics',
  'chemistry',
  'biology',
  'mathematics',
  'english',
  'law',
  'psychology',
  'computer science',
  'music',
];

/**
 * Words that are roles only sometimes ("the cook", "a judge"): kept after a determiner when a verb,
 * punctuation or a function word follows, never inside a noun compound ("the host country").
 */
export const CONTEXT_ROLES: ReadonlySet<string> = new Set([
  'cook',
  'cooks',
  'judge',
  'judges',
  'guide',
  'guides',
  'pilot',
  'pilots',
  'witness',
  'witnesses',
  'suspect',
  'suspects',
  'victim',
  'victims',
]);
/** Of those, the ones written as a title in front of a name: "Judge Sarah Miller". */
export const CONTEXT_TITLES: ReadonlySet<string> = new Set(['judge']);
/**
 * Greetings that open a letter's salutation: a capitalised role after one is a role ("Dear Hiring
 * Manager", "Hi Team Lead"), and the refiner leaves one out of a tagger's name ("Dear Mr. Johnson").
 */
export const SALUTATIONS: ReadonlySet<string> = new Set(['dear', 'hi', 'hello', 'hey']);
/** Counts before a plural role that is a role only sometimes: "two suspects", "several witnesses". */
export const COUNT_WORDS: ReadonlySet<string> = new Set(
  `two three four five six seven eight nine ten eleven twelve dozens several many both some few 2 3 4 5 6 7
  8 9 10 11 12`.split(/\s+/),
);
export const DETERMINERS: ReadonlySet<string> = new Set([
  'the',
  'a',
  'an',
  'our',
  'my',
  'his',
  'her',
  'their',
  'your',
  'its',
  'this',
  'that',
  'every',
  'each',
]);
export const FOLLOWERS: ReadonlySet<string> = new Set([
  'is',
  'was',
  'are',
  'were',
  'has',
  'had',
  'have',
  'said',
  'says',
  'told',
  'who',
  'and',
  'or',
  'of',
  'in',
  'at',
  'will',
  'would',
  'can',
  'could',
  'should',
  'may',
  'might',
  'did',
  'does',
  'happens',
  'ruled',
  'asked',
  'ordered',
  'granted',
  'denied',
  'sentenced',
  'dismissed',
  'rejected',
  'found',
  'agreed',
  'decided',
  'wrote',
  'shall',
  'must',
  'about',
  'testified',
  'saw',
  'identified',
  'described',
]);
