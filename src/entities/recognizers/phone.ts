import { scan, type Match } from './span.ts';

// International: +CC then digit groups separated by space, dot, dash, or an area code in parentheses.
const INTERNATIONAL = /(?<![\w+])\+\d{1,3}(?:[ .-]?\(\d{1,4}\))?(?:[ .-]?\d{1,5}){2,6}(?![\w-]|[.-]\d)/g;
// National forms: (425) 555-0100, 425-555-0100, 425.555.0100, 1-800-555-0199, 555-0100, 020 7946 0958.
const NATIONAL =
  /(?<![\w+.\-/])(?:1[ .-])?(?:\(\d{2,4}\)[ .-]?\d{3,4}[ .-]\d{4}|\d{3}([ .-])\d{3}\1\d{4}|\d{3}-\d{4}|0\d{2,4} \d{3,4} \d{3,4})(?![\w-]|[.-]\d)/g;

function digits(s: string): number {
  return s.replace(/\D/g, '').length;
}

// Dates written with separators look like phone numbers to the patterns above.
const DATE = /^(?:\d{4}[-./ ]\d{1,2}[-./ ]\d{1,2}|\d{1,2}[-./ ]\d{1,2}[-./ ]\d{2,4})$/;

/** Telephone numbers with a country code or a recognisable national grouping; never dates or plain numbers. */
export function findPhoneNumbers(text: string): Match[] {
  const out: Match[] = [];
  for (const m of [...scan(text, INTERNATIONAL), ...scan(text, NATIONAL)]) {
    const s = text.slice(m.start, m.end);
    const n = digits(s);
    if (n < 7 || n > 15 || DATE.test(s)) continue;
    if (!out.some((o) => o.start < m.end && m.start < o.end)) out.push(m);
  }
  return out.sort((a, b) => a.start - b.start);
}
