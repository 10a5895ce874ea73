import * as ort from 'onnxruntime-node';

/** Threading of one ONNX session; the pool sizes these so workers do not oversubscribe the cores. */
export interface SessionThreads {
  readonly intraOp: number;
}

export async function createSession(file: string, threads: SessionThreads): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(file, {
    intraOpNumThreads: threads.intraOp,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
}
