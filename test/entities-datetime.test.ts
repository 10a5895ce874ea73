import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findDateTimes } from '../src/entities/recognizers/datetime/index.ts';
import type { Metadata } from '../src/entities/types.ts';
import { withinCpuBudget } from './helpers/cpu-budget.ts';

/** Sunday 3 May 2026, noon UTC (every expectation below was checked against Recognizers-Text at this date). */
const SUNDAY = { now: new Date('2026-05-03T12:00:00Z') };
/** Wednesday 6 May 2026. */
const WEDNESDAY = { now: new Date('2026-05-06T09:30:00Z') };

interface Seen {
  text: string;
  type: string;
  metadata: Metadata | undefined;
}

function find(text: string, ctx = SUNDAY): Seen[] {
  return findDateTimes(text, ctx).map((c) => ({
    text: text.slice(c.start, c.end),
    type: c.type,
    metadata: c.metadata,
  }));
}

const date = (...values: [string, string][]): Metadata => ({
  metadataKind: 'DateMetadata',
  dateValues: values.map(([timex, value]) => ({ timex, value })),
});
const dateTime = (...values: [string, string][]): Metadata => ({
  metadataKind: 'DateTimeMetadata',
  dateValues: values.map(([timex, value]) => ({ timex, value })),
});
const time = (...values: [string, string][]): Metadata => ({
  metadataKind: 'TimeMetadata',
  dateValues: values.map(([timex, value]) => ({ timex, value })),
});
const set = (timex: string): Metadata => ({
  metadataKind: 'TemporalSetMetadata',
  dateValues: [{ timex, value: 'not resolved' }],
});
const span = (...values: Record<string, string>[]): Metadata => ({
  metadataKind: 'TemporalSpanMetadata',
  spanValues: values,
});
/** A span value with begin, end, duration and timex (a counted period). */
const period = (begin: string, end: string, duration: string, timex: string): Record<string, string> => ({
  begin,
  end,
  duration,
  timex,
});

/** [input, [span text, type, metadata]] with exactly one entity expected. */
function expectOne(text: string, entity: string, type: string, metadata: Metadata, ctx = SUNDAY): void {
  assert.deepEqual(find(text, ctx), [{ text: entity, type, metadata }]);
}

describe('findDateTimes: dates', () => {
  it('resolves a yearless day to the last and the next occurrence', () => {
    expectOne(
      'on May 21 we met',
      'May 21',
      'Date',
      date(['XXXX-05-21', '2025-05-21'], ['XXXX-05-21', '2026-05-21']),
    );
    expectOne(
      '12 April',
      '12 April',
      'Date',
      date(['XXXX-04-12', '2026-04-12'], ['XXXX-04-12', '2027-04-12']),
    );
    expectOne('May 3', 'May 3', 'Date', date(['XXXX-05-03', '2026-05-03'], ['XXXX-05-03', '2027-05-03']));
    expectOne('Aug. 22', 'Aug. 22', 'Date', date(['XXXX-08-22', '2025-08-22'], ['XXXX-08-22', '2026-08-22']));
    expectOne(
      'the 21st of May',
      'the 21st of May',
      'Date',
      date(['XXXX-05-21', '2025-05-21'], ['XXXX-05-21', '2026-05-21']),
    );
    expectOne('5/21', '5/21', 'Date', date(['XXXX-05-21', '2025-05-21'], ['XXXX-05-21', '2026-05-21']));
  });

  it('resolves full dates in every common writing', () => {
    for (const text of [
      '2024-05-21',
      '05/21/2024',
      '21 May 2024',
      'May 21, 2024',
      '21.05.2024',
      '21/5/2024',
    ]) {
      expectOne(text, text, 'Date', date(['2024-05-21', '2024-05-21']));
    }
    expectOne('Sept. 5, 1996', 'Sept. 5, 1996', 'Date', date(['1996-09-05', '1996-09-05']));
    expectOne('12/31/99', '12/31/99', 'Date', date(['1999-12-31', '1999-12-31']));
    expectOne('(born 3 April 1978)', '3 April 1978', 'Date', date(['1978-04-03', '1978-04-03']));
    // A contract's date: the span from the day, as the reference's; the year kept.
    expectOne(
      'effective as of the 1st day of July, 2024',
      '1st day of July, 2024',
      'Date',
      date(['2024-07-01', '2024-07-01']),
    );
  });

  it('reads "2/3 of" as a fraction, "on 2/3" as a date', () => {
    assert.deepEqual(find('About 2/3 of the voters agreed.'), []);
    // A colon that ends a heading after the date, not one that runs on into digits.
    assert.deepEqual(
      find('Meeting notes 03/12: five attendees.').map((e) => [e.text, e.type]),
      [['03/12', 'Date']],
    );
    assert.deepEqual(
      find('We met on 2/3.').map((e) => [e.text, e.type]),
      [['2/3', 'Date']],
    );
  });

  it('keeps a weekday in front of the date it names', () => {
    expectOne(
      'Wednesday, Sept. 5',
      'Wednesday, Sept. 5',
      'Date',
      date(['XXXX-09-05', '2025-09-05'], ['XXXX-09-05', '2026-09-05']),
    );
  });

  it('resolves weekdays around the reference day', () => {
    expectOne(
      'on Monday',
      'Monday',
      'Date',
      date(['XXXX-WXX-1', '2026-04-27'], ['XXXX-WXX-1', '2026-05-04']),
    );
    expectOne('Sunday', 'Sunday', 'Date', date(['XXXX-WXX-7', '2026-04-26'], ['XXXX-WXX-7', '2026-05-03']));
    expectOne(
      'Monday',
      'Monday',
      'Date',
      date(['XXXX-WXX-1', '2026-05-04'], ['XXXX-WXX-1', '2026-05-11']),
      WEDNESDAY,
    );
    expectOne(
      'Wednesday',
      'Wednesday',
      'Date',
      date(['XXXX-WXX-3', '2026-04-29'], ['XXXX-WXX-3', '2026-05-06']),
      WEDNESDAY,
    );
  });

  it('resolves relative days', () => {
    expectOne('tomorrow', 'tomorrow', 'Date', date(['2026-05-04', '2026-05-04']));
    expectOne('yesterday', 'yesterday', 'Date', date(['2026-05-02', '2026-05-02']));
    expectOne('next Monday', 'next Monday', 'Date', date(['2026-05-04', '2026-05-04']));
    expectOne('last Friday', 'last Friday', 'Date', date(['2026-04-24', '2026-04-24']));
    expectOne('this Friday', 'this Friday', 'Date', date(['2026-05-01', '2026-05-01']));
    expectOne('next Wednesday', 'next Wednesday', 'Date', date(['2026-05-13', '2026-05-13']), WEDNESDAY);
    expectOne('in 3 days', 'in 3 days', 'Date', date(['2026-05-06', '2026-05-06']));
    // The reference's span; its value leaves the half hour out.
    const [halfHour, ...rest] = find('It charges in an hour and a half.');
    assert.equal(rest.length, 0);
    assert.equal(halfHour!.text, 'in an hour and a half');
    assert.equal(halfHour!.type, 'DateTime');
    assert.match(JSON.stringify(halfHour!.metadata), /T13:30:00/);
    expectOne('3 days ago', '3 days ago', 'Date', date(['2026-04-30', '2026-04-30']));
    expectOne('two weeks from now', 'two weeks from now', 'Date', date(['2026-05-17', '2026-05-17']));
    expectOne('10 days from today', '10 days from today', 'Date', date(['2026-05-13', '2026-05-13']));
    expectOne(
      'three days from tomorrow',
      'three days from tomorrow',
      'Date',
      date(['2026-05-07', '2026-05-07']),
    );
    // Weeks and years from a day, where the JS reference goes wrong.
    expectOne('a year from today', 'a year from today', 'Date', date(['2027-05-03', '2027-05-03']));
    expectOne(
      'two weeks from tomorrow',
      'two weeks from tomorrow',
      'Date',
      date(['2026-05-18', '2026-05-18']),
    );
    expectOne('a year ago', 'a year ago', 'Date', date(['2025-05-03', '2025-05-03']));
    expectOne('the next day', 'the next day', 'Date', date(['2026-05-04', '2026-05-04']));
    expectOne(
      'the day before yesterday',
      'the day before yesterday',
      'Date',
      date(['2026-05-01', '2026-05-01']),
    );
    expectOne(
      'Christmas',
      'Christmas',
      'Date',
      date(['XXXX-12-25', '2025-12-25'], ['XXXX-12-25', '2026-12-25']),
    );
    // With its year, the holiday of that year.
    expectOne(
      'launched on Christmas Day 2021',
      'Christmas Day 2021',
      'Date',
      date(['2021-12-25', '2021-12-25']),
    );
    expectOne("New Year's Day 2020", "New Year's Day 2020", 'Date', date(['2020-01-01', '2020-01-01']));
  });
  it("resolves holidays that move with Thanksgiving or Easter to each year's day", () => {
    // SUNDAY is 2026-05-03: Black Friday 2026 (November 27) is ahead, so last year's and this year's.
    expectOne(
      'Shoppers lined up on Black Friday.',
      'Black Friday',
      'Date',
      date(['2025-11-28', '2025-11-28'], ['2026-11-27', '2026-11-27']),
    );
    expectOne(
      'the cyber monday deals',
      'cyber monday',
      'Date',
      date(['2025-12-01', '2025-12-01'], ['2026-11-30', '2026-11-30']),
    );
    // Easter 2026 (April 5) has passed: this year's and next year's.
    expectOne(
      'closed on Good Friday',
      'Good Friday',
      'Date',
      date(['2026-04-03', '2026-04-03'], ['2027-03-26', '2027-03-26']),
    );
    expectOne('see you at Easter 2030 then', 'Easter 2030', 'Date', date(['2030-04-21', '2030-04-21']));
    expectOne(
      'beads for Mardi Gras',
      'Mardi Gras',
      'Date',
      date(['2026-02-17', '2026-02-17'], ['2027-02-09', '2027-02-09']),
    );
    // Names that begin with one, a word that ends with one, a good day: no holiday, no weekday.
    for (const text of [
      'The Good Friday Agreement was signed.',
      'They visited Easter Island.',
      'that easter egg again',
      "hoping for a good nor'easter",
    ])
      assert.deepEqual(find(text), [], text);
    assert.deepEqual(
      find('Have a good Friday!').map((e) => e.text),
      ['Friday'],
    );
  });
  it('resolves Veterans Day, Juneteenth, Presidents Day and Columbus Day', () => {
    expectOne(
      'off on Veterans Day',
      'Veterans Day',
      'Date',
      date(['XXXX-11-11', '2025-11-11'], ['XXXX-11-11', '2026-11-11']),
    );
    expectOne(
      'Juneteenth',
      'Juneteenth',
      'Date',
      date(['XXXX-06-19', '2025-06-19'], ['XXXX-06-19', '2026-06-19']),
    );
    expectOne(
      'Presidents Day sales',
      'Presidents Day',
      'Date',
      date(['XXXX-02-WXX-1-3', '2026-02-16'], ['XXXX-02-WXX-1-3', '2027-02-15']),
    );
  });
  it('resolves holidays on a weekday of a month, and holidays in lower case, as Recognizers-Text does', () => {
    expectOne(
      'home for Thanksgiving',
      'Thanksgiving',
      'Date',
      date(['XXXX-11-WXX-4-4', '2025-11-27'], ['XXXX-11-WXX-4-4', '2026-11-26']),
    );
    // This year's has passed (SUNDAY is May 3): this year's and next year's.
    expectOne(
      'a Labor Day sale',
      'Labor Day',
      'Date',
      date(['XXXX-09-WXX-1-1', '2025-09-01'], ['XXXX-09-WXX-1-1', '2026-09-07']),
    );
    // "weekend" after a holiday is in its span; the value is the holiday's.
    expectOne(
      'camping over Labor Day weekend',
      'Labor Day weekend',
      'Date',
      date(['XXXX-09-WXX-1-1', '2025-09-01'], ['XXXX-09-WXX-1-1', '2026-09-07']),
    );
    expectOne(
      'the Christmas weekend rush',
      'Christmas weekend',
      'Date',
      date(['XXXX-12-25', '2025-12-25'], ['XXXX-12-25', '2026-12-25']),
    );
    expectOne(
      "brunch on mother's day",
      "mother's day",
      'Date',
      date(['XXXX-05-WXX-7-2', '2025-05-11'], ['XXXX-05-WXX-7-2', '2026-05-10']),
    );
    expectOne(
      'merry christmas',
      'christmas',
      'Date',
      date(['XXXX-12-25', '2025-12-25'], ['XXXX-12-25', '2026-12-25']),
    );
    // "new year" in lower case is as often a year that is new.
    assert.deepEqual(find('a new year of growth'), []);
  });
});

describe('findDateTimes: a time and the part of a day it falls in', () => {
  it('is one DateTime on that day, the hour in that half of the day, as Recognizers-Text reads it', () => {
    for (const [text, entity, timex, value] of [
      ['a table at 7:30 tonight', '7:30 tonight', '2026-05-03T19:30', '2026-05-03 19:30:00'],
      ['call me at 9 tonight', '9 tonight', '2026-05-03T21', '2026-05-03 21:00:00'],
      ['at 7 this evening', '7 this evening', '2026-05-03T19', '2026-05-03 19:00:00'],
      ['tonight at 8', 'tonight at 8', '2026-05-03T20', '2026-05-03 20:00:00'],
      ['tomorrow morning at 8', 'tomorrow morning at 8', '2026-05-04T08', '2026-05-04 08:00:00'],
      ['this afternoon at 3pm', 'this afternoon at 3pm', '2026-05-03T15', '2026-05-03 15:00:00'],
    ] as const) {
      expectOne(text, entity, 'DateTime', dateTime([timex, value]));
    }
  });
  it('leaves a bare number that counts something to itself', () => {
    assert.deepEqual(
      find('tonight at 8 people came; the 2 this morning', SUNDAY).map((e) => [e.text, e.type]),
      [
        ['tonight', 'DateTimeRange'],
        ['this morning', 'DateTimeRange'],
      ],
    );
  });
});

describe('findDateTimes: two bare hours before a day', () => {
  // [text, span, timex, [start, end] of each day]: one DateTimeRange on that day, as Recognizers-Text reads
  // it; the part of the day after the day puts the hours in its half, a lower second hour is the afternoon's.
  for (const [text, entity, timex, ...days] of [
    [
      'The technician will arrive between 8 and 10 tomorrow.',
      'between 8 and 10 tomorrow',
      '(2026-05-04T08,2026-05-04T10,PT2H)',
      ['2026-05-04 08:00:00', '2026-05-04 10:00:00'],
    ],
    [
      'Open from 9 to 11 on Friday.',
      'from 9 to 11 on Friday',
      '(XXXX-WXX-5T09,XXXX-WXX-5T11,PT2H)',
      ['2026-05-01 09:00:00', '2026-05-01 11:00:00'],
      ['2026-05-08 09:00:00', '2026-05-08 11:00:00'],
    ],
    [
      'between 2 and 4 tomorrow afternoon',
      'between 2 and 4 tomorrow afternoon',
      '(2026-05-04T14,2026-05-04T16,PT2H)',
      ['2026-05-04 14:00:00', '2026-05-04 16:00:00'],
    ],
    [
      'we work from 9 to 5 today',
      'from 9 to 5 today',
      '(2026-05-03T09,2026-05-03T17,PT8H)',
      ['2026-05-03 09:00:00', '2026-05-03 17:00:00'],
    ],
  ] as const) {
    it(text, () => {
      const duration = /PT\d+H/.exec(timex)![0];
      const values = (days as (readonly [string, string])[]).map(([begin, end]) => ({
        begin,
        end,
        duration,
        timex,
      }));
      expectOne(text, entity, 'DateTimeRange', span(...values));
    });
  }
  it('leaves two numbers that count something, and hours with no day', () => {
    assert.deepEqual(
      find('The score was between 2 and 4 points on Friday; open from 9 to 11.').map((e) => [e.text, e.type]),
      [['Friday', 'Date']],
    );
  });
});

describe('findDateTimes: a day of the month alone, after "on"', () => {
  it('is a Date of no month, the last such day up to today and the next, as Recognizers-Text reads it', () => {
    expectOne(
      'The new hire starts on the 15th.',
      'the 15th',
      'Date',
      date(['XXXX-XX-15', '2026-04-15'], ['XXXX-XX-15', '2026-05-15']),
    );
    expectOne(
      'See you on the 3rd.',
      'the 3rd',
      'Date',
      date(['XXXX-XX-03', '2026-05-03'], ['XXXX-XX-03', '2026-06-03']),
    );
  });
  it('skips a month without the day, and leaves an ordinal that counts a noun', () => {
    expectOne(
      'Rent is due on the 31st.',
      'the 31st',
      'Date',
      date(['XXXX-XX-31', '2026-03-31'], ['XXXX-XX-31', '2026-05-31']),
    );
    for (const text of [
      'We are on the 3rd floor.',
      'It worked on the 2nd attempt.',
      'on the 3rd-floor office',
      'two birdies on the 15th and 17th holes',
      'He set up a tap-in birdie on the 16th, then parred.',
    ])
      assert.deepEqual(find(text), [], text);
  });
});

describe('findDateTimes: a weekday counted in a month', () => {
  it('resolves it as Recognizers-Text does, "the" and a year included', () => {
    const nth = (timex: string, ...days: string[]) => date(...days.map((d): [string, string] => [timex, d]));
    expectOne(
      'The vote falls on the fourth Thursday of November.',
      'the fourth Thursday of November',
      'Date',
      nth('XXXX-11-WXX-4-#4', '2025-11-27', '2026-11-26'),
    );
    // The last is numbered 5 as the reference numbers it, and is the month's last whatever its count.
    expectOne(
      'the last Friday in May',
      'the last Friday in May',
      'Date',
      nth('XXXX-05-WXX-5-#5', '2025-05-30', '2026-05-29'),
    );
    expectOne(
      'on the first Monday of January 2025',
      'the first Monday of January 2025',
      'Date',
      nth('2025-01-WXX-1-#1', '2025-01-06'),
    );
  });
  it('leaves a fifth weekday, and "last Friday" alone, to the other rules', () => {
    assert.deepEqual(
      find('the fifth Monday of June', SUNDAY).map((e) => e.type),
      ['Date', 'DateRange'],
    );
    expectOne('last Friday', 'last Friday', 'Date', date(['2026-04-24', '2026-04-24']));
  });
});

describe('findDateTimes: a week or a day counted in a month', () => {
  it('reads "the second week of January" as the reference does: one DateRange from the Monday', () => {
    expectOne(
      'Please schedule the review for the second week of January.',
      'the second week of January',
      'DateRange',
      span(
        { begin: '2026-01-12', end: '2026-01-19', timex: 'XXXX-01-W02' },
        { begin: '2027-01-11', end: '2027-01-18', timex: 'XXXX-01-W02' },
      ),
    );
    expectOne(
      'the 2nd week of February',
      'the 2nd week of February',
      'DateRange',
      span(
        { begin: '2026-02-09', end: '2026-02-16', timex: 'XXXX-02-W02' },
        { begin: '2027-02-08', end: '2027-02-15', timex: 'XXXX-02-W02' },
      ),
    );
    // The last week is numbered 5, as the reference numbers it, and starts on the month's last Monday.
    expectOne(
      'the last week of June',
      'the last week of June',
      'DateRange',
      span(
        { begin: '2025-06-30', end: '2025-07-07', timex: 'XXXX-06-W05' },
        { begin: '2026-06-29', end: '2026-07-06', timex: 'XXXX-06-W05' },
      ),
    );
    expectOne(
      'in the third week of next month',
      'the third week of next month',
      'DateRange',
      span({ begin: '2026-06-15', end: '2026-06-22', timex: '2026-06-W03' }),
    );
  });
  it('keeps a year the reference drops', () => {
    expectOne(
      'the first week of March 2025',
      'the first week of March 2025',
      'DateRange',
      span({ begin: '2025-03-03', end: '2025-03-10', timex: '2025-03-W01' }),
    );
  });
  it('reads the first or the last day of a month as a Date', () => {
    expectOne(
      'on the first day of next month',
      'first day of next month',
      'Date',
      date(['2026-06-01', '2026-06-01']),
    );
    expectOne(
      'by the last day of June',
      'last day of June',
      'Date',
      date(['XXXX-06-30', '2025-06-30'], ['XXXX-06-30', '2026-06-30']),
    );
    expectOne(
      'the last day of February 2028',
      'last day of February 2028',
      'Date',
      date(['2028-02-29', '2028-02-29']),
    );
  });
  it("leaves a count with no month, and a February's last day of two lengths, to the other rules", () => {
    assert.deepEqual(find('in the first week of the year'), []);
    // From May 2027 a yearless February is 2027's (28 days) or 2028's (29).
    const may2027 = { now: new Date('2027-05-03T12:00:00Z') };
    assert.deepEqual(
      find('the last day of February', may2027).map((e) => e.text),
      ['February'],
    );
  });
});

describe('findDateTimes: date ranges', () => {
  it('resolves calendar units relative to now', () => {
    expectOne(
      'last week',
      'last week',
      'DateRange',
      span({ begin: '2026-04-20', end: '2026-04-27', timex: '2026-W17' }),
    );
    expectOne(
      'the past week',
      'past week',
      'DateRange',
      span({ begin: '2026-04-20', end: '2026-04-27', timex: '2026-W17' }),
    );
    expectOne(
      'this year',
      'this year',
      'DateRange',
      span({ begin: '2026-01-01', end: '2027-01-01', timex: '2026' }),
    );
    expectOne(
      'next month',
      'next month',
      'DateRange',
      span({ begin: '2026-06-01', end: '2026-07-01', timex: '2026-06' }),
    );
  });

  it('resolves "the week after next" and "the month before last" to the unit two away', () => {
    expectOne(
      'we meet the week after next',
      'the week after next',
      'DateRange',
      span({ begin: '2026-05-11', end: '2026-05-18', timex: '2026-W20' }),
    );
    expectOne(
      'the week before last',
      'the week before last',
      'DateRange',
      span({ begin: '2026-04-13', end: '2026-04-20', timex: '2026-W16' }),
    );
    expectOne(
      'the month after next',
      'the month after next',
      'DateRange',
      span({ begin: '2026-07-01', end: '2026-08-01', timex: '2026-07' }),
    );
    expectOne(
      'the year after next',
      'the year after next',
      'DateRange',
      span({ begin: '2028-01-01', end: '2029-01-01', timex: '2028' }),
    );
  });

  it('resolves last, this, next and previous quarter as Recognizers-Text does, "earlier" left out', () => {
    const quarter = (begin: string, end: string) =>
      span({ begin, duration: 'P3M', end, timex: `(${begin},${end},P3M)` });
    const JANUARY = { now: new Date('2026-01-15T09:00:00Z') };
    for (const [text, entity, begin, end, ctx] of [
      ['revenue last quarter', 'last quarter', '2026-01-01', '2026-04-01', SUNDAY],
      ['the next quarter', 'next quarter', '2026-07-01', '2026-10-01', SUNDAY],
      // Across a year: the quarter before January's is last year's fourth.
      ['the previous quarter', 'previous quarter', '2025-10-01', '2026-01-01', JANUARY],
      ['earlier this quarter', 'this quarter', '2026-04-01', '2026-07-01', SUNDAY],
    ] as const) {
      expectOne(text, entity, 'DateRange', quarter(begin, end), ctx);
    }
  });

  it('reads a quarter or a half named by an ordinal in digits ("3rd quarter") as Recognizers-Text does', () => {
    expectOne(
      'the 2nd quarter of 2024 was better',
      'the 2nd quarter of 2024',
      'DateRange',
      span({ begin: '2024-04-01', duration: 'P3M', end: '2024-07-01', timex: '(2024-04-01,2024-07-01,P3M)' }),
    );
    expectOne(
      'in the 1st half of 2025',
      'the 1st half of 2025',
      'DateRange',
      span({ begin: '2025-01-01', duration: 'P6M', end: '2025-07-01', timex: '(2025-01-01,2025-07-01,P6M)' }),
    );
    assert.deepEqual(
      find('Our 3rd quarter results', SUNDAY).map((e) => [e.text, e.type]),
      [['3rd quarter', 'DateRange']],
    );
    // No fifth quarter; a place in a race is no period.
    assert.deepEqual(find('the 5th quarter; he finished 3rd', SUNDAY), []);
  });

  it('resolves the last, this and next decades as calendar decades, as the .NET engine does', () => {
    const decades = (begin: string, end: string, years = 10) =>
      span({ begin, duration: `P${years}Y`, end, timex: `(${begin},${end},P${years}Y)` });
    for (const [text, entity, begin, end, years] of [
      ['In the past decade, tourism grew.', 'past decade', '2010-01-01', '2020-01-01', 10],
      ['the last decade', 'last decade', '2010-01-01', '2020-01-01', 10],
      ['over the next decade', 'next decade', '2030-01-01', '2040-01-01', 10],
      ['this decade', 'this decade', '2020-01-01', '2030-01-01', 10],
      // Two back from this one; from the next one on.
      ['over the past two decades', 'past two decades', '2000-01-01', '2020-01-01', 20],
      ['in the next three decades', 'next three decades', '2030-01-01', '2060-01-01', 30],
    ] as const) {
      expectOne(text, entity, 'DateRange', decades(begin, end, years));
    }
  });

  it('resolves the weekend, earlier this year and a past month', () => {
    expectOne(
      'the weekend',
      'the weekend',
      'DateRange',
      span({ begin: '2026-05-02', end: '2026-05-04', timex: '2026-W18-WE' }),
    );
    // The word alone, as the reference and Azure read it ("a ride around town or weekend trip").
    for (const text of ['a ride around town or weekend trip', 'Enjoy your weekend!', 'I worked all weekend.'])
      expectOne(
        text,
        'weekend',
        'DateRange',
        span({ begin: '2026-05-02', end: '2026-05-04', timex: '2026-W18-WE' }),
      );
    expectOne(
      'earlier this year',
      'earlier this year',
      'DateRange',
      span({ begin: '2026-01-01', end: '2026-05-03', timex: '2026' }),
    );
    expectOne(
      'last August',
      'last August',
      'DateRange',
      span({ begin: '2025-08-01', end: '2025-09-01', timex: '2025-08' }),
    );
  });

  it('draws "the past five years" without "the"', () => {
    expectOne(
      'over the past five years',
      'past five years',
      'DateRange',
      span({ begin: '2021-05-03', end: '2026-05-03', duration: 'P5Y', timex: '(2021-05-03,2026-05-03,P5Y)' }),
    );
    expectOne(
      'the next two weeks',
      'next two weeks',
      'DateRange',
      span({ begin: '2026-05-04', end: '2026-05-18', duration: 'P2W', timex: '(2026-05-04,2026-05-18,P2W)' }),
    );
  });

  it('resolves months, years, quarters and halves', () => {
    expectOne(
      'in March',
      'March',
      'DateRange',
      span(
        { begin: '2026-03-01', end: '2026-04-01', timex: 'XXXX-03' },
        { begin: '2027-03-01', end: '2027-04-01', timex: 'XXXX-03' },
      ),
    );
    expectOne(
      'August 1996',
      'August 1996',
      'DateRange',
      span({ begin: '1996-08-01', end: '1996-09-01', timex: '1996-08' }),
    );
    expectOne(
      'in 1996',
      '1996',
      'DateRange',
      span({ begin: '1996-01-01', end: '1997-01-01', timex: '1996' }),
    );
    expectOne(
      'Build 2024',
      '2024',
      'DateRange',
      span({ begin: '2024-01-01', end: '2025-01-01', timex: '2024' }),
    );
    const q3 = {
      begin: '2024-07-01',
      end: '2024-10-01',
      duration: 'P3M',
      timex: '(2024-07-01,2024-10-01,P3M)',
    };
    expectOne('Q3 2024', 'Q3 2024', 'DateRange', span(q3));
    expectOne(
      'the second half of 1996',
      'the second half of 1996',
      'DateRange',
      span({ begin: '1996-07-01', end: '1997-01-01', duration: 'P6M', timex: '(1996-07-01,1997-01-01,P6M)' }),
    );
    expectOne('summer of 1996', 'summer of 1996', 'DateRange', span({ timex: '1996-SU' }));
  });

  it('joins two dates into a range', () => {
    const may = {
      begin: '2026-05-01',
      end: '2026-05-05',
      duration: 'P4D',
      timex: '(XXXX-05-01,XXXX-05-05,P4D)',
    };
    expectOne('from May 1 to May 5', 'from May 1 to May 5', 'DateRange', span(may));
    expectOne('between May 1 and May 5', 'between May 1 and May 5', 'DateRange', span(may));
    // Across the new year, and one end's year for both: [text, span, begin, end, days, timex].
    const crossing: [string, string, string, string, string, string][] = [
      [
        'between June 3 and June 7, 2025',
        'between June 3 and June 7, 2025',
        '2025-06-03',
        '2025-06-07',
        'P4D',
        '(2025-06-03,2025-06-07,P4D)',
      ],
      [
        'from June 3, 2025 to June 7',
        'from June 3, 2025 to June 7',
        '2025-06-03',
        '2025-06-07',
        'P4D',
        '(2025-06-03,2025-06-07,P4D)',
      ],
      [
        'from Dec 28 to Jan 3, 2026',
        'from Dec 28 to Jan 3, 2026',
        '2025-12-28',
        '2026-01-03',
        'P6D',
        '(2025-12-28,2026-01-03,P6D)',
      ],
    ];
    for (const [text, entity, begin, end, duration, timex] of crossing)
      expectOne(text, entity, 'DateRange', span(period(begin, end, duration, timex)));
    // Without a year, a range that does not hold today is the last one before it and the next one.
    const holidays = '(XXXX-12-24,XXXX-01-02,P9D)';
    expectOne(
      'closed from December 24 through January 2',
      'from December 24 through January 2',
      'DateRange',
      span(
        period('2025-12-24', '2026-01-02', 'P9D', holidays),
        period('2026-12-24', '2027-01-02', 'P9D', holidays),
      ),
    );
    const april = '(XXXX-04-01,XXXX-04-05,P4D)';
    expectOne(
      'from April 1 to April 5',
      'from April 1 to April 5',
      'DateRange',
      span(
        period('2026-04-01', '2026-04-05', 'P4D', april),
        period('2027-04-01', '2027-04-05', 'P4D', april),
      ),
    );
    expectOne(
      'Monday through Friday',
      'Monday through Friday',
      'DateRange',
      span(
        { begin: '2026-04-27', end: '2026-05-01', duration: 'P4D', timex: '(XXXX-WXX-1,XXXX-WXX-5,P4D)' },
        { begin: '2026-05-04', end: '2026-05-08', duration: 'P4D', timex: '(XXXX-WXX-1,XXXX-WXX-5,P4D)' },
      ),
    );
  });

  it('keeps the modifier of since/before/after/by', () => {
    expectOne(
      'since 1990',
      'since 1990',
      'DateRange',
      span({ begin: '1990-01-01', modifier: 'Since', timex: '1990' }),
    );
    expectOne(
      'by 2020',
      'by 2020',
      'DateRange',
      span({ end: '2020-01-01', modifier: 'Before', timex: '2020' }),
    );
    expectOne(
      'after 2010',
      'after 2010',
      'DateRange',
      span({ begin: '2011-01-01', modifier: 'After', timex: '2010' }),
    );
    expectOne(
      'the end of the year',
      'end of the year',
      'DateRange',
      span({ begin: '2026-07-01', end: '2027-01-01', modifier: 'End', timex: '2026' }),
    );
  });
  it("keeps a contract's modifiers: no later than, on or before, on or after, earlier/later than", () => {
    const before = span({ end: '2025-03-31', modifier: 'Before', timex: '2025-03-31' });
    expectOne('deliver no later than March 31, 2025.', 'no later than March 31, 2025', 'DateRange', before);
    expectOne('on or before March 31, 2025', 'on or before March 31, 2025', 'DateRange', before);
    expectOne('not later than March 31, 2025', 'not later than March 31, 2025', 'DateRange', before);
    expectOne(
      'earlier than 2020',
      'earlier than 2020',
      'DateRange',
      span({ end: '2020-01-01', modifier: 'Before', timex: '2020' }),
    );
    const after = span({ begin: '2025-06-01', modifier: 'After', timex: '2025-06-01' });
    expectOne('on or after June 1, 2025', 'on or after June 1, 2025', 'DateRange', after);
    expectOne('no earlier than June 1, 2025', 'no earlier than June 1, 2025', 'DateRange', after);
    expectOne('later than June 1, 2025', 'later than June 1, 2025', 'DateRange', after);
  });
});

describe('findDateTimes: days of one month as a range, as Recognizers-Text reads them', () => {
  // Recognizers-Text's SimpleCasesRegex and MonthFrontSimpleCasesRegex; each expected value is its answer.
  const june = (y: number): Record<string, string> => ({
    begin: `${y}-06-26`,
    end: `${y}-06-30`,
    duration: 'P4D',
    timex: '(XXXX-06-26,XXXX-06-30,P4D)',
  });
  for (const [text, entity] of [
    ['The festival runs from 26 to 30 June.', 'from 26 to 30 June'],
    ['The festival runs 26-30 June.', '26-30 June'],
    ['The festival runs 26 to 30 June.', '26 to 30 June'],
    ['The festival runs from June 26 to 30.', 'from June 26 to 30'],
    ['The festival runs June 26 - 30.', 'June 26 - 30'],
    ['The festival runs from the 26th to the 30th of June.', 'from the 26th to the 30th of June'],
  ] as const) {
    it(text, () => expectOne(text, entity, 'DateRange', span(june(2025), june(2026))));
  }

  it('takes "between ... and", a written year, and leaves two months to the range of two dates', () => {
    expectOne(
      'The office is closed between 24 and 26 December.',
      'between 24 and 26 December',
      'DateRange',
      span(
        { begin: '2025-12-24', end: '2025-12-26', duration: 'P2D', timex: '(XXXX-12-24,XXXX-12-26,P2D)' },
        { begin: '2026-12-24', end: '2026-12-26', duration: 'P2D', timex: '(XXXX-12-24,XXXX-12-26,P2D)' },
      ),
    );
    expectOne(
      'The conference is from 3 to 7 March 2025.',
      'from 3 to 7 March 2025',
      'DateRange',
      span({ begin: '2025-03-03', end: '2025-03-07', duration: 'P4D', timex: '(2025-03-03,2025-03-07,P4D)' }),
    );
    assert.deepEqual(
      find('from June 26 to 30 July').map((e) => [e.text, e.type]),
      [['from June 26 to 30 July', 'DateRange']],
    );
  });

  it('takes "the" before a second day written as an ordinal ("March 3rd to the 10th"), as Recognizers-Text does', () => {
    expectOne(
      'The meeting moved from March 3rd to the 10th.',
      'from March 3rd to the 10th',
      'DateRange',
      span(
        { begin: '2026-03-03', end: '2026-03-10', duration: 'P7D', timex: '(XXXX-03-03,XXXX-03-10,P7D)' },
        { begin: '2027-03-03', end: '2027-03-10', duration: 'P7D', timex: '(XXXX-03-03,XXXX-03-10,P7D)' },
      ),
    );
    assert.deepEqual(
      find('from March 3 to the 10 people').map((e) => e.text),
      ['March 3'],
    );
  });

  it('needs the second day to come after the first, and a month', () => {
    for (const text of ['from 30 to 26 June', 'from 26 to 30 people', 'June 30 - 31']) {
      assert.ok(!find(text).some((e) => e.type === 'DateRange' && /\d+ \S+ \d+/.test(e.text)), text);
    }
  });
});

describe('findDateTimes: times, date-times and their ranges', () => {
  it('resolves clock times', () => {
    expectOne('6pm', '6pm', 'Time', time(['T18', '18:00:00']));
    expectOne('18:30', '18:30', 'Time', time(['T18:30', '18:30:00']));
    expectOne('noon', 'noon', 'Time', time(['T12', '12:00:00']));
    expectOne('at 10:30 a.m. EST', '10:30 a.m.', 'Time', time(['T10:30', '10:30:00']));
    expectOne('9:30', '9:30', 'Time', time(['T09:30', '09:30:00'], ['T21:30', '21:30:00']));
    expectOne("10 o'clock", "10 o'clock", 'Time', time(['T10', '10:00:00'], ['T22', '22:00:00']));
  });

  it('joins a date and a time', () => {
    const friday6 = dateTime(
      ['XXXX-WXX-5T18', '2026-05-01 18:00:00'],
      ['XXXX-WXX-5T18', '2026-05-08 18:00:00'],
    );
    expectOne('at 6pm on Friday', '6pm on Friday', 'DateTime', friday6);
    expectOne('Friday at 6pm', 'Friday at 6pm', 'DateTime', friday6);
    expectOne(
      'tomorrow at 9am',
      'tomorrow at 9am',
      'DateTime',
      dateTime(['2026-05-04T09', '2026-05-04 09:00:00']),
    );
    expectOne('now', 'now', 'DateTime', dateTime(['PRESENT_REF', '2026-05-03 12:00:00']));
    expectOne(
      '3 hours ago',
      '3 hours ago',
      'DateTime',
      dateTime(['2026-05-03T09:00:00', '2026-05-03 09:00:00']),
    );
  });

  it('reads an hour and its part of the day as one Time, as Recognizers-Text does', () => {
    for (const [text, entity, timex, value] of [
      ['They arrived at two in the morning.', 'two in the morning', 'T02', '02:00:00'],
      ['meet at 3 in the afternoon', '3 in the afternoon', 'T15', '15:00:00'],
      ['at 7:30 in the evening', '7:30 in the evening', 'T19:30', '19:30:00'],
      ['at 10 at night', '10 at night', 'T22', '22:00:00'],
      ["at 11 o'clock in the morning", "11 o'clock in the morning", 'T11', '11:00:00'],
      ['at 12 in the afternoon', '12 in the afternoon', 'T12', '12:00:00'],
    ] as const) {
      expectOne(text, entity, 'Time', time([timex, value]));
    }
    assert.deepEqual(
      find('see you Monday at 3 in the afternoon').map((e) => [e.text, e.type]),
      [['Monday at 3 in the afternoon', 'DateTime']],
    );
    assert.deepEqual(find('We scored 3 in the first half.'), []);
  });

  it('resolves time ranges and parts of days', () => {
    const twoToFour = span({ begin: '14:00:00', end: '16:00:00', duration: 'PT2H', timex: '(T14,T16,PT2H)' });
    expectOne('between 2pm and 4pm', 'between 2pm and 4pm', 'TimeRange', twoToFour);
    expectOne('2-4pm', '2-4pm', 'TimeRange', twoToFour);
    // Two clock times joined by a hyphen without spaces, as the reference reads them.
    expectOne(
      'open 9:00-17:00 on weekdays',
      '9:00-17:00',
      'TimeRange',
      span({ begin: '09:00:00', end: '17:00:00', duration: 'PT8H', timex: '(T09:00,T17:00,PT8H)' }),
    );
    expectOne(
      'lunch 12:30-1:30 pm',
      '12:30-1:30 pm',
      'TimeRange',
      span({ begin: '12:30:00', end: '13:30:00', duration: 'PT1H', timex: '(T12:30,T13:30,PT1H)' }),
    );
    assert.deepEqual(find('the rate fell -17:00 x'), []);
    // The first hour takes the half of the day written after the second, as Recognizers-Text reads it.
    expectOne('arriving between 2 and 4 pm', 'between 2 and 4 pm', 'TimeRange', twoToFour);
    // Without a half of the day, two numbers ("between 9 and 5", a number range elsewhere).
    assert.deepEqual(find('open between 9 and 5'), []);
    assert.deepEqual(
      find('between 2 or 4 pm').map((e) => e.text),
      ['4 pm'],
    );
    expectOne(
      'from 1 to 3pm',
      'from 1 to 3pm',
      'TimeRange',
      span({ begin: '13:00:00', end: '15:00:00', duration: 'PT2H', timex: '(T13,T15,PT2H)' }),
    );
    expectOne('at night', 'night', 'TimeRange', span({ begin: '20:00:00', end: '23:59:59', timex: 'TNI' }));
    expectOne(
      'before 6pm',
      'before 6pm',
      'TimeRange',
      span({ end: '18:00:00', modifier: 'Before', timex: 'T18' }),
    );
    expectOne(
      'last night',
      'last night',
      'DateTimeRange',
      span({ begin: '2026-05-02 20:00:00', end: '2026-05-02 23:59:59', timex: '2026-05-02TNI' }),
    );
    expectOne(
      'Monday morning',
      'Monday morning',
      'DateTimeRange',
      span(
        { begin: '2026-04-27 08:00:00', end: '2026-04-27 12:00:00', timex: 'XXXX-WXX-1TMO' },
        { begin: '2026-05-04 08:00:00', end: '2026-05-04 12:00:00', timex: 'XXXX-WXX-1TMO' },
      ),
    );
    // A range of clock times on a date, on each candidate day, either way round.
    const wednesdayTwoToFour = span(
      period('2026-04-29 14:00:00', '2026-04-29 16:00:00', 'PT2H', '(XXXX-WXX-3T14,XXXX-WXX-3T16,PT2H)'),
      period('2026-05-06 14:00:00', '2026-05-06 16:00:00', 'PT2H', '(XXXX-WXX-3T14,XXXX-WXX-3T16,PT2H)'),
    );
    expectOne(
      'It arrives between 2 and 4 pm on Wednesday.',
      'between 2 and 4 pm on Wednesday',
      'DateTimeRange',
      wednesdayTwoToFour,
    );
    expectOne(
      'See you Wednesday between 2 and 4 pm.',
      'Wednesday between 2 and 4 pm',
      'DateTimeRange',
      wednesdayTwoToFour,
    );
    // Two full clock times too, joined by "between" or a dash, as the reference reads them.
    expectOne(
      'See you Wednesday between 2pm and 4pm.',
      'Wednesday between 2pm and 4pm',
      'DateTimeRange',
      wednesdayTwoToFour,
    );
    expectOne('Open Wednesday 2pm-4pm only.', 'Wednesday 2pm-4pm', 'DateTimeRange', wednesdayTwoToFour);
    // After a comma the reference reads a date and a time range apart; so do we.
    assert.deepEqual(
      find('on May 3, from 9:00 am to 11:30 am').map((e) => e.type),
      ['Date', 'TimeRange'],
    );
    expectOne(
      'the last 24 hours',
      'last 24 hours',
      'DateTimeRange',
      span({
        begin: '2026-05-02 12:00:00',
        end: '2026-05-03 12:00:00',
        duration: 'PT24H',
        timex: '(2026-05-02T12:00:00,2026-05-03T12:00:00,PT24H)',
      }),
    );
  });
});

describe('findDateTimes: durations and sets', () => {
  it('resolves durations', () => {
    expectOne('a 3-night stay', '3-night', 'Duration', span({ duration: 'P3D', timex: 'P3D' }));
    expectOne('two hours', 'two hours', 'Duration', span({ duration: 'PT2H', timex: 'PT2H' }));
    expectOne('for three weeks', 'three weeks', 'Duration', span({ duration: 'P3W', timex: 'P3W' }));
    expectOne('1.5 hours', '1.5 hours', 'Duration', span({ duration: 'PT1.5H', timex: 'PT1.5H' }));
    expectOne(
      'two and a half hours',
      'two and a half hours',
      'Duration',
      span({ duration: 'PT2.5H', timex: 'PT2.5H' }),
    );
    expectOne('half an hour', 'half an hour', 'Duration', span({ duration: 'PT0.5H', timex: 'PT0.5H' }));
    expectOne('another half hour', 'half hour', 'Duration', span({ duration: 'PT0.5H', timex: 'PT0.5H' }));
    expectOne('a half day off', 'a half day', 'Duration', span({ duration: 'P0.5D', timex: 'P0.5D' }));
    assert.deepEqual(find('a half-hour show', SUNDAY), []);
    expectOne('a 99-year-old man', '99-year', 'Duration', span({ duration: 'P99Y', timex: 'P99Y' }));
    expectOne(
      'more than 20 years',
      'more than 20 years',
      'Duration',
      span({ duration: 'P20Y', modifier: 'More', timex: 'P20Y' }),
    );
  });

  /** [text, the Duration found in it, its ISO duration (also the timex)], as Recognizers-Text reads them. */
  const durations: readonly [string, string, string][] = [
    ['an hour and a half', 'an hour and a half', 'PT1.5H'],
    ['3 years and a half', '3 years and a half', 'P3.5Y'],
    // The reference's timex for a fortnight is "P12"; its value (1,209,600 s) is two weeks.
    ['for a fortnight', 'a fortnight', 'P2W'],
    // A dashed count: the upper bound with the unit.
    ['about 3-4 weeks', '4 weeks', 'P4W'],
    ['boil for 8–10 mins', '10 mins', 'PT10M'],
    // Vague and grouped counts.
    ['in just few years', 'few years', 'P3Y'],
    ['the first couple days', 'couple days', 'P2D'],
    ['pushed back another year', 'another year', 'P1Y'],
    ['it took 10,000 years', '10,000 years', 'P10000Y'],
    // No date 5,000 years before 2026: the count stays a duration.
    ['some 5,000 years ago', '5,000 years', 'P5000Y'],
    // Business days as the .NET engine writes them; hours written "h".
    ['delivery takes 3 business days', '3 business days', 'P3BD'],
    ['or 5-7 business days', '7 business days', 'P7BD'],
    ['a 10h flight', '10h', 'PT10H'],
  ];
  for (const [text, entity, duration] of durations) {
    it(`reads "${entity}" in "${text}" as Recognizers-Text does`, () =>
      expectOne(text, entity, 'Duration', span({ duration, timex: duration })));
  }
  it('reads one count of a score and one duration in "a 4-3 win in 2 weeks"', () => {
    assert.deepEqual(find('a 4-3 win in 2 weeks', SUNDAY).length, 1);
  });
  it('reads no hours in a time written "2h30"', () => {
    assert.ok(find('meet at 2h30', SUNDAY).every((e) => e.type !== 'Duration'));
  });
  it('reads "the last few years" as the range up to today', () => {
    expectOne(
      'the last few years',
      'last few years',
      'DateRange',
      span({ begin: '2023-05-03', end: '2026-05-03', duration: 'P3Y', timex: '(2023-05-03,2026-05-03,P3Y)' }),
    );
  });

  /** [text, the DateRange found, its span values], each as Recognizers-Text resolves it on SUNDAY (2026-05-03). */
  const edges: readonly [string, string, Record<string, string>][] = [
    ['late autumn', 'late autumn', { timex: 'FA' }],
    ['the following autumn', 'following autumn', { timex: '2027-FA' }],
    [
      'by the end of the year',
      'by the end of the year',
      { end: '2027-01-01', modifier: 'BeforeEnd', timex: '2026' },
    ],
    [
      'by the end of the week',
      'by the end of the week',
      { end: '2026-05-04', modifier: 'BeforeEnd', timex: '2026-W18' },
    ],
    [
      'ship before end of week',
      'before end of week',
      { end: '2026-05-04', modifier: 'BeforeEnd', timex: '2026-W18' },
    ],
    ['by end of year', 'by end of year', { end: '2027-01-01', modifier: 'BeforeEnd', timex: '2026' }],
    [
      'effective end of month',
      'end of month',
      { begin: '2026-05-16', end: '2026-06-01', modifier: 'End', timex: '2026-05' },
    ],
    [
      'at the start of month',
      'start of month',
      { begin: '2026-05-01', end: '2026-05-16', modifier: 'Start', timex: '2026-05' },
    ],
    [
      'early next week',
      'early next week',
      { begin: '2026-05-04', end: '2026-05-07', modifier: 'Start', timex: '2026-W19' },
    ],
    [
      'late last week',
      'late last week',
      { begin: '2026-04-23', end: '2026-04-27', modifier: 'End', timex: '2026-W17' },
    ],
    [
      'late next month',
      'late next month',
      { begin: '2026-06-16', end: '2026-07-01', modifier: 'End', timex: '2026-06' },
    ],
    [
      'the end of the week',
      'end of the week',
      { begin: '2026-04-30', end: '2026-05-04', modifier: 'End', timex: '2026-W18' },
    ],
  ];
  for (const [text, entity, value] of edges) {
    it(`reads "${text}" as Recognizers-Text does`, () => expectOne(text, entity, 'DateRange', span(value)));
  }

  it('reads "later this week", "later this month" and "this day" as Recognizers-Text does', () => {
    // SUNDAY is 2026-05-03: "later this week" is that day to the week's end, as the reference has it.
    expectOne(
      'later this week',
      'later this week',
      'DateRange',
      span({ begin: '2026-05-03', end: '2026-05-04', timex: '2026-W18' }),
    );
    expectOne(
      'later this month',
      'later this month',
      'DateRange',
      span({ begin: '2026-05-16', end: '2026-06-01', timex: '2026-05' }),
    );
    expectOne('to this day', 'this day', 'Date', date(['2026-05-03', '2026-05-03']));
  });

  it('reads the year of a resume\'s "2019–present" as Recognizers-Text does', () => {
    const y2019 = span({ begin: '2019-01-01', end: '2020-01-01', timex: '2019' });
    expectOne('Engineer (2019–present)', '2019', 'DateRange', y2019);
    expectOne('Engineer, 2019-Present', '2019', 'DateRange', y2019);
  });

  it("reads a contract's count in words and figures as one duration, when the two agree", () => {
    const d30 = span({ duration: 'P30D', timex: 'P30D' });
    expectOne('payable within thirty (30) days', 'thirty (30) days', 'Duration', d30);
    const y21 = span({ duration: 'P21Y', timex: 'P21Y' });
    expectOne('a term of twenty-one (21) years', 'twenty-one (21) years', 'Duration', y21);
    expectOne('one (1) month', 'one (1) month', 'Duration', span({ duration: 'P1M', timex: 'P1M' }));
    assert.deepEqual(find('two (3) days', SUNDAY), []);
  });

  it('resolves recurring times', () => {
    expectOne('every Monday at 6pm', 'every Monday at 6pm', 'SetTemporal', set('XXXX-WXX-1T18'));
    expectOne('open on weekends', 'weekends', 'SetTemporal', set('XXXX-WXX-WE'));
    expectOne('we work late nights', 'late nights', 'SetTemporal', set('TNI'));
    expectOne('mornings are busy', 'mornings', 'SetTemporal', set('TMO'));
    expectOne('daily', 'daily', 'SetTemporal', set('P1D'));
    // A time before a weekly or a daily set: that time each time.
    expectOne('by 5 pm every Friday', '5 pm every Friday', 'SetTemporal', set('XXXX-WXX-5T17'));
    expectOne('at 9am each Monday', '9am each Monday', 'SetTemporal', set('XXXX-WXX-1T09'));
    expectOne('9am each day', '9am each day', 'SetTemporal', set('T09'));
    expectOne('9:30 am every morning', '9:30 am every morning', 'SetTemporal', set('T09:30'));
    expectOne('weekly', 'weekly', 'SetTemporal', set('P1W'));
    // "bi-" and "semi-" before an adverb: one set (Recognizers-Text finds the span and leaves it unresolved).
    expectOne('paid bi-weekly', 'bi-weekly', 'SetTemporal', set('P2W'));
    expectOne('billed semi-annually', 'semi-annually', 'SetTemporal', set('P6M'));
    expectOne('a semiannual review', 'semiannual', 'SetTemporal', set('P6M'));
    expectOne('paid bi - weekly', 'weekly', 'SetTemporal', set('P1W'));
    expectOne('every two weeks', 'every two weeks', 'SetTemporal', set('P2W'));
    expectOne('on Mondays', 'on Mondays', 'SetTemporal', set('XXXX-WXX-1'));
    expectOne('every morning', 'every morning', 'SetTemporal', set('TMO'));
    expectOne('every Friday night', 'every Friday night', 'SetTemporal', set('XXXX-WXX-5TNI'));
    expectOne('The Tour ends in Paris every July.', 'every July', 'SetTemporal', set('XXXX-07'));
    expectOne('each March', 'each March', 'SetTemporal', set('XXXX-03'));
    expectOne('every Sept', 'every Sept', 'SetTemporal', set('XXXX-09'));
    assert.deepEqual(find('every may be late'), []);
    // "every other": the weekday's code, as the reference keeps it, or twice the unit.
    expectOne('We meet every other Tuesday.', 'every other Tuesday', 'SetTemporal', set('XXXX-WXX-2'));
    expectOne('every second Tuesday', 'every second Tuesday', 'SetTemporal', set('XXXX-WXX-2'));
    expectOne('every other week', 'every other week', 'SetTemporal', set('P2W'));
    expectOne('every second month', 'every second month', 'SetTemporal', set('P2M'));
    expectOne('every other day', 'every other day', 'SetTemporal', set('P2D'));
    expectOne('it ticks every second', 'every second', 'SetTemporal', set('PT1S'));
  });
});

describe('findDateTimes: year periods, as the .NET engine Azure runs reads them', () => {
  const years = (from: number, to: number): Metadata =>
    span({
      begin: `${from}-01-01`,
      duration: `P${to - from}Y`,
      end: `${to}-01-01`,
      timex: `(${from}-01-01,${to}-01-01,P${to - from}Y)`,
    });

  it('joins two years with to, until, through, and, or a dash, with the word before them', () => {
    for (const [text, entity] of [
      ['Obama was president from 2009 to 2017.', 'from 2009 to 2017'],
      ['He lived there between 2009 and 2017.', 'between 2009 and 2017'],
      ['It ran from 2009-2017 in Ohio.', 'from 2009-2017'],
      ['during 2009 – 2017', 'during 2009 – 2017'],
      ['the 2009–2017 period', '2009–2017'],
      ['in 2009 through 2017', 'in 2009 through 2017'],
    ] as const) {
      assert.deepEqual(find(text), [{ text: entity, type: 'DateRange', metadata: years(2009, 2017) }], text);
    }
  });

  it('keeps two years apart when the second is not later', () => {
    assert.deepEqual(
      find('from 2017 to 2009').map((e) => e.text),
      ['2017', '2009'],
    );
  });
});

describe('findDateTimes: end of day, mid-month, "by" a date and time, the week of a date', () => {
  /** Two spans of a yearless date: this year's and next year's, with one timex. */
  const both = (timex: string, a: Record<string, string>, b: Record<string, string>): Metadata =>
    span({ ...a, timex }, { ...b, timex });
  const cases: [string, string, string, Metadata][] = [
    [
      'Please send it by end of day.',
      'by end of day',
      'DateTimeRange',
      span({ end: '2026-05-03 23:59:59', modifier: 'Before', timex: '2026-05-03T23:59:59' }),
    ],
    [
      'Please send it by EOD.',
      'by EOD',
      'DateTimeRange',
      span({ end: '2026-05-03 23:59:59', modifier: 'Before', timex: '2026-05-03T23:59:59' }),
    ],
    [
      'usually mid-month',
      'mid-month',
      'DateRange',
      span({ begin: '2026-05-16', end: '2026-06-01', modifier: 'Mid', timex: '2026-05' }),
    ],
    [
      'Open until March 3 at 10 am.',
      'until March 3 at 10 am',
      'DateTimeRange',
      both(
        'XXXX-03-03T10',
        { end: '2026-03-03 10:00:00', modifier: 'Before' },
        { end: '2027-03-03 10:00:00', modifier: 'Before' },
      ),
    ],
    [
      'Can we meet the week of March 10?',
      'the week of March 10',
      'DateRange',
      both(
        'XXXX-03-10',
        { begin: '2026-03-09', end: '2026-03-16' },
        { begin: '2027-03-08', end: '2027-03-15' },
      ),
    ],
  ];
  for (const [text, entity, type, metadata] of cases) {
    it(`reads "${entity}" as Recognizers-Text does`, () => expectOne(text, entity, type, metadata));
  }
});

describe('findDateTimes: decades', () => {
  it('reads a decade with its century as one DateRange, as the .NET engine does', () => {
    const nineties = span({
      begin: '1990-01-01',
      end: '2000-01-01',
      duration: 'P10Y',
      timex: '(1990-01-01,2000-01-01,P10Y)',
    });
    expectOne('in the 1990s', 'the 1990s', 'DateRange', nineties);
    expectOne("in 1990's Europe", "1990's", 'DateRange', nineties);
    expectOne('in the early 1990s', '1990s', 'DateRange', nineties);
  });
  it('reads a decade without a century as the last one begun and the next', () => {
    /** The decade beginning at two digits `d` of the century starting in `century`. */
    const decadeOf = (d: string, century: number) => {
      const from = century + Number(d);
      const next = String((Number(d) + 10) % 100).padStart(2, '0');
      return {
        begin: `${from}-01-01`,
        end: `${from + 10}-01-01`,
        duration: 'P10Y',
        timex: `(XX${d}-01-01,XX${next}-01-01,P10Y)`,
      };
    };
    expectOne('music of the 80s', 'the 80s', 'DateRange', span(decadeOf('80', 1900), decadeOf('80', 2000)));
    expectOne(
      "fashion of the '10s",
      "the '10s",
      'DateRange',
      span(decadeOf('10', 2000), decadeOf('10', 2100)),
    );
  });
});

describe('findDateTimes: what is not a date', () => {
  it('ignores words that only look temporal', () => {
    for (const text of [
      'I may go',
      'May I help you?',
      'the second one',
      'a bare number 42 and 1,000 people',
      'Good morning!',
      'for now, thanks',
      'he paid $2000',
      'he paid $1990s',
      'Jan Smith arrived',
      'prices fall sharply',
      'a weekend break',
      'call 555-2009-2017',
      "the Women's March on Washington",
      "joined the People's March.",
      'The loan carries an APR of 6.99%.',
      'Delta flight 1234 boards at gate B12; Room 1999 is free.',
      'A DEC filing was late.',
      'Your Visa ending in 1234 was declined.',
    ]) {
      assert.deepEqual(find(text), [], text);
    }
    // A year of today's calendars after "ending in" stays one.
    assert.equal(find('The war ending in 1945 changed everything.').length, 1);
    // A noun after it: the month of a company's plans.
    assert.equal(find("Apple's March update").length, 1);
    // Three capitals are the month with a day, or in text written in capitals.
    assert.deepEqual(
      find('Payment due APR 15.').map((e) => e.text),
      ['APR 15'],
    );
    assert.deepEqual(
      find('SALES PEAKED IN APR').map((e) => e.text),
      ['APR'],
    );
  });

  it('reports candidates with rule source, confidence and offsets into the text', () => {
    const text = 'Meet me tomorrow at 9am.';
    assert.deepEqual(findDateTimes(text, SUNDAY), [
      {
        start: 8,
        end: 23,
        type: 'DateTime',
        confidence: 0.8,
        source: 'rule',
        metadata: dateTime(['2026-05-04T09', '2026-05-04 09:00:00']),
      },
    ]);
  });

  it('finds several entities in one sentence, in order', () => {
    assert.deepEqual(
      find('The report for Q3 2024 is due on May 21 and the meeting runs two hours.').map((e) => [
        e.text,
        e.type,
      ]),
      [
        ['Q3 2024', 'DateRange'],
        ['May 21', 'Date'],
        ['two hours', 'Duration'],
      ],
    );
  });
});

describe('findDateTimes: informal text', () => {
  it('keeps digits in URLs, handles and names out of dates', () => {
    assert.deepEqual(find('@speedy1013 see http://t.co/2jqs5yW4n7 and FY2024'), []);
    expectOne(
      'http://t.co/2jqs5yW4n7 December 24, 2014 at 01:12 PM',
      'December 24, 2014 at 01:12 PM',
      'DateTime',
      dateTime(['2014-12-24T13:12', '2014-12-24 13:12:00']),
    );
  });

  it('reads military times, "@" and bare hours after a date', () => {
    expectOne('1030 PM we depart', '1030 PM', 'Time', time(['T22:30', '22:30:00']));
    expectOne(
      'tomorrow @ 9:30 in Lot 17',
      'tomorrow @ 9:30',
      'DateTime',
      dateTime(['2026-05-04T09:30', '2026-05-04 09:30:00'], ['2026-05-04T21:30', '2026-05-04 21:30:00']),
    );
    expectOne(
      'Friday at 6.',
      'Friday at 6',
      'DateTime',
      dateTime(
        ['XXXX-WXX-5T06', '2026-05-01 06:00:00'],
        ['XXXX-WXX-5T18', '2026-05-01 18:00:00'],
        ['XXXX-WXX-5T06', '2026-05-08 06:00:00'],
        ['XXXX-WXX-5T18', '2026-05-08 18:00:00'],
      ),
    );
  });

  it('reads vague counts and whole units', () => {
    expectOne('a few hours', 'a few hours', 'Duration', span({ duration: 'PT3H', timex: 'PT3H' }));
    expectOne('a couple of weeks', 'a couple of weeks', 'Duration', span({ duration: 'P2W', timex: 'P2W' }));
    expectOne('dancing all day', 'all day', 'Duration', span({ duration: 'P1D', timex: 'P1D' }));
    expectOne('on Friday nights', 'Friday nights', 'SetTemporal', set('XXXX-WXX-5TNI'));
    expectOne(
      'Happy New Year!',
      'New Year',
      'Date',
      date(['XXXX-01-01', '2026-01-01'], ['XXXX-01-01', '2027-01-01']),
    );
    expectOne(
      'late afternoon',
      'late afternoon',
      'TimeRange',
      span({ begin: '14:00:00', end: '16:00:00', modifier: 'End', timex: 'TAF' }),
    );
  });
});

describe('findDateTimes: pathological input', () => {
  const fast = (text: string): ReturnType<typeof findDateTimes> => {
    return withinCpuBudget(500, () => findDateTimes(text, SUNDAY));
  };

  it('treats 10,000 digits as nothing', () => {
    assert.deepEqual(fast('1'.repeat(10_000)), []);
  });

  it('bounds 5,000 repeated month names', () => {
    const out = fast('May '.repeat(5000));
    assert.ok(out.length <= 512, `${out.length} entities`);
  });

  it('bounds repeated "2024-" and repeated dates', () => {
    assert.deepEqual(fast('2024-'.repeat(2000)), []);
    const dates = fast('2024-05-21 '.repeat(1000));
    assert.equal(dates.length, 512);
    assert.deepEqual(dates[0], {
      start: 0,
      end: 10,
      type: 'Date',
      confidence: 0.8,
      source: 'rule',
      metadata: date(['2024-05-21', '2024-05-21']),
    });
  });

  it('handles mixed scripts and a 5,000-character word', () => {
    assert.deepEqual(
      find('会议在 May 21 举行, встреча 2024-05-21 📅').map((e) => e.text),
      ['May 21', '2024-05-21'],
    );
    assert.deepEqual(fast('a'.repeat(5000)), []);
    assert.deepEqual(fast('Monday'.repeat(1000)), []);
  });
});

describe("findDateTimes: Azure's documented examples", () => {
  it('reads hours written as words before am/pm or "o\'clock"', () => {
    expectOne('Wake me up at seven AM.', 'seven AM', 'Time', time(['T07', '07:00:00']));
    expectOne('Wake me at seven thirty pm', 'seven thirty pm', 'Time', time(['T19:30', '19:30:00']));
    expectOne("We met at ten o'clock", "ten o'clock", 'Time', time(['T10', '10:00:00'], ['T22', '22:00:00']));
    assert.deepEqual(find('At seven we ate; how am I to know?'), []);
  });

  it('joins two date-times into a range, with a year written after the second', () => {
    expectOne(
      'The exhibition runs from january 3rd 6 AM to april 25th 8 PM 2022.',
      'from january 3rd 6 AM to april 25th 8 PM 2022',
      'DateTimeRange',
      span({
        begin: '2022-01-03 06:00:00',
        end: '2022-04-25 20:00:00',
        duration: 'PT2702H',
        timex: '(2022-01-03T06,2022-04-25T20,PT2702H)',
      }),
    );
    expectOne(
      'open from May 1 6 PM to May 3 8:30 PM',
      'from May 1 6 PM to May 3 8:30 PM',
      'DateTimeRange',
      span({
        begin: '2026-05-01 18:00:00',
        end: '2026-05-03 20:30:00',
        duration: 'PT50H30M',
        timex: '(XXXX-05-01T18,XXXX-05-03T20:30,PT50H30M)',
      }),
    );
  });

  it('reads "between X to Y" as "between X and Y"', () => {
    const weeks = (...pairs: [string, string][]): Metadata =>
      span(
        ...pairs.map(([begin, end]) => ({
          begin,
          end,
          duration: 'P3D',
          timex: '(XXXX-WXX-1,XXXX-WXX-4,P3D)',
        })),
      );
    expectOne(
      'The office is open between Monday to Thursday.',
      'between Monday to Thursday',
      'DateRange',
      weeks(['2026-04-27', '2026-04-30'], ['2026-05-04', '2026-05-07']),
    );
    // On a Wednesday, this week's Monday runs to the coming Thursday.
    expectOne(
      'between Monday and Thursday',
      'between Monday and Thursday',
      'DateRange',
      weeks(['2026-05-04', '2026-05-07'], ['2026-05-11', '2026-05-14']),
      WEDNESDAY,
    );
  });

  it('reads "every weekend" as a set', () => {
    expectOne('We visit our parents every weekend.', 'every weekend', 'SetTemporal', set('2026-W18-WE'));
  });
});

describe('findDateTimes: vague counts, the present, month full stops', () => {
  it('shifts the reference by "a few", "several" and "a couple of" units', () => {
    expectOne(
      'A few hours ago, we met.',
      'A few hours ago',
      'DateTime',
      dateTime(['2026-05-03T09:00:00', '2026-05-03 09:00:00']),
    );
    expectOne('several days ago', 'several days ago', 'Date', date(['2026-04-30', '2026-04-30']));
    expectOne('a couple of weeks ago', 'a couple of weeks ago', 'Date', date(['2026-04-19', '2026-04-19']));
    expectOne('in a few days', 'in a few days', 'Date', date(['2026-05-06', '2026-05-06']));
    expectOne(
      'the past several years',
      'past several years',
      'DateRange',
      span({ begin: '2023-05-03', end: '2026-05-03', duration: 'P3Y', timex: '(2023-05-03,2026-05-03,P3Y)' }),
    );
  });

  it('reads "at present" and "at this time" as now', () => {
    const present = dateTime(['PRESENT_REF', '2026-05-03 12:00:00']);
    expectOne('who can not share at present in it', 'at present', 'DateTime', present);
    expectOne('At this time of transition', 'At this time', 'DateTime', present);
  });

  it('leaves a sentence-ending full stop after a full month name out of the date', () => {
    assert.deepEqual(
      find('It was postponed until 5 June.').map((e) => e.text),
      ['until 5 June'],
    );
    assert.deepEqual(
      find('See Sept. 5 and Aug. 22.').map((e) => e.text),
      ['Sept. 5', 'Aug. 22'],
    );
  });
});

describe("findDateTimes: more of the reference's forms (checked against Recognizers-Text at SUNDAY)", () => {
  it('takes a modifier before a season and before a part of a named day', () => {
    expectOne('Since the fall', 'Since the fall', 'DateRange', span({ modifier: 'Since', timex: 'FA' }));
    expectOne(
      'before last summer',
      'before last summer',
      'DateRange',
      span({ modifier: 'Before', timex: '2025-SU' }),
    );
    const night = (d: string) => ({ end: `${d} 20:00:00`, modifier: 'Before', timex: 'XXXX-WXX-4TNI' });
    expectOne(
      'by Thursday night',
      'by Thursday night',
      'DateTimeRange',
      span(night('2026-04-30'), night('2026-05-07')),
    );
  });
  it('reads "once a week" as a set and "six and a half months ago" as six months ago', () => {
    expectOne('once a week', 'once a week', 'SetTemporal', set('P1W'));
    expectOne('once a day', 'once a day', 'SetTemporal', set('P1D'));
    expectOne('see you tmrw', 'tmrw', 'Date', date(['2026-05-04', '2026-05-04']));
    expectOne('see you tmr', 'tmr', 'Date', date(['2026-05-04', '2026-05-04']));
    expectOne('in Paris every summer', 'every summer', 'SetTemporal', set('SU'));
    expectOne('each winter', 'each winter', 'SetTemporal', set('WI'));
    expectOne(
      'Six and a half months ago',
      'Six and a half months ago',
      'Date',
      date(['2025-11-03', '2025-11-03']),
    );
  });
  it('reads plural units after last and next as one unit back to today or on from tomorrow', () => {
    const months = period('2026-04-03', '2026-05-03', 'P1M', '(2026-04-03,2026-05-03,P1M)');
    expectOne('during the last months of his life', 'last months', 'DateRange', span(months));
    const weeks = period('2026-05-04', '2026-05-11', 'P1W', '(2026-05-04,2026-05-11,P1W)');
    expectOne('in the coming weeks', 'coming weeks', 'DateRange', span(weeks));
    expectOne(
      'earlier in the year',
      'earlier in the year',
      'DateRange',
      span({ begin: '2026-01-01', end: '2026-05-03', timex: '2026' }),
    );
  });
  it('reads a day before a colon that ends a heading', () => {
    const aug30 = date(['XXXX-08-30', '2025-08-30'], ['XXXX-08-30', '2026-08-30']);
    expectOne('Friday, August 30:', 'Friday, August 30', 'Date', aug30);
    expectOne('August 30 : results', 'August 30', 'Date', aug30);
  });
  it('joins short weekdays into a range, and takes early or late before this morning', () => {
    const weekdays = (begin: string, end: string) => ({
      begin,
      end,
      duration: 'P4D',
      timex: '(XXXX-WXX-1,XXXX-WXX-5,P4D)',
    });
    expectOne(
      'open Mon-Fri',
      'Mon-Fri',
      'DateRange',
      span(weekdays('2026-04-27', '2026-05-01'), weekdays('2026-05-04', '2026-05-08')),
    );
    assert.deepEqual(find('Sat-Sun closed; I said mon to him'), []);
    expectOne(
      'early this morning',
      'early this morning',
      'DateTimeRange',
      span({
        begin: '2026-05-03 08:00:00',
        end: '2026-05-03 10:00:00',
        modifier: 'Start',
        timex: '2026-05-03TMO',
      }),
    );
  });
});
