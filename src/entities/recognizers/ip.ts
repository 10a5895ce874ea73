import { isIPv4, isIPv6 } from 'node:net';
import { scan, type Match } from './span.ts';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
// Not part of a longer dotted number (1.2.3.4.5, 999.1.1.1, version strings).
const IPV4 = new RegExp(`(?<![\\d.])${OCTET}(?:\\.${OCTET}){3}(?!\\.?\\d)`, 'g');
// Candidates: runs of hex digits, colons and dots with at least two colons; node:net validates them.
const IPV6_CANDIDATE = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f.:]*(?![\w:])/g;

/** IPv4 dotted quads and IPv6 addresses (full, compressed, ::1, IPv4-mapped). */
export function findIps(text: string): Match[] {
  const v4 = scan(text, IPV4).filter((m) => isIPv4(text.slice(m.start, m.end)));
  const v6 = scan(text, IPV6_CANDIDATE, (m) => {
    let end = m.end;
    // A sentence may end right after the address ("... is ::1.").
    while (end > m.start && !isIPv6(text.slice(m.start, end)) && /[.:]/.test(text[end - 1]!)) end--;
    return isIPv6(text.slice(m.start, end)) ? { start: m.start, end } : undefined;
  });
  const all = [...v6, ...v4.filter((a) => !v6.some((b) => a.start >= b.start && a.end <= b.end))];
  return all.sort((a, b) => a.start - b.start);
}
