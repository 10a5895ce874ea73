import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSkills } from '../src/entities/recognizers/skill/index.ts';
import { withinCpuBudget } from './helpers/cpu-budget.ts';

const ctx = { now: new Date('2026-05-01T12:00:00Z') };
const findSkills = loadSkills('models/entities');

/** The text of every Skill found. */
function skills(text: string): string[] {
  return findSkills(text, ctx).map((c) => {
    assert.equal(c.type, 'Skill');
    return text.slice(c.start, c.end);
  });
}

describe('Skill', () => {
  it("finds the Skill of Azure's own example", () => {
    assert.deepEqual(skills('Bill Gates | Microsoft | salesperson | Microsoft Surface laptop | Coding'), [
      'Coding',
    ]);
  });
  it('finds a tool or platform as a Skill only where a person knows it, over other readings', () => {
    const resume = 'Knowledge of AutoCAD, SolidWorks and project management; proficient in Excel.';
    assert.deepEqual(skills(resume), ['AutoCAD', 'SolidWorks', 'project management', 'Excel']);
    assert.deepEqual(
      findSkills(resume, ctx).map((c) => c.tagger),
      ['overrides', 'overrides', undefined, 'overrides'],
    );
    assert.deepEqual(skills('We use Salesforce and Jira at work; I opened Excel.'), []);
    // A name that needs context, listed with skills after a cue, beats the tagger's person too.
    const devops = 'Familiar with Jenkins, Terraform and Ansible.';
    assert.deepEqual(
      findSkills(devops, ctx).map((c) => [devops.slice(c.start, c.end), c.tagger]),
      [
        ['Jenkins', 'overrides'],
        ['Terraform', undefined],
        ['Ansible', undefined],
      ],
    );
    assert.deepEqual(skills('Ask Jenkins about Terraform.'), ['Terraform']);
  });
  it('takes "a background in" as a cue for a list of skills', () => {
    assert.deepEqual(skills('Strong background in financial modeling, due diligence and valuation.'), [
      'financial modeling',
      'due diligence',
      'valuation',
    ]);
  });
  it('finds programming languages, disciplines and technologies', () => {
    assert.deepEqual(skills('I know Python, JavaScript and C#.'), ['Python', 'JavaScript', 'C#']);
    assert.deepEqual(
      skills('Experience with machine learning, project management and data analysis required; SQL a plus.'),
      ['machine learning', 'project management', 'data analysis', 'SQL'],
    );
    assert.deepEqual(skills('Built with Node.js and .NET Core; CI/CD via GitHub Actions; C++ too.'), [
      'Node.js',
      '.NET Core',
      'CI/CD',
      'GitHub Actions',
      'C++',
    ]);
    assert.deepEqual(skills('Strong critical thinking and public speaking.'), [
      'critical thinking',
      'public speaking',
    ]);
  });
  it('takes names that are common words only in technical context', () => {
    assert.deepEqual(skills('Python, Go and Rust'), ['Python', 'Go', 'Rust']);
    assert.deepEqual(skills('We need a Go developer with 3 years of Rust experience.'), ['Go', 'Rust']);
    assert.deepEqual(skills('proficient in Java and Spring Boot'), ['Java', 'Spring Boot']);
    assert.deepEqual(skills('Skills: R, SQL'), ['R', 'SQL']);
  });
  it('finds cloud, data and delivery practices and common frameworks, but leaves platforms to Product', () => {
    assert.deepEqual(
      skills('Experience with Kubernetes, React, Terraform, data warehousing and infrastructure as code.'),
      ['Kubernetes', 'React', 'Terraform', 'data warehousing', 'infrastructure as code'],
    );
    assert.deepEqual(skills('We use FastAPI, gRPC and React Native on Azure and AWS.'), [
      'FastAPI',
      'gRPC',
      'React Native',
    ]);
    assert.deepEqual(skills('Express developer with Redux and Vue experience'), ['Express', 'Redux', 'Vue']);
  });
  it('leaves out a skill of several words that names a team or a post ("our customer service team")', () => {
    assert.deepEqual(skills('Contact our customer service team or the data entry clerk.'), []);
    assert.deepEqual(skills('Experience in customer service and data entry.'), [
      'customer service',
      'data entry',
    ]);
  });
  it('finds trades, care and engineering disciplines; everyday words only in a skills context', () => {
    const found = (text: string): string => skills(text).join(' | ');
    assert.equal(
      found('Trained in first aid, CPR and patient care; degrees in civil engineering and computer science.'),
      'first aid | CPR | patient care | civil engineering | computer science',
    );
    assert.equal(
      found('Skills in welding, carpentry and photography; sales experience.'),
      'welding | carpentry | photography | sales',
    );
    assert.equal(
      found('Experience in wound care and IV therapy; the job involves cash handling and food preparation.'),
      'wound care | IV therapy | cash handling | food preparation',
    );
    assert.equal(
      found('Knowledge of medical billing and medical coding; the role requires forklift operation.'),
      'medical billing | medical coding | forklift operation',
    );
  });
  it('finds soft skills and accounting in a skills context, not an accounting firm', () => {
    assert.deepEqual(
      skills('Attention to detail, written communication and basic accounting; Linux administration.'),
      ['Attention to detail', 'written communication', 'accounting', 'Linux administration'],
    );
    assert.deepEqual(skills('The accounting firm was fined; oil accounting for 5% of exports.'), []);
    // Accounting standards in a skills context only: a filing's "in accordance with GAAP" is none.
    assert.deepEqual(skills('Knowledge of GAAP and IFRS, financial modeling and budgeting.'), [
      'GAAP',
      'IFRS',
      'financial modeling',
      'budgeting',
    ]);
    assert.deepEqual(skills('Prepared in accordance with GAAP; non-GAAP earnings rose.'), []);
  });
  it('takes the unlisted items of a list of skills, not of a list with one skill in everyday words', () => {
    assert.deepEqual(
      skills('Skills: customer service, cash handling, inventory management, forklift operation.'),
      ['customer service', 'cash handling', 'inventory management', 'forklift operation'],
    );
    assert.deepEqual(skills('Proficiency in statistics, SQL and machine learning.'), [
      'statistics',
      'SQL',
      'machine learning',
    ]);
    // A word praising an item is no part of the skill's name.
    assert.deepEqual(skills('Experienced in AWS; strong communication and leadership skills.'), [
      'AWS',
      'communication',
      'leadership',
    ]);
    // An adjective that shares the next skill's head ("written [communication]") is no skill alone.
    assert.deepEqual(
      skills('Requirements: excellent written and verbal communication, and Agile experience.'),
      ['verbal communication', 'Agile'],
    );
    assert.deepEqual(skills('Skills: statistics and machine learning, Python.'), [
      'statistics',
      'machine learning',
      'Python',
    ]);
    // Words sharing a generic head ("skills"), each listed alone or with it.
    assert.deepEqual(skills('Strong communication and interpersonal skills; a team player.'), [
      'communication',
      'interpersonal skills',
    ]);
    assert.deepEqual(skills('Excellent communication, leadership and organizational skills.'), [
      'communication',
      'leadership',
      'organizational skills',
    ]);
    assert.deepEqual(skills('A swift and analytical skills test.'), ['analytical skills']);
    assert.deepEqual(skills('Cats and interpersonal skills.'), ['interpersonal skills']);
    assert.deepEqual(skills('I like Python, cats and long walks.'), ['Python']);
    assert.deepEqual(skills('He has experience with Python, the team and our office.'), ['Python']);
  });
  it('leaves the everyday senses alone', () => {
    assert.deepEqual(
      skills('An express train; the helm of the ship; a bash at the pub; Flutter your lashes.'),
      [],
    );
    assert.deepEqual(skills("Let's go to Java for a holiday. Ruby said hi. Taylor Swift sang."), []);
    assert.deepEqual(skills('The rust on the car. Grade R. A swift reply.'), []);
    assert.deepEqual(skills('Let us GO now'), []);
    assert.deepEqual(skills('The Palestinian leadership met; markdown prices; paper clips.'), []);
    assert.deepEqual(skills('The Fed has been forecasting a slowdown; she is marketing it.'), []);
    assert.deepEqual(skills('Sales rose 5 percent; he is cooking while she fixes the plumbing.'), []);
    assert.deepEqual(skills('Forecasting is hard; she knows forecasting.'), ['Forecasting', 'forecasting']);
    assert.deepEqual(skills('Strong leadership skills and programming experience.'), [
      'leadership',
      'programming',
    ]);
  });
  it('bounds time and output on pathological input', () => {
    for (const text of ['x'.repeat(5000), 'Python '.repeat(1000), '9'.repeat(10000), 'Go, '.repeat(1000)]) {
      const found = withinCpuBudget(500, () => findSkills(text, ctx));
      assert.ok(found.length <= 256);
    }
    assert.equal(findSkills('Python '.repeat(1000), ctx).length, 256);
  });
});
