/**
 * Rule recogniser thread, started by an inference worker for itself (recognizer-thread.ts): finds the
 * rule recognisers' candidates of a batch while the worker's model reads it. It needs nothing but
 * the texts and the moment relative dates resolve against.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRecognizerBatch } from '../entities/pipeline.ts';
import { packCandidates } from './candidate-transfer.ts';
import type { FromRecognizers, RecognizerInit, ToRecognizers } from './protocol.ts';

const init = workerData as RecognizerInit;
const port = parentPort!;

function send(msg: FromRecognizers): void {
  port.postMessage(msg);
}

function start(): void {
  // Loads the recognisers' name lists once.
  const recognize = createRecognizerBatch(init.settings);
  port.on('message', (msg: ToRecognizers) => {
    if (init.crashOnText !== undefined && msg.texts.includes(init.crashOnText)) process.exit(70);
    try {
      const candidates = recognize(msg.texts, { now: new Date(msg.now) });
      send({ type: 'result', batchId: msg.batchId, candidates: packCandidates(candidates) });
    } catch (err) {
      send({ type: 'error', batchId: msg.batchId, message: (err as Error).message });
    }
  });
  send({ type: 'ready' });
}

try {
  start();
} catch (err) {
  send({ type: 'failed', message: (err as Error).message });
}
