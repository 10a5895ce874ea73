import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One row of a name list under models/entities: `name<TAB>type[<TAB>flags]`. */
export interface ListRow {
  readonly name: string;
  readonly type: string;
  readonly flags: string;
}

/** Reads a list file; `#` lines are its header (sources and licences). */
export function readList(dir: string, file: string): ListRow[] {
  const rows: ListRow[] = [];
  for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [name = '', type = '', flags = ''] = line.split('\t');
    rows.push({ name, type, flags });
  }
  return rows;
}

/** Reads a one-name-per-line file. */
export function readNames(dir: string, file: string): string[] {
  return readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'));
}
