/**
 * The contract between the Custom NER trainer and its callers (the CLI and the authoring REST API).
 * Project shapes follow Language Studio's export (`projectFileVersion`, `stringIndexType: Utf16CodeUnit`),
 * evaluation shapes the authoring spec 2023-04-01.
 */

export interface ProjectLabel {
  category: string;
  /** UTF-16 code units from the start of the document text, CRLF counted as two. */
  offset: number;
  length: number;
}

export interface ProjectDocument {
  location: string;
  language?: string;
  dataset?: 'Train' | 'Test';
  entities: { regionOffset?: number; regionLength?: number; labels: ProjectLabel[] }[];
}

export interface LanguageStudioProject {
  projectFileVersion: string;
  stringIndexType: 'Utf16CodeUnit';
  metadata: {
    projectKind: 'CustomEntityRecognition';
    projectName: string;
    language: string;
    multilingual?: boolean;
    description?: string;
    storageInputContainerName?: string;
    settings?: object;
  };
  assets: {
    projectKind: 'CustomEntityRecognition';
    entities: { category: string }[];
    documents: ProjectDocument[];
  };
}

export type EvaluationOptions =
  | { kind: 'percentage'; trainingSplitPercentage?: number; testingSplitPercentage?: number }
  | { kind: 'manual' };

export interface TrainingProgress {
  percentComplete: number;
  message: string;
}

export interface CustomTrainingRequest {
  project: LanguageStudioProject;
  /** location -> document text. */
  documents: ReadonlyMap<string, string>;
  evaluation: EvaluationOptions;
  outDir: string;
  seed?: number;
}

/** An entity of an evaluated document (TextAnalysisAuthoringDocumentEntityLabelEvaluationResult). */
export interface EntityLabelEvaluation {
  category: string;
  offset: number;
  length: number;
}

/** Expected and predicted entities of one labelled region (TextAnalysisAuthoringDocumentEntityRegionEvaluationResult). */
export interface EntityRegionEvaluation {
  expectedEntities: EntityLabelEvaluation[];
  predictedEntities: EntityLabelEvaluation[];
  regionOffset: number;
  regionLength: number;
}

/** One test document (TextAnalysisAuthoringCustomEntityRecognitionDocumentEvaluationResult). */
export interface DocumentEvaluationResult {
  projectKind: 'CustomEntityRecognition';
  location: string;
  language: string;
  customEntityRecognitionResult: { entities: EntityRegionEvaluation[] };
}

/** Counts and scores of one category (TextAnalysisAuthoringEntityEvaluationSummary). */
export interface EntityEvaluation {
  f1: number;
  precision: number;
  recall: number;
  truePositiveCount: number;
  trueNegativeCount: number;
  falsePositiveCount: number;
  falseNegativeCount: number;
}

export interface ConfusionMatrixCell {
  /** Percent of the row. */
  normalizedValue: number;
  rawValue: number;
}

/** Labelled category -> predicted category -> cell; `$none` is text outside any entity. */
export type ConfusionMatrix = Record<string, Record<string, ConfusionMatrixCell>>;

/** TextAnalysisAuthoringEntityRecognitionEvaluationSummary. */
export interface EntityRecognitionEvaluation {
  confusionMatrix: ConfusionMatrix;
  entities: Record<string, EntityEvaluation>;
  microF1: number;
  microPrecision: number;
  microRecall: number;
  macroF1: number;
  macroPrecision: number;
  macroRecall: number;
}

/** The body of `models/{label}/evaluation/summary-result` (TextAnalysisAuthoringCustomEntityRecognitionEvaluationSummary). */
export interface EvaluationSummary {
  projectKind: 'CustomEntityRecognition';
  customEntityRecognitionEvaluation: EntityRecognitionEvaluation;
  evaluationOptions: {
    kind: 'percentage' | 'manual';
    trainingSplitPercentage?: number;
    testingSplitPercentage?: number;
  };
}

/** What happened to the project's labels and documents on the way to the model (nothing is dropped silently). */
export interface TrainingDataReport {
  /** Labels whose ends fell inside a word, widened to the enclosing words (the model labels whole words). */
  snappedLabels: number;
  /** Up to 20 examples of snapped labels, as `location@offset+length Category "text" -> "widened text"`. */
  snappedExamples: string[];
  /** Documents with no labelled region (`entities: []`): not used, like Azure's unlabelled documents. */
  unlabelledDocuments: string[];
  /** Categories of the project that no training document labels (the model cannot learn them). */
  categoriesWithoutTrainingLabels: string[];
  /** Labels per category in the training and the test set. */
  trainLabels: Record<string, number>;
  testLabels: Record<string, number>;
}

/** Azure's shapes (authoring spec 2023-04-01). */
export interface CustomTrainingResult {
  evaluationSummary: EvaluationSummary;
  documentResults: DocumentEvaluationResult[];
  trainedDocuments: number;
  testDocuments: number;
  seconds: number;
  /** Locations of the test documents, in project order. */
  testLocations?: string[];
  report?: TrainingDataReport;
}

/** A project that cannot be trained; `code` is stable (e.g. 'InvalidLabelOffset'), the message says what and where. */
export class ProjectValidationError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ProjectValidationError';
    this.code = code;
  }
}
