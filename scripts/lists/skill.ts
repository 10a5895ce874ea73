/**
 * Builds models/entities/skill.txt, the Skill gazetteer. Deterministic. One entry a line:
 *   `machine learning`  matched case-insensitively anywhere;
 *   `=CLIPS`            a proper name: the text must hold a capital letter ("CLIPS", "Clips", not "clips");
 *   `?Go`               matched only as written (case-sensitive) and only in a technical context
 *                       (see src/entities/recognizers/skill/context.ts): "Go", "R", "Rust", "Swift".
 * Sources:
 *  - linguist-languages (MIT): programming languages whose names are not English words (WordNet 3.1)
 *    or first names (@faker-js/faker, MIT), nor shorter than four letters; a few famous ones whatever
 *    their names; data and markup languages from an allowlist (HTML, CSS, SQL, JSON, ...);
 *  - ESCO skill collections and skill groups, (c) European Union, https://esco.ec.europa.eu: the labels
 *    that are noun phrases ("computer programming", "creative thinking", "environmental sciences");
 *  - a hand-written list of technical disciplines, methods and frameworks.
 * Run: node --import tsx scripts/lists/skill.ts [path/to/esco] [out-dir]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { en } from '@faker-js/faker';
import { readWordNetSenses, type SenseCounts } from './person-type.ts';

const require = createRequire(import.meta.url);

interface LinguistLanguage {
  readonly name: string;
  readonly type: string;
}

/** Famous languages whose names look ambiguous to the filter but are not in practice. */
const LANGUAGES_ALWAYS = new Set([
  ...`Python C# C++ F# PHP TypeScript COBOL Fortran Erlang Haskell Prolog Lua VBA Tcl ALGOL OCaml Perl
  Kotlin Clojure MATLAB Objective-C`.split(/\s+/),
  'Visual Basic .NET',
]);

/** Languages named by common words or names: kept, but only as written and in technical context. */
const LANGUAGES_IN_CONTEXT = new Set(
  `Go R Rust Swift Ruby Java C D Julia Dart Elixir Crystal Scheme Racket Elm Groovy Solidity Ada Pascal
  Scala Zig Nim Forth Smalltalk SAS BASIC Apex Lisp Bash Shell Assembly Hack Mojo Carbon Gleam Lean`.split(
    /\s+/,
  ),
);

/** Linguist names that are files, products, dialects or everyday words rather than skills. */
const LANGUAGES_NEVER = new Set([
  'Makefile',
  'Dockerfile',
  'Procfile',
  'Batchfile',
  'Python console',
  'ShellSession',
  'Julia REPL',
  'Elvish Transcript',
  'Csound Document',
  'Csound Score',
  'Isabelle ROOT',
  'Gentoo Ebuild',
  'Gentoo Eclass',
  'GCC Machine Description',
  'Filebench WML',
  'OpenRC runscript',
  'Tree-sitter Query',
  'Apollo Guidance Computer',
  'Pep8',
  'PigLatin',
  'Noir',
  'Terra',
  'Shen',
  'Frege',
  'Idris',
  'Oberon',
  'Vala',
  'Zeek',
  'Mirah',
  'Tolk',
  'Golo',
  'Koka',
  'Flix',
  'Toit',
  'Imba',
  'Praat',
  'Fantom',
  'Whiley',
  'Module Management System',
  'Mathematical Programming System',
  'TI Program',
  'Witcher Script',
  'Untyped Plutus Core',
  'Cairo Zero',
  'Lean 4',
  'Rocq Prover',
  'Smarty',
  'Genshi',
  'Myghty',
  'Xmake',
  'Cirru',
  'Pyret',
  'Rhai',
]);

/** Data and markup languages worth a Skill (linguist types `data`/`markup`). */
const DATA_LANGUAGES = new Set(
  `HTML CSS SCSS Sass SQL JSON YAML XML Markdown GraphQL SPARQL TeX reStructuredText AsciiDoc
  Jupyter\u00a0Notebook`
    .split(/\s+/)
    .map((s) => s.replace('\u00a0', ' ')),
);

/** Technical disciplines, methods and well-known frameworks. `?` marks names that are common words. */
const HAND_WRITTEN = [
  // Disciplines.
  'machine learning',
  'deep learning',
  'reinforcement learning',
  'artificial intelligence',
  'data science',
  'data analysis',
  'data analytics',
  'data engineering',
  'data mining',
  'data modeling',
  'data modelling',
  'data visualization',
  'data visualisation',
  'big data',
  'business intelligence',
  'natural language processing',
  'computer vision',
  'image processing',
  'signal processing',
  'speech recognition',
  'cloud computing',
  'distributed systems',
  'software development',
  'software engineering',
  'software design',
  'software architecture',
  'software testing',
  'web development',
  'web design',
  'front-end development',
  'front end development',
  'frontend development',
  'back-end development',
  'back end development',
  'backend development',
  'full-stack development',
  'full stack development',
  'mobile development',
  'app development',
  'game development',
  'embedded systems',
  'systems engineering',
  'network engineering',
  'network administration',
  'system administration',
  'systems administration',
  'database administration',
  'database design',
  'database management',
  'cybersecurity',
  'cyber security',
  'information security',
  'network security',
  'penetration testing',
  'ethical hacking',
  'cryptography',
  'quality assurance',
  'unit testing',
  'test automation',
  'automated testing',
  'continuous integration',
  'continuous delivery',
  'continuous deployment',
  'CI/CD',
  'DevOps',
  'DevSecOps',
  'MLOps',
  'site reliability engineering',
  'object-oriented programming',
  'functional programming',
  'computer programming',
  'programming',
  'coding', // Azure's own example: "... | salesperson | Microsoft Surface laptop | Coding" → Skill
  'scripting',
  'shell scripting',
  'assembly language',
  'UX design',
  'UI design',
  'UI/UX design',
  'user experience design',
  'user interface design',
  'interaction design',
  'graphic design',
  'product design',
  'industrial design',
  'technical writing',
  'copywriting',
  'content writing',
  'proofreading',
  'video editing',
  'photo editing',
  'motion graphics',
  '3D modeling',
  '3D modelling',
  'CAD',
  // Business skills.
  'project management',
  'product management',
  'program management',
  'programme management',
  'risk management',
  'change management',
  'time management',
  'supply chain management',
  'inventory management',
  'stakeholder management',
  'people management',
  'team management',
  'vendor management',
  'customer relationship management',
  'business analysis',
  'financial analysis',
  'financial modeling',
  'financial modelling',
  'financial planning',
  'strategic planning',
  'business development',
  'digital marketing',
  'content marketing',
  'social media marketing',
  'email marketing',
  'search engine optimization',
  'search engine optimisation',
  'SEO',
  'market research',
  'bookkeeping',
  '?accounting', // "accounting firm", "accounting for 5%": a skill only in context
  'financial reporting',
  'budgeting',
  'forecasting',
  'customer service',
  'public speaking',
  '?negotiation', // "peace negotiation", "the leadership" in the news: skills only in context
  '?leadership',
  'teamwork',
  'team building',
  'attention to detail',
  'written communication',
  'verbal communication',
  'linux administration',
  'problem solving',
  'problem-solving',
  'critical thinking',
  'decision making',
  'decision-making',
  'conflict resolution',
  // Skills named by an adjective need their head; a noun is the skill without it ("leadership").
  'communication skills',
  'interpersonal skills',
  'organizational skills',
  'organisational skills',
  'analytical skills',
  'people skills',
  'event planning',
  'data entry',
  'touch typing',
  'statistical analysis',
  'statistical modeling',
  'predictive modeling',
  'predictive analytics',
  'A/B testing',
  'agile',
  'agile development',
  'Scrum',
  'Kanban',
  'Lean Six Sigma',
  'Six Sigma',
  'NLP',
  'OOP',
  // Frameworks and tools commonly listed as skills.
  'Node.js',
  'React.js',
  'ReactJS',
  'Vue.js',
  'Angular.js',
  'AngularJS',
  'Next.js',
  'Express.js',
  'jQuery',
  'Django',
  'Ruby on Rails',
  'Laravel',
  'Symfony',
  'ASP.NET',
  '.NET',
  '.NET Core',
  'TensorFlow',
  'PyTorch',
  'Keras',
  'scikit-learn',
  'NumPy',
  'SciPy',
  'Matplotlib',
  'Hadoop',
  'Apache Spark',
  'PySpark',
  'Apache Kafka',
  'Kubernetes',
  'Docker',
  'Terraform',
  'Ansible',
  'GitHub Actions',
  'REST APIs',
  'RESTful APIs',
  'microservices',
  'NoSQL',
  'MySQL',
  'PostgreSQL',
  'MongoDB',
  'Elasticsearch',
  'Redis',
  'Tailwind CSS',
  'Bootstrap',
  '?React',
  '?Angular',
  '?Spring',
  '?Spring Boot',
  '?Flask',
  '?Spark',
  '?Pandas',
  '?Kafka',
  '?Jenkins',
  '?Git',
  '?Rails',
  // Tools and platforms: products or companies elsewhere, Skills when a person knows them (`!`).
  ...`Excel|Microsoft Excel|PowerPoint|Microsoft Office|MS Office|Office 365|Microsoft 365|AutoCAD|SolidWorks|
  Revit|SketchUp|Rhino|Simulink|Tableau|Power BI|Looker|QuickBooks|Xero|SAP|SAP ERP|Salesforce|HubSpot|
  Zendesk|ServiceNow|Workday|Jira|Confluence|Figma|Sketch|Adobe XD|Photoshop|Adobe Photoshop|Illustrator|
  Adobe Illustrator|InDesign|Lightroom|Premiere Pro|After Effects|Final Cut Pro|Adobe Creative Suite|
  Adobe Creative Cloud|AWS|Amazon Web Services|Azure|Microsoft Azure|GCP|Google Cloud|Google Cloud Platform|
  Linux|Unix|Windows Server|Active Directory|VMware|SharePoint|Dynamics 365|Google Analytics|Google Ads|
  SPSS|SAS|Minitab|ArcGIS|QGIS|Unity|Unreal Engine|Blender|Maya|Splunk|Datadog|Snowflake|Databricks|
  Airflow|dbt|Postman|Selenium|Cypress|Epic|Cerner`
    .split('|')
    .map((name) => `!${name.trim()}`),
  // Cloud, data and delivery practices (the platforms themselves, e.g. Azure, AWS, are Products).
  'cloud architecture',
  'cloud security',
  'cloud infrastructure',
  'cloud engineering',
  'cloud-native development',
  'serverless computing',
  'containerization',
  'containerisation',
  'infrastructure as code',
  'site reliability',
  'data warehousing',
  'data pipelines',
  'data governance',
  'data cleaning',
  'data wrangling',
  'data labeling',
  'feature engineering',
  'prompt engineering',
  'ETL',
  'test-driven development',
  'TDD',
  'behavior-driven development',
  'BDD',
  'integration testing',
  'regression testing',
  'performance testing',
  'load testing',
  'API design',
  'API development',
  'system design',
  'version control',
  'code review',
  'pair programming',
  'UX research',
  'user research',
  'wireframing',
  'prototyping',
  'incident response',
  'threat modeling',
  'threat modelling',
  'PLC programming',
  // Frameworks, libraries and engines developers list as skills.
  'React Native',
  'ASP.NET Core',
  'Entity Framework',
  'Apache Airflow',
  'Apache Flink',
  'Apache Hive',
  'Apache Cassandra',
  'GitLab CI',
  '=CircleCI',
  '=Istio',
  '=Grafana',
  '=LangChain',
  '=SwiftUI',
  '=Svelte',
  '=Nuxt',
  '=gRPC',
  '=FastAPI',
  '=OpenGL',
  '=Webpack',
  '?Vue',
  '?Redux',
  '?Flutter',
  '?Airflow',
  '?Prometheus',
  '?Helm',
  '?Express',
  '?Bash',
  // Fields of study, engineering disciplines, trades, care and communication.
  'computer science',
  'business administration',
  'information technology',
  'information systems',
  'mechanical engineering',
  'electrical engineering',
  'civil engineering',
  'chemical engineering',
  'electrical wiring',
  'carpentry',
  'first aid',
  '=CPR',
  'patient care',
  '?wound care',
  '?GAAP',
  '?IFRS',
  '=IV therapy',
  'phlebotomy',
  'medication administration',
  'cash handling',
  'food preparation',
  'food safety',
  'quality control',
  'inventory control',
  'lesson planning',
  'classroom management',
  'team leadership',
  'public relations',
  'social media management',
  'video production',
  'customer support',
  'technical support',
  'sign language',
  'medical billing',
  'medical coding',
  'forklift operation',
  'bookkeeping',
  'payroll processing',
  // Everyday words that are skills in a skills context ("skills in welding", "sales experience").
  '?welding',
  '?photography',
  '?sales',
  '?plumbing',
  '?cooking',
  '?networking',
  '?translation',
];

/** ESCO labels kept as Skill: two or three words ending in a gerund or in one of these heads. */
const ESCO_HEADS =
  /(?:ing|science|sciences|engineering|management|analysis|design|programming|development|statistics|mathematics|linguistics|economics)$/;
/** "anti-virus software implementing" is an activity written backwards, not a skill's name. */
const ESCO_LAST_WORDS_NOT = new Set([
  'implementing',
  'using',
  'operating',
  'installing',
  'working',
  'learning',
]);

function escoLabels(escoDir: string, wordnet: ReadonlyMap<string, SenseCounts>): string[] {
  const out: string[] = [];
  const labelsOf = (file: string, column: string, sep: RegExp): string[] => {
    const rows = parseCsv(readFileSync(join(escoDir, file), 'utf8'));
    const header = rows[0]!;
    const pref = header.indexOf('preferredLabel');
    const alt = header.indexOf(column);
    return rows.slice(1).flatMap((r) => [r[pref] ?? '', ...(r[alt] ?? '').split(sep)]);
  };
  const labels = [
    ...labelsOf('ictSkillsCollection_en.csv', 'altLabels', / \| /),
    ...labelsOf('transversalSkillsCollection_en.csv', 'altLabels', / \| /),
    ...labelsOf('skillGroups_en.csv', 'altLabels', /\n/),
  ];
  for (const raw of labels) {
    const l = raw.trim().toLowerCase();
    const words = l.split(/\s+/);
    if (words.length < 2 || words.length > 3 || !/^[a-z][a-z -]*$/.test(l)) continue;
    const first = words[0]!;
    if (!ESCO_HEADS.test(l) || ESCO_LAST_WORDS_NOT.has(words[words.length - 1]!)) continue;
    // "administer mathematics", "show analytical thinking": a verb first makes an activity, not a skill.
    if (isVerb(first, wordnet) || /(?:ing|ly)$/.test(first)) continue;
    if (words.some((w) => w === 'and' || w === 'or' || w === 'with' || w === 'to' || w === 'of')) continue;
    out.push(l);
  }
  return out;
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[++i];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** Whether WordNet knows the word as a verb (its verb senses carry the `verb` flag). */
function isVerb(word: string, wordnet: ReadonlyMap<string, SenseCounts>): boolean {
  return wordnet.get(word)?.verb ?? false;
}

function languages(wordnet: ReadonlyMap<string, SenseCounts>): string[] {
  const all = Object.values(require('linguist-languages') as Record<string, LinguistLanguage>);
  const firstNames = new Set(
    Object.values(en.person!.first_name as Record<string, string[]>)
      .flat()
      .map((s) => s.toLowerCase()),
  );
  const out: string[] = [];
  for (const { name, type } of all) {
    if (LANGUAGES_NEVER.has(name) || /[()]/.test(name)) continue;
    if (LANGUAGES_IN_CONTEXT.has(name)) out.push(`?${name}`);
    else if (LANGUAGES_ALWAYS.has(name)) out.push(name);
    else if (DATA_LANGUAGES.has(name))
      out.push(/^[A-Z]+$/.test(name) ? name : `=${name}`); // "markdown" prices
    else if (type !== 'programming') continue;
    else {
      const n = name.toLowerCase();
      if (n.length > 3 && !wordnet.has(n) && !firstNames.has(n)) out.push(`=${name}`);
    }
  }
  return out;
}

function main(): void {
  const escoDir = process.argv[2] ?? join('..', 'shared', 'data', 'gazetteers', 'esco');
  const outDir = process.argv[3] ?? join('models', 'entities');
  const entries = new Map<string, string>(); // lower case → entry as written
  const wordnet = readWordNetSenses();
  for (const e of [...languages(wordnet), ...HAND_WRITTEN, ...escoLabels(escoDir, wordnet)]) {
    const key = e.replace(/^[?=!]/, '').toLowerCase();
    if (!entries.has(key) || e.startsWith('?') || e.startsWith('!')) entries.set(key, e);
  }
  const header = [
    '# Skill gazetteer, generated by scripts/lists/skill.ts. `=Name`: the text must hold a capital letter;',
    '# `?Name`: only as written and in technical context; `!Name`: the same, for a tool or platform (a Skill',
    '# then, over other readings of it); other entries match in any case.',
    '# Sources: linguist-languages (MIT, GitHub Linguist); ESCO skills, (c) European Union,',
    '# https://esco.ec.europa.eu (reuse authorised with acknowledgement); hand-written; WordNet 3.1 and',
    '# @faker-js/faker first names (MIT) as filters.',
  ];
  const key = (e: string): string => e.replace(/^[?=!]/, '').toLowerCase();
  const sorted = [...entries.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  writeFileSync(join(outDir, 'skill.txt'), [...header, ...sorted, ''].join('\n'));
  console.log(`skill.txt: ${sorted.length} entries`);
}

main();
