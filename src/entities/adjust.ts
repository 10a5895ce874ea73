import type { Candidate } from './types.ts';

/** Words that join a role to the organisation or place it belongs to: "CEO of Contoso", "chef at Hyatt". */
const CONNECTOR = /^\s*(?:of|at|for|from|with)\s+(?:the\s+)?/i;

/**
 * The tagger often swallows a leading role into a name ("CEO of Contoso" as one organisation,
 * "Chief Executive Angela Weber" as one person). Where a PersonType candidate covers the start of a
 * model span, the span is cut to what follows the role (and a connector such as "of the"): the role
 * and the name are then both returned, as Azure returns them.
 */
export function splitRolePrefixes(text: string, candidates: Candidate[]): Candidate[] {
  const roles = candidates.filter((c) => c.type === 'PersonType');
  if (roles.length === 0) return candidates;
  const out: Candidate[] = [];
  for (const c of candidates) {
    const role =
      c.source === 'model' && c.type !== 'PersonType'
        ? roles.find((r) => r.start === c.start && r.end < c.end)
        : undefined;
    if (!role) {
      out.push(c);
      continue;
    }
    const rest = text.slice(role.end, c.end);
    const skip = CONNECTOR.exec(rest)?.[0].length ?? rest.length - rest.trimStart().length;
    const start = role.end + skip;
    if (start < c.end && /\p{Lu}/u.test(text[start] ?? '')) out.push({ ...c, start });
  }
  return out;
}

/**
 * One candidate per exact span: where two recognisers propose the same characters (a year as a
 * DateRange and as a Number), the higher confidence wins, then the earlier recogniser (candidates
 * arrive in pipeline order). Different spans are left for the overlap policy.
 */
export function dedupeSpans(candidates: readonly Candidate[]): Candidate[] {
  const best = new Map<string, Candidate>();
  for (const c of candidates) {
    const key = `${c.start}:${c.end}`;
    const seen = best.get(key);
    if (!seen || c.confidence > seen.confidence) best.set(key, c);
  }
  return [...best.values()];
}
