import type { EntitySpan } from '../model/types.ts';
import { findEmails } from './email.ts';
import { findIps } from './ip.ts';
import { findPhoneNumbers } from './phone.ts';
import { entity, overlaps, type Match } from './span.ts';
import { findUrls } from './url.ts';

/**
 * Deterministic recognisers for the Azure categories that are patterns. Where matches overlap, the
 * earlier kind in this order wins: Email, URL, IP, PhoneNumber.
 */
export function findPatternEntities(text: string): EntitySpan[] {
  const emails = findEmails(text);
  const taken: Match[] = [...emails];
  const out: EntitySpan[] = emails.map((m) => entity(m, 'Email', 0.95));
  const add = (matches: readonly Match[], category: string, confidence: number): void => {
    for (const m of matches) {
      if (taken.some((t) => overlaps(t, m))) continue;
      taken.push(m);
      out.push(entity(m, category, confidence));
    }
  };
  add(findUrls(text, emails), 'URL', 0.9);
  add(findIps(text), 'IP', 0.9);
  add(findPhoneNumbers(text), 'PhoneNumber', 0.8);
  return out.sort((a, b) => a.start - b.start);
}

/** Model and pattern entities without overlaps, sorted by start; a pattern entity wins over model ones it overlaps. */
export function mergeEntities(model: readonly EntitySpan[], patterns: readonly EntitySpan[]): EntitySpan[] {
  const kept = model.filter((m) => !patterns.some((p) => overlaps(p, m)));
  return [...kept, ...patterns].sort((a, b) => a.start - b.start || a.end - b.end);
}
