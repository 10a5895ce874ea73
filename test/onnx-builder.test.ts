import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as ort from 'onnxruntime-node';
import { GraphBuilder } from '../src/model/onnx/graph-builder.ts';

describe('GraphBuilder', () => {
  it('builds a model that onnxruntime runs (MatMul + Add with a symbolic batch)', async () => {
    const bytes = new GraphBuilder()
      .input('x', 'float', ['batch', 3])
      .initializer('w', Float32Array.from([1, 2, 3, 4, 5, 6]), [3, 2])
      .initializer('b', Float32Array.from([0.5, -0.5]), [2])
      .node('MatMul', ['x', 'w'], ['xw'])
      .node('Add', ['xw', 'b'], ['y'])
      .output('y', 'float', ['batch', 2])
      .meta('purpose', 'test')
      .build();
    const session = await ort.InferenceSession.create(bytes);
    const x = new ort.Tensor('float32', Float32Array.from([1, 0, 2, 0, 1, 1]), [2, 3]);
    const y = (await session.run({ x })).y!;
    assert.deepEqual(y.dims, [2, 2]);
    assert.deepEqual(Array.from(y.data as Float32Array), [11.5, 13.5, 8.5, 9.5]);
    await session.release();
  });

  it('supports int32 Gather, int64 initializers and attributes (ReduceSum keepdims=0)', async () => {
    const bytes = new GraphBuilder({ opset: 17 })
      .input('ids', 'int32', ['batch', 2])
      .initializer('table', Float32Array.from([0, 0, 1, 10, 2, 20]), [3, 2])
      .initializer('axis', BigInt64Array.from([1n]), [1])
      .node('Gather', ['table', 'ids'], ['rows'], { axis: 0 })
      .node('ReduceSum', ['rows', 'axis'], ['sum'], { keepdims: 0 })
      .output('sum', 'float', ['batch', 2])
      .build();
    const session = await ort.InferenceSession.create(bytes);
    const ids = new ort.Tensor('int32', Int32Array.from([1, 2, 0, 2]), [2, 2]);
    const out = (await session.run({ ids })).sum!;
    assert.deepEqual(Array.from(out.data as Float32Array), [3, 30, 2, 20]);
    await session.release();
  });

  it('supports float attributes and Conv with pads', async () => {
    const bytes = new GraphBuilder()
      .input('x', 'float', [1, 1, 'len'])
      .initializer('k', Float32Array.from([1, 1, 1]), [1, 1, 3])
      .initializer('two', Float32Array.from([2]), [])
      .node('Conv', ['x', 'k'], ['c'], { kernel_shape: [3], pads: [1, 1] })
      .node('LeakyRelu', ['c'], ['l'], { alpha: 0.5 })
      .node('Mul', ['l', 'two'], ['y'])
      .output('y', 'float', [1, 1, 'len'])
      .build();
    const session = await ort.InferenceSession.create(bytes);
    const x = new ort.Tensor('float32', Float32Array.from([1, -4, 1]), [1, 1, 3]);
    assert.deepEqual(Array.from((await session.run({ x })).y!.data as Float32Array), [-3, -2, -3]);
    await session.release();
  });

  it('stores { float } attributes as FLOAT even when integral', async () => {
    const bytes = new GraphBuilder()
      .input('x', 'float', [2])
      .node('LeakyRelu', ['x'], ['y'], { alpha: { float: 2 } })
      .output('y', 'float', [2])
      .build();
    const session = await ort.InferenceSession.create(bytes);
    const x = new ort.Tensor('float32', Float32Array.from([-1, 3]), [2]);
    assert.deepEqual(Array.from((await session.run({ x })).y!.data as Float32Array), [-2, 3]);
    await session.release();
  });

  it('rejects an initializer whose data does not fit its dims', () => {
    assert.throws(
      () => new GraphBuilder().initializer('w', new Float32Array(5), [2, 3]),
      /5 values for dims \[2, 3\]/,
    );
  });
});
