/**
 * A company named by what only companies do, where no list knows it (start-ups named like words:
 * "Snowflake", "Linear", "Chime"): its officers or headquarters after its possessive ("Snowflake's
 * CEO"), money raised ("Linear raised $35 million"), a valuation ("Perplexity is valued at $9 billion"),
 * a listing ("Chime filed for an IPO", "Klarna went public"), a numbered flight ("Delta flight 1234": the
 * airline), the one to three capitalised words right before; and after one of its officers ("the CFO of
 * Stripe", "a co-founder of Ramp"), the ones right after.
 */
import { isWeak } from '../event/name-words.ts';

/** What follows a company's name; group 1 set: its possessive, a corporate office or seat after it. */
const AFTER_COMPANY =
  /(\s?['’]s (?:CEO|CFO|CTO|COO|founders?|co-?founders?|chairman|chairwoman|shareholders|headquarters|IPO)\b)| (?:raised|raises|has raised|secured) (?:an? )?[$€£]\d| (?:is|was) valued at (?:about |nearly |over |more than )?[$€£]\d| (?:filed|files) for an? IPO\b| went public\b| [Ff]light (?:[A-Z]{2})?\d{1,4}\b/g;

/** One to three capitalised words (letters, digits, "&", "." and "-" inside), ending where the text does. */
const NAME_BEFORE = /(?:^|[^\p{L}\p{N}&.'’-])(\p{Lu}[\p{L}\p{N}&.-]*(?: \p{Lu}[\p{L}\p{N}&.-]*){0,2})$/u;

/** Capitalised words that open a sentence or a clause (event/name-words.ts), or name no one company. */
const notName = (word: string): boolean => isWeak(word) || word === 'Company' || word === 'Startup';

/** An officer of a company and "of" or "at", then its name: "the CFO of Stripe", "a co-founder at Ramp". */
const OFFICER_OF =
  /\b(?:CEO|CFO|CTO|COO|[Cc]o-?founder|[Ff]ounder|[Cc]hairman|[Cc]hairwoman|[Cc]hief executive|[Ss]hareholders) (?:of|at) (\p{Lu}[\p{L}\p{N}&.]*(?: \p{Lu}[\p{L}\p{N}&.]*){0,2})(?![\p{L}\p{N}-])/gu;

/** How far back a name is read: three words of a long company name. */
const NAME_REACH = 60;

export interface BusinessName {
  readonly start: number;
  readonly end: number;
  /** Whether its possessive named its officers: no person has a CEO, so it beats the tagger's person. */
  readonly possessive: boolean;
}

/** The companies that the words after them name, left to right, at most `max`. */
export function namesInBusinessContext(text: string, max: number): BusinessName[] {
  const out: BusinessName[] = [];
  AFTER_COMPANY.lastIndex = 0;
  for (let m = AFTER_COMPANY.exec(text); m && out.length < max; m = AFTER_COMPANY.exec(text)) {
    const end = m.index;
    const name = NAME_BEFORE.exec(text.slice(Math.max(0, end - NAME_REACH), end))?.[1];
    if (!name) continue;
    // "The Snowflake's" never; "Our CEO": the words before are no name.
    const words = name.split(' ');
    while (words.length > 0 && notName(words[0]!)) words.shift();
    if (words.length === 0) continue;
    const kept = words.join(' ');
    out.push({ start: end - kept.length, end, possessive: m[1] !== undefined });
  }
  OFFICER_OF.lastIndex = 0;
  for (let m = OFFICER_OF.exec(text); m && out.length < max; m = OFFICER_OF.exec(text)) {
    const name = m[1]!.replace(/\.$/, ''); // the sentence's full stop
    if (notName(name.split(' ')[0]!)) continue;
    const start = m.index + m[0].length - m[1]!.length;
    out.push({ start, end: start + name.length, possessive: false });
  }
  return out.sort((a, b) => a.start - b.start);
}
