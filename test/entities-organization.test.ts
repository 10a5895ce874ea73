import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { loadOrganizationRecognizer } from '../src/entities/recognizers/organization/index.ts';

const dir = fileURLToPath(new URL('../models/entities', import.meta.url));
const organizations = loadOrganizationRecognizer(dir);
const ctx = { now: new Date('2026-01-15T12:00:00Z') };

/** [matched text, confidence] of every candidate. */
function found(text: string): [string, number][] {
  return organizations(text, ctx).map((c) => {
    assert.equal(c.type, 'Organization');
    assert.equal(c.source, 'rule');
    return [text.slice(c.start, c.end), c.confidence];
  });
}

/** [matched text, type] of every candidate. */
const typed = (text: string): [string, string][] =>
  organizations(text, ctx).map((c) => [text.slice(c.start, c.end), c.type]);

describe('organizations', () => {
  it('finds well-known department stores and consumer apps', () => {
    assert.deepEqual(typed('She launched it at Harrods, then at Selfridges.'), [
      ['Harrods', 'Organization'],
      ['Selfridges', 'Organization'],
    ]);
    assert.deepEqual(typed('I ordered dinner through DoorDash and paid with Venmo.'), [
      ['DoorDash', 'Organization'],
      ['Venmo', 'Organization'],
    ]);
  });
  it("finds motor racing's championships as sports organisations, their number inside", () => {
    assert.deepEqual(typed('Hamilton joins the 2025 Formula 1 season.'), [
      ['Formula 1', 'OrganizationSports'],
    ]);
  });
  it('finds listed public bodies, "for" joining their words', () => {
    assert.deepEqual(typed('Transport for London and the Scottish Parliament agreed.'), [
      ['Transport for London', 'Organization'],
      ['Scottish Parliament', 'Organization'],
    ]);
  });
  it('finds listed restaurant chains of several words', () => {
    assert.deepEqual(typed('A table at Olive Garden, then coffee at Tim Hortons.'), [
      ['Olive Garden', 'Organization'],
      ['Tim Hortons', 'Organization'],
    ]);
  });
  it('finds names ended by a legal form, with its full stop', () => {
    assert.deepEqual(found('Fabrikam Inc. opened a new research centre in Toronto.'), [
      ['Fabrikam Inc.', 0.8],
    ]);
    assert.deepEqual(found('This Agreement is between Northwind Traders, LLC and Siemens AG.'), [
      ['Northwind Traders, LLC', 0.8],
      ['Siemens AG', 0.8],
    ]);
    assert.deepEqual(found('Goldman Sachs & Co. and Bank of America Corp. advised them.'), [
      ['Goldman Sachs & Co.', 0.8],
      ['Bank of America Corp.', 0.8],
    ]);
    assert.deepEqual(found('Shares in Tokyo Soir Co Ltd rose.'), [['Tokyo Soir Co Ltd', 0.8]]);
  });
  it('drops leading weak words and opening imperatives, and does not join two names with "and"', () => {
    assert.deepEqual(found('The Acme Corporation disagreed. Contact Contoso Ltd for details.'), [
      ['Acme Corporation', 0.8],
      ['Contoso Ltd', 0.8],
    ]);
    assert.deepEqual(found('Continental and Louis Dreyfus Corp bought wheat.'), [
      ['Louis Dreyfus Corp', 0.8],
    ]);
  });
  it('leaves a county, a defined term and a lone suffix alone', () => {
    assert.deepEqual(found('She lives in Grange Co and works for the Company.'), []);
    assert.deepEqual(found('The Borrower Company shall pay; Inc. is short for incorporated.'), []);
  });
  it('reads a listed company after "a" or "an" that ends its phrase as a thing it makes', () => {
    assert.deepEqual(typed('He rides a Harley-Davidson; a Harley-Davidson dealer called.'), [
      ['Harley-Davidson', 'Product'],
      ['Harley-Davidson', 'Organization'],
    ]);
    // "at a McDonalds": one of its premises, the company.
    assert.deepEqual(typed('We met at a McDonalds, then at a Walmart.'), [
      ['McDonalds', 'Organization'],
      ['Walmart', 'Organization'],
    ]);
  });
  it('finds a listed name that ends in "\'s" written without the apostrophe, as chat and quick mail write it', () => {
    assert.deepEqual(typed('I went to Macys.'), [['Macys', 'Organization']]);
    assert.deepEqual(typed('pizza from dominos, lunch at mcdonalds'), [
      ['dominos', 'Organization'],
      ['mcdonalds', 'Organization'],
    ]);
  });
  it('finds well-known companies alone, not inside longer names', () => {
    assert.deepEqual(found("Deloitte's audit of Accenture found nothing."), [
      ['Deloitte', 0.7],
      ['Accenture', 0.7],
    ]);
    assert.deepEqual(found('I bought a Samsung Galaxy and a Volkswagen Golf from Walmart.'), [
      ['Walmart', 0.7],
    ]);
    // A company named after its region, before "region", is the region's name.
    assert.deepEqual(found('Kyoto is in the Kansai region; Kansai raised prices.'), [['Kansai', 0.7]]);
  });
  it("finds Microsoft's sample companies, which Azure's own examples use", () => {
    assert.deepEqual(found('Contoso hired a CFO from Fabrikam and one from Northwind Traders.'), [
      ['Contoso', 0.7],
      ['Fabrikam', 0.7],
      ['Northwind Traders', 0.8],
    ]);
    assert.deepEqual(found('The site is built with Tailwind CSS.'), []);
  });
  it('finds a listed organisation too ambiguous to trust alone where the words before name it an employer', () => {
    assert.deepEqual(found('Elon Musk, the CEO of Tesla, spoke.'), [['Tesla', 0.7]]);
    assert.deepEqual(found('Shares of Tesla fell; the head of Tesla left.'), [
      ['Tesla', 0.7],
      ['Tesla', 0.7],
    ]);
    assert.deepEqual(found('She works at Tesla and he joined Tesla.'), [
      ['Tesla', 0.7],
      ['Tesla', 0.7],
    ]);
    assert.deepEqual(found('An engineer at Tesla and an intern for Tesla left.'), [
      ['Tesla', 0.7],
      ['Tesla', 0.7],
    ]);
    assert.deepEqual(found('Nikola Tesla was an inventor; a field of 3 tesla; the Tesla coil.'), []);
  });
  it("gives a listed company the finer type of orgs.tsv, as the refiner does the tagger's spans", () => {
    const text = 'Pfizer and Sanofi work with Accenture.';
    assert.deepEqual(
      organizations(text, ctx).map((c) => [text.slice(c.start, c.end), c.type]),
      [
        ['Pfizer', 'OrganizationMedical'],
        ['Sanofi', 'OrganizationMedical'],
        ['Accenture', 'Organization'],
      ],
    );
  });

  it('finds listed names of several words as written, every word capitalised', () => {
    assert.deepEqual(typed('The Red Cross and Doctors Without Borders sent teams.'), [
      ['Red Cross', 'OrganizationMedical'],
      ['Doctors Without Borders', 'OrganizationMedical'],
    ]);
    assert.deepEqual(typed('Real Madrid listed on the New York Stock Exchange?'), [
      ['Real Madrid', 'OrganizationSports'],
      ['New York Stock Exchange', 'OrganizationStockExchange'],
    ]);
    assert.deepEqual(typed('Four seasons ago the red cross on the door was real madrid style.'), []);
  });
  it("finds WordNet's named organisations: agencies, parties, central banks", () => {
    assert.deepEqual(typed('The Federal Reserve Board and the Boy Scouts of America met the Arab League.'), [
      ['Federal Reserve Board', 'Organization'],
      ['Boy Scouts of America', 'Organization'],
      ['Arab League', 'Organization'],
    ]);
    assert.deepEqual(typed('rates rose after the federal reserve met'), [
      ['federal reserve', 'Organization'],
    ]);
    // A place WordNet also files as an organisation stays out ("Downing Street" said).
    assert.deepEqual(typed('A spokesman for Downing Street said'), []);
  });
  it('finds them in any case in text written in one case: chat in lower case, a telex in capitals', () => {
    assert.deepEqual(typed('my sister works at the red cross and loves real madrid'), [
      ['red cross', 'OrganizationMedical'],
      ['real madrid', 'OrganizationSports'],
    ]);
    assert.deepEqual(typed('SHARES OF REAL MADRID ON THE NEW YORK STOCK EXCHANGE'), [
      ['REAL MADRID', 'OrganizationSports'],
      ['NEW YORK STOCK EXCHANGE', 'OrganizationStockExchange'],
    ]);
    // Listed acronyms too, not one that spells a word.
    assert.deepEqual(typed('watching the nfl game; opec cut output; who knows'), [
      ['nfl', 'OrganizationSports'],
      ['opec', 'Organization'],
    ]);
    // A listed company of five letters or more, not a person's name too ("?Uber").
    assert.deepEqual(typed('need coffee from starbucks asap, then walgreens'), [
      ['starbucks', 'Organization'],
      ['walgreens', 'Organization'],
    ]);
    assert.deepEqual(typed('got an uber to the game'), []);
    // A listed team's one-word name that no English word spells; not one that does ("heat", "jets").
    assert.deepEqual(typed('watching the knicks game, then the heat and the jets'), [
      ['knicks', 'OrganizationSports'],
    ]);
    assert.deepEqual(typed('The knicks lost.'), []);
    // One capital letter and the text is written in cases: lower-case words are no names.
    assert.deepEqual(typed('Ask the red cross.'), []);
    assert.deepEqual(typed('I need coffee from starbucks.'), []);
    assert.deepEqual(typed('The nfl said so.'), []);
    // Read back from a legal form, capitals tell no name from the words before it: the tagger decides.
    assert.deepEqual(typed('SHARES OF PRINTED PACKAGING COMPANY COFINEC S.A. PLUNGED'), []);
    assert.deepEqual(typed('Shares of packaging company Cofinec S.A. plunged'), [
      ['Cofinec S.A.', 'Organization'],
    ]);
  });
  it("marks a listed company that people bear as a name too, for the tagger's person to win", () => {
    const ingram = organizations('Ingram was quoted as saying', ctx);
    assert.deepEqual(
      ingram.map((c) => [c.type, c.tagger]),
      [['Organization', 'yields']],
    );
    assert.equal(organizations('Shares of Pinterest rose', ctx)[0]?.tagger, undefined);
  });
  it('marks a well-known company the tagger reads as a person or a place, to beat that reading', () => {
    const withTagger = (text: string): [string, string | undefined][] =>
      organizations(text, ctx).map((c) => [text.slice(c.start, c.end), c.tagger]);
    assert.deepEqual(withTagger('Siemens and Fabrikam Inc. signed a deal.'), [
      ['Siemens', 'overridesPersonOrPlace'],
      ['Fabrikam Inc.', undefined],
    ]);
    assert.deepEqual(withTagger("Bosch will cut 5,000 jobs; Nokia's and IKEA's too."), [
      ['Bosch', 'overridesPersonOrPlace'],
      ['Nokia', 'overridesPersonOrPlace'],
      ['IKEA', 'overridesPersonOrPlace'],
    ]);
    assert.deepEqual(withTagger('Monzo and Shein filed; Mistral released a model.'), [
      ['Monzo', 'overridesPersonOrPlace'],
      ['Shein', 'overridesPersonOrPlace'],
      ['Mistral', 'overridesPersonOrPlace'],
    ]);
    assert.deepEqual(withTagger('Tickets through Ticketmaster, paid with my Amex card.'), [
      ['Ticketmaster', 'overridesPersonOrPlace'],
      ['Amex', 'overridesPersonOrPlace'],
    ]);
    // Inside a longer name or in lower case: no company of its own.
    assert.deepEqual(withTagger('She met Heinz Fischer; bosch is a word here; Siemens Energy grew.'), []);
  });

  it('finds news media and music groups, a listed "The" name by its capital and without the determiner', () => {
    assert.deepEqual(typed('I read it in The Economist, then on Al Jazeera and in the Financial Times.'), [
      ['Economist', 'Organization'],
      ['Al Jazeera', 'Organization'],
      ['Financial Times', 'Organization'],
    ]);
    assert.deepEqual(typed('Published in The Lancet and the New England Journal of Medicine.'), [
      ['Lancet', 'Organization'],
      ['New England Journal of Medicine', 'Organization'],
    ]);
    assert.deepEqual(typed('He listens to Pink Floyd, Coldplay and Radiohead.'), [
      ['Pink Floyd', 'Organization'],
      ['Coldplay', 'Organization'],
      ['Radiohead', 'Organization'],
    ]);
    assert.deepEqual(typed('Zelensky addressed the European Parliament; Meta and the Bank of England.'), [
      ['European Parliament', 'Organization'],
      ['Meta', 'Organization'],
      ['Bank of England', 'Organization'],
    ]);
    // A team named with digits is trusted alone, as no word is spelt so.
    assert.deepEqual(typed('The 49ers beat the 76ers.'), [
      ['49ers', 'OrganizationSports'],
      ['76ers', 'OrganizationSports'],
    ]);
    // A role, a word, and text written in one case, where no capital names the paper.
    assert.deepEqual(typed('The economist and my legal guardian met.'), []);
    assert.deepEqual(typed('the economist said the times are hard'), []);
    assert.deepEqual(typed('THE ECONOMIST PREDICTS A RECESSION'), []);
  });

  it('reads a listed acronym that spells a word as the organisation after "the", with "\'s" or before its people', () => {
    assert.deepEqual(typed('According to the WHO, cases rose; WHO officials and WHO chief Tedros spoke.'), [
      ['WHO', 'OrganizationMedical'],
      ['WHO', 'OrganizationMedical'],
      ['WHO', 'OrganizationMedical'],
    ]);
    assert.deepEqual(typed("WHO's guidance changed."), [['WHO', 'OrganizationMedical']]);
    // A question word in capitals, a band, a headline in capitals: no evidence.
    assert.deepEqual(typed('I asked WHO did it. The Who played Tommy.'), []);
    assert.deepEqual(typed('THE WHO PLAYED TONIGHT'), []);
  });

  it('finds the name after a kind of organisation and "called" or "named", to beat the tagger\'s person', () => {
    const text =
      'She joined a fintech startup called Ramp; he plays in a band named Wet Leg and founded a company called The Browser Company.';
    assert.deepEqual(
      organizations(text, ctx).map((c) => [text.slice(c.start, c.end), c.tagger]),
      [
        ['Ramp', 'overridesPersonOrPlace'],
        ['Wet Leg', 'overridesPersonOrPlace'],
        ['The Browser Company', 'overridesPersonOrPlace'],
      ],
    );
    // Not a pet, not "called on", not a capitalised run longer than a name, not a listed company twice.
    assert.deepEqual(
      found(
        'I named my dog Max. The group called on Congress. A firm called Big Red Dog Media Group. A firm called Deloitte.',
      ),
      [['Deloitte', 0.7]],
    );
  });
  it('finds a company by what only companies do: its officers, money raised, a valuation, a listing', () => {
    const text =
      "Snowflake's CEO spoke. Linear raised $35 million; Perplexity is valued at $9 billion. Chime filed for an IPO. The CFO of Stripe left on Northwind Air flight 12.";
    assert.deepEqual(
      organizations(text, ctx).map((c) => [text.slice(c.start, c.end), c.tagger ?? '']),
      [
        ['Snowflake', 'overridesPersonOrPlace'],
        ['Linear', ''],
        ['Perplexity', ''],
        ['Chime', ''],
        ['Stripe', ''],
        ['Northwind Air', ''],
      ],
    );
    // A bank before its account; a listed bank of several words.
    assert.deepEqual(typed('A fee on my Chase checking account and my Capital One card.'), [
      ['Chase', 'Organization'],
      ['Capital One', 'Organization'],
    ]);
    // A subscription: no person has one after the name, so the company beats the tagger's person.
    const subscription = 'Our Peloton subscription costs $44.';
    assert.deepEqual(
      organizations(subscription, ctx).map((c) => [subscription.slice(c.start, c.end), c.tagger ?? '']),
      [['Peloton', 'overridesPersonOrPlace']],
    );
    // After a company's noun, a name that may begin in lower case; not a date, an officer or a compound.
    const nouns =
      "TikTok's parent company ByteDance grew; Musk's xAI raised $6 billion; the company Monday said; the company CEO left; inter-company Debts.";
    assert.deepEqual(
      organizations(nouns, ctx).map((c) => nouns.slice(c.start, c.end)),
      ['TikTok', 'ByteDance', 'xAI'],
    );
    // No name before or after: a pronoun, a determiner, a place-based adjective.
    assert.deepEqual(
      found('It raised $5 million. Our CEO left. The chairman of British-based Vickers spoke. On flight 12.'),
      [],
    );
  });
  it('stays linear and capped on pathological input', () => {
    assert.equal(organizations('Acme Inc. '.repeat(1000), ctx).length, 64);
    assert.deepEqual(organizations('Inc '.repeat(2000), ctx), []);
    assert.deepEqual(organizations('1234567890'.repeat(1000), ctx), []);
  });
});
