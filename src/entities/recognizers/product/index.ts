/**
 * Well-known products the tagger misses, from models/entities/products.tsv: names with their model
 * ("Windows 11", "iPhone 15 Pro", "Xbox Series X", "Boeing 737") typed `ComputingProduct` (hardware,
 * software, services) or `Product` (vehicles, aircraft, consumer goods). Precision first: names that
 * are also ordinary words need a model ("Surface Pro", "Galaxy S24") or are not trusted at a sentence
 * start ("Windows were open"). Software no list knows, by a name with a capital inside and a dotted
 * version ("FortiClient 7.2", versioned.ts).
 */
import type { EntityType } from '../../taxonomy.ts';
import type { Candidate, Recognizer } from '../../types.ts';
import { readList } from '../../refine/lists.ts';
import { PhraseLexicon } from '../../refine/phrase-lexicon.ts';
import { startsSentence, tokenHashesOf, tokensOf, type Tokens } from '../../refine/tokens.ts';
import type { PhraseEntry } from '../../refine/phrase-lexicon.ts';
import { insideName } from '../event/name-words.ts';
import { employerBefore } from '../../text/employer-context.ts';
import { writtenInOneCase } from '../person-type/text-case.ts';
import { readCompanyNames } from '../organization/index.ts';
import {
  afterOneSpace,
  GOODS_NOUNS,
  isEventHead,
  makerModelLength,
  modelSuffixLength,
  namedModelLength,
  namedNumberedModelLength,
  serviceNameLength,
} from './model-suffix.ts';
import { looksLikeProduct, mayLookLikeProduct } from './shape.ts';
import { versionedNames } from './versioned.ts';

export type ProductType = Extract<EntityType, 'Product' | 'ComputingProduct'>;

const MAX_PRODUCTS = 64;
const CONFIDENCE = 0.8;
/** A name no list knows, by its shape alone: below the tagger's name for the same words. */
const SHAPE_CONFIDENCE = 0.7;

/** "FortiClient 7.2" (versioned.ts): unlisted software by its name's shape and its version. */
function versionedProducts(text: string): Candidate[] {
  return versionedNames(text, MAX_PRODUCTS).map((v) => ({
    start: v.start,
    end: v.end,
    type: 'ComputingProduct',
    confidence: SHAPE_CONFIDENCE,
    source: 'rule',
  }));
}

export interface ProductMatcher {
  find(text: string): Candidate[];
  /** The product type of the whole of text[start, end) (a model span), if it names a product. */
  classify(text: string, start: number, end: number): ProductType | undefined;
  /** Whether text[start, end) (a model span) reads as a product name with a version: "Photoshop 7". */
  looksLikeProduct(text: string, start: number, end: number): boolean;
  /** Whether `name` is a listed maker of things ("Bose", "Samsung"; flag `B`). */
  isMaker(name: string): boolean;
}

interface TokenMatch {
  readonly first: number;
  readonly last: number;
  readonly type: ProductType;
  /** The name alone (no model after it) is also a listed company's. */
  readonly companyName: boolean;
  /** And the words around it speak of the company. */
  readonly company: boolean;
  /** A model ("X1", "Series 10") or a service's name came after the listed name. */
  readonly modelled: boolean;
}

const cache = new Map<string, ProductMatcher>();

export function loadProductMatcher(dir: string): ProductMatcher {
  let matcher = cache.get(dir);
  if (!matcher) {
    const lexicon = new PhraseLexicon<ProductType>();
    // The names to find in any case: the few that no English word spells (see distinctiveInAnyCase).
    const anyCase = new PhraseLexicon<ProductType>({ caseless: true });
    const inner = new PhraseLexicon<ProductType>({ caseless: true });
    const makers = new Set<string>();
    for (const row of readList(dir, 'products.tsv')) {
      lexicon.add(row.name, row.type as ProductType, row.flags);
      const entry = { name: row.name, flags: row.flags, length: row.name.split(' ').length };
      if (distinctiveInAnyCase(entry)) anyCase.add(row.name, row.type as ProductType, row.flags);
      if (innerCapital(entry)) inner.add(row.name, row.type as ProductType, row.flags);
      if (row.flags.includes('B')) makers.add(row.name);
    }
    matcher = createMatcher(lexicon, { anyCase, inner }, makers, new Set(readCompanyNames(dir).keys()));
    cache.set(dir, matcher);
  }
  return matcher;
}

export function loadProductRecognizer(dir: string): Recognizer {
  const matcher = loadProductMatcher(dir);
  return (text) => matcher.find(text);
}

/**
 * What software does wrong, right after its name: "Outlook crashes", "Word keeps freezing", "Teams won't
 * start"; or its version ("Chrome version 122"). An ambiguous name that starts a sentence is the product
 * when one of these follows it.
 */
const PRODUCT_FOLLOWERS: ReadonlySet<string> = new Set(
  `crashes crashed crashing freezes froze freezing hangs hung keeps kept fails failed won't wont doesn't
  didn't can't cannot isn't stopped stops refuses refused shows showed displays throws threw version`.split(
    /\s+/,
  ),
);

/**
 * An ambiguous name inside a longer one is not the product ("Henry Jenkins", "Republic Windows"), nor
 * one that starts a sentence ("Outlook: the economy will slow"), unless what follows is trouble.
 */
function acceptInText(e: PhraseEntry<ProductType>, tokens: Tokens, i: number, inSpan: boolean): boolean {
  if (inSpan || !e.flags.includes('c')) return true;
  if (insideName(tokens, i)) return false;
  if (!startsSentence(tokens, i)) return true;
  const next = tokens.words[i + e.length];
  return next !== undefined && PRODUCT_FOLLOWERS.has(next.toLowerCase().replace('’', "'"));
}

/** Words before a name that speak of the company, not of its product: "a paralegal at Figma", "joined Shopify". */
const COMPANY_BEFORE: ReadonlySet<string> = new Set(
  'at joined joining joins join left leaving founded acquired acquire acquires acquiring sued suing'.split(
    ' ',
  ),
);
/** Words after a name that speak of the company: "Shopify reported", "Figma employees". */
const COMPANY_AFTER: ReadonlySet<string> = new Set(
  `said says announced announces reported reports acquired acquires hired hires laid employees employee
  shares stock ceo cfo founder co-founder cofounder spokesperson spokesman spokeswoman headquarters inc inc.
  ipo revenue revenues sued sues`.split(/\s+/),
);

/** Whether words `first`..`last` name a company by what surrounds them (see COMPANY_BEFORE, COMPANY_AFTER). */
function speaksOfCompany(tokens: Tokens, first: number, last: number): boolean {
  const before = tokens.words[first - 1];
  if (before !== undefined && COMPANY_BEFORE.has(before.toLowerCase())) return true;
  const after = tokens.words[last + 1];
  return after !== undefined && COMPANY_AFTER.has(after.toLowerCase());
}

/**
 * A listed name to match in text written in one case ("just got my new iphone 15", "amazon prime"):
 * one of several words, or one word that no English word spells (an inner capital or a digit:
 * "iPhone", "PlayStation", "PS5"); never a name that is also an ordinary word (flag `c`).
 */
function distinctiveInAnyCase(e: Pick<PhraseEntry<ProductType>, 'name' | 'flags' | 'length'>): boolean {
  return !e.flags.includes('c') && (e.length > 1 || /\p{Ll}\p{Lu}|\d/u.test(e.name));
}

/** A capital after a lower-case letter: "macOS", "iPhone", "ThinkPad", which no English word spells. */
const INNER_CAPITAL = /\p{Ll}\p{Lu}/u;

/**
 * A listed name of one word written with a capital inside ("iPhone", "PlayStation", "WhatsApp"): no
 * English word, so it names the product however the text writes it ("Iphone 7", "IPAD").
 */
function innerCapital(e: Pick<PhraseEntry<ProductType>, 'name' | 'flags' | 'length'>): boolean {
  return !e.flags.includes('c') && e.length === 1 && INNER_CAPITAL.test(e.name);
}

/**
 * An edition's name after a product: a capitalised word or two, each after one space, maybe joined by
 * a hyphen ("Carbon", "Sonoma", "Home Premium", "Mach-E"); no numbers ("Airbus 310 Flight 150" is a flight).
 */
const EDITION_NAME = /^(?: \p{Lu}\p{L}*(?:-\p{Lu}\p{L}*)?){1,2}$/u;

/** Whether `tail` is an edition's name and no kind of goods ("LG OLED TV" is a TV, the refiner's Product). */
function isEditionName(tail: string): boolean {
  return EDITION_NAME.test(tail) && !tail.split(' ').some((word) => GOODS_NOUNS.has(word));
}

function createMatcher(
  lexicon: PhraseLexicon<ProductType>,
  caseless: { readonly anyCase: PhraseLexicon<ProductType>; readonly inner: PhraseLexicon<ProductType> },
  makers: ReadonlySet<string>,
  companies: ReadonlySet<string>,
): ProductMatcher {
  /**
   * `lexicon`'s names as written; `caselessNames`, when given, names matched in any case as well (all
   * distinctive ones in text of one case, those with a capital inside in any text).
   */
  function scan(
    tokens: Tokens,
    inSpan: boolean,
    limit: number,
    caselessNames?: PhraseLexicon<ProductType>,
  ): TokenMatch[] {
    const oneCase = caselessNames === caseless.anyCase;
    const out: TokenMatch[] = [];
    const n = tokens.words.length;
    // In a tagger's one name, a maker's name with no model of its own right before another listed
    // product: "NVIDIA" + "GeForce RTX 4090" is one product. (In free text the maker stays its own
    // name, as the tagger reads "Apple iOS": the company, then the system.)
    let maker = -1;
    for (let i = 0; i < n && out.length < limit; i++) {
      const entry =
        lexicon.matchAt(tokens, i, acceptInText, inSpan) ?? caselessNames?.matchCaselessAt(tokens, i);
      if (!entry) continue;
      const first = maker === i - 1 && afterOneSpace(tokens, i) ? maker : i;
      maker = -1;
      let last = i + entry.length - 1;
      const suffix =
        (entry.flags.includes('B')
          ? makerModelLength(tokens, last) || namedNumberedModelLength(tokens, last)
          : entry.flags.includes('F')
            ? serviceNameLength(tokens, last)
            : entry.flags.includes('m') || entry.flags.includes('M')
              ? modelSuffixLength(tokens, last, false, oneCase)
              : modelSuffixLength(tokens, last, true, oneCase)) ||
        (/[BmM]/.test(entry.flags) ? namedModelLength(tokens, last) : 0);
      if (suffix === 0 && (entry.flags.includes('M') || entry.flags.includes('B'))) {
        if (inSpan && entry.flags.includes('B') && entry.length === 1) maker = i;
        continue;
      }
      // A family's name that runs into an event's head word names the event ("Azure AI Hackathon").
      if (suffix > 0 && entry.flags.includes('F') && isEventHead(tokens, last + suffix)) continue;
      const companyName =
        suffix === 0 && companies.has(tokens.text.slice(tokens.starts[i], tokens.ends[last]));
      // Where someone works, any listed name is the company ("works for Notion", "engineer at Slack").
      const company =
        suffix === 0 &&
        ((companyName && speaksOfCompany(tokens, i, last)) || employerBefore(tokens.text, tokens.starts[i]!));
      last += suffix;
      out.push({ first, last, type: entry.value, companyName, company, modelled: suffix > 0 || first < i });
      i = last;
    }
    return out;
  }
  return {
    find(text) {
      const hashed = tokenHashesOf(text);
      const caselessNames = writtenInOneCase(text) ? caseless.anyCase : caseless.inner;
      const versioned = text.includes('.') ? versionedProducts(text) : [];
      if (
        !lexicon.mayStartAnywhere(hashed, hashed.count) &&
        !caselessNames.mayStartCaselessAnywhere(hashed, hashed.count)
      )
        return versioned;
      const tokens = tokensOf(text);
      // A product that is also its maker's name is the company where the words around it speak of the
      // company ("a paralegal at Shopify", "Shopify reported"; "built on Shopify" stays the product), and
      // then yields to the tagger's person or organisation; elsewhere the product yields to the tagger's
      // organisation, which read the context ("Coca-Cola and PepsiCo raised prices"). A product of several
      // words is no one's name: it beats the tagger's person ("a Rolex Submariner").
      const listed: Candidate[] = scan(tokens, false, MAX_PRODUCTS, caselessNames).map((m) => ({
        start: tokens.starts[m.first] as number,
        end: tokens.ends[m.last] as number,
        type: m.company ? 'Organization' : m.type,
        confidence: CONFIDENCE,
        source: 'rule',
        ...(m.company
          ? { tagger: 'yields' as const }
          : m.companyName
            ? { tagger: 'yieldsToOrganization' as const }
            : m.last > m.first
              ? { tagger: 'overridesPerson' as const }
              : {}),
      }));
      const unlisted = versioned.filter((v) => !listed.some((m) => m.start < v.end && v.start < m.end));
      return unlisted.length === 0 ? listed : [...listed, ...unlisted].sort((a, b) => a.start - b.start);
    },
    classify(text, start, end) {
      // The span on its own: its first token starts a text. The caches serve both matchers.
      const span = text.slice(start, end);
      const hashed = tokenHashesOf(span);
      if (!lexicon.mayStartAnywhere(hashed, hashed.count)) return undefined;
      const tokens = tokensOf(span);
      const [m] = scan(tokens, true, 1);
      if (!m || m.first !== 0) return undefined;
      if (m.last === tokens.words.length - 1) return m.type;
      // The tagger's one name runs on past a product with its model (found after the name, or listed
      // with its number: "Ford F-150") or a name no English word spells: an edition's name ("ThinkPad X1
      // Carbon", "Ford F-150 Lightning", "macOS Sonoma", "Ford Mustang Mach-E").
      const product = span.slice(0, tokens.ends[m.last]);
      const edition = span.slice(product.length);
      // An edition joined by a hyphen is no English phrase either ("Ford Mustang Mach-E").
      const distinctive =
        m.modelled || INNER_CAPITAL.test(tokens.words[0]!) || /\d/.test(product) || edition.includes('-');
      return distinctive && isEditionName(edition) ? m.type : undefined;
    },
    isMaker: (name) => makers.has(name),
    looksLikeProduct(text, start, end) {
      return (
        mayLookLikeProduct(text, start, end) && looksLikeProduct(tokensOf(text.slice(start, end)), makers)
      );
    },
  };
}
