/** Writing the name lists under models/entities: `name<TAB>type[<TAB>flags]`, `#` header lines. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { normalizeName } from '../../src/entities/refine/normalize.ts';

export type Row = readonly [name: string, type: string, flags?: string];

/**
 * Adds rows to a list keyed by normalised name; the first type given for a name wins, so callers
 * add sources in priority order.
 */
export class NameList {
  private readonly rows = new Map<string, Row>();

  /** `exactCase`: keep spelling variants ("G7 summit", "G7 Summit") for case-sensitive matchers. */
  constructor(private readonly exactCase = false) {}

  add(name: string, type: string, flags = ''): void {
    const clean = name.replace(/\s+/g, ' ').trim();
    if (clean.length < 2 || clean.length > 80 || clean.includes('\t')) return;
    const key = this.exactCase ? clean : normalizeName(clean);
    if (!this.rows.has(key)) this.rows.set(key, flags ? [clean, type, flags] : [clean, type]);
  }

  has(name: string): boolean {
    return this.rows.has(this.exactCase ? name : normalizeName(name));
  }

  /** Adds `flag` to every row whose name (and flags so far) `test` accepts. */
  markNames(test: (name: string, flags: string) => boolean, flag: string): void {
    for (const [key, [name, type, flags = '']] of this.rows) {
      if (test(name, flags) && !flags.includes(flag)) this.rows.set(key, [name, type, flags + flag]);
    }
  }

  get size(): number {
    return this.rows.size;
  }

  write(path: string, header: readonly string[]): void {
    const sorted = [...this.rows.values()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const body = sorted.map((r) => r.filter((x) => x !== undefined).join('\t')).join('\n');
    writeFileSync(path, `${header.map((h) => `# ${h}`).join('\n')}\n${body}\n`);
  }
}

/** The names (first column) of a list file already written, none if it does not exist yet. */
export function readNames(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t')[0]!);
}
