/**
 * Contracts between a model format (builtin word-feature tagger, Hugging Face export, ...) and the
 * format-independent inference code (windowing, decoding, pattern recognisers, the worker pool).
 * Nothing here knows about HTTP or about the API's index types: offsets are UTF-16 code units.
 */

/** One unit the model labels (a word for the builtin model, a pre-tokenized word for HF models). */
export interface Unit {
  /** UTF-16 offset of the first code unit, relative to the text passed to `tokenize`. */
  readonly start: number;
  /** UTF-16 offset one past the last code unit. */
  readonly end: number;
  /** Model positions this unit occupies in a window (1 for word-level models, #subwords for HF). */
  readonly cost: number;
}

/** A slice of consecutive units of one document, run through the model in one sequence. */
export interface Window<U extends Unit = Unit> {
  /** The whole document text (units index into it). */
  readonly text: string;
  readonly units: readonly U[];
}

/**
 * A loaded model of some format. Lives inside a worker thread; `run` owns the ONNX session.
 * Emissions are per-unit scores over `labels`: log-probabilities for softmax taggers, or CRF unary
 * potentials when `transitions` is set.
 */
export interface TokenClassifier<U extends Unit = Unit> {
  /** Output index -> tag, e.g. ["O", "B-PER", "I-PER", ...]. */
  readonly labels: readonly string[];
  /** Tagging scheme of `labels`. */
  readonly scheme: 'BIO' | 'BIOES';
  /** Largest total unit cost one window may hold. */
  readonly maxWindowCost: number;
  /**
   * Windows end at sentence ends and line breaks: a tagger trained on sentences alone reads the words
   * of a neighbouring sentence as noise (the builtin model). Otherwise windows run over them, for the
   * context a transformer uses.
   */
  readonly windowsPerSentence?: boolean;
  /** CRF transition scores, row-major [from * labels.length + to]; absent for softmax taggers. */
  readonly transitions?: Float32Array;
  /** CRF start/end scores per label (only with `transitions`). */
  readonly startScores?: Float32Array;
  readonly endScores?: Float32Array;
  /** Split a document into units. Must be deterministic; whitespace belongs to no unit. */
  tokenize(text: string): U[];
  /** Run a batch of windows; returns, per window, a Float32Array of units.length * labels.length. */
  run(windows: readonly Window<U>[]): Promise<Float32Array[]>;
  /** Free native resources. */
  dispose(): Promise<void>;
}

/** An entity found in a document, in API terms but with UTF-16 offsets. */
export interface EntitySpan {
  readonly start: number;
  readonly end: number;
  readonly category: string;
  readonly subcategory?: string;
  /** 0..1 */
  readonly confidence: number;
}
