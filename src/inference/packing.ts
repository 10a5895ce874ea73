import type { Metadata } from '../entities/types.ts';

/**
 * Records of a batch's documents as a thread posts them to another: one Float64Array of numbers, a
 * small table of the strings they name and their metadata as JSON texts in one string. Posting the
 * objects themselves costs a structured clone of every object on both threads (a document of the
 * taxonomy holds ~16 entities, half with nested metadata); a typed array is copied whole, and each
 * record's metadata stays JSON text that a reader parses (JSON.parse takes about half the time the
 * clone's deserializer does) or writes into a response as it is, without parsing it at all.
 */
export interface Packed {
  /** Records per document, in document order. */
  readonly counts: Int32Array;
  /** A fixed number of numbers per record (its layout's); string fields index `strings`, -1 when absent. */
  readonly numbers: Float64Array;
  readonly strings: readonly string[];
  /**
   * The JSON texts of the records' metadata, one after another, in record order (a record's metadata
   * field indexes them); `metadataEnds[i]` is where text `i` ends.
   */
  readonly metadata: string;
  readonly metadataEnds: Int32Array;
}

/** Text `i` of a packed batch's metadata texts. */
export type MetadataText = (i: number) => string;

/** What a layout's writer files a record's strings and metadata with. */
export interface PackTables {
  /** The index of `s` in the string table, -1 for undefined. */
  string(s: string | undefined): number;
  /** The index of `m` in the metadata array, -1 for undefined. */
  metadata(m: Metadata | undefined): number;
}

/** How one kind of record is laid out: `fields` numbers each, written and read at offset `at`. */
export interface Layout<T> {
  readonly fields: number;
  /** `document`: the index of the record's document in the batch. */
  write(record: T, numbers: Float64Array, at: number, tables: PackTables, document: number): void;
  read(
    numbers: Float64Array,
    at: number,
    strings: readonly string[],
    metadata: MetadataText,
    document: number,
  ): T;
}

export function packDocuments<T>(documents: readonly (readonly T[])[], layout: Layout<T>): Packed {
  let total = 0;
  for (const records of documents) total += records.length;
  const counts = new Int32Array(documents.length);
  const numbers = new Float64Array(total * layout.fields);
  const strings: string[] = [];
  const indexes = new Map<string, number>();
  const metadata: string[] = [];
  const tables: PackTables = {
    string(s) {
      if (s === undefined) return -1;
      let i = indexes.get(s);
      if (i === undefined) {
        i = strings.push(s) - 1;
        indexes.set(s, i);
      }
      return i;
    },
    metadata: (m) => (m === undefined ? -1 : metadata.push(JSON.stringify(m)) - 1),
  };
  let at = 0;
  documents.forEach((records, d) => {
    counts[d] = records.length;
    for (const record of records) {
      layout.write(record, numbers, at, tables, d);
      at += layout.fields;
    }
  });
  const metadataEnds = new Int32Array(metadata.length);
  let end = 0;
  for (let i = 0; i < metadata.length; i++) metadataEnds[i] = end += metadata[i]!.length;
  return { counts, numbers, strings, metadata: metadata.join(''), metadataEnds };
}

export function unpackDocuments<T>(packed: Packed, layout: Layout<T>): T[][] {
  const { counts, numbers, strings, metadata: texts, metadataEnds: ends } = packed;
  if ((ends.length === 0 ? 0 : ends[ends.length - 1]) !== texts.length)
    throw new RangeError('metadata texts and their ends disagree');
  const metadata: MetadataText = (i) => {
    if (i < 0 || i >= ends.length) throw new RangeError(`no metadata text ${i}`);
    return texts.slice(i === 0 ? 0 : ends[i - 1], ends[i]);
  };
  const documents: T[][] = [];
  let at = 0;
  for (let d = 0; d < counts.length; d++) {
    const records = new Array<T>(counts[d]!);
    for (let k = 0; k < records.length; k++, at += layout.fields)
      records[k] = layout.read(numbers, at, strings, metadata, d);
    documents.push(records);
  }
  return documents;
}
