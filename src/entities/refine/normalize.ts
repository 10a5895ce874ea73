const MARKS = /\p{M}/gu;
const SPACES = /\s+/g;

/** Whether name is ASCII with single spaces between words and none at the ends: nothing to normalise. */
function isPlain(name: string): boolean {
  const n = name.length;
  if (n === 0 || name.charCodeAt(0) === 32 || name.charCodeAt(n - 1) === 32) return false;
  for (let i = 0; i < n; i++) {
    const c = name.charCodeAt(i);
    if (c > 127 || c < 32 || (c === 32 && name.charCodeAt(i + 1) === 32)) return false;
  }
  return true;
}

/**
 * How name lists are keyed: lower-case, accents removed, spaces collapsed, a leading "the " dropped
 * ("the Netherlands" and "Netherlands", "Tōhoku" and "Tohoku" are one key).
 */
export function normalizeName(name: string): string {
  let s = name.toLowerCase();
  if (!isPlain(name)) {
    if (!isAsciiString(s)) s = s.normalize('NFD').replace(MARKS, '');
    s = s.replace(SPACES, ' ').trim();
  }
  return s.startsWith('the ') ? s.slice(4) : s;
}

function isAsciiString(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}
