import type { EventMatcher } from '../recognizers/event/index.ts';
import type { ProductMatcher } from '../recognizers/product/index.ts';
import type { EntityType } from '../taxonomy.ts';
import { normalizeName } from './normalize.ts';
import { institutionType, type OrganizationIndex } from './organization.ts';
import { PEOPLE_NOUNS } from './peoples.ts';

export interface MiscEvidence {
  readonly events: EventMatcher;
  readonly products: ProductMatcher;
  /** Programming languages, exact spelling ("Python", "C#"). */
  readonly skills: ReadonlySet<string>;
  /** Leagues and tours the model calls MISC ("Major League Baseball") are sports organisations. */
  readonly orgs: OrganizationIndex;
}

/**
 * The Azure type of a span the model tagged MISC, or undefined when nothing says what it is. The members
 * of a people or a faith ("Americans", "Muslims") are PersonType (peoples.ts); nationality adjectives,
 * religions and languages ("German", "Islam", "French") have no Azure type: its docs say "nationalities
 * and religions are not included" in Organization and no other category takes them, so they are dropped
 * like any MISC name without evidence.
 */
export function miscType(
  text: string,
  start: number,
  end: number,
  evidence: MiscEvidence,
): EntityType | undefined {
  const name = text.slice(start, end);
  if (evidence.skills.has(name)) return 'Skill';
  const org = evidence.orgs.get(normalizeName(name));
  // A people's name a team bears as its nickname ("Indians") is the team's here; typeInContext reads
  // the people outside a game's report.
  if (org && org !== 'Organization') return org;
  if (PEOPLE_NOUNS.has(name)) return 'PersonType';
  return (
    evidence.products.classify(text, start, end) ??
    evidence.events.classify(text, start, end) ??
    (evidence.products.looksLikeProduct(text, start, end) ? 'Product' : undefined) ??
    institutionType(name)
  );
}
