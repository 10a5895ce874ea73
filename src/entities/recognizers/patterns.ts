import type { EntityType } from '../taxonomy.ts';
import type { Candidate, Recognizer } from '../types.ts';
import { findEmails } from './email.ts';
import { findIps } from './ip.ts';
import { findPhoneNumbers } from './phone.ts';
import { overlaps, type Match } from './span.ts';
import { findUrls } from './url.ts';

/**
 * Deterministic recognisers for the Azure types that are patterns. Where matches overlap, the
 * earlier kind in this order wins: Email, URL, IP, PhoneNumber.
 */
export const findPatterns: Recognizer = (text) => {
  const emails = findEmails(text);
  const out: Candidate[] = [];
  add(out, emails, 'Email', 0.95);
  add(out, findUrls(text, emails), 'URL', 0.9);
  add(out, findIps(text), 'IP', 0.9);
  add(out, findPhoneNumbers(text), 'PhoneNumber', 0.8);
  return out.length > 1 ? out.sort((a, b) => a.start - b.start) : out;
};

/** Adds the matches that overlap none already in `out` (module-level: a document allocates no closure). */
function add(out: Candidate[], matches: readonly Match[], type: EntityType, confidence: number): void {
  for (const m of matches) {
    if (out.some((t) => overlaps(t, m))) continue;
    out.push({ start: m.start, end: m.end, type, confidence, source: 'rule' });
  }
}
