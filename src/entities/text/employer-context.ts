/** Roles whose holder works at the name after them ("a partner at", "the CTO at"). */
const ROLES =
  '(?:engineer|developer|manager|analyst|designer|scientist|consultant|director|intern|employee|researcher|accountant|recruiter|specialist|architect|executive|partner|associate|attorney|lawyer|economist|strategist|professor|banker|lecturer|president|officer|founder|co-founder|cofounder|ceo|cto|cfo|coo|cmo|vp|chairman|chairwoman|editor|reporter|correspondent|columnist)';
/** A department a role heads: "Vice President of Engineering at". */
const DEPARTMENTS =
  '(?:engineering|marketing|sales|product|operations|finance|design|research|technology|people|communications)';

/**
 * Someone's work right before a name: "works at", "working for", "a software engineer at", "an intern
 * for". The name after it is the employer, an organisation, whatever else the lists or the tagger read
 * it as ("works for Notion", a listed product; "engineer at Stripe", the tagger's place). Shared by the
 * refiner (the tagger's place), the product recogniser and the organisation recogniser.
 */
const EMPLOYER_BEFORE = new RegExp(
  String.raw`\b(?:works?|working|worked|job|internship|employed|${ROLES}|(?:of|for) ${DEPARTMENTS}) (?:at|for)\s+$`,
  'i',
);

/** How far back the words can start: the longest role word, a space, "for" and some spaces. */
const WINDOW = 24;

/** Whether the text right before `start` names someone's work there. */
export function employerBefore(text: string, start: number): boolean {
  return EMPLOYER_BEFORE.test(text.slice(Math.max(0, start - WINDOW), start));
}

/**
 * `employerBefore` with "at": a place of work. "a partner at Baker McKenzie" names a firm even where the
 * tagger reads a person's name; "works for John Smith" may well name the person.
 */
export function workplaceBefore(text: string, start: number): boolean {
  return text.endsWith(' at ', start) && employerBefore(text, start);
}
