import { textRecords } from '../metering/records.ts';
import type { UsageContext } from '../metering/usage.ts';
import type { InferencePool, PoolEntity } from '../inference/pool.ts';
import { typeInfo } from '../entities/taxonomy.ts';
import type { Metadata } from '../entities/types.ts';
import { writeEntities } from './entities-json.ts';
import { type EntityOutputOptions, selectionOf } from './entity-options.ts';
import { countTextElements, offsetConverter, type StringIndexType } from '../text/string-index.ts';
import { ApiError } from '../http/errors.ts';
import { type InnerError } from '../http/envelope.ts';
import type { DocumentInput } from './schemas.ts';

export interface Entity {
  text: string;
  category: string;
  subcategory?: string;
  offset: number;
  length: number;
  confidenceScore: number;
  type?: string;
  tags?: { name: string; confidenceScore: number }[];
  metadata?: Metadata;
}

export interface DocumentStatistics {
  charactersCount: number;
  transactionsCount: number;
}

export interface DocumentResult {
  id: string;
  entities: Entity[];
  warnings: { code: string; message: string; targetRef?: string }[];
  statistics?: DocumentStatistics;
}

export interface DocumentError {
  id: string;
  error: { code: 'InvalidArgument'; message: string; innererror: InnerError };
}

export interface RequestStatistics {
  documentsCount: number;
  validDocumentsCount: number;
  erroneousDocumentsCount: number;
  transactionsCount: number;
}

export interface RecognizeResult {
  documents: DocumentResult[];
  errors: DocumentError[];
  statistics?: RequestStatistics;
}

export interface RecognizeOptions {
  /** Pool id of the model. */
  readonly model: string;
  /** Languages the model serves (ISO 639-1). */
  readonly languages: readonly string[];
  /** Accept documents in any language (a multilingual Custom NER model); `languages` then only informs. */
  readonly anyLanguage?: boolean;
  readonly defaultLanguage: string;
  readonly stringIndexType: StringIndexType;
  readonly showStats: boolean;
  /** Text elements a document may have. */
  readonly maxTextElements: number;
  /** Shape (type, tags, metadata) and selection (filters, overlap policy) of the entities. */
  readonly output: EntityOutputOptions;
  /** Passed through to the pool for metering attribution; absent: the pool does not meter the call. */
  readonly usage?: UsageContext;
  /** Carried to the pool's events untouched (the request's trace context, for its pool spans). */
  readonly correlation?: unknown;
}

const DATA_LIMITS =
  'For additional details on the data limitations see https://aka.ms/text-analytics-data-limits';

/** Rejects a batch that reuses a document id, as Azure does. */
export function assertUniqueIds(documents: readonly DocumentInput[]): void {
  const seen = new Set<string>();
  for (const d of documents) {
    if (seen.has(d.id)) {
      throw ApiError.invalidRequest('Invalid document in request.', {
        code: 'InvalidDocument',
        message: 'Request contains duplicated Ids. Make sure each document has a unique Id.',
      });
    }
    seen.add(d.id);
  }
}

function documentError(id: string, message: string, inner: InnerError): DocumentError {
  return { id, error: { code: 'InvalidArgument', message, innererror: inner } };
}

/** Why a document cannot be processed, if it cannot, and its length in text elements. */
interface DocumentCheck {
  readonly error?: DocumentError;
  readonly characters: number;
}

function checkDocument(doc: DocumentInput, opts: RecognizeOptions): DocumentCheck {
  const language = (doc.language ?? opts.defaultLanguage).toLowerCase();
  const primary = language.split(/[-_]/)[0] ?? language;
  if (!opts.anyLanguage && !opts.languages.includes(primary)) {
    return {
      characters: 0,
      error: documentError(doc.id, 'Invalid Language Code.', {
        code: 'UnsupportedLanguageCode',
        message: `Invalid language code. Supported languages: ${opts.languages.join(',')}. For additional details see https://aka.ms/text-analytics/language-support`,
      }),
    };
  }
  if (doc.text.trim() === '') {
    return {
      characters: 0,
      error: documentError(doc.id, 'Invalid document in request.', {
        code: 'InvalidDocument',
        message: 'Document text is empty.',
      }),
    };
  }
  // A string never has more text elements than UTF-16 units, so short texts skip the count.
  const characters =
    doc.text.length <= opts.maxTextElements && !opts.showStats
      ? doc.text.length
      : countTextElements(doc.text);
  if (characters > opts.maxTextElements) {
    return {
      characters,
      error: documentError(doc.id, 'Invalid document in request.', {
        code: 'InvalidDocument',
        message: `A document within the request was too large to be processed. Limit document size to: ${opts.maxTextElements} text elements. ${DATA_LIMITS}`,
      }),
    };
  }
  return { characters };
}

function tagsOf(e: PoolEntity): { name: string; confidenceScore: number }[] {
  const names = e.type ? typeInfo(e.type).tags : [e.category];
  return names.map((name) => ({ name, confidenceScore: e.confidence }));
}

/** A document's entities as the caller asked (the pool has applied `selectionOf(output)` to them). */
function toEntities(text: string, chosen: readonly PoolEntity[], opts: RecognizeOptions): Entity[] {
  const { output } = opts;
  const conv = offsetConverter(text, opts.stringIndexType);
  return chosen.map((s) => {
    const offset = conv.start(s.start);
    const entity: Entity = {
      text: text.slice(s.start, s.end),
      category: s.category,
      ...(s.subcategory ? { subcategory: s.subcategory } : {}),
      offset,
      length: conv.end(s.end) - offset,
      confidenceScore: s.confidence,
    };
    if (output.entityMetadata) {
      entity.type = s.type ?? s.category;
      entity.tags = tagsOf(s);
      if (output.resolvedMetadata && s.metadata) entity.metadata = s.metadata;
    }
    return entity;
  });
}

/** A batch's documents after the pool: each one's check and, if valid, its entities. */
interface Recognized {
  readonly documents: readonly DocumentInput[];
  readonly checks: readonly DocumentCheck[];
  /** The valid documents' entities, in input order. */
  readonly entities: readonly (readonly PoolEntity[])[];
}

/** Per-document validation (invalid documents go to `errors`), then one pool call for the valid ones. */
async function recognize(
  pool: InferencePool,
  documents: readonly DocumentInput[],
  opts: RecognizeOptions,
  metadataAsJson: boolean,
): Promise<Recognized> {
  const checks = documents.map((d) => checkDocument(d, opts));
  const valid = documents.filter((_, i) => !checks[i]!.error);
  const entities = await pool.analyze(
    opts.model,
    valid.map((d) => d.text),
    opts.usage,
    { correlation: opts.correlation, selection: selectionOf(opts.output), metadataAsJson },
  );
  return { documents, checks, entities };
}

/** Walks the documents in input order: `valid` for each processed one, `invalid` for each error. */
function eachDocument(
  { documents, checks, entities }: Recognized,
  valid: (doc: DocumentInput, entities: readonly PoolEntity[], statistics: DocumentStatistics) => void,
  invalid: (error: DocumentError) => void,
): RequestStatistics {
  let transactions = 0;
  let validCount = 0;
  documents.forEach((doc, i) => {
    const check = checks[i]!;
    if (check.error) {
      invalid(check.error);
      return;
    }
    const records = textRecords(check.characters);
    transactions += records;
    valid(doc, entities[validCount++]!, { charactersCount: check.characters, transactionsCount: records });
  });
  return {
    documentsCount: documents.length,
    validDocumentsCount: validCount,
    erroneousDocumentsCount: documents.length - validCount,
    transactionsCount: transactions,
  };
}

/**
 * Entity recognition over a batch of documents: per-document validation (invalid documents go to
 * `errors`, the rest are processed), one pool call for the valid ones, results in input order.
 */
export async function recognizeEntities(
  pool: InferencePool,
  documents: readonly DocumentInput[],
  opts: RecognizeOptions,
): Promise<RecognizeResult> {
  const recognized = await recognize(pool, documents, opts, false);
  const results: DocumentResult[] = [];
  const errors: DocumentError[] = [];
  const statistics = eachDocument(
    recognized,
    (doc, entities, docStatistics) => {
      const result: DocumentResult = {
        id: doc.id,
        entities: toEntities(doc.text, entities, opts),
        warnings: [],
      };
      if (opts.showStats) result.statistics = docStatistics;
      results.push(result);
    },
    (error) => errors.push(error),
  );
  return { documents: results, errors, ...(opts.showStats ? { statistics } : {}) };
}

/**
 * `recognizeEntities`' result with `modelVersion` after it, as the JSON text JSON.stringify would
 * give, written without building the entities' objects (entities-json.ts): for the synchronous
 * routes, which send it at once.
 */
export async function recognizeEntitiesJson(
  pool: InferencePool,
  documents: readonly DocumentInput[],
  opts: RecognizeOptions,
  modelVersion: string,
): Promise<string> {
  const recognized = await recognize(pool, documents, opts, opts.output.resolvedMetadata);
  let results = '';
  let errors = '';
  const statistics = eachDocument(
    recognized,
    (doc, entities, docStatistics) => {
      const conv = offsetConverter(doc.text, opts.stringIndexType);
      results += `${results ? ',' : ''}{"id":${JSON.stringify(doc.id)},"entities":${writeEntities(doc.text, entities, conv, opts.output)},"warnings":[]`;
      results += opts.showStats ? `,"statistics":${JSON.stringify(docStatistics)}}` : '}';
    },
    (error) => (errors += `${errors ? ',' : ''}${JSON.stringify(error)}`),
  );
  const stats = opts.showStats ? `,"statistics":${JSON.stringify(statistics)}` : '';
  return `{"documents":[${results}],"errors":[${errors}]${stats},"modelVersion":${JSON.stringify(modelVersion)}}`;
}
