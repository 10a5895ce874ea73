import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { loadEventRecognizer } from '../src/entities/recognizers/event/index.ts';
import { findEventNouns } from '../src/entities/recognizers/event/nouns.ts';
import { loadProductRecognizer } from '../src/entities/recognizers/product/index.ts';
import type { Recognizer } from '../src/entities/types.ts';
import { withinCpuBudget } from './helpers/cpu-budget.ts';

const dir = fileURLToPath(new URL('../models/entities', import.meta.url));
const events = loadEventRecognizer(dir);
const products = loadProductRecognizer(dir);
const ctx = { now: new Date('2026-01-15T12:00:00Z') };

/** [type, matched text] of every candidate. */
function found(recognize: Recognizer, text: string): [string, string][] {
  return recognize(text, ctx).map((c) => [c.type, text.slice(c.start, c.end)]);
}

describe('events', () => {
  it("finds the issue sentence's conference with its year", () => {
    const text =
      'The CEO of Contoso, John Smith, will speak at Build 2024 on May 21; write to 1 Microsoft Way, Redmond.';
    assert.deepEqual(found(events, text), [['Event', 'Build 2024']]);
    assert.deepEqual(events(text, ctx)[0], {
      start: 46,
      end: 56,
      type: 'Event',
      confidence: 0.85,
      source: 'rule',
    });
  });
  it('finds conferences and sports events with years and numerals', () => {
    assert.deepEqual(found(events, 'We met at CES 2025 and again at the 2022 World Cup in Qatar.'), [
      ['Event', 'CES 2025'],
      ['SportsEvent', '2022 World Cup'],
    ]);
    assert.deepEqual(found(events, 'Super Bowl LVIII was in Las Vegas; the Olympics and Wimbledon follow.'), [
      ['SportsEvent', 'Super Bowl LVIII'],
      ['SportsEvent', 'Olympics'],
      ['SportsEvent', 'Wimbledon'],
    ]);
    // A team's name in a holiday's is the holiday.
    assert.deepEqual(found(events, "The Boston Marathon is held on Patriots' Day."), [
      ['SportsEvent', 'Boston Marathon'],
      ['CulturalEvent', "Patriots' Day"],
    ]);
    // In text written in one case, the names with a word no English word spells (events.tsv flag `a`).
    assert.deepEqual(found(events, 'heading to lollapalooza next month, happy diwali!!'), [
      ['CulturalEvent', 'lollapalooza'],
      ['CulturalEvent', 'diwali'],
    ]);
    assert.deepEqual(found(events, 'HAPPY DIWALI FROM ALL OF US'), [['CulturalEvent', 'DIWALI']]);
    // Not an acronym ("acl"), a place's name ("corpus christi"), ordinary words ("the cold war between
    // them"), nor any of them in text written in cases.
    assert.deepEqual(found(events, 'tore my acl in corpus christi, a cold war between us'), []);
    assert.deepEqual(found(events, 'Heading to lollapalooza next month'), []);
    // Wimbledon is also a place and a club: the tagger's organisation for it wins (adjust.ts).
    assert.equal(events('Leeds v Wimbledon', ctx)[0]?.tagger, 'yields');
    assert.equal(events('at CES 2025', ctx)[0]?.tagger, undefined);
    // After a word of attending, the event, whatever the tagger says.
    assert.equal(events('Thousands attended Coachella.', ctx)[0]?.tagger, undefined);
    assert.equal(events('They will headline Glastonbury.', ctx)[0]?.tagger, undefined);
    assert.equal(events('We drove to Coachella.', ctx)[0]?.tagger, 'yields');
    assert.deepEqual(found(events, 'She won the Monaco Grand Prix and the Qatar Open Cup 2023.'), [
      ['SportsEvent', 'Monaco Grand Prix'],
      ['SportsEvent', 'Qatar Open Cup 2023'],
    ]);
    // The Olympics with their host city and year.
    assert.deepEqual(found(events, 'The 2024 Paris Olympics and the Tokyo Paralympics.'), [
      ['SportsEvent', '2024 Paris Olympics'],
      ['SportsEvent', 'Tokyo Paralympics'],
    ]);
    assert.deepEqual(found(events, 'Barcelona won the Clasico; El Clásico drew millions.'), [
      ['SportsEvent', 'Clasico'],
      ['SportsEvent', 'El Clásico'],
    ]);
  });
  it('finds natural events', () => {
    assert.deepEqual(found(events, 'Hurricane Katrina and the 2011 Tōhoku earthquake were disasters.'), [
      ['NaturalEvent', 'Hurricane Katrina'],
      ['NaturalEvent', '2011 Tōhoku earthquake'],
    ]);
    assert.deepEqual(found(events, 'Typhoon Haiyan hit; Tropical Storm Alberto followed.'), [
      ['NaturalEvent', 'Typhoon Haiyan'],
      ['NaturalEvent', 'Tropical Storm Alberto'],
    ]);
  });
  it('finds local TED events by their city or theme', () => {
    assert.deepEqual(found(events, 'She spoke at TEDxBoston and TEDxYouth@Paris; TED talks are online.'), [
      ['CulturalEvent', 'TEDxBoston'],
      ['CulturalEvent', 'TEDxYouth@Paris'],
    ]);
  });
  it("finds the UK's and Ireland's named storms, not a missile, a band's date or an operation", () => {
    assert.deepEqual(found(events, 'Storm Ciarán hit Cornwall; Storm Dennis and Storm Eunice followed.'), [
      ['NaturalEvent', 'Storm Ciarán'],
      ['NaturalEvent', 'Storm Dennis'],
      ['NaturalEvent', 'Storm Eunice'],
    ]);
    assert.deepEqual(found(events, 'Storm Shadow missiles; Storm April 14th; Operation Desert Storm.'), []);
  });
  it("finds a named fire with a fire's words in its sentence, not a club or a fire department", () => {
    assert.deepEqual(
      found(events, 'The Palisades Fire burned 23,000 acres. Crews contained the Eaton Fire on Friday.'),
      [
        ['NaturalEvent', 'Palisades Fire'],
        ['NaturalEvent', 'Eaton Fire'],
      ],
    );
    // The fire's words are in the sentence before: "Chicago Fire" is the club.
    assert.deepEqual(found(events, 'The blaze burned 20 acres. The Chicago Fire beat Orlando.'), []);
    assert.deepEqual(found(events, 'He joined the Seattle Fire Department after the wildfire.'), []);
  });
  it('finds holidays and festivals as cultural events', () => {
    assert.deepEqual(
      found(events, 'Christmas, Thanksgiving and Diwali are holidays; Coachella is in April.'),
      [
        ['CulturalEvent', 'Christmas'],
        ['CulturalEvent', 'Thanksgiving'],
        ['CulturalEvent', 'Diwali'],
        ['CulturalEvent', 'Coachella'],
      ],
    );
    assert.deepEqual(found(events, "Parades on St David's Day and on St. Andrew's Day."), [
      ['CulturalEvent', "St David's Day"],
      ['CulturalEvent', "St. Andrew's Day"],
    ]);
    // The holiday, not Easter and a Monday.
    assert.deepEqual(found(events, 'Is it open on Easter Monday or Whit Monday?'), [
      ['CulturalEvent', 'Easter Monday'],
      ['CulturalEvent', 'Whit Monday'],
    ]);
    assert.deepEqual(found(events, 'See you at the Glastonbury Festival 2023 or the Festival of Lights.'), [
      ['CulturalEvent', 'Glastonbury Festival 2023'],
      ['CulturalEvent', 'Festival of Lights'],
    ]);
  });
  it("finds concert tours, without their owner's name or a circuit's", () => {
    assert.deepEqual(
      found(
        events,
        "Taylor Swift's Eras Tour beat the Renaissance World Tour; the PGA Tour and a Guided Tour.",
      ),
      [
        ['CulturalEvent', 'Eras Tour'],
        ['CulturalEvent', 'Renaissance World Tour'],
      ],
    );
    assert.deepEqual(found(events, "Apple's Worldwide Developers Conference."), [
      ['Event', 'Worldwide Developers Conference'],
    ]);
  });
  it('gives a holiday used as a date a lower confidence than one used as an event', () => {
    const text = 'We meet on Christmas and plan the Christmas party; Coachella is on Easter weekend.';
    assert.deepEqual(
      events(text, ctx).map((c) => [text.slice(c.start, c.end), c.confidence]),
      [
        ['Christmas', 0.6],
        ['Christmas', 0.85],
        ['Coachella', 0.85],
        ['Easter', 0.6],
      ],
    );
  });
  it("lets \"in\" join a meeting's name, not a festival's or a war's", () => {
    assert.deepEqual(found(events, 'Register for the Women in Tech Summit 2025.'), [
      ['Event', 'Women in Tech Summit 2025'],
    ]);
    assert.deepEqual(found(events, 'Bands in Glastonbury Festival tents.'), [
      ['CulturalEvent', 'Glastonbury Festival'],
    ]);
  });
  it('keeps a meeting\'s adjectives and its subject after "on"', () => {
    assert.deepEqual(
      found(events, 'The International Conference on Machine Learning and the Annual Shareholders Meeting.'),
      [
        ['Event', 'International Conference on Machine Learning'],
        ['Event', 'Annual Shareholders Meeting'],
      ],
    );
    // An adjective alone names no meeting.
    assert.deepEqual(found(events, 'The Annual Summit was cancelled.'), []);
  });
  it('finds a show, a week or a meeting with two words of name, not a routine, a date or a headline', () => {
    assert.deepEqual(found(events, 'He attended the Tokyo Game Show during London Fashion Week.'), [
      ['Event', 'Tokyo Game Show'],
      ['Event', 'London Fashion Week'],
    ]);
    assert.deepEqual(
      found(
        events,
        'The Board Meeting, our Weekly Team Meeting, Shark Week; Our Favorite YouTube Videos This Week.',
      ),
      [],
    );
    assert.deepEqual(found(events, 'Another Successful New York Fashion Week'), [
      ['Event', 'New York Fashion Week'],
    ]);
  });
  it('finds historical and political events', () => {
    assert.deepEqual(
      found(events, 'He fought in World War II, the Korean War and the Battle of the Bulge.'),
      [
        ['Event', 'World War II'],
        ['Event', 'Korean War'],
        ['Event', 'Battle of the Bulge'],
      ],
    );
    assert.deepEqual(found(events, 'Before the 2020 presidential election, Web Summit 2024 was planned.'), [
      ['Event', '2020 presidential election'],
      ['Event', 'Web Summit 2024'],
    ]);
    // The country's name between the year and the election.
    assert.deepEqual(
      found(events, 'The 2020 United States presidential election and the 2019 UK general election.'),
      [
        ['Event', '2020 United States presidential election'],
        ['Event', '2019 UK general election'],
      ],
    );
    assert.deepEqual(found(events, 'In 2016 Trump won the election.'), []);
    assert.deepEqual(found(events, 'After Super Tuesday and Brexit came the 9/11 attacks film.'), [
      ['Event', 'Super Tuesday'],
      ['Event', 'Brexit'],
      ['Event', '9/11 attacks'],
    ]);
    assert.deepEqual(found(events, "Thousands joined the Women's March on Washington."), [
      ['Event', "Women's March"],
    ]);
  });
  it('finds a conference whose name needs a year by the noun after it, which stays outside', () => {
    assert.deepEqual(found(events, 'We present at the Black Hat conference and watched the Build keynote.'), [
      ['Event', 'Black Hat'],
      ['Event', 'Build'],
    ]);
    assert.deepEqual(found(events, 'Build the conference app. Black Hat hackers.'), []);
  });
  it('finds biennials as cultural events', () => {
    assert.deepEqual(found(events, 'The Venice Biennale and the Whitney Biennial open in May.'), [
      ['CulturalEvent', 'Venice Biennale'],
      ['CulturalEvent', 'Whitney Biennial'],
    ]);
  });
  it('leaves ordinary words alone', () => {
    assert.deepEqual(found(events, 'Build a house. I will build 2024 apps. We build on Build tools.'), []);
    assert.deepEqual(found(events, 'Lent money to him. The summit was cold. A big earthquake hit.'), []);
    assert.deepEqual(found(events, 'The Conference room. The War is over. In 2011 the earthquake hit.'), []);
    assert.deepEqual(found(events, 'Christmas trees are green.'), [['CulturalEvent', 'Christmas']]);
    assert.deepEqual(found(events, 'Merry Christmas! Art by Johnnie Christmas in The Christmas Cottage.'), [
      ['CulturalEvent', 'Christmas'],
    ]);
  });
  it('leaves names that only contain event words alone', () => {
    const text =
      'Star Wars fans met at the Metro Toronto Convention Centre; the National Hurricane Center warned.';
    assert.deepEqual(found(events, text), []);
    assert.deepEqual(
      found(events, 'Results of Italian Cup matches. He was wounded at the Siege of Savannah on May 9.'),
      [
        ['SportsEvent', 'Italian Cup'],
        ['Event', 'Siege of Savannah'],
      ],
    );
  });
});

describe('products', () => {
  it('finds computing products and consoles with their models', () => {
    const text = 'I moved to Windows 11 and use Microsoft Teams on my Xbox Series X and iPhone 15 Pro.';
    assert.deepEqual(found(products, text), [
      ['ComputingProduct', 'Windows 11'],
      ['ComputingProduct', 'Microsoft Teams'],
      ['Product', 'Xbox Series X'],
      ['ComputingProduct', 'iPhone 15 Pro'],
    ]);
    assert.deepEqual(found(products, 'The printer (HP LaserJet M404) and an HP EliteBook 840 G8 on Webex.'), [
      ['ComputingProduct', 'HP LaserJet M404'],
      ['ComputingProduct', 'HP EliteBook 840 G8'],
      ['ComputingProduct', 'Webex'],
    ]);
    assert.deepEqual(
      found(
        products,
        'Photos from Google Photos, my Fitbit Charge 6, a Nintendo Switch OLED and an Instant Pot.',
      ),
      [
        ['ComputingProduct', 'Google Photos'],
        ['Product', 'Fitbit Charge 6'],
        ['Product', 'Nintendo Switch OLED'],
        ['Product', 'Instant Pot'],
      ],
    );
    // Software no list knows: a name with a capital inside and a dotted version.
    assert.deepEqual(found(products, 'Since the FortiClient 7.2 update, PowerShell 7.4.1 fails.'), [
      ['ComputingProduct', 'FortiClient 7.2'],
      ['ComputingProduct', 'PowerShell 7.4.1'],
    ]);
    assert.deepEqual(
      found(products, 'McDonald 2.5, MacKay 1.0, AugSep 752.50, FooBar 1.2% and DeShawn 3.5.'),
      [],
    );
    // Only whole words: at the text's start and after punctuation, never after a digit or "@".
    assert.deepEqual(found(products, 'GitLab 16.5 (PowerShell 7.4), 3FortiClient 7.2, @GitLab 16.5.'), [
      ['ComputingProduct', 'GitLab 16.5'],
      ['ComputingProduct', 'PowerShell 7.4'],
    ]);
    assert.deepEqual(found(products, 'Google answered with Gemini 1.5 Pro.'), [
      ['ComputingProduct', 'Gemini 1.5 Pro'],
    ]);
    // A language model's tier after its version.
    assert.deepEqual(found(products, 'Claude 3.5 Sonnet beat Gemini 2.0 Flash and Claude 3 Opus.'), [
      ['ComputingProduct', 'Claude 3.5 Sonnet'],
      ['ComputingProduct', 'Gemini 2.0 Flash'],
      ['ComputingProduct', 'Claude 3 Opus'],
    ]);
    assert.deepEqual(
      found(
        products,
        'The Surface Pro runs Azure tools; Office 365 and Excel too. Android and a PlayStation 5.',
      ),
      [
        ['ComputingProduct', 'Surface Pro'],
        ['ComputingProduct', 'Azure'],
        ['ComputingProduct', 'Office 365'],
        ['ComputingProduct', 'Excel'],
        ['ComputingProduct', 'Android'],
        ['Product', 'PlayStation 5'],
      ],
    );
    // A family's name that runs into an event's head word is the event's (the event recogniser's).
    assert.deepEqual(found(products, 'Join the Azure AI Hackathon on Azure Kubernetes Service.'), [
      ['ComputingProduct', 'Azure Kubernetes Service'],
    ]);
    assert.deepEqual(found(events, 'Join the Azure AI Hackathon and our Sales Kickoff.'), [
      ['Event', 'Azure AI Hackathon'],
      ['Event', 'Sales Kickoff'],
    ]);
    // Consoles, wearables and appliances are goods, not computing products.
    assert.deepEqual(found(products, 'An Apple Watch, AirPods Pro and a Roomba.'), [
      ['Product', 'Apple Watch'],
      ['Product', 'AirPods Pro'],
      ['Product', 'Roomba'],
    ]);
  });
  it('reads a product named like its maker as the company where the words around it speak of one', () => {
    // Elsewhere the product yields to the tagger's organisation for the same word (adjust.ts dedupeSpans).
    assert.deepEqual(
      products('Coca-Cola and PepsiCo raised prices.', ctx).map((c) => [c.type, c.tagger]),
      [['Product', 'yieldsToOrganization']],
    );
    assert.deepEqual(found(products, 'I built my store on Shopify and design in Figma.'), [
      ['ComputingProduct', 'Shopify'],
      ['ComputingProduct', 'Figma'],
    ]);
    assert.deepEqual(found(products, 'She is an engineer at Shopify after she left Figma.'), [
      ['Organization', 'Shopify'],
      ['Organization', 'Figma'],
    ]);
    assert.deepEqual(found(products, 'Shopify reported revenue of $2 billion; Figma employees left.'), [
      ['Organization', 'Shopify'],
      ['Organization', 'Figma'],
    ]);
    // Where someone works, a listed product that is no listed company is the company too.
    assert.deepEqual(found(products, 'She works for Notion; he is a designer at Slack.'), [
      ['Organization', 'Notion'],
      ['Organization', 'Slack'],
    ]);
    assert.deepEqual(found(products, 'We moved from Slack to Notion.'), [
      ['ComputingProduct', 'Slack'],
      ['ComputingProduct', 'Notion'],
    ]);
    // A model after the name is the product whatever surrounds it; "Excel" is no company.
    assert.deepEqual(found(products, 'He works at Windows 11 support and at Excel.'), [
      ['ComputingProduct', 'Windows 11'],
      ['ComputingProduct', 'Excel'],
    ]);
  });
  it('finds vehicles and aircraft as products', () => {
    assert.deepEqual(
      found(products, 'She drives a Tesla Model 3 and flew a Boeing 737 and an Airbus A320neo.'),
      [
        ['Product', 'Tesla Model 3'],
        ['Product', 'Boeing 737'],
        ['Product', 'Airbus A320neo'],
      ],
    );
    assert.deepEqual(found(products, 'A Toyota Camry, a Galaxy S24 Ultra and a Pixel 8 Pro on Android 14.'), [
      ['Product', 'Toyota Camry'],
      ['ComputingProduct', 'Galaxy S24 Ultra'],
      ['ComputingProduct', 'Pixel 8 Pro'],
      ['ComputingProduct', 'Android 14'],
    ]);
  });
  it('finds medicines by brand as products', () => {
    assert.deepEqual(found(products, 'The doctor prescribed Lipitor; she took Benadryl and NyQuil.'), [
      ['Product', 'Lipitor'],
      ['Product', 'Benadryl'],
      ['Product', 'NyQuil'],
    ]);
  });
  it('takes a model code with a hyphen after its letters, and Paperwhite after a Kindle', () => {
    assert.deepEqual(found(products, 'My Sony WH-1000XM5 and a Kindle Paperwhite arrived.'), [
      ['ComputingProduct', 'Sony WH-1000XM5'],
      ['ComputingProduct', 'Kindle Paperwhite'],
    ]);
  });
  it("takes a family's service name after it, capitalised words up to a day, a month or a small word", () => {
    const text =
      'We moved to Azure Kubernetes Service and Azure SQL Database, then Google Cloud Storage. Azure is up.';
    assert.deepEqual(found(products, text), [
      ['ComputingProduct', 'Azure Kubernetes Service'],
      ['ComputingProduct', 'Azure SQL Database'],
      ['ComputingProduct', 'Google Cloud Storage'],
      ['ComputingProduct', 'Azure'],
    ]);
    assert.deepEqual(found(products, 'Deploy to Azure Monday and Azure In Our Lab'), [
      ['ComputingProduct', 'Azure'],
      ['ComputingProduct', 'Azure'],
    ]);
  });
  it('takes edition words after a listed product, not a number that follows it', () => {
    assert.deepEqual(found(products, 'The Boeing 737 MAX was grounded; I got a Boeing 737 3 days ago.'), [
      ['Product', 'Boeing 737 MAX'],
      ['Product', 'Boeing 737'],
    ]);
    // A desktop app or a command-line tool of a listed product.
    assert.deepEqual(found(products, 'Then run Docker Desktop, or Docker CLI, on Ubuntu Desktop 24.04.'), [
      ['ComputingProduct', 'Docker Desktop'],
      ['ComputingProduct', 'Docker CLI'],
      ['ComputingProduct', 'Ubuntu Desktop 24.04'],
    ]);
  });
  it('leaves ordinary words and bare maker names alone', () => {
    const text =
      'Windows were open. The surface of the lake. Excel at work. The Galaxy is big. Boeing said profits fell.';
    assert.deepEqual(found(products, text), []);
    assert.deepEqual(found(products, 'Our Pixel art and the Surface tension.'), []);
    assert.deepEqual(found(products, 'As Henry Jenkins wrote, Republic Windows and Doors closed.'), []);
    assert.deepEqual(found(products, 'Outlook for 2025: weak. Teams from 12 countries met.'), []);
    assert.deepEqual(found(products, 'The Outlook add-in crashes when I join via Teams.'), [
      ['ComputingProduct', 'Outlook'],
      ['ComputingProduct', 'Teams'],
    ]);
    assert.deepEqual(found(products, "Ticket 88231: Outlook crashes on open. Teams won't start."), [
      ['ComputingProduct', 'Outlook'],
      ['ComputingProduct', 'Teams'],
    ]);
    assert.deepEqual(found(products, 'Windows fail in winter. Outlook: weak.'), []);
    // Or its version: "Chrome version 122".
    assert.deepEqual(found(products, 'Chrome version 122 fails to load it.'), [
      ['ComputingProduct', 'Chrome'],
    ]);
    assert.deepEqual(found(products, 'We use Jenkins and Slack; it runs on Windows.'), [
      ['ComputingProduct', 'Jenkins'],
      ['ComputingProduct', 'Slack'],
      ['ComputingProduct', 'Windows'],
    ]);
  });
});

describe('events: the noun "trip"', () => {
  it('finds "trip" as Azure does in its quickstart (a separate recogniser)', () => {
    assert.deepEqual(found(events, 'I had a wonderful trip to Seattle last week.'), []);
    assert.deepEqual(findEventNouns('I had a wonderful trip to Seattle last week.', ctx), [
      { start: 18, end: 22, type: 'Event', confidence: 0.7, source: 'rule' },
    ]);
    assert.deepEqual(
      found(findEventNouns, 'Our tour guide took us up the Space Needle during our trip to Seattle.'),
      [['Event', 'trip']],
    );
  });
  it('leaves the verb and other shapes alone', () => {
    assert.deepEqual(
      found(findEventNouns, 'Do not trip to the floor. A trip hazard. They trip to school daily.'),
      [],
    );
    assert.deepEqual(found(findEventNouns, 'The very long trip to Oslo. A round-trip to Oslo.'), []);
  });
});

describe('products: makers with a model code', () => {
  it('finds a maker followed by a letters-and-digits model', () => {
    assert.deepEqual(found(products, 'I shot it on a Samsung WB350F and drove a BMW X5.'), [
      ['ComputingProduct', 'Samsung WB350F'],
      ['Product', 'BMW X5'],
    ]);
  });
  it("finds a maker's model of a capitalised name and a number, not a company, an event or a year", () => {
    assert.deepEqual(
      found(
        products,
        'I bought a Garmin Forerunner 265 and Nike Pegasus 40 shoes. My Bose QuietComfort 45 Ultra.',
      ),
      [
        ['ComputingProduct', 'Garmin Forerunner 265'],
        ['Product', 'Nike Pegasus 40'],
        ['ComputingProduct', 'Bose QuietComfort 45 Ultra'],
      ],
    );
    assert.deepEqual(
      found(
        products,
        'Sony Pictures 2 and Nike Festival 3 ran. Samsung Unpacked 2025 opens. Canon March 5. ' +
          'Kankkunen ( Finland ) Toyota Celica 12 seconds behind, Toyota Celica 4.09.',
      ),
      [],
    );
  });
  it("leaves a maker's name out of its listed product in free text (the tagger's one name takes it)", () => {
    assert.deepEqual(found(products, 'He upgraded to an NVIDIA GeForce RTX 4090 and a Tesla Model Y.'), [
      ['ComputingProduct', 'GeForce RTX 4090'],
      ['Product', 'Tesla Model Y'],
    ]);
  });
  it('leaves a maker followed by a bare number, a year or nothing alone', () => {
    assert.deepEqual(found(products, 'Yamaha 176 Ducati 82. Samsung 2024 results. Samsung hired 500.'), []);
  });
  it('finds distinctive names in text written in one case, and names with a capital inside in any case', () => {
    assert.deepEqual(found(products, 'just got my new iphone 15 pro and the amazon prime sale is on'), [
      ['ComputingProduct', 'iphone 15 pro'],
      ['ComputingProduct', 'amazon prime'],
    ]);
    assert.deepEqual(found(products, 'GOT A MACBOOK AIR'), [['ComputingProduct', 'MACBOOK AIR']]);
    // Names that are words ("windows", "word", "kindle") stay words; so does a name in mixed-case text.
    assert.deepEqual(found(products, 'open the windows and read a word on the kindle'), []);
    // In text written in both cases, only a name with a capital inside, which no word spells.
    assert.deepEqual(found(products, 'My new iphone broke. My Ipad too, and the amazon prime sale ended.'), [
      ['ComputingProduct', 'iphone'],
      ['ComputingProduct', 'Ipad'],
    ]);
  });
  it("finds a maker's named model before a goods noun, not a score after a team's name", () => {
    assert.deepEqual(
      found(
        products,
        'The Nespresso Vertuo machine and my Bose QuietComfort headphones. A Toyota Tacoma truck.',
      ),
      [
        ['Product', 'Nespresso Vertuo'],
        ['ComputingProduct', 'Bose QuietComfort'],
        ['Product', 'Toyota Tacoma'],
      ],
    );
    assert.deepEqual(found(products, 'Toyota Motor said sales rose. Bose Corporation makes speakers.'), []);
    assert.deepEqual(found(products, 'The LA Galaxy 2-1 win. The Galaxy S24 arrived.'), [
      ['ComputingProduct', 'Galaxy S24'],
    ]);
  });
});

describe('limits', () => {
  it('caps candidates and stays linear on pathological input', () => {
    const repeated = 'World War II and Windows 11, '.repeat(400);
    withinCpuBudget(2_000, () => {
      assert.equal(events(repeated, ctx).length, 64);
      assert.equal(products(repeated, ctx).length, 64);
      for (const text of [
        '1234567890'.repeat(1000),
        'May '.repeat(5000),
        'a'.repeat(5000),
        '東京 😀 Привет '.repeat(400),
      ]) {
        assert.deepEqual(events(text, ctx), []);
        assert.deepEqual(products(text, ctx), []);
      }
    });
  });
});
