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

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Which of the two patterns can match, from one pass: every phone number has at least 7 digits; an
 * international one a "+" before a digit, a national one three digits, a space, dot or dash, and a digit.
 */
function phoneTriggers(text: string): { readonly international: boolean; readonly national: boolean } {
  let digits = 0;
  let run = 0;
  let international = false;
  let national = false;
  for (let p = 0; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (isDigit(c)) {
      digits++;
      run++;
      continue;
    }
    if (c === 43 && isDigit(text.charCodeAt(p + 1))) international = true;
    else if (run >= 3 && (c === 32 || c === 46 || c === 45) && isDigit(text.charCodeAt(p + 1)))
      national = true;
    run = 0;
  }
  return { international: international && digits >= 7, national: national && digits >= 7 };
}

/** Telephone numbers with a country code or a recognisable national grouping; never dates or plain numbers. */
export function findPhoneNumbers(text: string): Match[] {
  const triggers = phoneTriggers(text);
  if (!triggers.international && !triggers.national) return [];
  const out: Match[] = [];
  const international = triggers.international ? scan(text, INTERNATIONAL) : [];
  for (const m of [...international, ...(triggers.national ? scan(text, NATIONAL) : [])]) {
    const s = text.slice(m.start, m.end);
    const n = digits(s);
    if (n < 7 || n > 15 || DATE.test(s)) continue;
    if (!out.some((o) => o.start < m.end && m.start < o.end)) out.push(m);
  }
  return out.sort((a, b) => a.start - b.start);
}
