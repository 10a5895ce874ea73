import { scan, type Match } from './span.ts';

// local@domain.tld; the local part may not start or end with a dot, the TLD is letters only.
const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9_%+-](?:[A-Za-z0-9._%+-]*[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-]|\.[A-Za-z0-9])/g;

/** E-mail addresses; wrapping punctuation such as <...> or a sentence's final period is not part of it. */
export function findEmails(text: string): Match[] {
  if (!text.includes('@')) return [];
  return scan(text, EMAIL).filter((m) => !text.slice(m.start, m.end).includes('..'));
}
