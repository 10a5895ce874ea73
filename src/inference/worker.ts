/**
 * Inference worker thread: owns one ONNX session per model and answers `run` batches. Knows nothing
 * about HTTP; the pool in the main thread does the queueing and batching.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createPipeline, type EntityPipeline } from '../entities/pipeline.ts';
import { selectEntities } from '../entities/selection.ts';
import type { Candidate, RecognizedEntity } from '../entities/types.ts';
import { type LoadedModel, loadModel } from '../model/load.ts';
import { analyzeDocuments } from '../model/analyze.ts';
import type { ModelDirs } from '../model/catalog.ts';
import { packEntities } from './entity-transfer.ts';
import type { FromWorker, ModelInfo, ToWorker, WorkerInit } from './protocol.ts';
import { RECOGNIZER_THREAD_MIN_DOCUMENTS, RecognizerThread } from './recognizer-thread.ts';

const init = workerData as WorkerInit;
const port = parentPort!;
let loaded = new Map<string, LoadedModel>();
// Made once per worker at start (it loads the refiner's and the recognisers' name lists); a large
// batch's rule recognisers run on `recognizers`, a thread of their own, while the model runs
// (recognizer-thread.ts), where the pool gave the worker one (`inference.recognizerThread`).
let pipeline: EntityPipeline | undefined;
let recognizers: RecognizerThread | undefined;
const pipelineModels = new Set(init.entities?.models ?? []);

function send(msg: FromWorker): void {
  port.postMessage(msg);
}

async function loadAll(dirs: ModelDirs): Promise<Map<string, LoadedModel>> {
  const models = new Map<string, LoadedModel>();
  try {
    for (const [id, dir] of Object.entries(dirs)) {
      // Models whose output goes through the general NER pipeline may rely on its PER/ORG/LOC/MISC mapping.
      const options = { generalNer: pipelineModels.has(id) };
      models.set(id, await loadModel(dir, { intraOp: init.intraOpThreads }, options));
    }
  } catch (err) {
    await Promise.all([...models.values()].map((m) => m.classifier.dispose()));
    throw err;
  }
  return models;
}

function describe(models: Map<string, LoadedModel>): ModelInfo[] {
  return [...models].map(([id, m]) => ({
    id,
    name: m.manifest.name,
    version: m.manifest.version,
    languages: m.manifest.languages,
    multilingual: m.manifest.multilingual,
  }));
}

type RunBatch = Extract<ToWorker, { type: 'run' }>;

/** A batch's rule recognisers, and the time they resolve dates against. */
interface Recognizing {
  readonly now: Date;
  /** Their candidates, found on their thread; undefined: the pipeline runs them itself. */
  readonly candidates: Promise<Candidate[][]> | undefined;
}

/**
 * Hands a large batch's texts to the recogniser thread the moment the batch arrives: the pool sends
 * a worker its next batch while the model still runs the one before, so the recognisers start early.
 */
function startRecognizers(msg: RunBatch): Recognizing {
  const now = new Date();
  const onThread = pipelineModels.has(msg.model) && msg.texts.length >= RECOGNIZER_THREAD_MIN_DOCUMENTS;
  const candidates = onThread ? recognizers?.run(msg.batchId, msg.texts, now) : undefined;
  candidates?.catch(() => {}); // awaited by the batch, unless it fails first
  return { now, candidates };
}

async function reload(models: ModelDirs): Promise<void> {
  try {
    const next = await loadAll(models);
    const old = loaded;
    loaded = next;
    send({ type: 'reloaded', models: describe(next) });
    await Promise.all([...old.values()].map((m) => m.classifier.dispose()));
  } catch (err) {
    send({ type: 'reloadFailed', message: (err as Error).message });
  }
}

async function runBatch(msg: RunBatch, recognizing: Recognizing): Promise<void> {
  // When this batch really starts: it may have waited in the port behind the one before.
  const startedAtMs = performance.timeOrigin + performance.now();
  const model = loaded.get(msg.model);
  if (!model) {
    const message = `model "${msg.model}" is not loaded`;
    send({ type: 'error', batchId: msg.batchId, message, startedAtMs });
    return;
  }
  if (init.crashOnText !== undefined && msg.texts.includes(init.crashOnText)) process.exit(70);
  try {
    const run = pipelineModels.has(msg.model) ? pipeline : undefined;
    const spans = await analyzeDocuments(model, msg.texts);
    let entities: RecognizedEntity[][] = spans;
    if (run) {
      const recognized = recognizing.candidates ? await recognizing.candidates : undefined;
      entities = run.runBatch(msg.texts, spans, { now: recognizing.now }, recognized);
    }
    const { selections } = msg;
    if (selections)
      entities = entities.map((found, d) => (selections[d] ? selectEntities(found, selections[d]) : found));
    const withMetadata = selections ? (d: number) => selections[d]?.metadata !== false : undefined;
    const packed = packEntities(entities, withMetadata);
    send({ type: 'result', batchId: msg.batchId, entities: packed, startedAtMs });
  } catch (err) {
    send({ type: 'error', batchId: msg.batchId, message: (err as Error).message, startedAtMs });
  }
}

// Messages are handled one at a time so a reload never races a batch.
let chain = Promise.resolve();
port.on('message', (msg: ToWorker) => {
  if (msg.type === 'reload') {
    chain = chain.then(() => reload(msg.models));
    return;
  }
  const recognizing = startRecognizers(msg);
  chain = chain.then(() => runBatch(msg, recognizing));
});

/**
 * The entity pipeline and the worker's rule recogniser thread. The thread is started first: it loads
 * the recognisers' lists on another core while this one loads the refiner's lists, its own copy of the
 * recognisers (for small batches) and the models.
 */
async function startPipeline(): Promise<void> {
  const entities = init.entities;
  if (!entities) return;
  const crash = init.crashRecognizersOnText;
  const thread =
    init.recognizerThread && entities.settings.recognizers.length > 0
      ? RecognizerThread.start(
          { settings: entities.settings, ...(crash !== undefined ? { crashOnText: crash } : {}) },
          // Without its recognisers the worker cannot answer: it goes too, and the pool replaces it.
          (code) => process.exit(code === 0 ? 71 : code),
        )
      : undefined;
  thread?.catch(() => {}); // awaited below, unless the refiner fails first
  pipeline = createPipeline(entities.settings);
  recognizers = await thread;
}

Promise.resolve()
  .then(async () => {
    const [, models] = await Promise.all([startPipeline(), loadAll(init.models)]);
    return models;
  })
  .then(
    (models) => {
      loaded = models;
      send({ type: 'ready', models: describe(models) });
    },
    (err: Error) => send({ type: 'failed', message: err.message }),
  );
