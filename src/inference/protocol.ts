import type { EntitySelection } from '../entities/selection.ts';
import type { PipelineSettings } from '../entities/settings.ts';
import type { ModelDirs } from '../model/catalog.ts';
import type { PackedCandidates } from './candidate-transfer.ts';
import type { PackedEntities } from './entity-transfer.ts';

/** What a worker reports about each model it loaded. */
export interface ModelInfo {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly languages: readonly string[];
  /** Accepts documents in any language (`languages` then only informs). */
  readonly multilingual?: boolean;
}

export interface EntitiesInit {
  readonly settings: PipelineSettings;
  /** Ids of the models whose output goes through the pipeline (the general NER model). */
  readonly models: readonly string[];
}

export interface WorkerInit {
  readonly models: ModelDirs;
  readonly intraOpThreads: number;
  /** The general-NER entity pipeline and the models it runs after; other models return their own labels only. */
  readonly entities?: EntitiesInit;
  /** Whether the worker starts its own rule recogniser thread for large batches (recognizer-thread.ts). */
  readonly recognizerThread: boolean;
  /** Test-only fault injection: the worker exits when it sees a document with exactly this text. */
  readonly crashOnText?: string;
  /** Test-only: the worker's rule recogniser thread exits when it sees a document with exactly this text. */
  readonly crashRecognizersOnText?: string;
}

/** The start of an inference worker's rule recogniser thread (recognizer-thread.ts). */
export interface RecognizerInit {
  readonly settings: PipelineSettings;
  /** Test-only fault injection: the thread exits when it sees a document with exactly this text. */
  readonly crashOnText?: string;
}

/** A batch's texts for the rule recognisers; `now` (epoch ms): when relative dates resolve against. */
export interface ToRecognizers {
  readonly batchId: number;
  readonly texts: readonly string[];
  readonly now: number;
}

export type FromRecognizers =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'result'; readonly batchId: number; readonly candidates: PackedCandidates }
  | { readonly type: 'error'; readonly batchId: number; readonly message: string };

export type ToWorker =
  | {
      readonly type: 'run';
      readonly batchId: number;
      readonly model: string;
      readonly texts: readonly string[];
      /** Per document, what the caller keeps of its entities (EntitySelection); absent: everything. */
      readonly selections?: readonly (EntitySelection | undefined)[];
    }
  | { readonly type: 'reload'; readonly models: ModelDirs };

export type FromWorker =
  | { readonly type: 'ready'; readonly models: readonly ModelInfo[] }
  | { readonly type: 'failed'; readonly message: string }
  | {
      readonly type: 'result';
      readonly batchId: number;
      readonly entities: PackedEntities;
      /** When the worker began the batch: epoch ms, sub-millisecond (`performance.timeOrigin + now()`). */
      readonly startedAtMs: number;
    }
  | {
      readonly type: 'error';
      readonly batchId: number;
      readonly message: string;
      readonly startedAtMs: number;
    }
  | { readonly type: 'reloaded'; readonly models: readonly ModelInfo[] }
  | { readonly type: 'reloadFailed'; readonly message: string };
