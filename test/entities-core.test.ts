import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  cutAtLowerCaseWords,
  cutCountAtEnd,
  dedupeSpans,
  separateRolesFromNames,
  splitJoinedNames,
  statesAfterCities,
  trimChatWords,
  trimSentencePeriod,
} from '../src/entities/adjust.ts';
import { acronymsOfNames } from '../src/entities/acronyms.ts';
import { applyOverlapPolicy } from '../src/entities/overlap.ts';
import { createPipeline } from '../src/entities/pipeline.ts';
import { selectEntities } from '../src/entities/selection.ts';
import { RECOGNIZER_NAMES, type PipelineSettings } from '../src/entities/settings.ts';
import {
  FILTER_NAMES,
  matchesFilter,
  TAXONOMY,
  typeInfo,
  type EntityType,
} from '../src/entities/taxonomy.ts';
import type { RecognizedEntity } from '../src/entities/types.ts';
import { InferencePool } from '../src/inference/pool.ts';
import type { EntitySpan } from '../src/model/types.ts';

const ctx = { now: new Date('2026-03-10T09:00:00Z') };
const span = (start: number, end: number, confidence = 0.9) => ({ start, end, confidence });

describe('overlap policy', () => {
  it('matchLongest: the longest of overlapping entities wins, partial overlaps included', () => {
    // 8-20 beats 0-10; 0-3 overlapped only the loser, so it stays.
    const kept = applyOverlapPolicy([span(0, 3), span(0, 10), span(8, 20), span(21, 25)], 'matchLongest');
    assert.deepEqual(kept, [span(0, 3), span(8, 20), span(21, 25)]);
  });
  it('matchLongest: for the same characters the higher confidence wins; exact ties are all kept', () => {
    const a = { ...span(4, 9, 0.7), id: 'a' };
    const b = { ...span(4, 9, 0.8), id: 'b' };
    const c = { ...span(4, 9, 0.8), id: 'c' };
    assert.deepEqual(
      applyOverlapPolicy([a, b], 'matchLongest').map((e) => e.id),
      ['b'],
    );
    assert.deepEqual(
      applyOverlapPolicy([a, b, c], 'matchLongest').map((e) => e.id),
      ['b', 'c'],
    );
  });
  it('matchLongest agrees with its definition on random entity sets', () => {
    // The definition, checked against every entity kept so far (quadratic); the policy uses binary search.
    type E = { start: number; end: number; confidence: number; id: number };
    const byDefinition = (entities: E[]): number[] => {
      const ranked = [...entities].sort(
        (a, b) => b.end - b.start - (a.end - a.start) || b.confidence - a.confidence || a.start - b.start,
      );
      const kept: E[] = [];
      for (const e of ranked) {
        const tie = (k: E) => k.start === e.start && k.end === e.end && k.confidence === e.confidence;
        if (!kept.some((k) => k.start < e.end && e.start < k.end && !tie(k))) kept.push(e);
      }
      return kept.map((e) => e.id).sort((a, b) => a - b);
    };
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 5000; round++) {
      const entities = Array.from({ length: random(12) }, (_, id) => {
        const start = random(30);
        return { start, end: start + 1 + random(8), confidence: [0.5, 0.8, 0.9][random(3)]!, id };
      });
      const kept = applyOverlapPolicy(entities, 'matchLongest').map((e) => e.id);
      assert.deepEqual(
        kept.sort((a, b) => a - b),
        byDefinition(entities),
        JSON.stringify(entities),
      );
    }
  });
  it('allowOverlap: everything, sorted by position', () => {
    assert.deepEqual(applyOverlapPolicy([span(5, 9), span(0, 10), span(0, 3)], 'allowOverlap'), [
      span(0, 3),
      span(0, 10),
      span(5, 9),
    ]);
  });
});

describe('taxonomy', () => {
  it('gives every type a tag list that ends with the type and starts at its top tag', () => {
    for (const [type, info] of Object.entries(TAXONOMY)) {
      assert.equal(info.tags.at(-1), type, type);
      assert.ok(FILTER_NAMES.has(type) && FILTER_NAMES.has(info.category), type);
    }
  });
  it('matches filters at any level of the hierarchy', () => {
    const yes: [EntityType, string][] = [
      ['City', 'GPE'],
      ['City', 'Location'],
      ['City', 'City'],
      ['Airport', 'Structural'],
      ['Date', 'DateTime'],
      ['Date', 'Temporal'],
      ['Currency', 'Quantity'],
      ['Currency', 'Numeric'],
      ['Length', 'Dimension'],
      ['SportsEvent', 'Event'],
      ['ComputingProduct', 'Product'],
    ];
    for (const [type, name] of yes) assert.ok(matchesFilter(type, name), `${type} ~ ${name}`);
    const no: [EntityType, string][] = [
      ['Structural', 'GPE'],
      ['Person', 'PersonType'],
      ['Ordinal', 'Dimension'],
      ['Organization', 'OrganizationSports'],
    ];
    for (const [type, name] of no) assert.ok(!matchesFilter(type, name), `${type} !~ ${name}`);
  });
});

describe('selection (filters, then the overlap policy)', () => {
  const e = (start: number, end: number, type: EntityType, confidence = 0.9): RecognizedEntity => ({
    start,
    end,
    category: typeInfo(type).category,
    confidence,
    type,
  });
  // "$200 in Seattle": the amount, the number inside it, the city.
  const found = [e(0, 4, 'Currency'), e(1, 4, 'Number'), e(8, 15, 'City')];

  it('keeps the longest of overlapping entities under matchLongest, all under allowOverlap', () => {
    assert.deepEqual(selectEntities(found, { overlapPolicy: 'matchLongest', metadata: true }), [
      found[0],
      found[2],
    ]);
    assert.deepEqual(selectEntities(found, { overlapPolicy: 'allowOverlap', metadata: true }), found);
  });

  it('filters at any tag level before the overlap policy', () => {
    // The number survives when the amount it sits in is excluded, as Azure filters first.
    const noCurrency = {
      overlapPolicy: 'matchLongest',
      exclusionList: ['Currency'],
      metadata: true,
    } as const;
    assert.deepEqual(selectEntities(found, noCurrency), [found[1], found[2]]);
    const gpe = { overlapPolicy: 'matchLongest', inclusionList: ['GPE'], metadata: true } as const;
    assert.deepEqual(selectEntities(found, gpe), [found[2]]);
    const both = {
      overlapPolicy: 'allowOverlap',
      inclusionList: ['Quantity'],
      exclusionList: ['Number'],
      metadata: true,
    } as const;
    assert.deepEqual(selectEntities(found, both), [found[0]]);
  });
});

describe('roles and names', () => {
  /** The texts of what is left, with their types. */
  function separated(text: string, spans: [string, EntityType, 'model' | 'rule'][]): string[] {
    const candidates = spans.map(([surface, type, source]) => {
      const start = text.indexOf(surface);
      return { start, end: start + surface.length, type, confidence: 0.9, source };
    });
    return separateRolesFromNames(text, candidates).map((c) => `${text.slice(c.start, c.end)}/${c.type}`);
  }
  const cases: [string, string, [string, EntityType, 'model' | 'rule'][], string[]][] = [
    [
      'cuts a role the tagger swallowed off the front of an organisation',
      'The CEO of Contoso spoke.',
      [
        ['CEO of Contoso', 'Organization', 'model'],
        ['CEO', 'PersonType', 'rule'],
      ],
      ['Contoso/Organization', 'CEO/PersonType'],
    ],
    [
      'cuts a title off the front of a person',
      'King Norodom Sihanouk spoke.',
      [
        ['King Norodom Sihanouk', 'Person', 'model'],
        ['King', 'PersonType', 'rule'],
      ],
      ['Norodom Sihanouk/Person', 'King/PersonType'],
    ],
    [
      'keeps a name that a noble title and "of" begin',
      'Clyde 0 Queen of South 2',
      [
        ['Queen of South', 'Organization', 'model'],
        ['Queen', 'PersonType', 'rule'],
      ],
      ['Queen of South/Organization', 'Queen/PersonType'],
    ],
    [
      'keeps a place that a noble title begins',
      'He found work in Prince Rupert, British Columbia.',
      [
        ['Prince Rupert', 'Location', 'model'],
        ['Prince', 'PersonType', 'rule'],
      ],
      ['Prince Rupert/Location', 'Prince/PersonType'],
    ],
    [
      'keeps a surname that is a role word a person',
      'Baker scored twice.',
      [
        ['Baker', 'Person', 'model'],
        ['Baker', 'PersonType', 'rule'],
      ],
      ['Baker/Person'],
    ],
    [
      'reads a role word after a determiner as the role, not a person',
      'The Lessor and the Broker agreed; Baker signed.',
      [
        ['Lessor', 'Person', 'model'],
        ['Lessor', 'PersonType', 'rule'],
        ['Broker', 'PersonType', 'rule'],
        ['Baker', 'Person', 'model'],
        ['Baker', 'PersonType', 'rule'],
      ],
      ['Lessor/PersonType', 'Broker/PersonType', 'Baker/Person'],
    ],
    [
      'keeps a role of several words that the tagger read as an organisation a role',
      'The Chief Financial Officer and Federal Reserve signed.',
      [
        ['Chief Financial Officer', 'Organization', 'model'],
        ['Chief Financial Officer', 'PersonType', 'rule'],
        ['Federal Reserve', 'Organization', 'model'],
      ],
      ['Chief Financial Officer/PersonType', 'Federal Reserve/Organization'],
    ],
    [
      'keeps a role of several words that the tagger read as a person a role',
      'The Chief Justice administered the oath.',
      [
        ['Chief Justice', 'Person', 'model'],
        ['Chief Justice', 'PersonType', 'rule'],
      ],
      ['Chief Justice/PersonType'],
    ],
  ];
  for (const [name, text, spans, expected] of cases) {
    it(name, () => assert.deepEqual(separated(text, spans), expected));
  }
});

describe("a state's code after a city", () => {
  /** The candidates left, as "text/Type", given "surface/Type" model candidates of `text`. */
  const shown = (text: string, spans: string[]): string[] => {
    const candidates = spans.map((s) => {
      const [surface, type] = s.split('/') as [string, EntityType];
      const start = text.indexOf(surface);
      return { start, end: start + surface.length, type, confidence: 0.7, source: 'model' as const };
    });
    return statesAfterCities(text, candidates).map((c) => `${text.slice(c.start, c.end)}/${c.type}`);
  };
  const cases: [string, string, string[], string[]][] = [
    [
      're-types a bare place, or adds the state the tagger missed',
      'Offices in Denver, CO and Boise, ID; near Toronto, ON.',
      ['Denver/City', 'CO/Location', 'Boise/City', 'Toronto/City'],
      ['Denver/City', 'CO/State', 'Boise/City', 'Toronto/City', 'ID/State', 'ON/State'],
    ],
    [
      'needs a city before it and a code that ends there: no territory, company or word',
      'Apple, OR Google; Austin, CO-OP; Miami, COX; Ponce, PR.',
      ['Apple/Organization', 'Austin/City', 'Miami/City', 'Ponce/City'],
      ['Apple/Organization', 'Austin/City', 'Miami/City', 'Ponce/City'],
    ],
    [
      "reads a name that is a state's and a country's after a city as the state",
      'She visited Atlanta, Georgia.',
      ['Atlanta/City', 'Georgia/CountryRegion'],
      ['Atlanta/City', 'Georgia/State'],
    ],
    [
      "leaves it the country after the country's city",
      'She visited Tbilisi, Georgia.',
      ['Tbilisi/City', 'Georgia/CountryRegion'],
      ['Tbilisi/City', 'Georgia/CountryRegion'],
    ],
  ];
  for (const [name, text, spans, expected] of cases)
    it(name, () => assert.deepEqual(shown(text, spans), expected));
});

describe('one candidate per span', () => {
  const c = (type: EntityType, confidence: number, source: 'model' | 'rule', modelLabel?: string) => ({
    start: 8,
    end: 17,
    type,
    confidence,
    source,
    ...(modelLabel ? { modelLabel } : {}),
  });
  it('keeps the higher confidence, the earlier recogniser on a tie', () => {
    assert.deepEqual(dedupeSpans([c('Number', 0.8, 'rule'), c('DateRange', 0.9, 'rule')]), [
      c('DateRange', 0.9, 'rule'),
    ]);
    assert.deepEqual(dedupeSpans([c('Number', 0.9, 'rule'), c('DateRange', 0.9, 'rule')]), [
      c('Number', 0.9, 'rule'),
    ]);
  });
  it("keeps the tagger's organisation or person over a list name that is also a club's ('Leeds v Wimbledon'), not its MISC", () => {
    const club = c('Organization', 0.82, 'model', 'ORG');
    const wimbledon = { ...c('SportsEvent', 0.9, 'rule'), tagger: 'yields' as const };
    assert.deepEqual(dedupeSpans([club, wimbledon]), [club]);
    const misc = c('Miscellaneous', 0.5, 'model', 'MISC');
    assert.deepEqual(dedupeSpans([misc, wimbledon]), [wimbledon]);
  });
  it("keeps a name the context typed over the tagger's, whatever their confidences ('proficient in Salesforce')", () => {
    const skill = { ...c('Skill', 0.8, 'rule'), tagger: 'overrides' as const };
    const company = c('Organization', 0.97, 'model', 'ORG');
    assert.deepEqual(dedupeSpans([company, skill]), [skill]);
    assert.deepEqual(dedupeSpans([skill, company]), [skill]);
  });
  it("keeps a well-known company over the tagger's person or place, not over its organisation ('Bosch')", () => {
    const bosch = { ...c('Organization', 0.7, 'rule'), tagger: 'overridesPersonOrPlace' as const };
    const person = c('Person', 0.95, 'model', 'PER');
    const place = c('City', 0.9, 'model', 'LOC');
    assert.deepEqual(dedupeSpans([person, bosch]), [bosch]);
    assert.deepEqual(dedupeSpans([bosch, place]), [bosch]);
    // The tagger's organisation was typed by the refiner (a club, a product): it stays, either confidence.
    const club = c('OrganizationSports', 0.9, 'model', 'ORG');
    assert.deepEqual(dedupeSpans([club, bosch]), [club]);
    const weakClub = c('OrganizationSports', 0.5, 'model', 'ORG');
    assert.deepEqual(dedupeSpans([bosch, weakClub]), [weakClub]);
    // Against another rule's name for the same word, the higher confidence wins as ever.
    const product = c('Product', 0.8, 'rule');
    assert.deepEqual(dedupeSpans([bosch, product]), [product]);
  });
  it("keeps the tagger's organisation over a product named like its maker, not its person or MISC ('Coca-Cola')", () => {
    const drink = { ...c('Product', 0.8, 'rule'), tagger: 'yieldsToOrganization' as const };
    const company = c('Organization', 0.54, 'model', 'ORG');
    assert.deepEqual(dedupeSpans([company, drink]), [company]);
    const person = c('Person', 0.9, 'model', 'PER');
    assert.deepEqual(dedupeSpans([person, drink]), [person]);
    const weakPerson = c('Person', 0.5, 'model', 'PER');
    assert.deepEqual(dedupeSpans([weakPerson, drink]), [drink]);
    const misc = c('Product', 0.42, 'model', 'MISC');
    assert.deepEqual(dedupeSpans([misc, drink]), [drink]);
  });
  it("keeps a listed product of several words over the tagger's person only ('Rolex Submariner')", () => {
    const watch = { ...c('Product', 0.8, 'rule'), tagger: 'overridesPerson' as const };
    const person = c('Person', 0.88, 'model', 'PER');
    assert.deepEqual(dedupeSpans([person, watch]), [watch]);
    assert.deepEqual(dedupeSpans([watch, person]), [watch]);
    // The tagger's organisation, of higher confidence, wins as ever.
    const company = c('Organization', 0.9, 'model', 'ORG');
    assert.deepEqual(dedupeSpans([company, watch]), [company]);
  });
  it("keeps a list name that names only an event over the tagger's organisation ('CES')", () => {
    const ces = c('Event', 0.85, 'rule');
    assert.deepEqual(dedupeSpans([c('Organization', 0.8, 'model', 'ORG'), ces]), [ces]);
  });
});

describe('names the tagger ran over a lower-case word', () => {
  const cut = (text: string, name: string, category = 'Organization'): string[] => {
    const start = text.indexOf(name);
    const span = { start, end: start + name.length, category };
    return (cutAtLowerCaseWords(text, span) ?? [span]).map((s) => text.slice(s.start, s.end));
  };
  it('cuts around a lower-case word between capitalised ones', () => {
    const text = 'Goldman Sachs downgraded Tesla to neutral.';
    assert.deepEqual(cut(text, 'Goldman Sachs downgraded Tesla'), ['Goldman Sachs', 'Tesla']);
  });
  it("keeps particles, short joining words, tweets' lower-case surnames, MISC and caseless text", () => {
    assert.deepEqual(cut('In Newcastle upon Tyne.', 'Newcastle upon Tyne', 'Location'), [
      'Newcastle upon Tyne',
    ]);
    assert.deepEqual(cut('At Bank of America.', 'Bank of America'), ['Bank of America']);
    assert.deepEqual(cut('lol Kylie minogue rocks', 'Kylie minogue', 'Person'), ['Kylie minogue']);
    assert.deepEqual(cut('The Lord of the Rings again.', 'Lord of the Rings', 'Miscellaneous'), [
      'Lord of the Rings',
    ]);
    const chat = 'goldman sachs downgraded tesla';
    assert.deepEqual(cut(chat, chat), [chat]);
  });
});

describe('acronyms defined after a name', () => {
  const acronyms = (text: string, name: string, type: EntityType = 'Organization'): string[] => {
    const start = text.indexOf(name);
    const candidates = acronymsOfNames(text, [
      { start, end: start + name.length, type, confidence: 0.9, source: 'model' },
    ]);
    return candidates.slice(1).map((c) => `${text.slice(c.start, c.end)}@${c.start}:${c.type}`);
  };
  it('names the acronym in parentheses and its later whole-word mentions with the name', () => {
    const text = 'The World Health Organisation (WHO) said so. WHO say more; the WHOLE team and WHO.';
    assert.deepEqual(acronyms(text, 'World Health Organisation', 'OrganizationMedical'), [
      'WHO@31:OrganizationMedical',
      'WHO@45:OrganizationMedical',
      'WHO@78:OrganizationMedical',
    ]);
    assert.deepEqual(
      acronyms('The Securities and Exchange Commission ( SEC ) sued.', 'Securities and Exchange Commission'),
      ['SEC@41:Organization'],
    );
  });
  it('leaves letters in parentheses that are not the initials, and names of other categories', () => {
    assert.deepEqual(acronyms('The World Health Organisation (UN) said.', 'World Health Organisation'), []);
    assert.deepEqual(acronyms('Sarah Jane Smith (SJS) said.', 'Sarah Jane Smith', 'Person'), []);
  });
});

describe('names the tagger ran into chat words', () => {
  const trim = (text: string, name: string): string | undefined => {
    const start = text.indexOf(name);
    const span = trimChatWords(text, { start, end: start + name.length });
    return span && text.slice(span.start, span.end);
  };
  it('trims lower-case chat words and laughter at either edge, and drops a span of nothing else', () => {
    assert.equal(trim('lol martin lmao', 'martin lmao'), 'martin');
    assert.equal(trim('yea tanner said so', 'yea tanner'), 'tanner');
    assert.equal(trim('omg yea kevin love haha', 'omg yea kevin love haha'), 'kevin love');
    assert.equal(trim('hhaahaa', 'hhaahaa'), undefined);
  });
  it('leaves capitalised words and names without chat words as they are', () => {
    assert.equal(trim('Sandra Oh won', 'Sandra Oh'), 'Sandra Oh');
    assert.equal(trim('Hi Fidelity', 'Hi Fidelity'), 'Hi Fidelity');
    assert.equal(trim('met martin short', 'martin short'), 'martin short');
  });
});

/** What `edit` keeps of the first `name` in `text`, as a tagger's span. */
function editedSpan(
  edit: (text: string, span: { start: number; end: number }) => { start: number; end: number },
  text: string,
  name: string,
): string {
  const start = text.indexOf(name);
  const span = edit(text, { start, end: start + name.length });
  return text.slice(span.start, span.end);
}

describe('names the tagger ran into a count', () => {
  const cut = (text: string, name: string): string => editedSpan(cutCountAtEnd, text, name);

  it('ends the name before the number of "N times"', () => {
    assert.equal(cut('We even visited the Space Needle 2 times!', 'Space Needle 2'), 'Space Needle');
    assert.equal(cut('He won the Stanley Cup 3 Times.', 'Stanley Cup 3'), 'Stanley Cup');
  });

  it('leaves model numbers, a number alone and numbers not followed by "times"', () => {
    assert.equal(cut('I bought a Pixel 8 yesterday.', 'Pixel 8'), 'Pixel 8');
    assert.equal(cut('The Xbox 360 timeline.', 'Xbox 360'), 'Xbox 360');
    assert.equal(cut('Windows 11 timeline', 'Windows 11'), 'Windows 11');
    assert.equal(cut('Rated 5 times over.', '5'), '5');
  });
});

describe("names the tagger ran into a sentence's full stop after a number or a model's letter", () => {
  const trimmed = (text: string, name: string, category = 'Miscellaneous'): string =>
    editedSpan((t, span) => trimSentencePeriod(t, { ...span, category }), text, name);

  it('ends the name before the full stop', () => {
    assert.equal(trimmed('Outlook crashes on Windows 11.', 'Windows 11.'), 'Windows 11');
    assert.equal(trimmed('He spoke at Build 2024. Then he left.', 'Build 2024.'), 'Build 2024');
    assert.equal(trimmed('My wife has a Tesla Model Y.', 'Tesla Model Y.'), 'Tesla Model Y');
    assert.equal(trimmed('It ended with World War I. Then', 'World War I.', 'Event'), 'World War I');
  });

  it("keeps a person's initial, and a letter's full stop inside a sentence", () => {
    assert.equal(trimmed('I met John F.', 'John F.', 'Person'), 'John F.');
    assert.equal(trimmed('The Model Y.Z line', 'Model Y.', 'Miscellaneous'), 'Model Y.');
  });

  it('keeps the full stops of abbreviations, versions and a list number alone', () => {
    assert.equal(trimmed('I work for Contoso Inc.', 'Contoso Inc.'), 'Contoso Inc.');
    assert.equal(trimmed('He wrote to the U.S.', 'U.S.'), 'U.S.');
    assert.equal(trimmed('It runs Photoshop 7.0 now.', 'Photoshop 7.0'), 'Photoshop 7.0');
    assert.equal(trimmed('Item 12. Chairs', '12.'), '12.');
  });
});

describe('names the tagger joined', () => {
  /** The parts of the first `name` in `text`, a candidate of `type`. */
  const parts = (text: string, name: string, type: EntityType = 'Person'): string[] => {
    const start = text.indexOf(name);
    const c = { start, end: start + name.length, type, confidence: 0.9, source: 'model' as const };
    return splitJoinedNames(text, c).map((s) => text.slice(s.start, s.end));
  };
  it('splits a person at "and", "or" and "&" between names', () => {
    assert.deepEqual(parts('meet john and priya at 3', 'john and priya'), ['john', 'priya']);
    assert.deepEqual(parts('Ask Ann Lee, Bo or Cy & Di.', 'Bo or Cy & Di'), ['Bo', 'Cy', 'Di']);
    assert.deepEqual(parts('Sir Andrew Anderson spoke.', 'Sir Andrew Anderson'), ['Sir Andrew Anderson']);
  });
  it('splits an organisation before a name that begins with "The" or with its own first word', () => {
    const papers = 'The New York Times and The Guardian reported it.';
    assert.deepEqual(parts(papers, 'New York Times and The Guardian', 'Organization'), [
      'New York Times',
      'The Guardian',
    ]);
    assert.deepEqual(parts('Marks and Spencer rose.', 'Marks and Spencer', 'Organization'), [
      'Marks and Spencer',
    ]);
    const banks = 'Bank of America and Bank of England met.';
    assert.deepEqual(parts(banks, 'Bank of America and Bank of England', 'Organization'), [
      'Bank of America',
      'Bank of England',
    ]);
    // One word on the left: a company's own name ("Johnson and Johnson Services").
    const jj = 'Johnson and Johnson Services grew.';
    assert.deepEqual(parts(jj, 'Johnson and Johnson Services', 'Organization'), [
      'Johnson and Johnson Services',
    ]);
  });
  it('keeps a listed company the tagger read as a person whole (typed before the split)', () => {
    const text = 'Johnson & Johnson reported.';
    const tagged = (name: string): EntitySpan => {
      const start = text.indexOf(name);
      return { start, end: start + name.length, category: 'Person', confidence: 0.9 };
    };
    const pipeline = createPipeline({
      recognizers: [],
      miscellaneous: 'drop',
      lists: 'models/entities',
      maxCandidatesPerDocument: 1000,
    });
    const found = pipeline.run(text, [tagged('Johnson & Johnson')], ctx);
    assert.deepEqual(
      found.map((e) => `${text.slice(e.start, e.end)}/${e.type}`),
      ['Johnson & Johnson/OrganizationMedical'],
    );
  });
});

describe('names joined by "and" or "or"', () => {
  const pipeline = createPipeline({
    recognizers: [],
    miscellaneous: 'drop',
    lists: 'models/entities',
    maxCandidatesPerDocument: 1000,
  });
  const typed = (text: string, ...spans: [string, string, number][]): string[] =>
    pipeline
      .run(
        text,
        spans.map(([name, category, confidence]) => {
          const start = text.indexOf(name);
          return { start, end: start + name.length, category, confidence };
        }),
        ctx,
      )
      .map((e) => `${text.slice(e.start, e.end)}/${e.type}`);
  it('gives a name the tagger was unsure of the kind of the one it was sure of', () => {
    const final = 'The final between Iga Swiatek and Jasmine Paolini.';
    assert.deepEqual(typed(final, ['Iga Swiatek', 'Location', 0.42], ['Jasmine Paolini', 'Person', 0.97]), [
      'Iga Swiatek/Person',
      'Jasmine Paolini/Person',
    ]);
    const flood = 'It flooded parts of St. Louis and Memphis.';
    assert.deepEqual(typed(flood, ['St. Louis', 'Location', 0.98], ['Memphis', 'Organization', 0.29]), [
      'St. Louis/City',
      'Memphis/City',
    ]);
    const rain = 'Rain flooded streets in Oxford and Reading.';
    assert.deepEqual(typed(rain, ['Oxford', 'Location', 0.83], ['Reading', 'Organization', 0.63]), [
      'Oxford/City',
      'Reading/City',
    ]);
    // An unsure person listed with a company, by a comma too.
    const shop = 'Our store integrates with Stripe, PayPal and QuickBooks.';
    assert.deepEqual(typed(shop, ['Stripe', 'Person', 0.42], ['PayPal', 'Organization', 0.52]), [
      'Stripe/Organization',
      'PayPal/Organization',
    ]);
    assert.deepEqual(typed(shop, ['Stripe', 'Person', 0.6], ['PayPal', 'Organization', 0.52]), [
      'Stripe/Person',
      'PayPal/Organization',
    ]);
  });
  it('leaves both where the tagger was sure of both, or unsure of both, or they are not joined', () => {
    const final = 'The final between Iga Swiatek and Jasmine Paolini.';
    assert.deepEqual(typed(final, ['Iga Swiatek', 'Location', 0.9], ['Jasmine Paolini', 'Person', 0.97]), [
      'Iga Swiatek/Location',
      'Jasmine Paolini/Person',
    ]);
    assert.deepEqual(typed(final, ['Iga Swiatek', 'Location', 0.4], ['Jasmine Paolini', 'Person', 0.6]), [
      'Iga Swiatek/Location',
      'Jasmine Paolini/Person',
    ]);
    const derby = 'Fans of Leeds and Reading sang.';
    assert.deepEqual(typed(derby, ['Leeds', 'Organization', 0.9], ['Reading', 'Organization', 0.63]), [
      'Leeds/OrganizationSports',
      'Reading/OrganizationSports',
    ]);
    const game = 'St. Louis beat Memphis.';
    assert.deepEqual(typed(game, ['St. Louis', 'Location', 0.98], ['Memphis', 'Organization', 0.29]), [
      'St. Louis/City',
      'Memphis/OrganizationSports',
    ]);
  });
});

describe('pipeline', () => {
  const settings = (over: Partial<PipelineSettings> = {}): PipelineSettings => ({
    recognizers: [...RECOGNIZER_NAMES],
    miscellaneous: 'drop',
    lists: 'models/entities',
    maxCandidatesPerDocument: 1000,
    ...over,
  });
  const model = (start: number, end: number, category: string, subcategory?: string): EntitySpan => ({
    start,
    end,
    category,
    ...(subcategory ? { subcategory } : {}),
    confidence: 0.9,
  });

  it('drops a MISC name with no evidence for an Azure type, or keeps it as Miscellaneous when asked', () => {
    const text = 'Zorblax is nice.';
    const misc = [model(0, 7, 'Miscellaneous')];
    const dropped = createPipeline(settings({ recognizers: [] })).run(text, misc, ctx);
    assert.deepEqual(dropped, []);
    const kept = createPipeline(settings({ recognizers: [], miscellaneous: 'keep' })).run(text, misc, ctx);
    assert.deepEqual(
      kept.map((e) => [e.category, e.type]),
      [['Miscellaneous', 'Miscellaneous']],
    );
  });

  it('keeps the date for a holiday the tagger named after a temporal preposition, and for the holidays listed after it', () => {
    const text = "Closed on Christmas Day and New Year's Day. Christmas Day and Easter are holidays.";
    const at = (name: string, from = 0) => text.indexOf(name, from);
    const spans = [
      model(at('Christmas Day'), at('Christmas Day') + 13, 'Miscellaneous'),
      model(at("New Year's Day"), at("New Year's Day") + 14, 'Miscellaneous'),
      model(at('Christmas Day', 20), at('Christmas Day', 20) + 13, 'Miscellaneous'),
    ];
    const found = selectEntities(createPipeline(settings()).run(text, spans, ctx), {
      overlapPolicy: 'matchLongest',
      metadata: false,
    });
    assert.deepEqual(
      found.map((e) => `${text.slice(e.start, e.end)}/${e.type}`),
      ['Christmas Day/Date', "New Year's Day/Date", 'Christmas Day/CulturalEvent', 'Easter/CulturalEvent'],
    );
  });

  it('keeps the date for a listed event that is a holiday, after a temporal preposition', () => {
    const text = 'Shoppers lined up on Black Friday. Black Friday sales rose.';
    const found = selectEntities(createPipeline(settings()).run(text, [], ctx), {
      overlapPolicy: 'matchLongest',
      metadata: false,
    });
    assert.deepEqual(
      found.filter((e) => text.slice(e.start, e.end) === 'Black Friday').map((e) => e.type),
      ['Date', 'Event'],
    );
  });

  it('cuts two known places the tagger joined with "and", never one listed place', () => {
    const text = 'We skied in Davos and Zermatt, then flew to Trinidad and Tobago and Foo and Bar.';
    const spans = ['Davos and Zermatt', 'Trinidad and Tobago', 'Foo and Bar'].map((name) =>
      model(text.indexOf(name), text.indexOf(name) + name.length, 'Location'),
    );
    const out = createPipeline(settings({ recognizers: [] })).run(text, spans, ctx);
    assert.deepEqual(
      out.map((e) => `${text.slice(e.start, e.end)}/${e.type}`),
      ['Davos/City', 'Zermatt/City', 'Trinidad and Tobago/CountryRegion', 'Foo and Bar/Location'],
    );
  });

  it('cuts an organisation the tagger joined with "and" to a listed product, never a company\'s own name', () => {
    const text = 'Adobe Photoshop and Figma are tools; Procter and Gamble sells soap.';
    const spans = ['Adobe Photoshop and Figma', 'Procter and Gamble'].map((name) =>
      model(text.indexOf(name), text.indexOf(name) + name.length, 'Organization'),
    );
    const out = createPipeline(settings({ recognizers: [] })).run(text, spans, ctx);
    assert.deepEqual(
      out.map((e) => `${text.slice(e.start, e.end)}/${e.type}`),
      ['Adobe Photoshop/ComputingProduct', 'Figma/Organization', 'Procter and Gamble/Organization'],
    );
  });

  it('cuts an organisation the tagger joined with "and" into two events, when each part is one', () => {
    const text = 'We attended the Consumer Electronics Show and Mobile World Congress.';
    const name = 'Consumer Electronics Show and Mobile World Congress';
    const spans = [model(text.indexOf(name), text.indexOf(name) + name.length, 'Organization')];
    const out = createPipeline(settings({ recognizers: [] })).run(text, spans, ctx);
    assert.deepEqual(
      out.map((e) => `${text.slice(e.start, e.end)}/${e.category}`),
      ['Consumer Electronics Show/Event', 'Mobile World Congress/Event'],
    );
  });

  it('cuts two "X & Y" companies, and a company the recogniser trusts, from a name joined by "and"', () => {
    const text = 'Procter & Gamble and Ernst & Young grew; Hewlett Packard Enterprise and Lenovo shipped.';
    const spans = ['Procter & Gamble and Ernst & Young', 'Hewlett Packard Enterprise and Lenovo'].map(
      (name) => model(text.indexOf(name), text.indexOf(name) + name.length, 'Organization'),
    );
    const out = createPipeline(settings({ recognizers: ['organization'] })).run(text, spans, ctx);
    assert.deepEqual(
      applyOverlapPolicy(out, 'matchLongest').map((e) => `${text.slice(e.start, e.end)}/${e.type}`),
      [
        'Procter & Gamble/Organization',
        'Ernst & Young/Organization',
        'Hewlett Packard Enterprise/Organization',
        'Lenovo/Organization',
      ],
    );
  });

  it('joins two founders\' names before "\'s" into their business', () => {
    const text = "Ben & Jerry's ice cream; Tom & Jerry is a cartoon.";
    const at = (name: string) => text.indexOf(name);
    const spans = ['Ben', 'Jerry', 'Tom', 'Jerry is'].map((name) => {
      const n = name.split(' ')[0]!;
      const start = name === 'Jerry is' ? text.indexOf('Jerry', at('Tom')) : at(n);
      return model(start, start + n.length, 'Person');
    });
    const out = createPipeline(settings({ recognizers: [] })).run(text, spans, ctx);
    assert.deepEqual(
      out.map((e) => `${text.slice(e.start, e.end)}/${e.type}`),
      ["Ben & Jerry's/Organization", 'Tom/Person', 'Jerry/Person'],
    );
  });

  it('joins two names around a nickname in quotes or brackets into one person, not around a club or place', () => {
    const text =
      'Roberto "Hands of Stone" Duran met Hector " Macho " Camacho and James Leander (Leo) Nichols; ' +
      'Ramon Vega (Cagliari) Raphael Wicky (Werder Bremen); Tom "and" Jerry.';
    const spans: EntitySpan[] = [];
    const tag = (name: string, category: string, from = 0): void => {
      const start = text.indexOf(name, from);
      spans.push(model(start, start + name.length, category));
    };
    for (const name of ['Roberto', 'Duran', 'Hector', 'Macho', 'Camacho', 'James Leander', 'Leo', 'Nichols'])
      tag(name, 'Person');
    tag('Ramon Vega', 'Person');
    tag('Cagliari', 'Organization');
    tag('Raphael Wicky', 'Person');
    tag('Werder Bremen', 'Organization');
    tag('Tom', 'Person');
    tag('Jerry', 'Person');
    const out = createPipeline(settings({ recognizers: [] })).run(text, spans, ctx);
    assert.deepEqual(
      out.filter((e) => e.type === 'Person').map((e) => text.slice(e.start, e.end)),
      [
        'Roberto "Hands of Stone" Duran',
        'Hector " Macho " Camacho',
        'James Leander (Leo) Nichols',
        'Ramon Vega',
        'Raphael Wicky',
        'Tom',
        'Jerry',
      ],
    );
  });

  it('cuts a name the tagger ran into a date written in lower case, and a role before "of" in caseless text', () => {
    const chat = 'brunch w/ sarah tmrw at 11 with the ceo of acme corp';
    const at = (name: string) => chat.indexOf(name);
    const spans = [
      model(at('sarah tmrw'), at('sarah tmrw') + 10, 'Person'),
      model(at('ceo of acme corp'), chat.length, 'Organization'),
    ];
    const out = createPipeline(settings({ recognizers: ['datetime', 'personType'] })).run(chat, spans, ctx);
    assert.deepEqual(
      applyOverlapPolicy(out, 'matchLongest').map((e) => `${chat.slice(e.start, e.end)}/${e.type}`),
      ['sarah/Person', 'tmrw/Date', 'ceo/PersonType', 'acme corp/Organization'],
    );
    // A name may end with a date written with a capital or in digits, or with a set.
    const names = 'Black Friday sales; the china daily';
    const kept = createPipeline(settings({ recognizers: ['datetime'] })).run(
      names,
      [model(0, 12, 'Miscellaneous'), model(names.indexOf('china'), names.length, 'Organization')],
      ctx,
    );
    assert.ok(kept.some((e) => names.slice(e.start, e.end) === 'china daily'));
  });

  it('reads Georgia as the state where the document names another US state', () => {
    const run = (text: string) =>
      createPipeline(settings({ recognizers: [] }))
        .run(
          text,
          [
            model(text.indexOf('Florida'), text.indexOf('Florida') + 7, 'Location'),
            model(text.indexOf('Georgia'), text.indexOf('Georgia') + 7, 'Location'),
          ].filter((m) => m.start >= 0),
          ctx,
        )
        .map((e) => `${text.slice(e.start, e.end)}/${e.type}`);
    assert.deepEqual(run('From Florida into Georgia.'), ['Florida/State', 'Georgia/State']);
    assert.deepEqual(run('Tbilisi, Georgia.'), ['Georgia/CountryRegion']);
  });

  it('cuts a name the tagger ran over a lower-case word', () => {
    const text = 'Goldman Sachs downgraded Tesla to neutral.';
    const out = createPipeline(settings({ recognizers: [] })).run(text, [model(0, 30, 'Organization')], ctx);
    assert.deepEqual(
      out.map((e) => `${text.slice(e.start, e.end)}/${e.type}`),
      ['Goldman Sachs/Organization', 'Tesla/Organization'],
    );
  });

  it('keeps model spans already in Azure types and drops categories Azure does not have', () => {
    const text = 'On May 5 at Foo.';
    const out = createPipeline(settings({ recognizers: [] })).run(
      text,
      [model(3, 8, 'DateTime', 'Date'), model(12, 15, 'Widget')],
      ctx,
    );
    assert.deepEqual(
      out.map((e) => [e.start, e.end, e.category, e.subcategory, e.type]),
      [[3, 8, 'DateTime', 'Date', 'Date']],
    );
  });

  it('runs only the recognisers the settings enable', () => {
    const text = 'Mail bob@example.com or call +1 425 555 0100.';
    const none = createPipeline(settings({ recognizers: [] })).run(text, [], ctx);
    assert.deepEqual(none, []);
    const patterns = createPipeline(settings({ recognizers: ['patterns'] })).run(text, [], ctx);
    assert.deepEqual(
      patterns.map((e) => [text.slice(e.start, e.end), e.type]),
      [
        ['bob@example.com', 'Email'],
        ['+1 425 555 0100', 'PhoneNumber'],
      ],
    );
  });

  it('gives each document of a batch what a run over that document alone gives it', () => {
    const pipeline = createPipeline(settings());
    const texts = [
      'The CEO of Contoso, John Smith, paid $200 on May 21 for a trip to Seattle.',
      'Write to 1 Microsoft Way, Redmond, WA 98052 before next Friday at 3pm.',
      '',
      'Satya Nadella spoke at Build 2024; 35% of attendees used Windows 11.',
    ];
    const names = [['Contoso', 'John Smith', 'Seattle'], ['Redmond'], [], ['Satya Nadella']];
    const categories: Record<string, string> = {
      Contoso: 'Organization',
      Redmond: 'Location',
      Seattle: 'Location',
    };
    const spans = texts.map((text, d) =>
      names[d]!.map((name) => {
        const start = text.indexOf(name);
        return model(start, start + name.length, categories[name] ?? 'Person');
      }),
    );
    const batch = pipeline.runBatch(texts, spans, ctx);
    assert.equal(batch.length, texts.length);
    texts.forEach((text, d) => assert.deepEqual(batch[d], pipeline.run(text, spans[d]!, ctx)));
    // Not vacuous: every non-empty document found dates, amounts or names beyond the model's.
    assert.ok(batch.every((found, d) => texts[d] === '' || found.length > names[d]!.length));
  });

  it('drops a model name that starts inside an amount and runs past it, keeping the amount', () => {
    const text = 'We upgraded the servers to 64 GB of RAM.';
    const name = text.indexOf('GB of RAM');
    const out = createPipeline(settings({ recognizers: ['quantity'] })).run(
      text,
      [model(name, name + 'GB of RAM'.length, 'Organization')],
      ctx,
    );
    assert.deepEqual(
      applyOverlapPolicy(out, 'matchLongest').map((e) => [text.slice(e.start, e.end), e.type]),
      [['64 GB', 'Information']],
    );
    // A name that begins with an amount of a unit goes; one that begins with a bare number stays.
    const specs = 'It has 16GB RAM. 20th Century Fox agreed.';
    const names = ['16GB RAM', '20th Century Fox'].map((n) =>
      model(specs.indexOf(n), specs.indexOf(n) + n.length, 'Organization'),
    );
    const typed = createPipeline(settings({ recognizers: ['quantity'] })).run(specs, names, ctx);
    assert.deepEqual(
      applyOverlapPolicy(typed, 'matchLongest').map((e) => [specs.slice(e.start, e.end), e.type]),
      [
        ['16GB', 'Information'],
        ['20th Century Fox', 'Organization'],
      ],
    );
    // A name that begins where a sum of money begins goes; one that begins with a number stays.
    const round = 'We raised a $25M Series B; 99 Cents Only Stores agreed.';
    const rounds = ['$25M Series', '99 Cents Only Stores'].map((n) =>
      model(round.indexOf(n), round.indexOf(n) + n.length, 'Miscellaneous'),
    );
    rounds[1] = { ...rounds[1]!, category: 'Organization' };
    const funded = createPipeline(settings({ recognizers: ['quantity'], miscellaneous: 'keep' })).run(
      round,
      rounds,
      ctx,
    );
    assert.deepEqual(
      applyOverlapPolicy(funded, 'matchLongest').map((e) => [round.slice(e.start, e.end), e.type]),
      [
        ['$25M', 'Currency'],
        ['99 Cents Only Stores', 'Organization'],
      ],
    );
    // A name after the amount stays.
    const after = 'Buy 2 TB from Contoso.';
    const kept = createPipeline(settings({ recognizers: ['quantity'] })).run(
      after,
      [model(after.indexOf('Contoso'), after.indexOf('Contoso') + 7, 'Organization')],
      ctx,
    );
    assert.deepEqual(
      applyOverlapPolicy(kept, 'matchLongest').map((e) => [after.slice(e.start, e.end), e.type]),
      [
        ['2 TB', 'Information'],
        ['Contoso', 'Organization'],
      ],
    );
  });

  it('caps the candidates per document, keeping the longest', () => {
    const text = 'a@b.co '.repeat(30) + 'mail long.name@example.com';
    const out = createPipeline(settings({ recognizers: ['patterns'], maxCandidatesPerDocument: 5 })).run(
      text,
      [],
      ctx,
    );
    assert.equal(out.length, 5);
    assert.ok(out.some((e) => text.slice(e.start, e.end) === 'long.name@example.com'));
  });
});

describe('pipeline in the pool', () => {
  it('a missing lists directory stops the start with a message naming the file', async () => {
    await assert.rejects(
      InferencePool.start({
        models: { default: 'models/default' },
        workers: 1,
        entities: {
          settings: {
            recognizers: ['personType'],
            miscellaneous: 'drop',
            lists: '/nonexistent/ner-lists',
            maxCandidatesPerDocument: 10,
          },
          models: ['default'],
        },
      }),
      /\/nonexistent\/ner-lists\/\S+/,
    );
  });
});
