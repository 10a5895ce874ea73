/**
 * Custom NER training time: a synthetic, templated, deterministic project of 500 documents x 5,000 characters
 * with 10 entity types (IT support tickets), trained through trainCustomModel (its worker thread, 80/20 split).
 * Usage: npx tsx bench/train-custom.ts [--docs 500] [--chars 5000] [--out <dir>]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  trainCustomModel,
  type LanguageStudioProject,
  type ProjectLabel,
} from '../src/training/custom/index.ts';
import { Rng } from '../src/training/rng.ts';

const { values: args } = parseArgs({
  options: {
    docs: { type: 'string', default: '500' },
    chars: { type: 'string', default: '5000' },
    out: { type: 'string' },
  },
});

const rng = new Rng(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;
const num = (lo: number, hi: number): number => lo + Math.floor(rng.next() * (hi - lo));

const FIRST = [
  'Alice',
  'Bram',
  'Chen',
  'Dana',
  'Emeka',
  'Farah',
  'Goran',
  'Hiro',
  'Isla',
  'Jonas',
  'Kira',
  'Luis',
];
const LAST = ['Adams', 'Berg', 'Castro', 'Dorsey', 'Eze', 'Fontaine', 'Gupta', 'Hale', 'Ivanova', 'Jensen'];
const VALUES: Record<string, () => string> = {
  Requester: () => `${pick(FIRST)} ${pick(LAST)}`,
  Agent: () => `${pick(FIRST)} ${pick(LAST)}`,
  Device: () =>
    `${pick(['Latitude', 'ThinkPad', 'EliteBook', 'Surface Pro', 'MacBook Air'])} ${num(3, 9900)}`,
  Application: () =>
    pick(['Outlook', 'SAP GUI', 'Teams', 'Salesforce', 'Jira', 'AutoCAD', 'Power BI', 'Zoom']),
  ErrorCode: () => `${pick(['0x8007', 'ERR-', 'E', '0xC000'])}${num(100, 99999)}`,
  Building: () => `${pick(['Building', 'Block', 'Tower'])} ${pick(['A', 'B', 'C', 'D', '7', '12'])}`,
  Version: () => `${num(1, 25)}.${num(0, 12)}.${num(0, 400)}`,
  TicketDate: () =>
    `${num(1, 29)} ${pick(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Sep', 'Oct'])} ${num(2021, 2026)}`,
  Cost: () => `$${num(20, 4000)}.${String(num(0, 100)).padStart(2, '0')}`,
  Vendor: () =>
    pick(['Contoso Support', 'Fabrikam Services', 'Northwind IT', 'Litware Inc.', 'Tailspin Repairs']),
};
const CATEGORIES = Object.keys(VALUES);

// Sentences with {Category} slots; text outside the slots is plain.
const TEMPLATES = [
  'Ticket opened on {TicketDate} by {Requester} from {Building}.',
  '{Requester} reports that {Application} crashes with error {ErrorCode} on a {Device}.',
  'The agent {Agent} reinstalled {Application} version {Version} and asked for a restart.',
  'Replacement parts were ordered from {Vendor} at a cost of {Cost}.',
  'After the update to {Version} the {Device} no longer shows {ErrorCode}.',
  'Escalated to {Agent}; {Vendor} will send a technician to {Building} on {TicketDate}.',
  'The user could not open {Application} and the event log shows {ErrorCode} twice.',
  'No further action is needed, the issue was resolved remotely within the hour.',
  'Invoice from {Vendor} for {Cost} was approved by {Agent}.',
  'Please keep the laptop plugged in overnight so that the patches can install.',
];

function document(chars: number): { text: string; labels: ProjectLabel[] } {
  let text = '';
  const labels: ProjectLabel[] = [];
  while (text.length < chars - 200) {
    const template = pick(TEMPLATES);
    for (const part of template.split(/(\{\w+\})/)) {
      const slot = /^\{(\w+)\}$/.exec(part);
      if (!slot) {
        text += part;
        continue;
      }
      const value = VALUES[slot[1]!]!();
      labels.push({ category: slot[1]!, offset: text.length, length: value.length });
      text += value;
    }
    text += rng.next() < 0.25 ? '\r\n\r\n' : ' ';
  }
  return { text, labels };
}

const docs = Number(args.docs);
const texts = new Map<string, string>();
const project: LanguageStudioProject = {
  projectFileVersion: '2022-05-01',
  stringIndexType: 'Utf16CodeUnit',
  metadata: { projectKind: 'CustomEntityRecognition', projectName: 'BenchTickets', language: 'en' },
  assets: {
    projectKind: 'CustomEntityRecognition',
    entities: CATEGORIES.map((category) => ({ category })),
    documents: Array.from({ length: docs }, (_, i) => {
      const { text, labels } = document(Number(args.chars));
      const location = `ticket${i}.txt`;
      texts.set(location, text);
      return { location, language: 'en', entities: [{ regionOffset: 0, regionLength: text.length, labels }] };
    }),
  },
};
const characters = [...texts.values()].reduce((n, t) => n + t.length, 0);
const labels = project.assets.documents.reduce((n, d) => n + d.entities[0]!.labels.length, 0);

const tmp = args.out ?? mkdtempSync(join(tmpdir(), 'bench-train-custom-'));
const loadBefore = loadavg();
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
let lastMessage = '';
const began = Date.now();
const result = await trainCustomModel(
  { project, documents: texts, evaluation: { kind: 'percentage' }, outDir: join(tmp, 'model') },
  (p) => {
    if (p.message.startsWith('epoch') && p.message.includes('fit') && p.message !== lastMessage) {
      lastMessage = p.message;
      console.log(`[${((Date.now() - began) / 1000).toFixed(0)}s] ${p.message}`);
    }
  },
);
clearInterval(sampler);
const seconds = (Date.now() - began) / 1000;
const e = result.evaluationSummary.customEntityRecognitionEvaluation;
console.log(
  JSON.stringify(
    {
      documents: docs,
      characters,
      labels,
      entityTypes: CATEGORIES.length,
      trainedDocuments: result.trainedDocuments,
      testDocuments: result.testDocuments,
      seconds: Math.round(seconds),
      peakRssMB: Math.round(peakRss / 2 ** 20),
      microF1: Number(e.microF1.toFixed(4)),
      cpus: cpus().length,
      loadavgBefore: loadBefore.map((l) => Number(l.toFixed(2))),
      loadavgAfter: loadavg().map((l) => Number(l.toFixed(2))),
    },
    null,
    2,
  ),
);
if (!args.out) rmSync(tmp, { recursive: true, force: true });
