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
  const taken: Match[] = [];
  const out: Candidate[] = [];
  const add = (matches: readonly Match[], type: EntityType, confidence: number): void => {
    for (const m of matches) {
      if (taken.some((t) => overlaps(t, m))) continue;
      taken.push(m);
      out.push({ start: m.start, end: m.end, type, confidence, source: 'rule' });
    }
  };
  add(emails, 'Email', 0.95);
  add(findUrls(text, emails), 'URL', 0.9);
  add(findIps(text), 'IP', 0.9);
  add(findPhoneNumbers(text), 'PhoneNumber', 0.8);
  return out.sort((a, b) => a.start - b.start);
};
