/**
 * A cheap test that a text may hold a date or time: a digit, or one of the letter sequences every rule
 * needs somewhere in its span. The words are compiled into one case-insensitive regex factored by
 * prefix (`d(?:ay|ec)|to(?:morrow|night)|...`), which the regex engine scans much faster than a flat
 * alternation of fifty words.
 */

/** Letter sequences (not whole words: "day" covers "Monday" and "today"). */
const TRIGGERS = [
  'day',
  'daily',
  'tomorrow',
  'tmr',
  'christmas',
  'xmas',
  'halloween',
  'thanksgiving',
  'easter',
  'mardi',
  'annual',
  'tonite',
  'tonight',
  'now',
  'week',
  'month',
  'year',
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
  'hour',
  'minute',
  'second',
  'night',
  'morning',
  'noon',
  'evening',
  'recent',
  'previous',
  'lately',
  'formerly',
  'summer',
  'winter',
  'spring',
  'fall',
  'autumn',
  'quarter',
  'half',
  'moment',
  'every',
  'each',
  'ago',
  'at present',
  'at this time',
  'centur',
  'midnight',
  "o'clock",
  'eod',
];

/** Endings of a number word before am/pm: "seven AM", "seven thirty pm", "twenty-five p.m.". */
const HOUR_ENDINGS = [
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'teen',
  'ty',
];

interface Trie {
  end: boolean;
  readonly next: Map<string, Trie>;
}

function escape(ch: string): string {
  return /[.*+?^${}()|[\]\\]/.test(ch) ? `\\${ch}` : ch;
}

/** The words as one alternation factored by prefix; a word that is a prefix of another covers it. */
function alternation(words: readonly string[]): string {
  const root: Trie = { end: false, next: new Map() };
  for (const w of words) {
    let t = root;
    for (const ch of w) {
      let sub = t.next.get(ch);
      if (!sub) t.next.set(ch, (sub = { end: false, next: new Map() }));
      t = sub;
    }
    t.end = true;
  }
  const emit = (t: Trie): string => {
    if (t.end) return '';
    const alts = [...t.next].map(([ch, sub]) => escape(ch) + emit(sub));
    return alts.length === 1 ? alts[0]! : `(?:${alts.join('|')})`;
  };
  return [...root.next].map(([ch, sub]) => escape(ch) + emit(sub)).join('|');
}

/** Short weekdays, which the triggers do not cover, joined into a range: "Mon-Fri", "Tue to Thu". */
const SHORT_WEEKDAY = '(?:mon|tues?|wed|thu(?:rs?)?|fri)\\.?';
const WEEKDAY_RANGE = `\\b${SHORT_WEEKDAY}\\s*(?:-|\u2013|to|through|thru|till|until)\\s*${SHORT_WEEKDAY}\\b`;

const TRIGGERED = new RegExp(
  `\\d|${alternation(TRIGGERS)}|(?:${alternation(HOUR_ENDINGS)})[\\s-]+[ap]\\.?m\\b`,
  'i',
);
const WEEKDAY_RANGE_ONLY = new RegExp(WEEKDAY_RANGE, 'i');

/** Whether `text` may hold a date or time (the weekday range, rare, is looked for only when all else fails). */
export function mayHoldDateTime(text: string): boolean {
  return TRIGGERED.test(text) || WEEKDAY_RANGE_ONLY.test(text);
}
