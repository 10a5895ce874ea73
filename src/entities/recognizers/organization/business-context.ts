/**
 * A company named by what only companies do, where no list knows it (start-ups named like words:
 * "Snowflake", "Linear", "Chime"): its officers or headquarters after its possessive ("Snowflake's
 * CEO"), money raised ("Linear raised $35 million"), a valuation ("Perplexity is valued at $9 billion"),
 * a listing ("Chime filed for an IPO", "Klarna went public"), a numbered flight ("Delta flight 1234": the
 * airline), a bank account ("my Chase checking account"), a subscription ("our Peloton subscription"),
 * the one to three capitalised words right before; and after one of its officers ("the CFO of
 * Stripe", "a co-founder of Ramp") or a company's noun ("its parent company ByteDance", "chipmaker
 * Nvidia"), the ones right after.
 */
import { isWeak } from '../event/name-words.ts';
import { DAY_AND_MONTH_NAMES } from '../../text/calendar-names.ts';

/**
 * What follows a company's name; group 1 set: what no person has (its possessive, a corporate office or
 * seat after it; a subscription to it).
 */
const AFTER_COMPANY =
  /(\s?['’]s (?:CEO|CFO|CTO|COO|founders?|co-?founders?|chairman|chairwoman|shareholders|headquarters|IPO)\b| (?:subscription|subscriptions|membership)\b)| (?:raised|raises|has raised|secured) (?:an? )?[$€£]\d| (?:is|was) valued at (?:about |nearly |over |more than )?[$€£]\d| (?:filed|files) for an? IPO\b| went public\b| [Ff]light (?:[A-Z]{2})?\d{1,4}\b| (?:checking|savings|brokerage) account\b/g;

/**
 * One to three capitalised words (letters, digits, "&", "." and "-" inside; the first may begin in lower
 * case before a capital, "xAI", "eBay"), ending where the text does.
 */
const NAME_BEFORE =
  /(?:^|[^\p{L}\p{N}&.'’-])((?:\p{Lu}|\p{Ll}+\p{Lu})[\p{L}\p{N}&.-]*(?: \p{Lu}[\p{L}\p{N}&.-]*){0,2})$/u;

/** Capitalised words that open a sentence or a clause (event/name-words.ts), or name no one company. */
const notName = (word: string): boolean => isWeak(word) || word === 'Company' || word === 'Startup';

/** An officer of a company and "of" or "at", then its name: "the CFO of Stripe", "a co-founder at Ramp". */
const OFFICER_OF =
  /\b(?:CEO|CFO|CTO|COO|[Cc]o-?founder|[Ff]ounder|[Cc]hairman|[Cc]hairwoman|[Cc]hief executive|[Ss]hareholders) (?:of|at) (\p{Lu}[\p{L}\p{N}&.]*(?: \p{Lu}[\p{L}\p{N}&.]*){0,2})(?![\p{L}\p{N}-])/gu;

/**
 * A company's noun in lower case, then its name of two letters or more: "its parent company ByteDance",
 * "chipmaker Nvidia" (not in a compound: "inter-company Indebtedness").
 */
const NOUN_THEN_NAME =
  /(?<!-\s?)\b(?:company|firm|start-?up|giant|chipmaker|carmaker|automaker|retailer|airline|insurer|lender|conglomerate|subsidiary) ((?:\p{Lu}|\p{Ll}+\p{Lu})[\p{L}\p{N}&.]+(?: \p{Lu}[\p{L}\p{N}&.]*){0,2})(?![\p{L}\p{N}-])/gu;
/** Capitalised words after a company's noun that name no company: a date, an officer ("the company CEO"). */
const NOT_AFTER_NOUN: ReadonlySet<string> = new Set([...DAY_AND_MONTH_NAMES, 'CEO', 'CFO', 'CTO', 'COO']);

/** How far back a name is read: three words of a long company name. */
const NAME_REACH = 60;

export interface BusinessName {
  readonly start: number;
  readonly end: number;
  /**
   * Whether the words after it are what no person has (its officers after its possessive, "Snowflake's
   * CEO"; a subscription, "our Peloton subscription"): it beats the tagger's person.
   */
  readonly sure: boolean;
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
    out.push({ start: end - kept.length, end, sure: m[1] !== undefined });
  }
  for (const pattern of [OFFICER_OF, NOUN_THEN_NAME]) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m && out.length < max; m = pattern.exec(text)) {
      const name = m[1]!.replace(/\.$/, ''); // the sentence's full stop
      const first = name.split(' ')[0]!;
      if (notName(first) || NOT_AFTER_NOUN.has(first)) continue;
      const start = m.index + m[0].length - m[1]!.length;
      out.push({ start, end: start + name.length, sure: false });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
