import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadPersonTypes } from '../src/entities/recognizers/person-type/index.ts';
import { pluralOf } from '../src/entities/recognizers/person-type/plural.ts';
import { withinCpuBudget } from './helpers/cpu-budget.ts';

const ctx = { now: new Date('2026-05-01T12:00:00Z') };
const findPersonTypes = loadPersonTypes('models/entities');

/** The text of every PersonType found. */
function roles(text: string): string[] {
  return findPersonTypes(text, ctx).map((c) => {
    assert.equal(c.type, 'PersonType');
    return text.slice(c.start, c.end);
  });
}

describe('PersonType', () => {
  it("finds Azure's own example roles", () => {
    assert.deepEqual(
      roles('The chief cook happens to be the owner (I think his name is John Doe) and he is super nice.'),
      ['chief cook', 'owner'],
    );
    assert.deepEqual(roles('The CEO of Contoso, John Smith, will speak at Build 2024.'), ['CEO']);
    assert.deepEqual(roles('Bill Gates | Microsoft | salesperson | Microsoft Surface laptop | Coding'), [
      'salesperson',
    ]);
  });
  it('finds job titles and roles, singular and plural, without determiners', () => {
    assert.deepEqual(roles('Our software engineer and the nurse met customers, employees and students.'), [
      'software engineer',
      'nurse',
      'customers',
      'employees',
      'students',
    ]);
    assert.deepEqual(roles('The hiring manager met a marketing coordinator and the store clerk.'), [
      'hiring manager',
      'marketing coordinator',
      'store clerk',
    ]);
    assert.deepEqual(roles('The gardener, the baker and our vendors met a salesman and a poet.'), [
      'gardener',
      'baker',
      'vendors',
      'salesman',
      'poet',
    ]);
    assert.deepEqual(roles('The teacher asked the mayor and the president.'), [
      'teacher',
      'mayor',
      'president',
    ]);
    assert.deepEqual(roles('Fans cheered; a fan and two chairmen left.'), ['Fans', 'fan', 'chairmen']);
  });
  it("finds a contract's capitalised parties after a determiner, not a surname before a noun", () => {
    assert.deepEqual(roles('The Tenant shall pay the Licensor. Ask the Manager. The Baker family left.'), [
      'Tenant',
      'Licensor',
      'Manager',
    ]);
    // Before a preposition or a contract's verb too.
    assert.deepEqual(
      roles('Deliver the Goods to the Buyer within 30 days; the Borrower agrees; pay the Broker no fee.'),
      ['Buyer', 'Borrower', 'Broker'],
    );
  });
  it('finds the roles people take at events, in sport and in a family', () => {
    assert.deepEqual(roles('Attendees, panelists and stakeholders met subscribers and applicants.'), [
      'Attendees',
      'panelists',
      'stakeholders',
      'subscribers',
      'applicants',
    ]);
    assert.deepEqual(
      roles('The quarterback, the goalkeeper and a wide receiver thanked the assistant coach.'),
      ['quarterback', 'goalkeeper', 'wide receiver', 'assistant coach'],
    );
    assert.deepEqual(roles('My mom and my husband met our neighbours and her grandparents.'), [
      'mom',
      'husband',
      'neighbours',
      'grandparents',
    ]);
  });
  it('keeps seniority modifiers and department complements', () => {
    assert.deepEqual(roles('He is a senior software engineer.'), ['senior software engineer']);
    assert.deepEqual(roles('Jane Doe, vice president of sales at Contoso, said.'), [
      'vice president of sales',
    ]);
    assert.deepEqual(roles('the Deputy Mayor spoke'), ['Deputy Mayor']);
    // A capitalised role alone may be a surname; with its department it is a title.
    assert.deepEqual(roles('She reports to the Director of Engineering and Ms Director.'), [
      'Director of Engineering',
    ]);
  });
  it('takes titles before names but not words inside other names', () => {
    assert.deepEqual(roles('President Biden met General Motors executives.'), ['President', 'executives']);
    assert.deepEqual(roles('Contoso CEO Satya Nadella met Secretary of State Blinken.'), [
      'CEO',
      'Secretary of State',
    ]);
    assert.deepEqual(roles('Mr Baker and Porter went to see the Model T.'), []);
    assert.deepEqual(roles('Nurse Jackie is a show.'), []);
    assert.deepEqual(roles('Stephen King said; Queens Park Rangers won; Queen Elizabeth spoke.'), ['Queen']);
    assert.deepEqual(roles('SOCCER - ENGLISH PREMIER LEAGUE RESULTS'), []);
    // Among words in capitals a role word of four letters or more is no acronym: a name's first word.
    assert.deepEqual(roles('SCORERS : DEAN SAUNDERS ( 2ND MINUTE ) , MARK HUGHES'), []);
    assert.deepEqual(roles('THE CEO OF CONTOSO AND COACH DAVE GILBERT SPOKE'), ['CEO', 'COACH']);
    assert.deepEqual(roles('Ask the DEAN.'), ['DEAN']);
  });
  it('reads a capitalised role after a comma or a bracket, with its modifiers, as a title (signatures)', () => {
    assert.deepEqual(roles('Regards, Anna Schmidt, Senior Account Manager, Contoso Ltd.'), [
      'Senior Account Manager',
    ]);
    assert.deepEqual(roles('Thanks, Marco (Logistics Manager, Northwind Traders)'), ['Logistics Manager']);
    assert.deepEqual(roles('Anna, Senior Engineer, Contoso'), ['Senior Engineer']);
    assert.deepEqual(roles('The Senior Engineer said so; Alexander III, King of Scotland, died.'), [
      'Senior Engineer',
      'King',
    ]);
    // A capitalised word joined to the role by a space is still a name's: a surname, not a role.
    assert.deepEqual(roles('Jane Smith Senior Engineer; John Mason and Peter Porter'), []);
    // A title after an acronym keeps its seniority word ("RBA Assistant Governor").
    assert.deepEqual(roles('RBA Assistant Governor, Christopher Kent, spoke.'), ['Assistant Governor']);
  });
  it('reads a capitalised role joined by hyphens as a role, not a surname', () => {
    assert.deepEqual(roles('She was appointed Secretary-General of the United Nations.'), [
      'Secretary-General',
    ]);
    assert.deepEqual(roles('He became Editor-in-Chief last year.'), ['Editor-in-Chief']);
    // A title of two words joined by a hyphen, where the list spells it with a space.
    assert.deepEqual(roles('The PM met the Governor-General and the vice-chairman.'), [
      'Governor-General',
      'vice-chairman',
    ]);
    assert.deepEqual(roles('The director-general said.'), ['director-general']);
    // One capitalised role word alone in mid-sentence is still more often a surname.
    assert.deepEqual(roles('We met Mason and Porter yesterday.'), []);
  });
  it("reads a capitalised role after a letter's salutation, and a staff role", () => {
    assert.deepEqual(roles('Dear Hiring Manager, I am applying for the position of Staff Accountant.'), [
      'Hiring Manager',
      'Staff Accountant',
    ]);
    // A name after the salutation stays a name.
    assert.deepEqual(roles('Dear Anna Mason, thank you.'), []);
  });
  it('leaves out a role inside a user name', () => {
    assert.deepEqual(roles('RT @King_AlahDah : hello; ping @ceo_jane or sales_manager@example.com'), []);
  });
  it('leaves out ambiguous words unless the context makes them roles', () => {
    assert.deepEqual(roles('A model of the host country; guide rails; cook the pasta.'), []);
    assert.deepEqual(roles('The judge ruled and the cook said no.'), ['judge', 'cook']);
    assert.deepEqual(roles('The judge denied the motion; a judge sentenced him.'), ['judge', 'judge']);
    assert.deepEqual(roles('The pilot and the crew landed; a pilot program began.'), ['pilot']);
    assert.deepEqual(roles('The witness said so and the suspect was arrested.'), ['witness', 'suspect']);
    assert.deepEqual(roles('I suspect that we witness a change; the suspect vehicle fled.'), []);
    // A plural after a count: "two suspects", "several witnesses"; not a count of guidebooks.
    assert.deepEqual(roles('Police arrested two suspects; several witnesses and 3 judges ruled.'), [
      'suspects',
      'witnesses',
      'judges',
    ]);
    assert.deepEqual(roles('We printed 3 guides for the tour and two suspect packages.'), []);
    assert.deepEqual(roles("The owner's dog."), ['owner']);
    assert.deepEqual(roles('Cheap VPS hosting for CEOs and VPs'), ['CEOs', 'VPs']);
    // An ambiguous role written as a title in front of a name: "Judge", not "Cook Islands" nor the verb.
    assert.deepEqual(roles('He was sentenced by Judge Sarah Miller.'), ['Judge']);
    assert.deepEqual(roles('They sailed to the Cook Islands; Judge not, lest ye be judged.'), []);
    // A role that is a title only before a person's full name: "Nurse Jane Doe"; not "Tony Pastor", "by
    // the Chef" nor the show "Nurse Jackie".
    assert.deepEqual(roles('Nurse Jane Doe met Pastor Rick Warren.'), ['Nurse', 'Pastor']);
    assert.deepEqual(roles("Tony Pastor said so. Pizza by the Chef doesn't deliver."), []);
    // A role of several words, its words after the first in lower case, before a name.
    assert.deepEqual(roles('Nurse practitioner Jane Doe gave the vaccine.'), ['Nurse practitioner']);
    assert.deepEqual(roles('Political scientist Jannie Gagiano said so.'), ['Political scientist']);
    assert.deepEqual(roles('Senior Software Engineer John Smith said so.'), []);
  });
  it('takes the people of an event', () => {
    assert.deepEqual(roles('The volunteers, organizers and exhibitors thanked the mayor.'), [
      'volunteers',
      'organizers',
      'exhibitors',
      'mayor',
    ]);
  });
  it('takes positions in sport', () => {
    assert.deepEqual(roles('City signed Norwegian striker Erling Haaland and a winger from Dortmund.'), [
      'striker',
      'winger',
    ]);
    assert.deepEqual(roles('The head coach praised the shooting guard and two centre-backs.'), [
      'head coach',
      'shooting guard',
      'centre-backs',
    ]);
  });
  it('takes a domain before owners, leaders, instructors, teachers and coaches', () => {
    assert.deepEqual(
      roles('Business owners, community leaders, a yoga instructor and the math teacher met.'),
      ['Business owners', 'community leaders', 'yoga instructor', 'math teacher'],
    );
  });
  it('takes multi-word titles: stacked seniority, domains, C-suite officers and departments', () => {
    assert.deepEqual(roles('She is a senior vice president; he is the executive vice president of sales.'), [
      'senior vice president',
      'executive vice president of sales',
    ]);
    assert.deepEqual(roles('The head of marketing met the chief of staff and a Head of State.'), [
      'head of marketing',
      'chief of staff',
      'Head of State',
    ]);
    assert.deepEqual(roles('We hired a data scientist, a registered nurse and two DevOps engineers.'), [
      'data scientist',
      'registered nurse',
      'DevOps engineers',
    ]);
    assert.deepEqual(
      roles('a machine learning engineer, the chief information security officer, our head coach'),
      ['machine learning engineer', 'chief information security officer', 'head coach'],
    );
    assert.deepEqual(roles('The attorney general and the assistant professor of biology disagreed.'), [
      'attorney general',
      'assistant professor of biology',
    ]);
  });
  it('takes a government portfolio before a minister or a secretary, and a nationality before a title', () => {
    assert.deepEqual(roles('the Finance Minister of India met the Home Secretary'), [
      'Finance Minister',
      'Home Secretary',
    ]);
    assert.deepEqual(roles('Defence Secretary John Healey and two foreign ministers'), [
      'Defence Secretary',
      'foreign ministers',
    ]);
    assert.deepEqual(roles('The Prime Minister met the German Chancellor in Tokyo.'), [
      'Prime Minister',
      'Chancellor',
    ]);
    assert.deepEqual(roles('the US Ambassador arrived'), ['Ambassador']);
    // A first name before a capitalised role word still makes it a surname.
    assert.deepEqual(roles('Stephen King said'), []);
  });
  it('takes a lead of a field and two-word departments after "of"', () => {
    assert.deepEqual(
      roles("Fabrikam's procurement lead met the Senior Director of Product Marketing and a sales lead."),
      ['procurement lead', 'Senior Director of Product Marketing'],
    );
  });
  it('finds the roles of a wedding, a board, a court and a help desk', () => {
    assert.deepEqual(
      roles(
        'The bride and groom thanked the best man; the treasurer, donors and locals; the defense counsel and two support agents.',
      ),
      ['bride', 'groom', 'best man', 'treasurer', 'donors', 'locals', 'defense counsel', 'support agents'],
    );
    assert.deepEqual(roles('The court appointed a public defender; his defense attorney objected.'), [
      'public defender',
      'defense attorney',
    ]);
    assert.deepEqual(roles('The lodger, a shoplifter and a coal miner met my line manager.'), [
      'lodger',
      'shoplifter',
      'coal miner',
      'line manager',
    ]);
    assert.deepEqual(roles('A nurse manager and the charge nurse met the head nurse.'), [
      'nurse manager',
      'charge nurse',
      'head nurse',
    ]);
    assert.deepEqual(roles('The school principal, the head teacher and the guidance counselor met.'), [
      'school principal',
      'head teacher',
      'guidance counselor',
    ]);
    assert.deepEqual(
      roles(
        'Our QA lead, the school nurse, the district manager and a customer service rep met the HR business partner and the new hire.',
      ),
      [
        'QA lead',
        'school nurse',
        'district manager',
        'customer service rep',
        'HR business partner',
        'new hire',
      ],
    );
  });
  it('leaves out a role before a company or a group: "its parent company", "a student group"', () => {
    assert.deepEqual(roles('Its parent company and a student group met the parents.'), ['parents']);
    assert.deepEqual(
      roles('The annual shareholder meeting and a defence ministers meeting were held; passenger cars sold.'),
      ['defence ministers'],
    );
    // Nor before money: "taxpayer funds", "taxpayer dollars"; the people themselves are roles.
    assert.deepEqual(roles('Taxpayer dollars and taxpayer funds; a taxpayer complained.'), ['taxpayer']);
  });
  it('leaves out "an equal opportunity employer"', () => {
    assert.deepEqual(roles('We are an equal opportunity employer; my employer agreed.'), ['employer']);
  });
  it('leaves out a role word that names software after its kind ("the VPN client", "usb drivers")', () => {
    assert.deepEqual(
      roles('The VPN client crashed; update the usb drivers; a UPS driver and our clients came.'),
      ['driver', 'clients'],
    );
  });
  it('finds family, school and court roles: a stepdad, newlyweds, a toddler, sophomores, the victim', () => {
    assert.deepEqual(roles('My mom and my stepdad drove; the newlyweds thanked the toddler.'), [
      'mom',
      'stepdad',
      'newlyweds',
      'toddler',
    ]);
    assert.deepEqual(roles('Freshmen and sophomores must register.'), ['Freshmen', 'sophomores']);
    assert.deepEqual(roles('The lawyer asked the witness about the victim.'), [
      'lawyer',
      'witness',
      'victim',
    ]);
    // A victim of a compound is no person: "victim support".
    assert.deepEqual(roles('Call victim support services.'), []);
  });
  it('finds everyday roles: a caterer, a florist, hikers, motorists, renters', () => {
    assert.deepEqual(roles('The caterer and the florist met two hikers, a motorist and London renters.'), [
      'caterer',
      'florist',
      'hikers',
      'motorist',
      'renters',
    ]);
  });
  it("leaves out a role whose possessive names a document, not the role's owner", () => {
    assert.deepEqual(
      roles("You need a driver's license, a bachelor’s degree and a pilot's licence; the driver's car left."),
      ['driver'],
    );
  });
  it('leaves out a role word that modifies a noun after it', () => {
    assert.deepEqual(
      roles('Ask the customer success team or customer service. Pay student loans; read the user guide.'),
      [],
    );
    assert.deepEqual(roles('Nurses are trained in patient assessment and patient safety.'), ['Nurses']);
    assert.deepEqual(roles('In my sophomore year the freshman class grew; two freshmen left.'), ['freshmen']);
    assert.deepEqual(
      roles('A pedestrian was hit near the pedestrian crossing; the menu is as pedestrian as ever.'),
      ['pedestrian'],
    );
    assert.deepEqual(roles('The customer service representative called the customer.'), [
      'customer service representative',
      'customer',
    ]);
  });
  it('keeps verbs and organisations out of titles', () => {
    assert.deepEqual(roles('We are hiring engineers. He is head of the Department of Energy.'), [
      'engineers',
    ]);
    assert.deepEqual(roles('Head over to the lab.'), []);
  });
  it('finds plurals of multi-word roles, whose groups are built on first use', () => {
    assert.deepEqual(roles('Two elevator constructors and the chief cooks met data scientists.'), [
      'elevator constructors',
      'chief cooks',
      'data scientists',
    ]);
  });
  it('bounds time and output on pathological input', () => {
    for (const text of ['x'.repeat(5000), 'nurse '.repeat(1000), '9'.repeat(10000), 'chief '.repeat(1000)]) {
      const found = withinCpuBudget(500, () => findPersonTypes(text, ctx));
      assert.ok(found.length <= 256);
    }
  });
});

describe('pluralOf', () => {
  it('inflects the last word', () => {
    assert.deepEqual(
      ['chief cook', 'chairman', 'nurse', 'secretary', 'coach', 'boss', 'person', 'staff'].map(pluralOf),
      ['chief cooks', 'chairmen', 'nurses', 'secretaries', 'coaches', 'bosses', 'people', 'staff'],
    );
  });
  it('takes no irregular plural from the object prototype', () => {
    assert.deepEqual(['elevator constructor', 'toString'].map(pluralOf), [
      'elevator constructors',
      'toStrings',
    ]);
  });
});
