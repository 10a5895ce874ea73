/**
 * Inference worker thread: owns one ONNX session per model and answers `run` batches. Knows nothing
 * about HTTP; the pool in the main thread does the queueing and batching.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createPipeline, type EntityPipeline } from '../entities/pipeline.ts';
import { selectEntities } from '../entities/selection.ts';
import type { RecognizedEntity } from '../entities/types.ts';
import { type LoadedModel, loadModel } from '../model/load.ts';
import { analyzeDocuments } from '../model/analyze.ts';
import type { ModelDirs } from '../model/catalog.ts';
import { packEntities } from './entity-transfer.ts';
import type { FromWorker, ModelInfo, ToWorker, WorkerInit } from './protocol.ts';
import { RecognizerThread } from './recognizer-thread.ts';

const init = workerData as WorkerInit;
const port = parentPort!;
let models = new Map<string, LoadedModel>();
// Made once per worker at start (it loads the refiner's name lists); its rule recognisers run on
// `recognizers`, a thread of their own, while the model runs (recognizer-thread.ts).
let pipeline: EntityPipeline | undefined;
let recognizers: RecognizerThread | undefined;
const pipelineModels = new Set(init.entities?.models ?? []);

function send(msg: FromWorker): void {
  port.postMessage(msg);
}

async function loadAll(dirs: ModelDirs): Promise<Map<string, LoadedModel>> {
  const loaded = new Map<string, LoadedModel>();
  try {
    for (const [id, dir] of Object.entries(dirs)) {
      // Models whose output goes through the general NER pipeline may rely on its PER/ORG/LOC/MISC mapping.
      const options = { generalNer: pipelineModels.has(id) };
      loaded.set(id, await loadModel(dir, { intraOp: init.intraOpThreads }, options));
    }
  } catch (err) {
    await Promise.all([...loaded.values()].map((m) => m.classifier.dispose()));
    throw err;
  }
  return loaded;
}

function describe(loaded: Map<string, LoadedModel>): ModelInfo[] {
  return [...loaded].map(([id, m]) => ({
    id,
    name: m.manifest.name,
    version: m.manifest.version,
    languages: m.manifest.languages,
    multilingual: m.manifest.multilingual,
  }));
}

async function handle(msg: ToWorker): Promise<void> {
  if (msg.type === 'reload') {
    try {
      const next = await loadAll(msg.models);
      const old = models;
      models = next;
      send({ type: 'reloaded', models: describe(next) });
      await Promise.all([...old.values()].map((m) => m.classifier.dispose()));
    } catch (err) {
      send({ type: 'reloadFailed', message: (err as Error).message });
    }
    return;
  }
  const model = models.get(msg.model);
  if (!model) {
    send({ type: 'error', batchId: msg.batchId, message: `model "${msg.model}" is not loaded` });
    return;
  }
  if (init.crashOnText !== undefined && msg.texts.includes(init.crashOnText)) process.exit(70);
  try {
    const run = pipelineModels.has(msg.model) ? pipeline : undefined;
    const ctx = { now: new Date() };
    // Handed over before the model starts, so the two run side by side.
    const recognized = run ? recognizers?.run(msg.batchId, msg.texts, ctx.now) : undefined;
    recognized?.catch(() => {}); // awaited below, unless the model fails first
    const spans = await analyzeDocuments(model, msg.texts);
    let entities: RecognizedEntity[][] = spans;
    if (run) entities = run.runBatch(msg.texts, spans, ctx, recognized ? await recognized : undefined);
    const { selections } = msg;
    if (selections)
      entities = entities.map((found, d) => (selections[d] ? selectEntities(found, selections[d]) : found));
    const withMetadata = selections ? (d: number) => selections[d]?.metadata !== false : undefined;
    send({ type: 'result', batchId: msg.batchId, entities: packEntities(entities, withMetadata) });
  } catch (err) {
    send({ type: 'error', batchId: msg.batchId, message: (err as Error).message });
  }
}

// Messages are handled one at a time so a reload never races a batch.
let chain = Promise.resolve();
port.on('message', (msg: ToWorker) => {
  chain = chain.then(() => handle(msg));
});

/**
 * The entity pipeline and the worker's rule recogniser thread. The thread is started first: it loads
 * the recognisers' lists on another core while this one loads the refiner's lists and the models.
 */
async function startPipeline(): Promise<void> {
  const entities = init.entities;
  if (!entities) return;
  const elsewhere = entities.settings.recognizers.length > 0;
  const crash = init.crashRecognizersOnText;
  const thread = elsewhere
    ? RecognizerThread.start(
        { settings: entities.settings, ...(crash !== undefined ? { crashOnText: crash } : {}) },
        // Without its recognisers the worker cannot answer: it goes too, and the pool replaces it.
        (code) => process.exit(code === 0 ? 71 : code),
      )
    : undefined;
  thread?.catch(() => {}); // awaited below, unless the refiner fails first
  pipeline = createPipeline(entities.settings, { recognizers: elsewhere ? 'elsewhere' : 'here' });
  recognizers = await thread;
}

Promise.resolve()
  .then(async () => {
    const [, loaded] = await Promise.all([startPipeline(), loadAll(init.models)]);
    return loaded;
  })
  .then(
    (loaded) => {
      models = loaded;
      send({ type: 'ready', models: describe(loaded) });
    },
    (err: Error) => send({ type: 'failed', message: err.message }),
  );
