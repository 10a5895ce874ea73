import { isIPv4, isIPv6 } from 'node:net';
import { scan, type Match } from './span.ts';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
// Not part of a longer dotted number (1.2.3.4.5, 999.1.1.1, version strings).
const IPV4 = new RegExp(`(?<![\\d.])${OCTET}(?:\\.${OCTET}){3}(?!\\.?\\d)`, 'g');
// Candidates: runs of hex digits, colons and dots with at least two colons; node:net validates them.
const IPV6_CANDIDATE = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f.:]*(?![\w:])/g;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Whether a digit, a dot and a digit occur together three times in a row ("1.2.3.4"): what IPv4 needs. */
function mayHoldIpv4(text: string): boolean {
  for (let dot = text.indexOf('.', 1); dot >= 0; dot = text.indexOf('.', dot + 1)) {
    let p = dot;
    let dots = 0;
    while (
      dots < 3 &&
      isDigit(text.charCodeAt(p - 1)) &&
      text.charCodeAt(p) === 46 &&
      isDigit(text.charCodeAt(p + 1))
    ) {
      dots++;
      p += 2;
      while (isDigit(text.charCodeAt(p))) p++;
    }
    if (dots === 3) return true;
  }
  return false;
}

/** IPv4 dotted quads and IPv6 addresses (full, compressed, ::1, IPv4-mapped). */
export function findIps(text: string): Match[] {
  const colon = text.indexOf(':');
  const mayHoldIpv6 = colon >= 0 && text.indexOf(':', colon + 1) >= 0;
  const v4 = mayHoldIpv4(text) ? scan(text, IPV4).filter((m) => isIPv4(text.slice(m.start, m.end))) : [];
  if (!mayHoldIpv6) return v4;
  const v6 = scan(text, IPV6_CANDIDATE, (m) => {
    let end = m.end;
    // A sentence may end right after the address ("... is ::1.").
    while (end > m.start && !isIPv6(text.slice(m.start, end)) && /[.:]/.test(text[end - 1]!)) end--;
    return isIPv6(text.slice(m.start, end)) ? { start: m.start, end } : undefined;
  });
  const all = [...v6, ...v4.filter((a) => !v6.some((b) => a.start >= b.start && a.end <= b.end))];
  return all.sort((a, b) => a.start - b.start);
}
