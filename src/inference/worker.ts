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

const init = workerData as WorkerInit;
const port = parentPort!;
let models = new Map<string, LoadedModel>();
// Made once per worker at start (it loads the recognisers' name lists).
let pipeline: EntityPipeline | undefined;
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
    const spans = await analyzeDocuments(model, msg.texts);
    let entities: RecognizedEntity[][] = spans;
    const run = pipelineModels.has(msg.model) ? pipeline : undefined;
    if (run) entities = run.runBatch(msg.texts, spans, { now: new Date() });
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

Promise.resolve()
  .then(() => {
    if (init.entities) pipeline = createPipeline(init.entities.settings);
    return loadAll(init.models);
  })
  .then(
    (loaded) => {
      models = loaded;
      send({ type: 'ready', models: describe(loaded) });
    },
    (err: Error) => send({ type: 'failed', message: err.message }),
  );
