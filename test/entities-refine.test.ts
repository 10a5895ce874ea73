import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { namesItsTeam, SENTENCE_REACH, sentenceAround } from '../src/entities/refine/home-team.ts';
import { loadRefiner, type ModelLabel } from '../src/entities/refine/index.ts';

const refine = loadRefiner(fileURLToPath(new URL('../models/entities', import.meta.url)));

/** The type the refiner gives the first occurrence of `name` in `text`, tagged `label` by the model. */
function typeOf(text: string, name: string, label: ModelLabel, confidence = 0.9): string | undefined {
  const start = text.indexOf(name);
  assert.ok(start >= 0, `${name} not in ${text}`);
  return refine(text, { start, end: start + name.length, label, confidence })?.type;
}

/** What the refiner keeps of the first `name` in `text`, tagged `label`: its text and type. */
function refined(text: string, name: string, label: ModelLabel): [string, string | undefined] {
  const start = text.indexOf(name);
  assert.ok(start >= 0, `${name} not in ${text}`);
  const got = refine(text, { start, end: start + name.length, label, confidence: 0.9 });
  return [text.slice(got!.start, got!.end), got?.type];
}

describe('refiner: LOC', () => {
  const redmond = 'Redmond is a city in King County, Washington, United States, 15 miles east of Seattle.';
  it('types cities, states, countries and continents from the lists', () => {
    assert.equal(typeOf(redmond, 'Redmond', 'LOC'), 'City');
    assert.equal(typeOf(redmond, 'Seattle', 'LOC'), 'City');
    assert.equal(typeOf(redmond, 'Washington', 'LOC'), 'State');
    assert.equal(typeOf(redmond, 'United States', 'LOC'), 'CountryRegion');
    assert.equal(typeOf('Sales in Europe grew.', 'Europe', 'LOC'), 'Continent');
    assert.equal(typeOf('She lives in the Netherlands.', 'the Netherlands', 'LOC'), 'CountryRegion');
    assert.equal(typeOf('Flights to New York were full.', 'New York', 'LOC'), 'City');
    assert.equal(typeOf('Munich is in Bavaria.', 'Bavaria', 'LOC'), 'State');
    assert.equal(typeOf('Ships sail from Antwerp to Gothenburg.', 'Antwerp', 'LOC'), 'City');
    assert.equal(typeOf('Trains run from Lodz to Kraków.', 'Lodz', 'LOC'), 'City');
    assert.equal(typeOf('LANSING, Mich. (Reuters) - ...', 'Mich', 'LOC'), 'State');
    assert.equal(typeOf('We toured Pittock Mansion.', 'Pittock Mansion', 'LOC'), 'Structural');
    assert.equal(typeOf('ST LOUIS 1996-08-22', 'ST LOUIS', 'LOC'), 'City');
    assert.equal(
      typeOf('at Brown Deer Park Golf Course', 'Brown Deer Park Golf Course', 'LOC'),
      'Structural',
    );
    assert.equal(typeOf('ST LOUIS, MO and Austin, TX', 'TX', 'LOC'), 'State');
    // The tagger leaves "State of" out of "the State of New York", as CoNLL does: the name is the state.
    assert.deepEqual(refined('the laws of the State of New York', 'New York', 'LOC'), ['New York', 'State']);
    assert.deepEqual(refined('a treaty with the State of Israel', 'Israel', 'LOC'), [
      'Israel',
      'CountryRegion',
    ]);
    const law = 'the laws of the Commonwealth of Massachusetts';
    assert.equal(typeOf(law, 'Commonwealth of Massachusetts', 'LOC'), 'State');
    assert.equal(
      typeOf('the Commonwealth of Australia', 'Commonwealth of Australia', 'LOC'),
      'CountryRegion',
    );
  });
  it("types a city or state as its team where a game's report names it so, never a country", () => {
    const team = (text: string, name: string) => typeOf(text, name, 'LOC');
    assert.equal(
      team('Los Angeles won for the seventh time in eight games.', 'Los Angeles'),
      'OrganizationSports',
    );
    const stl = 'St Louis defeated Colorado for just the second time this season.';
    assert.equal(team(stl, 'Colorado'), 'OrganizationSports');
    assert.equal(team(stl, 'St Louis'), 'OrganizationSports');
    assert.equal(
      team("Texas's lead over Seattle in the West increased to six games.", 'Seattle'),
      'OrganizationSports',
    );
    assert.equal(
      team('a homer in the ninth to give Minnesota a 4-2 lead.', 'Minnesota'),
      'OrganizationSports',
    );
    // A country's side is read as the country; a city where no game is reported, or not as a side, is the city.
    assert.equal(team('Japan beat Syria 2-1 in the Asian Cup.', 'Syria'), 'CountryRegion');
    assert.equal(team('Chicago won the bid to host the convention.', 'Chicago'), 'City');
    assert.equal(team('He moved to Cleveland after the season.', 'Cleveland'), 'City');
    assert.equal(team('The game at Boston was rained out. Denver won.', 'Boston'), 'City');
  });
  it("reads an unlisted 'place' before \"'s house\" as its owner, and what a dose is of as a product", () => {
    assert.equal(typeOf("We had dinner at Maria's house.", 'Maria', 'LOC'), 'Person');
    assert.equal(typeOf("We watched the game at Jake's place.", 'Jake', 'LOC'), 'Person');
    // A listed place keeps its type.
    assert.equal(typeOf("Paris's museums are free on Sundays.", 'Paris', 'LOC'), 'City');
    assert.equal(typeOf('Dr. Chen prescribed 20 mg of Lipitor twice daily.', 'Lipitor', 'PER'), 'Product');
    assert.equal(typeOf('She was prescribed Metformin.', 'Metformin', 'PER'), 'Product');
    assert.equal(typeOf('I need a refill of Zocor.', 'Zocor', 'PER'), 'Product');
    assert.equal(typeOf('The doctor who prescribed it, Sam Lee, left.', 'Sam Lee', 'PER'), 'Person');
    assert.equal(typeOf('Take 5 ml of Benadryl at night.', 'Benadryl', 'ORG'), 'Product');
    assert.equal(typeOf('He sent 20 boxes of Lipitor samples.', 'Lipitor', 'PER'), 'Person');
  });
  it("reads a name after a company's noun, or a person's name before shares, as the company", () => {
    const giant = 'Italian tyre and cables giant Pirelli on Friday announced a venture.';
    assert.equal(typeOf(giant, 'Pirelli', 'PER'), 'Organization');
    assert.equal(
      typeOf('News-stand chain Ruch controls 65 percent of the market.', 'Ruch', 'PER'),
      'Organization',
    );
    assert.equal(typeOf('Jones stock closed down 1/8 at 40 Friday.', 'Jones', 'PER'), 'Organization');
    // A ship after "aircraft carrier", a market's city before "stock", a person elsewhere: as they were.
    assert.equal(typeOf('the aircraft carrier Carl Vinson sailed', 'Carl Vinson', 'PER'), 'Person');
    assert.equal(typeOf('Tokyo stock prices fell.', 'Tokyo', 'LOC'), 'City');
    assert.equal(typeOf('Jones said the stock fell.', 'Jones', 'PER'), 'Person');
  });
  it("reads a maker's name with a goods noun, tagged as one organisation, as the product", () => {
    assert.equal(typeOf('The LG OLED TV stopped working.', 'LG OLED TV', 'ORG'), 'Product');
    // No maker first, or no goods noun last: the organisation.
    assert.equal(typeOf('Fox TV ran the ad.', 'Fox TV', 'ORG'), 'Organization');
    assert.equal(typeOf('LG Electronics reported profits.', 'LG Electronics', 'ORG'), 'Organization');
  });
  it('leaves where a company is based out of its name', () => {
    const bank = 'St. Louis-based Mercantile Bancorp Inc. , a bank holding company';
    assert.deepEqual(refined(bank, 'St. Louis-based Mercantile Bancorp Inc.', 'ORG'), [
      'Mercantile Bancorp Inc.',
      'Organization',
    ]);
    const mo = 'Kansas City , Mo.-based Commerce Bancshares Inc. , with $ 9.32 billion';
    assert.deepEqual(refined(mo, 'Mo.-based Commerce Bancshares Inc.', 'ORG'), [
      'Commerce Bancshares Inc.',
      'Organization',
    ]);
    // Not a place: part of the name.
    const cloud = 'Cloud-based Solutions Ltd filed its accounts.';
    assert.deepEqual(refined(cloud, 'Cloud-based Solutions Ltd', 'ORG'), [
      'Cloud-based Solutions Ltd',
      'Organization',
    ]);
  });
  it('reads the place or company of a "-based" word the tagger read as one miscellaneous name', () => {
    assert.deepEqual(refined('The Seattle-based company hired a CEO.', 'Seattle-based', 'MISC'), [
      'Seattle',
      'City',
    ]);
    assert.deepEqual(refined('Shares of the London-listed miner fell.', 'London-listed', 'MISC'), [
      'London',
      'City',
    ]);
    assert.deepEqual(refined('A Paris-born actor won.', 'Paris-born', 'MISC'), ['Paris', 'City']);
    assert.deepEqual(refined('Microsoft-backed OpenAI grew.', 'Microsoft-backed', 'MISC'), [
      'Microsoft',
      'Organization',
    ]);
    assert.deepEqual(refined('a U.S.-based bank', 'U.S.-based', 'MISC'), ['U.S.', 'CountryRegion']);
    // A name no list knows, another suffix, or not the whole span: as before (no type, dropped).
    assert.equal(typeOf('The Zorblax-based team met.', 'Zorblax-based', 'MISC'), undefined);
    assert.equal(typeOf('a Seattle-style coffee', 'Seattle-style', 'MISC'), undefined);
    assert.equal(typeOf('the Texas-based Dell said', 'Texas-based Dell', 'MISC'), undefined);
  });
  it('types a listed company that is no place as Organization', () => {
    assert.equal(typeOf('Contoso hired a CFO from Fabrikam.', 'Fabrikam', 'LOC'), 'Organization');
    assert.equal(typeOf('We flew over the Amazon.', 'Amazon', 'LOC'), 'Geological');
  });
  it('types political units without a list entry as GPE', () => {
    assert.equal(typeOf(redmond, 'King County', 'LOC'), 'GPE');
    assert.equal(typeOf('Rain in Hokuriku Region.', 'Hokuriku Region', 'LOC'), 'GPE');
    assert.equal(typeOf('Sales in Southern California rose.', 'Southern California', 'LOC'), 'GPE');
  });
  it('types natural features as Geological', () => {
    const text = 'We climbed Mount Rainier, crossed the Columbia River and saw Lake Tahoe and the Nile.';
    assert.equal(typeOf(text, 'Mount Rainier', 'LOC'), 'Geological');
    assert.equal(typeOf(text, 'Columbia River', 'LOC'), 'Geological');
    assert.equal(typeOf(text, 'Lake Tahoe', 'LOC'), 'Geological');
    assert.equal(typeOf(text, 'Nile', 'LOC'), 'Geological');
    assert.equal(typeOf('Snow on the Cascade Mountains.', 'Cascade Mountains', 'LOC'), 'Geological');
    // A park of land or a reserve is land too; a city's park is a structure (listed: "Central Park").
    assert.equal(
      typeOf('We hiked in Yosemite National Park.', 'Yosemite National Park', 'LOC'),
      'Geological',
    );
  });
  it('types buildings and bridges as Structural, airports as Airport', () => {
    assert.equal(typeOf('We met at the Space Needle.', 'Space Needle', 'LOC'), 'Structural');
    assert.equal(typeOf('We met near Tacoma Narrows Bridge.', 'Tacoma Narrows Bridge', 'LOC'), 'Structural');
    assert.equal(typeOf('The game at Lumen Field.', 'Lumen Field', 'LOC'), 'Structural');
    assert.equal(typeOf('They lost at TD Garden.', 'TD Garden', 'LOC'), 'Structural');
    const met = 'The Metropolitan Museum of Art is open.';
    assert.equal(typeOf(met, 'Metropolitan Museum of Art', 'LOC'), 'Structural');
    // Not an institution: Azure's Organization (the refiner's school rules), never a building.
    assert.notEqual(typeOf('The University of Tulsa is open.', 'University of Tulsa', 'LOC'), 'Structural');
    assert.equal(typeOf('They lost 2-1 to West Ham.', 'West Ham', 'ORG'), 'OrganizationSports');
    assert.equal(typeOf('Landed at Heathrow.', 'Heathrow', 'LOC'), 'Airport');
    assert.equal(typeOf('Landed at Boise Airport.', 'Boise Airport', 'LOC'), 'Airport');
    assert.equal(
      typeOf('Landed at Paine Field International Airport.', 'Paine Field International Airport', 'LOC'),
      'Airport',
    );
  });
  it('reads an acronym as a place only when the list writes that place in capitals', () => {
    // ... and a listed agency's acronym read as a place is the agency.
    assert.equal(typeOf('The soldiers met a UN envoy.', 'UN', 'LOC'), 'Organization');
    assert.equal(typeOf('The soldiers met a QX envoy.', 'QX', 'LOC'), 'Location');
    assert.equal(typeOf('Sales in the UK and the US rose.', 'UK', 'LOC'), 'CountryRegion');
    assert.equal(typeOf('Sales in the UK and the US rose.', 'US', 'LOC'), 'CountryRegion');
    assert.equal(typeOf('Trains run to Ulm and Un.', 'Un', 'LOC'), 'City');
  });
  it('types schools, universities and newspapers the tagger read as places as organisations', () => {
    const text = 'He went to Harrow School and wrote for the San Francisco Bulletin.';
    assert.equal(typeOf(text, 'Harrow School', 'LOC'), 'Organization');
    assert.equal(typeOf(text, 'San Francisco Bulletin', 'LOC'), 'Organization');
  });
  it("types cities' short names as cities", () => {
    assert.equal(typeOf('lol we went to vegas last weekend', 'vegas', 'LOC'), 'City');
    assert.equal(typeOf('Flights from Philly to NOLA.', 'Philly', 'LOC'), 'City');
    assert.equal(typeOf('Flights from Philly to NOLA.', 'NOLA', 'LOC'), 'City');
  });
  it('types a listed university the tagger read as a place as an organisation, not a city of its name', () => {
    assert.equal(typeOf('She did her residency at Johns Hopkins.', 'Johns Hopkins', 'LOC'), 'Organization');
    assert.equal(typeOf('He went to Harvard and then to Yale.', 'Harvard', 'LOC'), 'Organization');
    assert.equal(typeOf('She studied at MIT.', 'MIT', 'LOC'), 'Organization');
    assert.equal(typeOf('She studied at Georgia Tech.', 'Georgia Tech', 'LOC'), 'Organization');
    // "AMEX", the old American Stock Exchange, is no longer listed: "Amex" is the card company.
    assert.equal(typeOf('Paid with my Amex card.', 'Amex', 'ORG'), 'Organization');
    assert.equal(typeOf('She moved to Cambridge.', 'Cambridge', 'LOC'), 'City');
  });
  it('types a town of 5,000 to 15,000 people as City when the tagger calls it a place', () => {
    assert.equal(typeOf('We skied in Zermatt.', 'Zermatt', 'LOC'), 'City');
    assert.equal(typeOf('A week in Aspen.', 'Aspen', 'LOC'), 'City');
  });
  it('leaves out a bare place or organisation the tagger read with little confidence', () => {
    const text = 'Sales at Zembla and Qorvex Holdings grew in Paris.';
    const at = (name: string, label: ModelLabel, confidence: number) =>
      refine(text, { start: text.indexOf(name), end: text.indexOf(name) + name.length, label, confidence })
        ?.type;
    assert.equal(at('Zembla', 'LOC', 0.35), undefined);
    assert.equal(at('Zembla', 'LOC', 0.45), 'Location');
    assert.equal(at('Qorvex Holdings', 'ORG', 0.35), undefined);
    // A name the lists type is kept, whatever the confidence.
    assert.equal(at('Paris', 'LOC', 0.35), 'City');
  });
  it('keeps Location when nothing says more', () => {
    assert.equal(typeOf('Trade in the Middle East.', 'Middle East', 'LOC'), 'Location');
  });
  it('types a company, a restaurant, a café or an inn the tagger calls a place as a business', () => {
    assert.equal(typeOf('A team at Fabrikam Labs in Tallinn.', 'Fabrikam Labs', 'LOC'), 'Organization');
    assert.equal(typeOf('We went to Contoso Steakhouse.', 'Contoso Steakhouse', 'LOC'), 'Organization');
    assert.equal(typeOf('Coffee at Blue Bottle Coffee.', 'Blue Bottle Coffee', 'LOC'), 'Organization');
    assert.equal(typeOf('A night at the Lilac Falls Motel.', 'Lilac Falls Motel', 'LOC'), 'Structural');
  });
  it('types a hospital, a clinic or a medical centre the tagger calls a place as OrganizationMedical', () => {
    const admitted =
      'She was admitted to Massachusetts General Hospital and later to Dana-Farber Cancer Institute.';
    assert.equal(typeOf(admitted, 'Massachusetts General Hospital', 'LOC'), 'OrganizationMedical');
    assert.equal(typeOf(admitted, 'Dana-Farber Cancer Institute', 'LOC'), 'OrganizationMedical');
    assert.equal(
      typeOf("Seen at St. Mary's Medical Center.", "St. Mary's Medical Center", 'LOC'),
      'OrganizationMedical',
    );
    assert.equal(
      typeOf('A wing of Mount Sinai Hospital opened.', 'Mount Sinai Hospital', 'LOC'),
      'OrganizationMedical',
    );
    // Other buildings stay buildings.
    assert.equal(typeOf('We met at the Seattle Center.', 'Seattle Center', 'LOC'), 'Structural');
  });
  it('reads a company named like a river as the company without the "the" a river takes', () => {
    assert.equal(typeOf('I returned them to Amazon.', 'Amazon', 'LOC'), 'Organization');
    assert.equal(typeOf('We sailed down the Amazon.', 'Amazon', 'LOC'), 'Geological');
    // In chat's lower case too.
    assert.equal(typeOf('my package from amazon is late', 'amazon', 'LOC'), 'Organization');
    assert.equal(typeOf('we sailed down the amazon', 'amazon', 'LOC'), 'Geological');
    assert.equal(typeOf('Fish of Amazon waters.', 'Amazon', 'LOC'), 'Geological');
    assert.equal(typeOf('The CEO of Amazon spoke.', 'Amazon', 'LOC'), 'Organization');
  });
  it('reads a name before "family" as a surname, whatever the tagger called it', () => {
    assert.equal(typeOf('A gift from the Weston family.', 'Weston', 'LOC'), 'Person');
    assert.equal(typeOf('The Walton families own it.', 'Walton', 'ORG'), 'Person');
    assert.equal(typeOf('Weston is a town.', 'Weston', 'LOC'), 'City');
  });
});

describe('refiner: ORG', () => {
  it('types a company after "a" or "an" that ends its phrase as a thing it makes', () => {
    const text = 'He wore a Rolex and met a Google engineer; she bought an Apple.';
    assert.equal(typeOf(text, 'Rolex', 'ORG'), 'Product');
    assert.equal(typeOf(text, 'Google', 'ORG'), 'Organization');
    assert.equal(typeOf(text, 'Apple', 'ORG'), 'Product');
  });
  it('types a structure the tagger read as an organisation, not a club named like one', () => {
    const text = 'The Oakland Bay Bridge closed; Crystal Palace won.';
    assert.equal(typeOf(text, 'Oakland Bay Bridge', 'ORG'), 'Structural');
    assert.equal(typeOf(text, 'Crystal Palace', 'ORG'), 'OrganizationSports');
    // A listed structure of several words, whatever its last word.
    assert.equal(typeOf('The Statue of Liberty reopened.', 'Statue of Liberty', 'ORG'), 'Structural');
  });
  it('reads a person named like a place, where the tagger read an unsure place', () => {
    const at = (text: string, name: string, confidence: number) => typeOf(text, name, 'LOC', confidence);
    assert.equal(at('Sydney Sweeney starred in it.', 'Sydney Sweeney', 0.44), 'Person');
    // Not where the tagger was sure, nor a place's noun or another place after the first word.
    assert.equal(at('Sydney Sweeney starred in it.', 'Sydney Sweeney', 0.9), 'Location');
    assert.equal(at('We walked to Sydney Harbour.', 'Sydney Harbour', 0.44), 'Location');
    assert.equal(at('We met in Victoria Park.', 'Victoria Park', 0.44), 'City');
    assert.equal(at('the 1993 Phoenix Team', 'Phoenix Team', 0.44), 'Location');
  });
  it('reads a name no list knows, which the tagger read as a place, where one eats or shops, as the business', () => {
    assert.equal(typeOf('We went shopping at Target on Main Street.', 'Target', 'LOC'), 'Organization');
    assert.equal(typeOf('We ate at Zorbo Grill in Austin.', 'Zorbo Grill', 'LOC'), 'Organization');
    // A listed place stays one; so does a home.
    assert.equal(typeOf('We had lunch at Pike Place Market.', 'Pike Place Market', 'LOC'), 'Structural');
    assert.equal(typeOf("We ate at Zorbo's place.", 'Zorbo', 'LOC'), 'Person');
  });
  it("reads an airport the tagger read as an organisation by its name's end", () => {
    assert.equal(
      typeOf('Pickup at Orlando International Airport.', 'Orlando International Airport', 'ORG'),
      'Airport',
    );
  });
  it('reads a listed maker the tagger read as a place no list knows as the organisation', () => {
    assert.equal(typeOf('The VPN client (Cisco AnyConnect) failed.', 'Cisco', 'LOC'), 'Organization');
  });
  it("drops a clinical note's vital sign before its reading, not the company", () => {
    assert.equal(typeOf('BP 142/90, HR 88 bpm.', 'BP', 'ORG'), undefined);
    assert.equal(typeOf('BP: 120/80 today.', 'BP', 'ORG'), undefined);
    assert.equal(typeOf('BP shares fell 3%.', 'BP', 'ORG'), 'Organization');
  });
  it("types a region as a Location, the tagger's organisation for one too, not a union of countries", () => {
    const text = 'Sales in the Middle East, the Baltics and APAC rose; the EU agreed; see Scandinavia.';
    assert.equal(typeOf(text, 'Middle East', 'LOC'), 'Location');
    assert.equal(typeOf(text, 'Baltics', 'ORG'), 'Location');
    assert.equal(typeOf(text, 'APAC', 'ORG'), 'Location');
    assert.equal(typeOf(text, 'EU', 'ORG'), 'Organization');
    // Not WordNet's peninsula.
    assert.equal(typeOf(text, 'Scandinavia', 'LOC'), 'Location');
  });
  it('drops an owner before a listed place the tagger read as an organisation', () => {
    assert.deepEqual(refined('Our Munich office opened.', 'Our Munich', 'ORG'), ['Munich', 'City']);
    assert.deepEqual(refined('My London flat is small.', 'My London', 'MISC'), ['London', 'City']);
    // A name that starts so, of which the rest is no place, stays whole.
    assert.deepEqual(refined('She sang with My Chemical Romance.', 'My Chemical Romance', 'ORG'), [
      'My Chemical Romance',
      'Organization',
    ]);
  });
  it('types medical organisations', () => {
    assert.equal(typeOf('She was treated at Mayo Clinic.', 'Mayo Clinic', 'ORG'), 'OrganizationMedical');
    assert.equal(
      typeOf('A nurse at Swedish Medical Center.', 'Swedish Medical Center', 'ORG'),
      'OrganizationMedical',
    );
    assert.equal(typeOf('Guidance from the WHO.', 'WHO', 'ORG'), 'OrganizationMedical');
    assert.equal(typeOf('Pfizer shares rose.', 'Pfizer', 'ORG'), 'OrganizationMedical');
    // A health system named "<Name> Health"; not a ministry or a magazine.
    assert.equal(typeOf('Sutter Health announced it.', 'Sutter Health', 'ORG'), 'OrganizationMedical');
    assert.equal(typeOf('The Ministry of Health said.', 'Ministry of Health', 'ORG'), 'Organization');
    assert.equal(typeOf("Read it in Men's Health.", "Men's Health", 'ORG'), 'Organization');
  });
  it('types stock exchanges', () => {
    assert.equal(typeOf('Listed on the NYSE.', 'NYSE', 'ORG'), 'OrganizationStockExchange');
    assert.equal(typeOf('Listed on Nasdaq.', 'Nasdaq', 'ORG'), 'OrganizationStockExchange');
    const lse = 'Listed on the London Stock Exchange.';
    assert.equal(typeOf(lse, 'London Stock Exchange', 'ORG'), 'OrganizationStockExchange');
    const bse = 'Listed on the Nairobi Securities Exchange.';
    assert.equal(typeOf(bse, 'Nairobi Securities Exchange', 'ORG'), 'OrganizationStockExchange');
  });
  it('types clubs and leagues', () => {
    const text = 'Manchester United, the Seattle Seahawks, the NBA, FIFA and Stoke City FC.';
    assert.equal(typeOf(text, 'Manchester United', 'ORG'), 'OrganizationSports');
    assert.equal(typeOf(text, 'Seattle Seahawks', 'ORG'), 'OrganizationSports');
    assert.equal(typeOf(text, 'NBA', 'ORG'), 'OrganizationSports');
    assert.equal(typeOf(text, 'FIFA', 'ORG'), 'OrganizationSports');
    assert.equal(typeOf(text, 'Stoke City FC', 'ORG'), 'OrganizationSports');
    assert.equal(typeOf('Barcelona beat Juventus 2-1.', 'Barcelona', 'ORG'), 'OrganizationSports');
    // A listed team's plural nickname, when the tagger found it: "Baltimore Ravens" -> "Ravens".
    const game = 'The Chiefs beat the Ravens 27-24.';
    assert.equal(typeOf(game, 'Ravens', 'ORG'), 'OrganizationSports');
    assert.equal(typeOf(game, 'Chiefs', 'ORG'), 'OrganizationSports');
    // A listed club's name without its "FC".
    assert.equal(typeOf('Arsenal beat Chelsea 2-0.', 'Arsenal', 'ORG'), 'OrganizationSports');
    assert.equal(typeOf('Arsenal beat Chelsea 2-0.', 'Chelsea', 'ORG'), 'OrganizationSports');
  });
  it('types a listed club the tagger read as a place, and keeps places places', () => {
    const text = 'The Warriors beat the Boston Celtics in Boston.';
    assert.equal(typeOf(text, 'Boston Celtics', 'LOC'), 'OrganizationSports');
    assert.equal(typeOf(text, 'Warriors', 'LOC'), 'OrganizationSports');
    assert.equal(typeOf(text, 'Boston', 'LOC'), 'City');
    assert.equal(typeOf('Shares of Zorbex fell.', 'Zorbex', 'LOC'), 'Location');
  });
  it('types a listed organisation named like a river as the organisation after a role and "of"', () => {
    assert.equal(typeOf('Jeff Bezos stepped down as CEO of Amazon.', 'Amazon', 'LOC'), 'Organization');
    assert.equal(typeOf('He is the founder of Amazon.', 'Amazon', 'LOC'), 'Organization');
    assert.equal(typeOf('We sailed up the Amazon to Manaus.', 'Amazon', 'LOC'), 'Geological');
    assert.equal(typeOf('the source of Amazon waters', 'Amazon', 'LOC'), 'Geological');
  });
  it('reads "a Delaware corporation" as the place of incorporation, not an organisation', () => {
    const text = 'Fabrikam Inc., a Delaware corporation, and Acme, a Texas limited liability company.';
    for (const [tagged, place, type] of [
      ['Delaware corporation', 'Delaware', 'State'],
      ['Texas limited liability company', 'Texas', 'State'],
    ] as const) {
      assert.deepEqual(refined(text, tagged, 'ORG'), [place, type]);
    }
    assert.equal(
      typeOf('Shares of Contoso Trading Company fell.', 'Contoso Trading Company', 'ORG'),
      'Organization',
    );
    assert.deepEqual(refined('MEETING IN THE NEW YORK OFFICE', 'NEW YORK OFFICE', 'ORG'), [
      'NEW YORK',
      'City',
    ]);
  });
  it('reads a town the tagger called ORG as the place after "in", not a club after "visiting" or before "\'s"', () => {
    const at = (text: string, name: string): [string, string | undefined] => refined(text, name, 'ORG');
    assert.deepEqual(at('The band was formed in Liverpool in 1960.', 'Liverpool'), ['Liverpool', 'City']);
    assert.deepEqual(at('Based in Toyota City, Aichi.', 'Toyota City'), ['Toyota City', 'City']);
    // An English county, listed as a GPE above any small town of its name.
    assert.deepEqual(at('Snow fell across Yorkshire.', 'Yorkshire'), ['Yorkshire', 'GPE']);
    assert.equal(typeOf('Snow fell in Yorkshire.', 'Yorkshire', 'LOC'), 'GPE');
    assert.deepEqual(at('Newcastle beat visiting Liverpool 2-1.', 'Liverpool'), [
      'Liverpool',
      'OrganizationSports',
    ]);
    assert.deepEqual(at("A hat-trick in Liverpool's 3-0 win.", 'Liverpool'), [
      'Liverpool',
      'OrganizationSports',
    ]);
    assert.deepEqual(at('The flight from JFK was late.', 'JFK'), ['JFK', 'Airport']);
  });
  it('reads a town the tagger called ORG at either end of a journey "from ... to ..." as the place', () => {
    const at = (text: string, name: string): [string, string | undefined] => refined(text, name, 'ORG');
    assert.deepEqual(at('The train from Paris to Lyon was late.', 'Lyon'), ['Lyon', 'City']);
    assert.deepEqual(at('We flew from Lyon to Madrid.', 'Lyon'), ['Lyon', 'City']);
    assert.deepEqual(at('We drove all night from Leeds to Newcastle.', 'Newcastle'), ['Newcastle', 'City']);
    // Without a word of travel a club's move between clubs stays the clubs.
    assert.deepEqual(at('His move from Lyon to Chelsea cost £20m.', 'Lyon'), ['Lyon', 'OrganizationSports']);
    assert.deepEqual(at('His move from Lyon to Chelsea cost £20m.', 'Chelsea'), [
      'Chelsea',
      'OrganizationSports',
    ]);
    assert.deepEqual(at('Lyon lost to Marseille.', 'Marseille'), ['Marseille', 'OrganizationSports']);
  });
  it('reads a town the tagger called PER on a journey "from ... to ..." as the place, and only there', () => {
    const at = (text: string, name: string): [string, string | undefined] => refined(text, name, 'PER');
    assert.deepEqual(at('We flew Delta from Atlanta to Denver on a Boeing 757.', 'Denver'), [
      'Denver',
      'City',
    ]);
    assert.deepEqual(at('We drove from Charlotte to Raleigh.', 'Charlotte'), ['Charlotte', 'City']);
    assert.deepEqual(at('She gave the keys to Charlotte.', 'Charlotte'), ['Charlotte', 'Person']);
    assert.deepEqual(at('A letter from Charlotte to Emma.', 'Charlotte'), ['Charlotte', 'Person']);
  });
  it('reads a listed organisation named like a small town after "the", ending its phrase, as the organisation', () => {
    assert.equal(typeOf("We're throwing a party at the Hilton.", 'Hilton', 'LOC'), 'Organization');
    assert.equal(typeOf('We stayed at the Hilton downtown.', 'Hilton', 'LOC'), 'Organization');
    // Without "the", the town; a big city, or a town before a noun, stays the place.
    assert.equal(typeOf('He moved to Hilton, New York.', 'Hilton', 'LOC'), 'City');
    assert.equal(typeOf('Leading results in the Brussels', 'Brussels', 'LOC'), 'City');
    assert.equal(typeOf('the States of the Union to assemble', 'Union', 'LOC'), 'City');
    assert.equal(typeOf('Dealers in the Hilton office said', 'Hilton', 'LOC'), 'City');
  });
  it('types a listed city, then a listed airport it serves, as the airport', () => {
    assert.equal(typeOf('The flight from London Heathrow was late.', 'London Heathrow', 'LOC'), 'Airport');
    assert.equal(
      typeOf('She flew into Paris Charles de Gaulle.', 'Paris Charles de Gaulle', 'LOC'),
      'Airport',
    );
    // No listed airport after the city, or no city before the airport: as before.
    assert.equal(typeOf('He lives in London Bridge.', 'London Bridge', 'LOC'), 'Structural');
    assert.equal(typeOf('We met at Zorblax Heathrow.', 'Zorblax Heathrow', 'LOC'), 'Location');
  });
  it('drops a region named as a time zone', () => {
    assert.equal(typeOf('The call is at 9 am Pacific time on Monday.', 'Pacific', 'LOC'), undefined);
    assert.equal(typeOf('It starts at 8 pm Eastern Standard Time.', 'Eastern', 'LOC'), undefined);
    assert.equal(typeOf('They sailed across the Pacific in 1947.', 'Pacific', 'LOC'), 'Geological');
    assert.equal(typeOf('Flights to Central America resumed.', 'Central America', 'LOC'), 'Continent');
  });
  it('types a listed product of two words or more that the tagger read as ORG', () => {
    const text = 'We run on Microsoft Azure and talk on Microsoft Teams; Zoom fell.';
    assert.equal(typeOf(text, 'Microsoft Azure', 'ORG'), 'ComputingProduct');
    assert.equal(typeOf(text, 'Microsoft Teams', 'ORG'), 'ComputingProduct');
    assert.equal(typeOf(text, 'Zoom', 'ORG'), 'Organization');
  });
  it("keeps a company whose name ends in a storm's head word a company ('Activision Blizzard')", () => {
    const text = 'Microsoft bought Activision Blizzard and went to Microsoft Ignite.';
    assert.equal(typeOf(text, 'Activision Blizzard', 'ORG'), 'Organization');
    assert.equal(typeOf(text, 'Microsoft Ignite', 'ORG'), 'Event');
  });
  it("keeps a leading adjective of the tagger's event name ('Global Azure Bootcamp')", () => {
    const text = 'The Global Azure Bootcamp and the Annual Report.';
    assert.equal(typeOf(text, 'Global Azure Bootcamp', 'ORG'), 'Event');
  });
  it('types a listed conference with the place of its edition as the event, as ORG or LOC', () => {
    const text = 'We spoke at KubeCon Europe and at Web Summit Lisbon, near Wimbledon Park.';
    assert.equal(typeOf(text, 'KubeCon Europe', 'LOC'), 'Event');
    assert.equal(typeOf(text, 'Web Summit Lisbon', 'ORG'), 'Event');
    assert.equal(typeOf(text, 'Wimbledon Park', 'LOC'), 'Location');
  });
  it('keeps Organization otherwise', () => {
    assert.equal(typeOf('The CEO of Contoso spoke.', 'Contoso', 'ORG'), 'Organization');
    assert.equal(typeOf('See you at Microsoft Ignite.', 'Microsoft Ignite', 'ORG'), 'Event');
    assert.equal(typeOf('Toyota recalled 1.9 million cars.', 'Toyota', 'ORG'), 'Organization');
    assert.equal(typeOf('Barcelona beat Juventus.', 'Barcelona', 'ORG'), 'OrganizationSports');
    assert.equal(typeOf('Microsoft was founded by Bill Gates.', 'Microsoft', 'ORG'), 'Organization');
    assert.equal(typeOf('The Arab League met.', 'Arab League', 'ORG'), 'Organization');
  });
});

describe('refiner: PER', () => {
  const issue = 'I paid $200 for a 3-night stay at the Hyatt. The CEO of Contoso, John Smith, will speak.';
  it('keeps people as Person', () => {
    assert.equal(typeOf(issue, 'John Smith', 'PER'), 'Person');
    assert.equal(typeOf('Paris Hilton arrived.', 'Paris Hilton', 'PER'), 'Person');
    assert.equal(typeOf('He met Hilton yesterday.', 'Hilton', 'PER'), 'Person');
    assert.equal(typeOf('Georgia said hello.', 'Georgia', 'PER'), 'Person');
  });
  it('re-types an institution, and a river or building after "the"; keeps a surname that is a town', () => {
    assert.equal(typeOf('She was admitted to Mayo Clinic.', 'Mayo Clinic', 'PER'), 'OrganizationMedical');
    assert.equal(typeOf('He studied at Stanford University.', 'Stanford University', 'PER'), 'Organization');
    assert.equal(typeOf('We visited Fushimi Inari Shrine.', 'Fushimi Inari Shrine', 'PER'), 'Structural');
    assert.equal(typeOf('It is in Toyota City, Aichi Prefecture.', 'Aichi Prefecture', 'PER'), 'GPE');
  });
  it("types a name defined as a place as that place, not a person's role", () => {
    assert.equal(typeOf('Coron is in the province of Palawan.', 'Coron', 'PER'), 'Location');
    assert.equal(typeOf('Busuanga is a municipality in Palawan.', 'Busuanga', 'PER'), 'City');
    assert.equal(typeOf('Kinsale is a historic port town in County Cork.', 'Kinsale', 'PER'), 'City');
    assert.equal(typeOf('Tbilisi is a city in Georgia.', 'Tbilisi', 'PER'), 'City');
    assert.equal(typeOf('Smith was a town planner in Leeds.', 'Smith', 'PER'), 'Person');
    assert.equal(typeOf('Alice is in London.', 'Alice', 'PER'), 'Person');
    // A listed place before a company's site: "our Redmond campus"; not a person's office hours.
    assert.equal(typeOf('We meet at our Redmond campus.', 'Redmond', 'PER'), 'City');
    assert.equal(typeOf('It moved into Georgia and the Carolinas.', 'Carolinas', 'PER'), 'GPE');
    // A major place that is no one's name, whatever the tagger says; one that people bear stays theirs.
    assert.equal(typeOf('Tbilisi is the capital.', 'Tbilisi', 'PER'), 'City');
    assert.equal(typeOf('Jordan scored twice.', 'Jordan', 'PER'), 'Person');
    assert.equal(typeOf('See Jordan office hours.', 'Jordan', 'PER'), 'Person');
    assert.equal(typeOf('Shirley Temple sang.', 'Shirley Temple', 'PER'), 'Person');
    assert.equal(typeOf('The Nile is long.', 'Nile', 'PER'), 'Geological');
    assert.equal(typeOf('Aides to the Dole campaign said so.', 'Dole', 'PER'), 'Person');
  });
  it('reads a parliament as an organisation, whatever the tagger said and however sure it was', () => {
    const text = 'The Bundestag and the European Parliament met; Modi addressed the Lok Sabha.';
    const at = (name: string, label: ModelLabel, confidence: number) =>
      refine(text, { start: text.indexOf(name), end: text.indexOf(name) + name.length, label, confidence })
        ?.type;
    assert.equal(at('Bundestag', 'MISC', 0.31), 'Organization');
    assert.equal(at('European Parliament', 'MISC', 0.68), 'Organization');
    assert.equal(at('Lok Sabha', 'PER', 0.5), 'Organization');
  });
  it('reads a name defined as an organisation as one, whatever the tagger said', () => {
    const text = 'Pink Floyd were an English rock band formed in London.';
    assert.equal(typeOf(text, 'Pink Floyd', 'PER'), 'Organization');
    assert.equal(
      typeOf('Ajax is a Dutch football club based in Amsterdam.', 'Ajax', 'LOC'),
      'OrganizationSports',
    );
    assert.equal(typeOf('Mary is a team player.', 'Mary', 'PER'), 'Person');
  });
  it('reads a place before "region" as a region, and a county after a town as the county', () => {
    assert.equal(typeOf('Kyoto is in the Kansai region of Japan.', 'Kansai', 'LOC'), 'GPE');
    assert.equal(typeOf('It formed in Abingdon, Oxfordshire, in 1985.', 'Oxfordshire', 'ORG'), 'GPE');
    assert.equal(typeOf('Yorkshire beat Lancashire.', 'Yorkshire', 'ORG'), 'Organization');
  });
  it('reads a company or a maker before what it sells as the organisation, not a person', () => {
    assert.equal(typeOf('I bought Heinz ketchup.', 'Heinz', 'PER'), 'Organization');
    assert.equal(typeOf('Her Bose speakers broke.', 'Bose', 'PER'), 'Organization');
    assert.equal(typeOf('Ask Heinz about it.', 'Heinz', 'PER'), 'Person');
    assert.equal(typeOf('Zorblax speakers are loud.', 'Zorblax', 'PER'), 'Person');
  });
  it('reads a name where one eats or shops as the business, not a home named by its owner', () => {
    assert.equal(typeOf('We ate at Olive Garden twice.', 'Olive Garden', 'PER'), 'Organization');
    assert.equal(typeOf('Lunch at Tony Roma was fine.', 'Tony Roma', 'PER'), 'Organization');
    assert.equal(typeOf('I ordered from Domino yesterday.', 'Domino', 'PER'), 'Organization');
    assert.equal(typeOf('Book a table for 6 at Nobu tonight.', 'Nobu', 'PER'), 'Organization');
    assert.equal(typeOf('I have a reservation at Nobu.', 'Nobu', 'PER'), 'Organization');
    assert.equal(typeOf("We had dinner at Sarah's.", 'Sarah', 'PER'), 'Person');
    assert.equal(typeOf('We had dinner with Mike Jones.', 'Mike Jones', 'PER'), 'Person');
  });
  it('reads a major place after a number or a place and a comma as the next part of an address', () => {
    assert.equal(typeOf('We meet in Building 92, Redmond at noon.', 'Redmond', 'PER'), 'City');
    assert.equal(typeOf('She moved to Dallas, Texas last year.', 'Texas', 'PER'), 'State');
    assert.equal(typeOf('Thanks to Smith, Jordan and Lee.', 'Jordan', 'PER'), 'Person');
    assert.equal(typeOf('By 1859, Norton had become famous.', 'Norton', 'PER'), 'Person');
    assert.equal(typeOf('On January 8, 1880, Norton collapsed.', 'Norton', 'PER'), 'Person');
    assert.equal(typeOf('Born in England, Norton spent years abroad.', 'Norton', 'PER'), 'Person');
  });
  it("leaves a letter's greeting out of the name", () => {
    const text = 'Dear Mr. Johnson, your order shipped. Hi Sarah!';
    for (const [tagged, name] of [
      ['Dear Mr. Johnson', 'Johnson'],
      ['Hi Sarah', 'Sarah'],
    ] as const) {
      assert.deepEqual(refined(text, tagged, 'PER'), [name, 'Person']);
    }
    assert.deepEqual(refined('Dear Hiring Committee, hello.', 'Dear Hiring Committee', 'ORG'), [
      'Hiring Committee',
      'Organization',
    ]);
  });
  it('leaves an honorific out of the name, as Azure does ("Dr. Smith": "Smith")', () => {
    const text = 'Dr. Smith met Mr John Smith, Prof. Lee, Dr . Cox and Sir Cliff Richard; Mr. President.';
    for (const [tagged, name] of [
      ['Dr. Smith', 'Smith'],
      ['Mr John Smith', 'John Smith'],
      ['Prof. Lee', 'Lee'],
      ['Dr . Cox', 'Cox'],
      ['Sir Cliff Richard', 'Cliff Richard'],
      ['Mr. President', 'Mr. President'],
    ] as const) {
      assert.deepEqual(refined(text, tagged, 'PER'), [name, 'Person'], tagged);
    }
    // Only before a capital, and only a person's.
    assert.deepEqual(refined('Miss Marple and Dr. who?', 'Miss Marple', 'PER'), ['Miss Marple', 'Person']);
    assert.deepEqual(refined('Visit Dr. Martens today.', 'Dr. Martens', 'ORG'), [
      'Dr. Martens',
      'Organization',
    ]);
  });
  it("keeps the 's of a company named so, not a possessive", () => {
    const text = "Lunch at McDonald's, then Deloitte's audit.";
    assert.deepEqual(refined(text, 'McDonald', 'PER'), ["McDonald's", 'Organization']);
    assert.deepEqual(refined(text, 'McDonald', 'ORG'), ["McDonald's", 'Organization']);
    assert.deepEqual(refined(text, 'Deloitte', 'ORG'), ['Deloitte', 'Organization']);
    const clinic = "A surgeon at Seattle Children's operated.";
    assert.deepEqual(refined(clinic, 'Seattle Children', 'LOC'), [
      "Seattle Children's",
      'OrganizationMedical',
    ]);
  });
  it("types a street by name as Azure's street-level Address, a listed one as listed", () => {
    assert.equal(typeOf('A fire on Elm Street.', 'Elm Street', 'LOC'), 'Address');
    assert.equal(typeOf('We drove down Sunset Blvd.', 'Sunset Blvd', 'LOC'), 'Address');
    assert.equal(typeOf('Wall Street rallied.', 'Wall Street', 'LOC'), 'Structural');
    assert.equal(typeOf('Leeds won at Elland Road.', 'Elland Road', 'LOC'), 'Structural');
    // Not a person's name that ends like one.
    assert.equal(typeOf('Barry Lane won.', 'Barry Lane', 'PER'), 'Person');
  });
  it('takes a listed place the tagger cut before "of" whole, in any case', () => {
    const text = 'the United States of America, the UNITED STATES OF AMERICA and Congo.';
    assert.deepEqual(refined(text, 'United States', 'LOC'), ['United States of America', 'CountryRegion']);
    assert.deepEqual(refined(text, 'UNITED STATES', 'LOC'), ['UNITED STATES OF AMERICA', 'CountryRegion']);
    const congo = 'Peace in the Democratic Republic of the Congo.';
    assert.deepEqual(refined(congo, 'Democratic Republic', 'LOC'), [
      'Democratic Republic of the Congo',
      'CountryRegion',
    ]);
    // No listed name: the place alone.
    assert.deepEqual(refined('Paris of France.', 'Paris', 'LOC'), ['Paris', 'City']);
  });
  it('takes a university\'s campus named by "at" and its place into the name', () => {
    const text = 'She left the University of Texas at Austin for Texas A&M University at Galveston.';
    assert.deepEqual(refined(text, 'University of Texas', 'ORG'), [
      'University of Texas at Austin',
      'Organization',
    ]);
    assert.deepEqual(refined(text, 'Texas A&M University', 'ORG'), [
      'Texas A&M University at Galveston',
      'Organization',
    ]);
    const times = 'At Stanford University at Christmas, then Yale University at the time.';
    assert.deepEqual(refined(times, 'Stanford University', 'ORG'), ['Stanford University', 'Organization']);
    assert.deepEqual(refined(times, 'Yale University', 'ORG'), ['Yale University', 'Organization']);
  });
  it("reads a name the tagger called a person that opens with a mountain's title as the mountain", () => {
    const text = 'Hikers climbed Mont Blanc, Mt. Fuji and Mount Rainier; Monte Rosa too.';
    for (const name of ['Mont Blanc', 'Mt. Fuji', 'Mount Rainier', 'Monte Rosa'])
      assert.equal(typeOf(text, name, 'PER'), 'Geological', name);
    assert.equal(typeOf('Montgomery Burns laughed.', 'Montgomery Burns', 'PER'), 'Person');
  });
  it("takes a venue's head word after a person's name into the name, as the building", () => {
    const text =
      'Hamilton plays at the Richard Rodgers Theatre; the Ed Sullivan Theater is dark; Tom Hall spoke.';
    assert.deepEqual(refined(text, 'Richard Rodgers', 'PER'), ['Richard Rodgers Theatre', 'Structural']);
    assert.deepEqual(refined(text, 'Ed Sullivan Theater', 'PER'), ['Ed Sullivan Theater', 'Structural']);
    assert.deepEqual(refined(text, 'Tom Hall', 'PER'), ['Tom Hall', 'Person']);
  });
  it("takes a court's district or circuit and its place into the name, not a sentence after it", () => {
    const text = 'He sued in the U.S. District Court for the Southern District of New York. The judge ruled.';
    assert.deepEqual(refined(text, 'U.S. District Court', 'ORG'), [
      'U.S. District Court for the Southern District of New York',
      'Organization',
    ]);
    const appeal = 'The Court of Appeals for the Ninth Circuit ruled.';
    assert.deepEqual(refined(appeal, 'Court of Appeals', 'ORG'), [
      'Court of Appeals for the Ninth Circuit',
      'Organization',
    ]);
    const first = 'The Court for the first time ruled.';
    assert.deepEqual(refined(first, 'Court', 'ORG'), ['Court', 'Organization']);
  });
  it('re-types a name with an event head word as the event', () => {
    assert.equal(typeOf('Join our Azure AI Webinar today.', 'Azure AI Webinar', 'PER'), 'Event');
    assert.equal(typeOf('Tickets for the Fabrikam Annual Gala.', 'Fabrikam Annual Gala', 'PER'), 'Event');
    assert.equal(typeOf('Gala Dali painted.', 'Gala Dali', 'PER'), 'Person');
  });
  it('re-types a listed organisation of several words, not a listed surname alone', () => {
    const text = 'Kaiser Permanente and Northwind Traders signed; Dell spoke.';
    assert.equal(typeOf(text, 'Kaiser Permanente', 'PER'), 'OrganizationMedical');
    assert.equal(typeOf(text, 'Northwind Traders', 'PER'), 'Organization');
    assert.equal(typeOf(text, 'Dell', 'PER'), 'Person');
    // Companies named like a person: "awarded Lockheed Martin a contract".
    assert.equal(typeOf('It awarded Lockheed Martin a contract.', 'Lockheed Martin', 'PER'), 'Organization');
    // Investors, law firms, banks and auditors named after their founders.
    const firms =
      'The round was led by Andreessen Horowitz; Skadden Arps, Davis Polk and Bear Stearns advised.';
    for (const firm of ['Andreessen Horowitz', 'Skadden Arps', 'Davis Polk', 'Bear Stearns'])
      assert.equal(typeOf(firms, firm, 'PER'), 'Organization', firm);
    const camel = 'We paid with PayPal; McCarthy and LinkedIn agreed.';
    assert.equal(typeOf(camel, 'PayPal', 'PER'), 'Organization');
    assert.equal(typeOf(camel, 'LinkedIn', 'PER'), 'Organization');
    assert.equal(typeOf(camel, 'McCarthy', 'PER'), 'Person');
  });
  it('re-types a hotel or company after "the" as Organization', () => {
    assert.equal(typeOf(issue, 'Hyatt', 'PER'), 'Organization');
    assert.equal(typeOf('We stayed at the Ritz-Carlton.', 'Ritz-Carlton', 'PER'), 'Organization');
    assert.equal(typeOf('a night at The Marriott', 'Marriott', 'PER'), 'Organization');
  });
  it('reads an unlisted name the tagger read as an organisation, before a part of a town, as the place', () => {
    assert.equal(typeOf("in San Francisco's SoMa district", 'SoMa', 'ORG'), 'GPE');
    assert.equal(typeOf('in the Zorblax neighborhood', 'Zorblax', 'ORG'), 'Location');
    assert.equal(typeOf('a strong Zorblax quarter', 'Zorblax', 'ORG'), 'Organization');
  });
  it('reads an unlisted place named as a province as a state, a county or a district as a GPE', () => {
    assert.equal(typeOf('guerrillas in Sirnak province and six more', 'Sirnak', 'LOC'), 'State');
    assert.equal(typeOf("Colombia's northwest province of Antioquia", 'Antioquia', 'LOC'), 'State');
    assert.equal(typeOf('a route in Co Antrim today', 'Co Antrim', 'LOC'), 'GPE');
    assert.equal(typeOf('at Magilligan in County Derry', 'County Derry', 'LOC'), 'GPE');
    assert.equal(typeOf('the attack in the Karrada district of Baghdad', 'Karrada', 'LOC'), 'GPE');
    // A listed place keeps its type; an unlisted one elsewhere stays a bare Location.
    assert.equal(typeOf('in Ontario province', 'Ontario', 'LOC'), 'State');
    assert.equal(typeOf('the Karrada market', 'Karrada', 'LOC'), 'Location');
  });
  it('reads an unlisted place named or defined as a town as a city', () => {
    assert.equal(typeOf('in the coastal town of Bou Haroun today', 'Bou Haroun', 'LOC'), 'City');
    assert.equal(typeOf('The mayor of Acatepec, a small town south', 'Acatepec', 'LOC'), 'City');
    assert.equal(typeOf('the rebel-held village of Novye Atagi', 'Novye Atagi', 'LOC'), 'City');
  });
  it("drops a listed place's demonym before a noun: no Azure category covers nationalities", () => {
    assert.equal(typeOf('a restaurant in a Bahraini village', 'Bahraini', 'LOC'), undefined);
    assert.equal(typeOf('the Philippine government said', 'Philippine', 'LOC'), undefined);
    assert.equal(typeOf('shot people in Kenyan town of Mpeketoni', 'Kenyan', 'LOC'), undefined);
    // Not before a capitalised word.
    assert.notEqual(typeOf('sailing the Philippine Sea', 'Philippine', 'LOC'), undefined);
  });
  it('reads an unlisted name the tagger read as a place, where someone works, as the employer', () => {
    assert.equal(typeOf('The software engineer at Stripe moved.', 'Stripe', 'LOC'), 'Organization');
    assert.equal(typeOf('She works for Contoso Haus now.', 'Contoso Haus', 'LOC'), 'Organization');
    // Executives and the departments they head, in any case.
    assert.equal(
      typeOf('The Vice President of Engineering at Stripe joined.', 'Stripe', 'LOC'),
      'Organization',
    );
    assert.equal(typeOf('She is the CTO at Plaid now.', 'Plaid', 'LOC'), 'Organization');
    assert.equal(typeOf('The co-founder at Brex spoke.', 'Brex', 'LOC'), 'Organization');
    assert.equal(typeOf('The Chief Technology Officer at Plaid spoke.', 'Plaid', 'LOC'), 'Organization');
    assert.equal(typeOf('The head of marketing at Brex spoke.', 'Brex', 'LOC'), 'Organization');
    // A listed place stays one; so does a place after any other word.
    assert.equal(typeOf('The engineer at Boston moved.', 'Boston', 'LOC'), 'City');
    assert.equal(typeOf('We met at Stripe.', 'Stripe', 'LOC'), 'Location');
    // A name the tagger read as a person, where someone works ("at"), is a firm named after people.
    assert.equal(
      typeOf('Sarah, a partner at Baker McKenzie, said.', 'Baker McKenzie', 'PER'),
      'Organization',
    );
    assert.equal(typeOf('An analyst at Raymond James said.', 'Raymond James', 'PER'), 'Organization');
    assert.equal(typeOf('She works for John Smith now.', 'John Smith', 'PER'), 'Person');
    assert.equal(typeOf('I spoke with an analyst, Raymond James.', 'Raymond James', 'PER'), 'Person');
  });
  it("reads a listed town the tagger read as an organisation, before a company's site, as the town", () => {
    assert.equal(typeOf('Apple unveiled it at its Cupertino headquarters.', 'Cupertino', 'ORG'), 'City');
    assert.equal(typeOf('Jobs were cut at the Espoo campus.', 'Espoo', 'ORG'), 'City');
    // Not a town an organisation or a party bears the name of.
    assert.equal(typeOf('Jobs were cut at the Nokia office.', 'Nokia', 'ORG'), 'Organization');
    assert.equal(typeOf('From Liberal hq tonight.', 'Liberal', 'ORG'), 'Organization');
  });
  it('re-types a major place after a preposition of place', () => {
    assert.equal(typeOf('She lives in Georgia.', 'Georgia', 'PER'), 'CountryRegion');
    assert.equal(typeOf('Floods near Minnesota.', 'Minnesota', 'PER'), 'State');
    // "to" and "from" take people too.
    assert.equal(typeOf('He passed to Jordan.', 'Jordan', 'PER'), 'Person');
    assert.equal(typeOf('He was born in Jordan.', 'Jordan', 'PER'), 'CountryRegion');
    assert.equal(typeOf('a sports bar in downtown Denver', 'Denver', 'PER'), 'City');
    assert.equal(typeOf('offices in downtown Austin', 'Austin', 'ORG'), 'City');
    // Not a major place: stays a person.
    assert.equal(typeOf('She believed in Redmond.', 'Redmond', 'PER'), 'Person');
  });
});

describe('refiner: MISC', () => {
  it('drops nationality adjectives and languages, which Azure has no type for', () => {
    const fluent = 'She is fluent in Mandarin and Cantonese; he speaks Tagalog.';
    for (const name of ['Mandarin', 'Cantonese', 'Tagalog'])
      assert.equal(typeOf(fluent, name, 'LOC'), undefined, name);
    assert.equal(typeOf('She moved to Zorbex.', 'Zorbex', 'LOC'), 'Location');
    assert.equal(typeOf('He speaks in Paris often.', 'Paris', 'LOC'), 'City');
    assert.equal(typeOf('He speaks German and French.', 'German', 'MISC'), undefined);
    assert.equal(typeOf('He speaks German and French.', 'French', 'MISC'), undefined);
    assert.equal(typeOf('A Nobel Prize winner.', 'Nobel Prize', 'MISC'), undefined);
    assert.equal(typeOf('An Olympic champion.', 'Olympic', 'MISC'), undefined);
  });
  it("types the members of a people or a faith as PersonType ('human roles classified by a group membership')", () => {
    assert.equal(typeOf('Americans voted.', 'Americans', 'MISC'), 'PersonType');
    assert.equal(typeOf('Many Muslims and Christians live here.', 'Muslims', 'MISC'), 'PersonType');
    assert.deepEqual(refined('Many Americans travel.', 'Many Americans', 'PER'), ['Americans', 'PersonType']);
    // A team's nickname stays the team in a game's report.
    assert.equal(typeOf('Millions of Indians voted.', 'Indians', 'MISC'), 'PersonType');
    assert.equal(typeOf('The Indians won their fourth game.', 'Indians', 'MISC'), 'OrganizationSports');
    // Not an adjective.
    assert.equal(typeOf('An American company.', 'American', 'MISC'), undefined);
  });
  it('types a listed river or range the tagger called MISC, not a nationality named like a river', () => {
    const text = 'The Rhine rises in the Swiss Alps; the Canadian dollar fell.';
    assert.equal(typeOf(text, 'Rhine', 'MISC'), 'Geological');
    assert.equal(typeOf(text, 'Swiss Alps', 'MISC'), 'Geological');
    assert.equal(typeOf(text, 'Canadian', 'MISC'), undefined);
  });
  it('types events, products and programming languages', () => {
    assert.equal(typeOf('He won the World Cup.', 'World Cup', 'MISC'), 'SportsEvent');
    assert.equal(typeOf('At Euro 96 England lost.', 'Euro 96', 'MISC'), 'SportsEvent');
    assert.equal(typeOf('During World War II.', 'World War II', 'MISC'), 'Event');
    assert.equal(typeOf('On Christmas Eve.', 'Christmas Eve', 'MISC'), 'CulturalEvent');
    assert.equal(typeOf('It runs Windows 95.', 'Windows 95', 'MISC'), 'ComputingProduct');
    assert.equal(typeOf('A Boeing 747 landed.', 'Boeing 747', 'MISC'), 'Product');
    assert.equal(typeOf('He codes in Python and C#.', 'Python', 'MISC'), 'Skill');
    assert.equal(typeOf('He codes in Python and C#.', 'C#', 'MISC'), 'Skill');
    assert.equal(typeOf('He won the Canadian Open.', 'Canadian Open', 'MISC'), 'SportsEvent');
    assert.equal(typeOf('Stage 3 of the Tour of Switzerland.', 'Tour of Switzerland', 'MISC'), 'SportsEvent');
    assert.equal(typeOf('Leaders in the American League.', 'American League', 'MISC'), 'OrganizationSports');
  });
  it("types a name whose last word is an institution's as an organisation", () => {
    const text = 'She spoke at the World Economic Forum and the Mayo Foundation Clinic, then Forum.';
    assert.equal(typeOf(text, 'World Economic Forum', 'MISC'), 'Organization');
    assert.equal(typeOf(text, 'Mayo Foundation Clinic', 'MISC'), 'OrganizationMedical');
    assert.equal(typeOf(text, 'Forum', 'MISC'), undefined);
  });
  it('needs the whole span to be the name', () => {
    assert.equal(typeOf('The World Cup Willie song.', 'World Cup Willie', 'MISC'), undefined);
  });
  it("types a listed product with its model or a name no word spells, and an edition's name after it", () => {
    const text = 'The ThinkPad X1 Carbon runs macOS Sonoma? No: Windows Vista Home Premium; ask Siri Jones.';
    assert.equal(typeOf(text, 'ThinkPad X1 Carbon', 'MISC'), 'ComputingProduct');
    assert.equal(typeOf(text, 'macOS Sonoma', 'MISC'), 'ComputingProduct');
    // The tagger reads "macOS Sonoma" as a person: no person's name starts in lower case.
    assert.equal(typeOf(text, 'macOS Sonoma', 'PER'), 'ComputingProduct');
    // A product listed with its model number ("Ford F-150"), read by the tagger as its maker.
    const truck = 'The new Ford F-150 Lightning is electric.';
    assert.equal(typeOf(truck, 'Ford F-150 Lightning', 'ORG'), 'Product');
    // An edition joined by a hyphen is no English phrase: "Mach-E".
    const mache = 'The Ford Mustang Mach-E outsold the Bolt.';
    assert.equal(typeOf(mache, 'Ford Mustang Mach-E', 'ORG'), 'Product');
    // A maker's name before its listed product is part of it.
    const gpu = 'He upgraded to an NVIDIA GeForce RTX 4090 for gaming.';
    assert.equal(typeOf(gpu, 'NVIDIA GeForce RTX 4090', 'MISC'), 'ComputingProduct');
    // Without a model, a name English spells gets no edition: "Siri Jones" is a person.
    assert.equal(typeOf(text, 'Siri Jones', 'MISC'), undefined);
    assert.equal(typeOf(text, 'Siri Jones', 'PER'), 'Person');
    // Nor a flight's number, a list or three words or more after the product.
    assert.equal(
      typeOf('The Airbus 310 Flight 150 was hijacked.', 'Airbus 310 Flight 150', 'MISC'),
      undefined,
    );
    assert.equal(typeOf('Skills: MySQL , Perl , OO , Java', 'MySQL , Perl , OO', 'MISC'), undefined);
    assert.equal(
      typeOf('The ThinkPad X1 Carbon Gen Eleven Black.', 'ThinkPad X1 Carbon Gen Eleven', 'MISC'),
      undefined,
    );
  });
  it('types a name with a version or edition as a Product, not numbered leagues, indexes or headlines', () => {
    assert.equal(typeOf('She installed Zorbwrite 3.1 today.', 'Zorbwrite 3.1', 'MISC'), 'Product');
    assert.equal(typeOf('She installed ZorbWrite 7 today.', 'ZorbWrite 7', 'MISC'), 'Product');
    assert.equal(typeOf('Under Rule 37 and Factor 1.', 'Rule 37', 'MISC'), undefined);
    assert.equal(typeOf('As Fillmore 1968 argued.', 'Fillmore 1968', 'MISC'), undefined);
    assert.equal(typeOf('See Figure 2 above.', 'Figure 2', 'MISC'), undefined);
    assert.equal(typeOf('The new ZorBix Ultra ships.', 'ZorBix Ultra', 'MISC'), 'Product');
    assert.equal(typeOf('At the Blumenfeld Studio.', 'Blumenfeld Studio', 'MISC'), undefined);
    assert.equal(typeOf('On BBC 1 tonight.', 'BBC 1', 'MISC'), undefined);
    assert.equal(typeOf('We moved to Frobnik 3.1 Pro.', 'Frobnik 3.1 Pro', 'MISC'), 'Product');
    assert.equal(typeOf('Promoted to Division 1.', 'Division 1', 'MISC'), undefined);
    assert.equal(typeOf('The FTSE 100 fell.', 'FTSE 100', 'MISC'), undefined);
    assert.equal(typeOf('WATER DISTRICT 1 bonds.', 'WATER DISTRICT 1', 'MISC'), undefined);
    // Not a product; the listed championship, a sports organisation.
    assert.equal(typeOf('Formula One drivers.', 'Formula One', 'MISC'), 'OrganizationSports');
  });
});

describe('refiner: office abbreviations', () => {
  it('drops an abbreviation that is no name, whatever the tagger called it, in its exact case only', () => {
    const mail = 'Please send the signed NDA and the SOW by EOD; our KPI and ROI targets are in the SLA.';
    for (const [name, label] of [
      ['NDA', 'ORG'],
      ['SOW', 'ORG'],
      ['EOD', 'MISC'],
      ['KPI', 'ORG'],
      ['ROI', 'PER'],
      ['SLA', 'LOC'],
    ] as const) {
      assert.equal(typeOf(mail, name, label), undefined, name);
    }
    assert.equal(typeOf('B.Sc. in Computer Science, 2015', 'B.Sc. in Computer Science', 'ORG'), undefined);
    assert.equal(typeOf('An MBA in Finance helps.', 'MBA in Finance', 'MISC'), undefined);
    for (const degree of [
      'Bachelor of Science in Computer Science',
      "Master's Degree in Education",
      'Associate Degree in Nursing',
      'Bachelor of Arts in History',
    ])
      assert.equal(typeOf(`${degree}, Stanford University, 2015.`, degree, 'ORG'), undefined, degree);
    // A school named "Bachelor ..." stays.
    assert.equal(typeOf('Bachelor Institute of Arts', 'Bachelor Institute of Arts', 'ORG'), 'Organization');
    const ticket =
      'The VPN drops; GDPR applies; add RAM to the CPU board over USB; the SSL and TLS certificates; an SMS.';
    for (const name of ['VPN', 'GDPR', 'RAM', 'CPU', 'USB', 'SSL', 'TLS', 'SMS']) {
      assert.equal(typeOf(ticket, name, 'ORG'), undefined, name);
    }
    const firmware =
      "My Dell won't boot after the BIOS update; the DNS, the SDK and the HDD; a CPA license; SOC 2.";
    for (const name of ['BIOS', 'DNS', 'SDK', 'HDD', 'CPA', 'SOC']) {
      assert.equal(typeOf(firmware, name, 'ORG'), undefined, name);
    }
    assert.equal(typeOf("A Bachelor's degree in Computer Science.", 'Bachelor', 'PER'), undefined);
    const loan = 'The loan bears interest at SOFR plus 2.50%, once LIBOR; EBIT rose.';
    for (const name of ['SOFR', 'LIBOR', 'EBIT']) {
      assert.equal(typeOf(loan, name, 'ORG'), undefined, name);
    }
    const resume = 'An MBA from Wharton, a PhD from MIT; ship 250 units of SKU 88-1234.';
    for (const name of ['MBA', 'PhD', 'SKU']) assert.equal(typeOf(resume, name, 'ORG'), undefined, name);
    const form = 'Enter your SSN, the OTP and the PIN; R&D in HVAC uses TIG welding and GPS.';
    for (const name of ['SSN', 'OTP', 'PIN', 'R&D', 'HVAC', 'TIG', 'GPS'])
      assert.equal(typeOf(form, name, 'ORG'), undefined, name);
    const attention = 'Contoso Corp, Attn: Billing, 123 Main St; Payroll runs on Fridays.';
    for (const name of ['Billing', 'Payroll']) assert.equal(typeOf(attention, name, 'PER'), undefined, name);
    const chart = 'Moved from the ICU after a normal ECG.';
    for (const name of ['ICU', 'ECG']) assert.equal(typeOf(chart, name, 'ORG'), undefined, name);
    const letter = 'Read the Terms of Service. Best Regards, Tom';
    for (const name of ['Terms of Service', 'Best Regards'])
      assert.equal(typeOf(letter, name, 'ORG'), undefined);
    const ops = 'The QA team moved our CRM to a SaaS vendor before the QBR.';
    for (const name of ['QA', 'CRM', 'SaaS', 'QBR']) assert.equal(typeOf(ops, name, 'ORG'), undefined, name);
    assert.equal(typeOf('See you at the All Hands on Friday.', 'All Hands', 'LOC'), undefined);
    // A department before "team" is no organisation; a company's name before the department is.
    assert.equal(typeOf('FYI: the Finance team approved it.', 'Finance', 'ORG'), undefined);
    assert.equal(
      typeOf('Congrats to the Platform Engineering team!', 'Platform Engineering', 'ORG'),
      undefined,
    );
    assert.deepEqual(refined('A call with the Contoso Procurement team.', 'Contoso Procurement', 'ORG'), [
      'Contoso',
      'Organization',
    ]);
    assert.equal(typeOf('The Australian team won.', 'Australian', 'ORG'), 'Organization');
  });
  it('keeps names that look like them: ETA (an organisation in news), longer names, other cases', () => {
    assert.equal(typeOf('ETA claimed the attack.', 'ETA', 'ORG'), 'Organization');
    assert.equal(typeOf('The NDA Group signed.', 'NDA Group', 'ORG'), 'Organization');
    assert.equal(typeOf('Roi Levi scored.', 'Roi', 'PER'), 'Person');
  });
});

describe('refiner: fast paths agree with the general rules', () => {
  it('normalises accents, spacing and case before the lists', () => {
    assert.equal(typeOf('Rain in  Tōhoku  Region today.', 'Tōhoku  Region', 'LOC'), 'GPE');
    assert.equal(typeOf('We sailed the GULF OF  MEXICO.', 'GULF OF  MEXICO', 'LOC'), 'Geological');
    assert.equal(typeOf('At Heathrow Intl. we waited.', 'Heathrow Intl.', 'LOC'), 'Airport');
    assert.equal(typeOf('Mt. Fuji at dawn.', 'Mt. Fuji', 'LOC'), 'Geological');
    assert.equal(typeOf('At Zorbix-Hospital we met.', 'Zorbix-Hospital', 'ORG'), 'OrganizationMedical');
    assert.equal(typeOf('At Zorbixhospital we met.', 'Zorbixhospital', 'ORG'), 'Organization');
    assert.equal(typeOf('Fans of FC Zorbix cheered.', 'FC Zorbix', 'ORG'), 'OrganizationSports');
  });
  it('reads the word before a PER span within 16 characters, in any case', () => {
    assert.equal(typeOf('We stayed at THE Hyatt.', 'Hyatt', 'PER'), 'Organization');
    assert.equal(typeOf('We stayed at the\tHyatt.', 'Hyatt', 'PER'), 'Organization');
    assert.equal(typeOf('We stayed at bathe Hyatt.', 'Hyatt', 'PER'), 'Person');
    assert.equal(typeOf('He was born IN Jordan.', 'Jordan', 'PER'), 'CountryRegion');
    assert.equal(typeOf('He was born in' + ' '.repeat(16) + 'Jordan.', 'Jordan', 'PER'), 'Person');
  });
});

describe('refiner: candidates', () => {
  it('keeps the span and confidence, with source model', () => {
    const text = 'A trip to Seattle.';
    assert.deepEqual(refine(text, { start: 10, end: 17, label: 'LOC', confidence: 0.75 }), {
      start: 10,
      end: 17,
      type: 'City',
      confidence: 0.75,
      source: 'model',
    });
  });
});

describe('refiner: a place named for its team', () => {
  const at = (text: string, name: string): [number, number] => {
    const start = text.indexOf(name);
    return [start, start + name.length];
  };

  it('in a sports report, next to a result; elsewhere a place', () => {
    const report = 'Los Angeles won for the seventh time this season.';
    assert.equal(namesItsTeam(report, ...at(report, 'Los Angeles')), true);
    const lead = 'The homer helped to give Minnesota a 4-2 lead in the ninth inning.';
    assert.equal(namesItsTeam(lead, ...at(lead, 'Minnesota')), true);
    const noSport = 'Los Angeles won a federal grant for its buses.';
    assert.equal(namesItsTeam(noSport, ...at(noSport, 'Los Angeles')), false);
    const visit = 'We played two games in Cleveland last season.';
    assert.equal(namesItsTeam(visit, ...at(visit, 'Cleveland')), false);
  });

  it('reads the sentence around a name at most SENTENCE_REACH characters either side', () => {
    const filler = 'x'.repeat(SENTENCE_REACH * 3);
    const text = `${filler} season Denver won ${filler}`;
    const [start, end] = at(text, 'Denver');
    const around = sentenceAround(text, start, end);
    assert.equal(around.length, SENTENCE_REACH * 2 + 'Denver'.length);
    assert.equal(around, text.slice(start - SENTENCE_REACH, end + SENTENCE_REACH));
    // Within reach, a sentence end still bounds it.
    assert.equal(sentenceAround('Rain. Denver won. Snow.', 6, 12), ' Denver won');
    // A game word beyond the reach no longer counts.
    const far = `Denver won ${'y'.repeat(SENTENCE_REACH + 10)} games`;
    assert.equal(namesItsTeam(far, 0, 6), false);
    assert.equal(namesItsTeam('Denver won 3 games', 0, 6), true);
  });
});
