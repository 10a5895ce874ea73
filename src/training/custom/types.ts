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

/** Azure's shapes (authoring spec 2023-04-01). */
export interface CustomTrainingResult {
  evaluationSummary: unknown;
  documentResults: unknown[];
  trainedDocuments: number;
  testDocuments: number;
  seconds: number;
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
