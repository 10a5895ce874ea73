const NON_ASCII = /[\u0080-\uffff]/;
const MARKS = /\p{M}/gu;
const SPACES = /\s+/g;

/**
 * How name lists are keyed: lower-case, accents removed, spaces collapsed, a leading "the " dropped
 * ("the Netherlands" and "Netherlands", "Tōhoku" and "Tohoku" are one key).
 */
export function normalizeName(name: string): string {
  let s = name.toLowerCase();
  if (NON_ASCII.test(s)) s = s.normalize('NFD').replace(MARKS, '');
  s = s.replace(SPACES, ' ').trim();
  return s.startsWith('the ') ? s.slice(4) : s;
}
