/**
 * An organisation's definition after its name, the opening of encyclopaedia articles and company
 * profiles: "Radiohead are an English rock band formed in Abingdon", "Contoso is an American
 * multinational technology company headquartered in Redmond", "Ajax is a Dutch football club based in
 * Amsterdam". Up to three words describe the noun, none a function word ("a founding member of the
 * band" is a person), and the noun ends its phrase ("a bank teller", "a team player" are people).
 */
import type { EntityType } from '../taxonomy.ts';

const ORGANIZATION_DEFINITION =
  /,? (?:is|was|are|were) (?:an?|the) (?:(?!(?:of|the|in|at|for|with|on|to|and|or|from|who|whose)\b)[\p{L}-]+ ){0,3}(band|group|company|corporation|firm|retailer|manufacturer|airline|bank|startup|start-up|conglomerate|multinational|non-profit|nonprofit|charity|agency|newspaper|magazine|publisher|label|club|team|university|college|hospital|party|organization|organisation|foundation|brand|chain|broadcaster|network|studio|consultancy|insurer|carrier)(?=[,.;:]| (?:formed|founded|based|headquartered|established|in|from|that|which|with|and|owned|operating|specialising|specializing|known|whose)\b)/uy;

/** The type by the definition's noun; the rest are Organization. */
const DEFINED_ORGANIZATIONS: Readonly<Record<string, EntityType>> = {
  club: 'OrganizationSports',
  team: 'OrganizationSports',
  hospital: 'OrganizationMedical',
};

/** The type an organisation's definition right after `end` gives the name before it, if one follows. */
export function definedOrganizationType(text: string, end: number): EntityType | undefined {
  ORGANIZATION_DEFINITION.lastIndex = end;
  const defined = ORGANIZATION_DEFINITION.exec(text);
  if (!defined) return undefined;
  const noun = defined[1]!;
  // "a Dutch football club", "a rugby team": a club or team of a sport; "a book club" is no sports body.
  if ((noun === 'club' || noun === 'team') && !SPORT_BEFORE.test(defined[0])) return 'Organization';
  return DEFINED_ORGANIZATIONS[noun] ?? 'Organization';
}

const SPORT_BEFORE =
  /\b(?:football|soccer|rugby|cricket|basketball|baseball|hockey|ice hockey|volleyball|handball|sports?|racing|cycling|esports)\s+(?:club|team)$/;
