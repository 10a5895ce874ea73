import { tokenizeWords } from '../../model/builtin/tokenizer.ts';
import type { Unit } from '../../model/types.ts';
import { CATEGORY_NAME, LIMITS } from './limits.ts';
import { ProjectSchema } from './schema.ts';
import { ProjectValidationError, type LanguageStudioProject, type ProjectLabel } from './types.ts';

/** A labelled region of a document, in UTF-16 code units [start, end). */
export interface Region {
  readonly start: number;
  readonly end: number;
  /** Sorted by offset. */
  readonly labels: readonly ProjectLabel[];
}

/** A project document checked and mapped onto the builtin tokenizer's words. */
export interface PreparedDocument {
  readonly location: string;
  readonly language: string;
  readonly dataset?: 'Train' | 'Test';
  readonly text: string;
  readonly units: readonly Unit[];
  /** BIO tag of every unit (`O` outside labels). */
  readonly tags: readonly string[];
  /** Empty for a document without a labelled region. */
  readonly regions: readonly Region[];
  /** Labels widened (or trimmed of whitespace) to whole words, as readable examples. */
  readonly snapped: readonly string[];
}

export interface PreparedProject {
  readonly project: LanguageStudioProject;
  readonly categories: readonly string[];
  readonly documents: readonly PreparedDocument[];
}

const fail = (code: string, message: string): never => {
  throw new ProjectValidationError(code, message);
};

const isIndex = (n: number): boolean => Number.isInteger(n) && n >= 0;

function checkStructure(input: unknown): LanguageStudioProject {
  const parsed = ProjectSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String).join('.') || '(root)';
    fail('InvalidProject', `project file: ${path}: ${issue.message}`);
  }
  return parsed.data as LanguageStudioProject;
}

function checkCategories(project: LanguageStudioProject): string[] {
  const names = project.assets.entities.map((e) => e.category);
  if (names.length === 0)
    fail('NoEntityTypes', 'the project declares no entity types (assets.entities is empty)');
  if (names.length > LIMITS.maxEntityTypes)
    fail('TooManyEntityTypes', `${names.length} entity types: at most ${LIMITS.maxEntityTypes} are allowed`);
  const seen = new Set<string>();
  for (const name of names) {
    if (!CATEGORY_NAME.test(name) || name.length > LIMITS.maxCategoryNameLength)
      fail(
        'InvalidCategoryName',
        `entity type "${name}": names are 1-${LIMITS.maxCategoryNameLength} characters without spaces or any of : $ & % * ( ) + ~ # / ?`,
      );
    if (seen.has(name)) fail('DuplicateCategory', `entity type "${name}" is declared twice`);
    seen.add(name);
  }
  return names;
}

function checkRegion(
  where: string,
  r: { regionOffset?: number; regionLength?: number },
  textLength: number,
): [number, number] {
  const start = r.regionOffset ?? 0;
  const length = r.regionLength ?? textLength - start;
  if (!isIndex(start) || !isIndex(length) || start + length > textLength)
    fail(
      'InvalidRegion',
      `${where}: region offset ${start}, length ${length} does not lie within the document (${textLength} characters)`,
    );
  return [start, start + length];
}

function checkLabel(
  where: string,
  l: ProjectLabel,
  categories: ReadonlySet<string>,
  region: [number, number],
  textLength: number,
): void {
  const what = `${where}: label ${l.category} at offset ${l.offset}, length ${l.length}`;
  if (!categories.has(l.category))
    fail(
      'UnknownCategory',
      `${what}: "${l.category}" is not one of the project's entity types (assets.entities)`,
    );
  if (!isIndex(l.offset) || l.offset >= textLength)
    fail(
      'InvalidLabelOffset',
      `${what}: the offset must be an integer from 0 to ${textLength - 1} (the document has ${textLength} UTF-16 code units, CRLF counted as 2)`,
    );
  if (!Number.isInteger(l.length) || l.length < 1)
    fail('InvalidLabelLength', `${what}: the length must be a positive integer`);
  if (l.offset + l.length > textLength)
    fail(
      'InvalidLabelOffset',
      `${what}: the label ends at ${l.offset + l.length}, past the end of the document (${textLength} UTF-16 code units, CRLF counted as 2)`,
    );
  if (l.length > LIMITS.maxLabelLength)
    fail('LabelTooLong', `${what}: labels are at most ${LIMITS.maxLabelLength} characters`);
  if (l.offset < region[0] || l.offset + l.length > region[1])
    fail('LabelOutsideRegion', `${what}: the label lies outside its region [${region[0]}, ${region[1]})`);
}

/** Units [first, last] a label covers, or undefined when it covers only whitespace. */
function coveredUnits(units: readonly Unit[], start: number, end: number): [number, number] | undefined {
  let lo = 0;
  let hi = units.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (units[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  let last = lo - 1;
  while (last + 1 < units.length && units[last + 1]!.start < end) last++;
  return last >= lo ? [lo, last] : undefined;
}

function prepareDocument(
  doc: LanguageStudioProject['assets']['documents'][number],
  text: string,
  project: LanguageStudioProject,
  categories: ReadonlySet<string>,
): PreparedDocument {
  const where = `document ${doc.location}`;
  if (text.trim() === '') fail('EmptyDocument', `${where} is empty: every document needs text`);
  if (text.length > LIMITS.maxDocumentLength)
    fail(
      'DocumentTooLong',
      `${where} has ${text.length} characters: at most ${LIMITS.maxDocumentLength} are allowed`,
    );
  const units = tokenizeWords(text);
  const tags = new Array<string>(units.length).fill('O');
  const owner = new Array<ProjectLabel | undefined>(units.length);
  const regions: Region[] = [];
  const all: ProjectLabel[] = [];
  for (const r of doc.entities) {
    const bounds = checkRegion(where, r, text.length);
    for (const l of r.labels) checkLabel(where, l, categories, bounds, text.length);
    const labels = [...r.labels].sort((a, b) => a.offset - b.offset || a.length - b.length);
    regions.push({ start: bounds[0], end: bounds[1], labels });
    all.push(...labels);
  }
  all.sort((a, b) => a.offset - b.offset || a.length - b.length);
  for (let i = 1; i < all.length; i++) {
    const a = all[i - 1]!;
    const b = all[i]!;
    if (b.offset < a.offset + a.length)
      fail(
        'OverlappingLabels',
        `${where}: labels ${a.category} at ${a.offset}+${a.length} and ${b.category} at ${b.offset}+${b.length} overlap: ` +
          'overlapping or nested labels cannot be learnt by a tagger that gives each word one tag',
      );
  }
  const snapped: string[] = [];
  for (const l of all) {
    const end = l.offset + l.length;
    const covered = coveredUnits(units, l.offset, end);
    if (!covered)
      fail('EmptyLabel', `${where}: label ${l.category} at ${l.offset}+${l.length} covers only whitespace`);
    const [first, last] = covered!;
    for (let u = first; u <= last; u++) {
      const other = owner[u];
      if (other)
        fail(
          'LabelsShareWord',
          `${where}: labels ${other.category} at ${other.offset}+${other.length} and ${l.category} at ${l.offset}+${l.length} ` +
            `both fall in the word "${text.slice(units[u]!.start, units[u]!.end)}": the model labels whole words, so put the boundary between words`,
        );
      owner[u] = l;
      tags[u] = `${u === first ? 'B' : 'I'}-${l.category}`;
    }
    const from = units[first]!.start;
    const to = units[last]!.end;
    if (from !== l.offset || to !== end)
      snapped.push(
        `${doc.location}@${l.offset}+${l.length} ${l.category} ${JSON.stringify(text.slice(l.offset, end))} -> ${JSON.stringify(text.slice(from, to))}`,
      );
  }
  return {
    location: doc.location,
    language: doc.language ?? project.metadata.language,
    ...(doc.dataset ? { dataset: doc.dataset } : {}),
    text,
    units,
    tags,
    regions,
    snapped,
  };
}

/**
 * Checks a project export and its document texts (location -> text, exactly as stored: CRLF kept) and maps
 * every label onto the builtin tokenizer's words. Throws ProjectValidationError naming the first problem.
 */
export function prepareProject(input: unknown, texts: ReadonlyMap<string, string>): PreparedProject {
  const project = checkStructure(input);
  const names = checkCategories(project);
  const categories = new Set(names);
  const docs = project.assets.documents;
  if (docs.length > LIMITS.maxDocuments)
    fail('TooManyDocuments', `${docs.length} documents: at most ${LIMITS.maxDocuments} are allowed`);
  const seen = new Set<string>();
  const documents = docs.map((doc) => {
    if (seen.has(doc.location)) fail('DuplicateDocument', `document ${doc.location} is listed twice`);
    seen.add(doc.location);
    const text = texts.get(doc.location);
    if (text === undefined)
      fail(
        'DocumentNotFound',
        `document ${doc.location} is listed in the project but its text was not found`,
      );
    return prepareDocument(doc, text!, project, categories);
  });
  return { project, categories: names, documents };
}
