import type { EntityType } from '../taxonomy.ts';

/** Names remembered at most: past it the memo starts again (a flood of new names cannot grow it). */
const MAX_NAMES = 4096;

/** Types already worked out, by exact name; `null` remembers "no type". */
export class NameMemo {
  private readonly types = new Map<string, EntityType | null>();

  get(name: string, typeOf: (name: string) => EntityType | undefined): EntityType | undefined {
    const known = this.types.get(name);
    if (known !== undefined) return known ?? undefined;
    const type = typeOf(name);
    if (this.types.size >= MAX_NAMES) this.types.clear();
    this.types.set(name, type ?? null);
    return type;
  }
}
