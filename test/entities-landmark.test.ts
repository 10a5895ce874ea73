import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadLandmarkRecognizer } from '../src/entities/recognizers/landmark/index.ts';
import { REPO } from './helpers/child-service.ts';
import { withinCpuBudget } from './helpers/cpu-budget.ts';

const find = loadLandmarkRecognizer(join(REPO, 'models/entities'));
const ctx = { now: new Date('2026-05-03T12:00:00Z') };
const landmarks = (text: string): [string, string][] =>
  find(text, ctx).map((c) => [text.slice(c.start, c.end), c.type]);

describe('landmark recogniser', () => {
  it('finds listed structures and natural features of several words', () => {
    assert.deepEqual(landmarks('Our tour guide took us up the Space Needle during our trip.'), [
      ['Space Needle', 'Structural'],
    ]);
    assert.deepEqual(landmarks('We crossed the Golden Gate Bridge, then sailed the Adriatic Sea.'), [
      ['Golden Gate Bridge', 'Structural'],
      ['Adriatic Sea', 'Geological'],
    ]);
  });

  it('needs the name written as listed', () => {
    assert.deepEqual(landmarks('the great wall of the garden, up the space needle'), []);
    assert.deepEqual(landmarks('the Great wall of the garden'), []);
  });

  it('leaves one-word names and universities to the model', () => {
    assert.deepEqual(landmarks('She walked down Broadway to Harvard University.'), []);
  });

  it('finds a one-word natural feature after "the", not one a company or a nationality bears', () => {
    assert.deepEqual(landmarks('The Nile flows north. We crossed the Alps and sailed the Adriatic.'), [
      ['Nile', 'Geological'],
      ['Alps', 'Geological'],
      ['Adriatic', 'Geological'],
    ]);
    assert.deepEqual(landmarks('The Amazon stock fell; the Canadian dollar rose; Nile is a name.'), []);
    // The start of a longer name is the tagger's to read.
    assert.deepEqual(landmarks('The Thames Valley Police said so.'), []);
  });

  it('finds a listed airport code after a travel word only', () => {
    assert.deepEqual(landmarks('The flight from JFK to LAX departs SFO.'), [
      ['JFK', 'Airport'],
      ['LAX', 'Airport'],
      ['SFO', 'Airport'],
    ]);
    assert.deepEqual(landmarks('SFO is busy; the LAX lounge; sfo to lax.'), []);
    // "at" or "in" after a word of arriving: "landed at LAX"; not after any other word.
    assert.deepEqual(landmarks('Just landed at LAX, then a layover in ORD.'), [
      ['LAX', 'Airport'],
      ['ORD', 'Airport'],
    ]);
    assert.deepEqual(landmarks('Meet me at LAX; she works in ORD operations.'), []);
    // In text written in lower case, a busy airport's code; never a listed code that is a word ("to the").
    assert.deepEqual(landmarks('took 45 mins to get to jfk lol, then flying into lax'), [
      ['jfk', 'Airport'],
      ['lax', 'Airport'],
    ]);
    assert.deepEqual(landmarks('we went to the sea and then to the bus'), []);
  });
  it('finds a major place written in lower case, or in text of one case, after a word that leads to it', () => {
    assert.deepEqual(landmarks('weather in denver ugh; flying to LAX then into new york'), [
      ['denver', 'City'],
      ['LAX', 'Airport'],
      ['new york', 'City'],
    ]);
    assert.deepEqual(landmarks('MOVED TO DENVER'), [['DENVER', 'City']]);
    // A capitalised name in text written in cases is the tagger's; words and names without a lead stay out.
    assert.deepEqual(landmarks('We moved to Denver.'), []);
    assert.deepEqual(landmarks('interested in reading; denver is cold'), []);
    assert.equal(find('moved to denver', ctx)[0]?.tagger, 'yields');
  });
  it('finds a name that opens a sentence and is defined as an organisation', () => {
    assert.deepEqual(
      landmarks(
        'Radiohead are an English rock band formed in Abingdon. Ajax is a Dutch football club based in Amsterdam.',
      ),
      [
        ['Radiohead', 'Organization'],
        ['Ajax', 'OrganizationSports'],
      ],
    );
    // A person in a band, a bank teller, a book club: no organisation's definition.
    assert.deepEqual(
      landmarks(
        'Smith was a founding member of the band. Alice is a bank teller. Bob is a book club member.',
      ),
      [],
    );
  });
  it('finds a name that opens a sentence and is defined as a place', () => {
    assert.deepEqual(
      landmarks('Troutdale is a city in Multnomah County. Kinsale is a historic port town in Cork.'),
      [
        ['Troutdale', 'City'],
        ['Kinsale', 'City'],
      ],
    );
    assert.deepEqual(landmarks('Coron is in the province of Palawan. Busuanga Island is located in it.'), [
      ['Coron', 'Location'],
      ['Busuanga Island', 'Location'],
    ]);
    // Not a pronoun, a person's role, a person's whereabouts or text of one case.
    assert.deepEqual(
      landmarks(
        'It is a small town in Kent. Smith was a town planner. Alice is in London. KINSALE IS A TOWN IN CORK.',
      ),
      [],
    );
  });
  it('bounds its output on pathological input', () => {
    const found = withinCpuBudget(500, () => find('Space Needle, '.repeat(2_000), ctx));
    assert.equal(found.length, 64);
    assert.deepEqual(find('x'.repeat(5_000), ctx), []);
  });
});
