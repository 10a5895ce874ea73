import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findQuantities } from '../src/entities/recognizers/quantity/index.ts';
import type { Candidate, Metadata } from '../src/entities/types.ts';
import { withinCpuBudget } from './helpers/cpu-budget.ts';

const ctx = { now: new Date('2026-01-01T00:00:00Z') };

/** Every candidate as [span text, type, metadata]. */
function found(text: string): [string, string, Metadata | undefined][] {
  return findQuantities(text, ctx).map((c: Candidate) => [text.slice(c.start, c.end), c.type, c.metadata]);
}

/** The one candidate whose span text and type are these. */
function one(text: string, span: string, type: string): Metadata | undefined {
  const hits = found(text).filter(([s, t]) => s === span && t === type);
  assert.equal(
    hits.length,
    1,
    `${type} "${span}" in ${JSON.stringify(found(text).map(([s, t]) => `${t}:${s}`))}`,
  );
  return hits[0]![2];
}

const num = (numberKind: string, value: number): Metadata =>
  ({ metadataKind: 'NumberMetadata', numberKind, value }) as Metadata;
const unit = (metadataKind: string, value: number, u: string): Metadata =>
  ({ metadataKind, value, unit: u }) as Metadata;

describe('quantity recogniser: numbers', () => {
  const cases: [string, string, Metadata][] = [
    ['It costs 1,234.5 here.', '1,234.5', num('Decimal', 1234.5)],
    ['twenty-one people', 'twenty-one', num('Integer', 21)],
    ['three hundred and five cars', 'three hundred and five', num('Integer', 305)],
    ['a dozen eggs', 'a dozen', num('Integer', 12)],
    ['about half a dozen staff', 'half a dozen', num('Integer', 6)],
    ['3 million people', '3 million', num('Integer', 3e6)],
    ['2.5 billion tonnes', '2.5 billion', num('Decimal', 2.5e9)],
    ['7 mln loss', '7 mln', num('Integer', 7e6)],
    ['10k runners', '10k', num('Integer', 10000)],
    ['3/4 of them', '3/4', num('Fraction', 0.75)],
    ['one third of voters', 'one third', num('Fraction', 1 / 3)],
    ['two-thirds of voters', 'two-thirds', num('Fraction', 2 / 3)],
    ['one and a half hours', 'one and a half', num('Fraction', 1.5)],
    ['5 1/2 inches', '5 1/2', num('Fraction', 5.5)],
    ['two point five', 'two point five', num('Decimal', 2.5)],
    ['minus five degrees', 'minus five', num('Integer', -5)],
    ['drop to minus 5 overnight', 'minus 5', num('Integer', -5)],
    ['a Negative 3.5 score', 'Negative 3.5', num('Decimal', -3.5)],
    ['the nonnegative 5 rule', '5', num('Integer', 5)],
    ['It fell to -5 today', '-5', num('Integer', -5)],
    ['about .5 of it', '.5', num('Decimal', 0.5)],
    ['1e5 cells', '1e5', num('Power', 100000)],
    ['COVID-19 cases', '19', num('Integer', 19)],
    ['version v2.1', '1', num('Integer', 1)],
  ];
  for (const [text, span, metadata] of cases) {
    it(`${span} in "${text}"`, () => assert.deepEqual(one(text, span, 'Number'), metadata));
  }

  it('reads dotted chains as their parts, like the reference', () => {
    assert.deepEqual(
      found('at 192.168.1.1 now').map(([s, t]) => `${t}:${s}`),
      ['Number:192', 'Number:168', 'Number:1', 'Number:1'],
    );
  });

  it('finds no number glued to letters', () => {
    for (const text of ['A4 paper', 'B2B sales', 'an MP3 file', 'H1N1 virus', 'in the 1990s', 'item 7A']) {
      assert.deepEqual(found(text), [], text);
    }
  });

  it('finds a plain "one" but no "a" alone', () => {
    assert.deepEqual(
      found('a day and one night').map(([s]) => s),
      ['one'],
    );
  });

  it('reads "one" after "this", "that", "the" or "which" as a pronoun, as the reference does', () => {
    for (const text of [
      'Open this one.',
      'That One is mine',
      'the one in the corner',
      'Which one?',
      'the one hundred days',
    ])
      assert.deepEqual(found(text), [], text);
    assert.deepEqual(
      found('I want one').map(([s]) => s),
      ['one'],
    );
    assert.deepEqual(
      found('the one hundredth visitor').map(([s, t]) => `${t}:${s}`),
      ['Ordinal:one hundredth'],
    );
  });
});

describe('quantity recogniser: percentages and ordinals', () => {
  it('percentages carry NumberMetadata with numberKind Percent', () => {
    assert.deepEqual(one('up 5.5% today', '5.5%', 'Percentage'), num('Percent', 5.5));
    assert.deepEqual(one('a 25 percent stake', '25 percent', 'Percentage'), num('Percent', 25));
    assert.deepEqual(one('12 per cent', '12 per cent', 'Percentage'), num('Percent', 12));
    assert.deepEqual(one('twenty percent', 'twenty percent', 'Percentage'), num('Percent', 20));
    assert.equal(found('45 cents a share').filter(([, t]) => t === 'Percentage').length, 0);
  });

  const ord = (offset: string, relativeTo: string, value: string): Metadata =>
    ({ metadataKind: 'OrdinalMetadata', offset, relativeTo, value }) as Metadata;
  const cases: [string, string, Metadata][] = [
    ['the first time', 'first', ord('1', 'Start', '1')],
    ['the 21st century', '21st', ord('21', 'Start', '21')],
    ['its 3,500th store', '3,500th', ord('3500', 'Start', '3500')],
    ['her 2nd try', '2nd', ord('2', 'Start', '2')],
    ['the twenty-first day', 'twenty-first', ord('21', 'Start', '21')],
    ['the one hundredth visitor', 'one hundredth', ord('100', 'Start', '100')],
    ['one hundred and first', 'one hundred and first', ord('101', 'Start', '101')],
    ['the last one', 'last', ord('0', 'End', 'end')],
    ['the last but one', 'last but one', ord('-1', 'End', 'end-1')],
    ['the second to last', 'second to last', ord('-1', 'End', 'end-1')],
    ['the next one', 'next one', ord('1', 'Current', 'current+1')],
    ['the previous one', 'previous one', ord('-1', 'Current', 'current-1')],
  ];
  for (const [text, span, metadata] of cases) {
    it(`${span} in "${text}"`, () => assert.deepEqual(one(text, span, 'Ordinal'), metadata));
  }
});

describe('quantity recogniser: currencies', () => {
  const cur = (value: number, u: string, iso4217?: string): Metadata =>
    (iso4217
      ? { metadataKind: 'CurrencyMetadata', value, unit: u, iso4217 }
      : { metadataKind: 'CurrencyMetadata', value, unit: u }) as Metadata;
  const cases: [string, string, Metadata][] = [
    ['It cost 30 Egyptian pounds.', '30 Egyptian pounds', cur(30, 'Egyptian pound', 'EGP')],
    ['I paid $200 for it', '$200', cur(200, 'Dollar', 'USD')],
    ['a €1.5 million fee', '€1.5 million', cur(1.5e6, 'Euro', 'EUR')],
    ['only £20 left', '£20', cur(20, 'Pound', 'GBP')],
    ['USD 5,000 in cash', 'USD 5,000', cur(5000, 'United States dollar', 'USD')],
    ['200 yen each', '200 yen', cur(200, 'Japanese yen', 'JPY')],
    ['US$50 a night', 'US$50', cur(50, 'United States dollar', 'USD')],
    ['C$ 20 only', 'C$ 20', cur(20, 'Canadian dollar', 'CAD')],
    ['20,000 euros a year', '20,000 euros', cur(20000, 'Euro', 'EUR')],
    ['51 cents a share', '51 cents', cur(51, 'Cent')],
  ];
  for (const [text, span, metadata] of cases) {
    it(`${span} in "${text}"`, () => assert.deepEqual(one(text, span, 'Currency'), metadata));
  }

  it('needs a space, a bracket, a quote or the start before a prefix symbol, and keeps feet out of forints', () => {
    const currencies = (text: string): string[] =>
      found(text)
        .filter(([, t]) => t === 'Currency')
        .map(([s]) => s);
    assert.deepEqual(currencies('Two Million Dollars ($2,000,000) or [$50] or "$60" or “€70”'), [
      'Two Million Dollars',
      '$2,000,000',
      '$50',
      '$60',
      '€70',
    ]);
    assert.deepEqual(currencies('a2$5 x$6'), []);
    assert.deepEqual(currencies('10 ft tall'), []);
  });
  it('reads a quotation mark that closes a quoted number as no inch mark', () => {
    const lengths = (text: string): string[] =>
      found(text)
        .filter(([, t]) => t === 'Length')
        .map(([s]) => s);
    assert.deepEqual(lengths('A 27" monitor; the price was "60" she said'), ['27"']);
    assert.deepEqual(lengths('It cost "$60" for a 27" screen and a "13" one.'), ['27"']);
  });
});

describe('quantity recogniser: measures and ages', () => {
  const cases: [string, string, string, Metadata][] = [
    [
      'It was 72 degrees Fahrenheit.',
      '72 degrees Fahrenheit',
      'Temperature',
      unit('TemperatureMetadata', 72, 'Fahrenheit'),
    ],
    ['at -5°C tonight', '-5°C', 'Temperature', unit('TemperatureMetadata', -5, 'Celsius')],
    [
      'drop to minus 5 degrees Celsius overnight',
      'minus 5 degrees Celsius',
      'Temperature',
      unit('TemperatureMetadata', -5, 'Celsius'),
    ],
    ['about 30 degrees outside', '30 degrees', 'Temperature', unit('TemperatureMetadata', 30, 'Unspecified')],
    ['He is 10 years old.', '10 years old', 'Age', unit('AgeMetadata', 10, 'Year')],
    ['a 3-month-old baby', '3-month-old', 'Age', unit('AgeMetadata', 3, 'Month')],
    ['aged 45, he', 'aged 45', 'Age', unit('AgeMetadata', 45, 'Unspecified')],
    ['Grandpa is sixty Y.O. today.', 'sixty Y.O.', 'Age', unit('AgeMetadata', 60, 'Year')],
    ['a 7 y.o boy', '7 y.o', 'Age', unit('AgeMetadata', 7, 'Year')],
    ['a 5 km run', '5 km', 'Length', unit('LengthMetadata', 5, 'Kilometer')],
    ['10 miles away', '10 miles', 'Length', unit('LengthMetadata', 10, 'Mile')],
    ['a 12-inch screen', '12-inch', 'Length', unit('LengthMetadata', 12, 'Inch')],
    ['she is 1.5m tall', '1.5m', 'Length', unit('LengthMetadata', 1.5, 'Meter')],
    ['2,000 kg of rice', '2,000 kg', 'Weight', unit('WeightMetadata', 2000, 'Kilogram')],
    ['2 lbs of flour', '2 lbs', 'Weight', unit('WeightMetadata', 2, 'Pound')],
    ['3 gallons of milk', '3 gallons', 'Weight', unit('WeightMetadata', 3, 'Gallon')],
    ['5 liters of water', '5 liters', 'Volume', unit('VolumeMetadata', 5, 'Liter')],
    ['4 quarts', '4 quarts', 'Volume', unit('VolumeMetadata', 4, 'Quart')],
    ['20 acres of land', '20 acres', 'Area', unit('AreaMetadata', 20, 'Acre')],
    ['300 square meters', '300 square meters', 'Area', unit('AreaMetadata', 300, 'SquareMeter')],
    ['100 km/h max', '100 km/h', 'Speed', unit('SpeedMetadata', 100, 'KilometersPerHour')],
    ['60 mph limit', '60 mph', 'Speed', unit('SpeedMetadata', 60, 'MilesPerHour')],
    ['50 knots wind', '50 knots', 'Speed', unit('SpeedMetadata', 50, 'Knots')],
    ['512 MB of RAM', '512 MB', 'Information', unit('InformationMetadata', 512, 'Megabyte')],
    ['100 Mb line', '100 Mb', 'Information', unit('InformationMetadata', 100, 'Megabit')],
    ['a 1 TB drive', '1 TB', 'Information', unit('InformationMetadata', 1, 'Terabyte')],
    ['30 kilobits', '30 kilobits', 'Information', unit('InformationMetadata', 30, 'Kilobit')],
  ];
  for (const [text, span, type, metadata] of cases) {
    it(`${type} ${span}`, () => assert.deepEqual(one(text, span, type), metadata));
  }

  it('reads no unit or currency where the letters are a time, a preposition, a code or a name', () => {
    for (const text of [
      'at 3pm',
      'at 3 pm',
      'until 10 pm',
      'hit 34 in 1991',
      'rose to 109.4 in August',
      'born in 1995 in Ohio',
      'They scored 3 in the first half.',
      'sales of 40 in Europe',
      'won 5 in a row',
      'costs 7 in total',
      'The court ruled 6-3 in favour of the plaintiffs.',
      'The vote was 5 in support and 2 in opposition.',
      'two in the morning',
      'about 1 in 8 people worldwide',
      'a force of 40 F-15 and F-16 fighters',
      'the 158 F / A-18 planes',
      'GLORIA BISTRITA BEAT 2-1 F.C. VALLETTA',
      '+7 Satoshi Higashi ( Japan ) through 16',
      'Strasbourg 1 Le Havre 0',
      '9 in ten dentists agree',
      'new 5G phones',
      'a 5 G network',
      '10 M away',
    ]) {
      assert.deepEqual(
        found(text).filter(([, t]) => t !== 'Number' && t !== 'Ordinal'),
        [],
        text,
      );
    }
  });

  it('never reads "in" after an amount of money as inches ("$112 billion in damage", "$112 in cash")', () => {
    for (const [text, span] of [
      ['Hurricane Ian caused $112 billion in damage.', '$112 billion'],
      ['We paid $112 in cash.', '$112'],
      ['raised €5.5 million in funding', '€5.5 million'],
    ] as const) {
      assert.deepEqual(
        found(text)
          .filter(([, t]) => t !== 'Number')
          .map(([s, t]) => [s, t]),
        [[span, 'Currency']],
        text,
      );
    }
  });

  it('keeps "in" as inches where it cannot be the preposition', () => {
    for (const [text, span] of [
      ['The board is 12 in wide.', '12 in'],
      ['a 6 in pipe', '6 in'],
      ['a 27 in monitor', '27 in'],
    ] as const) {
      assert.deepEqual(one(text, span, 'Length'), unit('LengthMetadata', Number(span.split(' ')[0]), 'Inch'));
    }
  });

  it('reads a scale written onto an amount after a currency sign ("€1.3bn", "$4.35bn", "£900m", "$5k")', () => {
    const cur = (value: number, u: string, iso: string): Metadata => ({
      metadataKind: 'CurrencyMetadata',
      value,
      unit: u,
      iso4217: iso,
    });
    assert.deepEqual(one('Net income was €1.3bn.', '€1.3bn', 'Currency'), cur(1.3e9, 'Euro', 'EUR'));
    assert.deepEqual(one('a $4.35bn deal', '$4.35bn', 'Currency'), cur(4.35e9, 'Dollar', 'USD'));
    assert.deepEqual(one('up from £900m', '£900m', 'Currency'), cur(9e8, 'Pound', 'GBP'));
    assert.deepEqual(one('a $5k bonus', '$5k', 'Currency'), cur(5000, 'Dollar', 'USD'));
    // Not after a number alone ("5m" is five metres), nor inside a word.
    assert.deepEqual(
      found('a 5m wall').filter(([, t]) => t === 'Currency'),
      [],
    );
    assert.deepEqual(one('$3 more', '$3', 'Currency'), cur(3, 'Dollar', 'USD'));
    // A scale after the amount: glued in either case, or a capital one after a space, as the reference reads it.
    assert.deepEqual(one('nearly $500B in funds', '$500B', 'Currency'), cur(500e9, 'Dollar', 'USD'));
    assert.deepEqual(one('$18 M worth of support', '$18 M', 'Currency'), cur(18e6, 'Dollar', 'USD'));
    assert.deepEqual(one('$5 m away', '$5', 'Currency'), cur(5, 'Dollar', 'USD'));
  });

  it('reads lower-case "us" before "$" as the pronoun, "US $" as the United States dollar', () => {
    const usd = (value: number, u: string): Metadata => ({
      metadataKind: 'CurrencyMetadata',
      value,
      unit: u,
      iso4217: 'USD',
    });
    assert.deepEqual(one('The plumber quoted us $350 today.', '$350', 'Currency'), usd(350, 'Dollar'));
    assert.deepEqual(one('They owe us $ 20.', '$ 20', 'Currency'), usd(20, 'Dollar'));
    assert.deepEqual(one('It cost US $350.', 'US $350', 'Currency'), usd(350, 'United States dollar'));
  });

  it('reads "pounds" as a weight and as a currency', () => {
    assert.deepEqual(
      found('3 pounds').map(([, t]) => t),
      ['Weight', 'Currency', 'Number'].sort((a, b) => (a === 'Number' ? 1 : b === 'Number' ? -1 : 0)),
    );
  });
});

describe('quantity recogniser: ranges', () => {
  const range = (rangeKind: string, minimum: number, maximum: number, rangeInclusivity: string): Metadata =>
    ({ metadataKind: 'NumericRangeMetadata', rangeKind, minimum, maximum, rangeInclusivity }) as Metadata;
  const cases: [string, string, Metadata][] = [
    ['between 5 and 10 people', 'between 5 and 10', range('Number', 5, 10, 'NoneInclusive')],
    ['from 5 to 10 people', 'from 5 to 10', range('Number', 5, 10, 'LeftInclusive')],
    ['5-10 kg of it', '5-10 kg', range('Weight', 5, 10, 'LeftInclusive')],
    ['10 to 20 percent', '10 to 20 percent', range('Number', 10, 20, 'LeftInclusive')],
    ['$5 to $10 each', '$5 to $10', range('Currency', 5, 10, 'LeftInclusive')],
    // The second end's currency after the dash, which alone is no amount ("-$60").
    ['pays $50-$60 per hour', '$50-$60', range('Currency', 50, 60, 'LeftInclusive')],
    ['salary $160k-$190k.', '$160k-$190k', range('Currency', 160000, 190000, 'LeftInclusive')],
    ['between 20 and 30 years old', 'between 20 and 30 years old', range('Age', 20, 30, 'NoneInclusive')],
    // "aged" or "ages" before a range of two numbers: the ages, the word in the span.
    ['participants aged 18 to 65 joined', 'aged 18 to 65', range('Age', 18, 65, 'LeftInclusive')],
    ['children ages 5-12 play free', 'ages 5-12', range('Age', 5, 12, 'LeftInclusive')],
  ];
  for (const [text, span, metadata] of cases) {
    it(`${span}`, () => assert.deepEqual(one(text, span, 'NumberRange'), metadata));
  }

  it('makes no range of scores, years, phone numbers, descending pairs or counts of time', () => {
    const times = ['six to eight months', 'about 3-4 weeks', 'between 5 and 10 years'];
    for (const text of ['won 6-3 6-4', 'from 1990-1995', 'call 555-1234-5678', '10 to 5 votes', ...times]) {
      assert.deepEqual(
        found(text).filter(([, t]) => t === 'NumberRange'),
        [],
        text,
      );
    }
  });
});

describe('quantity recogniser: candidates and bad input', () => {
  it('returns rule candidates sorted by start, longest first, with confidence 0.8', () => {
    const cs = findQuantities('I paid $200 and 5 km.', ctx);
    assert.deepEqual(
      cs.map((c) => [c.start, c.end, c.type, c.source, c.confidence]),
      [
        [7, 11, 'Currency', 'rule', 0.8],
        [8, 11, 'Number', 'rule', 0.8],
        [16, 20, 'Length', 'rule', 0.8],
        [16, 17, 'Number', 'rule', 0.8],
      ],
    );
  });

  const pathological: [string, string][] = [
    ['10,000 digits', '1234567890'.repeat(1000)],
    ['"1," x 3000', '1,'.repeat(3000)],
    ['"one " x 5000', 'one '.repeat(5000)],
    ['"twenty-one " x 1000', 'twenty-one '.repeat(1000)],
    ['"1." x 3000', '1.'.repeat(3000)],
    ['"5-6 kg " x 1000', '5-6 kg '.repeat(1000)],
    ['one 5,000-letter word', 'x'.repeat(5000)],
    ['mixed scripts', 'Цена 5 долларов 三百 ٣٠ 5km 10% ½ 𝟓 '.repeat(150)],
  ];
  for (const [name, text] of pathological) {
    it(`${name}: fast and bounded`, () => {
      const cs = withinCpuBudget(1_000, () => findQuantities(text, ctx));
      assert.ok(cs.length <= 2000, `${cs.length} candidates`);
      for (const c of cs) assert.ok(c.start >= 0 && c.end <= text.length && c.start < c.end);
    });
  }

  it('finds no number in 10,000 digits, and reads the mixed-script amounts', () => {
    assert.deepEqual(findQuantities('9'.repeat(10000), ctx), []);
    assert.deepEqual(
      found('Цена 5 долларов, 10%').map(([s, t]) => `${t}:${s}`),
      ['Number:5', 'Percentage:10%', 'Number:10'],
    );
  });
});

describe('quantity recogniser: word and digit scanning', () => {
  it('reads number words in any case, and only whole words', () => {
    assert.deepEqual(
      found('TWENTY-ONE Seats; someone, often, anyone, tone').map(([s, t]) => `${t}:${s}`),
      ['Number:TWENTY-ONE'],
    );
  });
  it('reads "a"/"an" as a number only before a scale, a dozen or a denominator', () => {
    assert.deepEqual(
      found('a cat, an hour, a hundred, A Thousand, an eighth, a dozen').map(([s, t]) => `${t}:${s}`),
      ['Number:a hundred', 'Number:A Thousand', 'Number:an eighth', 'Ordinal:eighth', 'Number:a dozen'],
    );
  });
  it('reads scale words after digits whole, plural or abbreviated, but not glued to more letters', () => {
    assert.deepEqual(one('3 Millions sold', '3 Millions', 'Number'), num('Integer', 3e6));
    assert.deepEqual(one('5 dozen eggs', '5 dozen', 'Number'), num('Integer', 60));
    assert.deepEqual(one('2 bln', '2 bln', 'Number'), num('Integer', 2e9));
    assert.deepEqual(one('3 hundredfold', '3', 'Number'), num('Integer', 3));
  });
  it('reads digit ordinals in any case and after a break only', () => {
    assert.deepEqual(
      found('1ST and 22nd, A3rd 4thx 1234567890123456th').map(([s, t]) => `${t}:${s}`),
      ['Ordinal:1ST', 'Ordinal:22nd'],
    );
    // Thousands grouped by commas, as the reference reads them.
    assert.deepEqual(
      found('its 3,500th store').map(([s, t]) => `${t}:${s}`),
      ['Ordinal:3,500th'],
    );
  });
  it('reads ordinal words after a break only, and the relative ones', () => {
    assert.deepEqual(
      found('xfirst Third, next to last, LAST but one').map(([s, t]) => `${t}:${s}`),
      ['Ordinal:Third', 'Ordinal:next to last', 'Ordinal:LAST but one', 'Number:one'],
    );
  });
  it('reads no position in "next to" and "next door"', () => {
    assert.deepEqual(found('She parked next to a van; he lives next door.'), []);
  });
});
