import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** Element types the builder can declare (ONNX TensorProto.DataType values). */
export const DataType = {
  float: 1,
  int32: 6,
  int64: 7,
  float16: 10,
} as const;
export type DataTypeName = keyof typeof DataType;

/** A dimension: a fixed size or a symbolic name such as "batch". */
export type Dim = number | string;

/**
 * Attribute values accepted by `node`: an integral number is an INT, any other number a FLOAT, an
 * array of numbers INTS; wrap in `{ float }` / `{ floats }` for float values that happen to be integral.
 */
export type AttributeValue =
  number | string | readonly number[] | { readonly float: number } | { readonly floats: readonly number[] };

type TensorData = Float32Array | Int32Array | BigInt64Array | Uint16Array;

function valueInfo(name: string, type: DataTypeName, shape: readonly Dim[]): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: DataType[type],
        shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function attribute(name: string, value: AttributeValue): onnxProto.onnx.IAttributeProto {
  const A = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return { name, type: A.STRING, s: new TextEncoder().encode(value) };
  if (typeof value === 'number') {
    return Number.isInteger(value) ? { name, type: A.INT, i: value } : { name, type: A.FLOAT, f: value };
  }
  if ('float' in value) return { name, type: A.FLOAT, f: value.float };
  if ('floats' in value) return { name, type: A.FLOATS, floats: [...value.floats] };
  return { name, type: A.INTS, ints: [...(value as readonly number[])] };
}

function dataTypeOf(data: TensorData, declared?: DataTypeName): number {
  if (declared) return DataType[declared];
  if (data instanceof Float32Array) return DataType.float;
  if (data instanceof Int32Array) return DataType.int32;
  if (data instanceof BigInt64Array) return DataType.int64;
  return DataType.float16;
}

/**
 * Minimal ONNX model writer: declare graph inputs, constant initializers, nodes and outputs, then
 * `build()` the serialized model. Tensors are stored as little-endian raw bytes.
 *
 *   const bytes = new GraphBuilder({ opset: 17 })
 *     .input('x', 'float', ['batch', 4])
 *     .initializer('w', new Float32Array(8), [4, 2])
 *     .node('MatMul', ['x', 'w'], ['y'])
 *     .output('y', 'float', ['batch', 2])
 *     .build();
 */
export class GraphBuilder {
  private readonly inputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly outputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private readonly nodes: onnxProto.onnx.INodeProto[] = [];
  private readonly metadata: { key: string; value: string }[] = [];
  private readonly opset: number;
  private readonly graphName: string;

  constructor(options: { opset?: number; name?: string } = {}) {
    this.opset = options.opset ?? 17;
    this.graphName = options.name ?? 'graph';
  }

  input(name: string, type: DataTypeName, shape: readonly Dim[]): this {
    this.inputs.push(valueInfo(name, type, shape));
    return this;
  }

  output(name: string, type: DataTypeName, shape: readonly Dim[]): this {
    this.outputs.push(valueInfo(name, type, shape));
    return this;
  }

  /** A constant tensor; pass `type: 'float16'` with a Uint16Array of half-precision bit patterns. */
  initializer(name: string, data: TensorData, dims: readonly number[], type?: DataTypeName): this {
    const expected = dims.reduce((a, b) => a * b, 1);
    if (expected !== data.length) {
      throw new Error(`initializer ${name}: ${data.length} values for dims [${dims.join(', ')}]`);
    }
    // Copy so the bytes are little-endian and start at offset 0 of their own buffer.
    const rawData = new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
    this.initializers.push({ name, dims: [...dims], dataType: dataTypeOf(data, type), rawData });
    return this;
  }

  node(
    opType: string,
    inputs: readonly string[],
    outputs: readonly string[],
    attributes: Readonly<Record<string, AttributeValue>> = {},
    name?: string,
  ): this {
    this.nodes.push({
      opType,
      input: [...inputs],
      output: [...outputs],
      name: name ?? `${opType}_${this.nodes.length}`,
      attribute: Object.entries(attributes).map(([k, v]) => attribute(k, v)),
    });
    return this;
  }

  /** A string key/value stored in the model's metadata_props. */
  meta(key: string, value: string): this {
    this.metadata.push({ key, value });
    return this;
  }

  build(): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'ner-gateway',
      opsetImport: [{ domain: '', version: this.opset }],
      metadataProps: this.metadata,
      graph: {
        name: this.graphName,
        input: this.inputs,
        output: this.outputs,
        initializer: this.initializers,
        node: this.nodes,
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
