/**
 * Decodes an OTLP/HTTP protobuf trace export (`ExportTraceServiceRequest`) into the shape of its JSON
 * encoding (ids as hex, 64-bit integers as strings), for the fields the tests read: resource attributes,
 * span ids, name, kind, attributes, events (name, attributes) and status. Unknown fields are skipped, as protobuf requires.
 */

type Fields = Map<number, (bigint | Buffer)[]>;

/** One message's fields by number: varints and fixed64 as bigint, length-delimited as Buffer. */
function fields(buf: Buffer): Fields {
  const out: Fields = new Map();
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const byte = buf[pos++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return result;
    }
  };
  while (pos < buf.length) {
    const tag = Number(varint());
    const [field, wire] = [tag >>> 3, tag & 7];
    let value: bigint | Buffer;
    if (wire === 0) value = varint();
    else if (wire === 1) value = ((pos += 8), buf.readBigUInt64LE(pos - 8));
    else if (wire === 2) {
      const length = Number(varint());
      value = buf.subarray(pos, (pos += length));
    } else if (wire === 5) value = ((pos += 4), BigInt(buf.readUInt32LE(pos - 4)));
    else throw new Error(`protobuf wire type ${wire} is not used by OTLP`);
    out.set(field, [...(out.get(field) ?? []), value]);
  }
  return out;
}

const all = (f: Fields, n: number): Buffer[] => (f.get(n) ?? []) as Buffer[];
const one = (f: Fields, n: number): bigint | Buffer | undefined => f.get(n)?.at(-1);
const text = (f: Fields, n: number): string | undefined =>
  (one(f, n) as Buffer | undefined)?.toString('utf8');
const hex = (f: Fields, n: number): string | undefined => (one(f, n) as Buffer | undefined)?.toString('hex');

function anyValue(buf: Buffer): Record<string, unknown> {
  const f = fields(buf);
  if (f.has(1)) return { stringValue: text(f, 1) };
  if (f.has(2)) return { boolValue: one(f, 2) === 1n };
  if (f.has(3)) return { intValue: BigInt.asIntN(64, one(f, 3) as bigint).toString() };
  if (f.has(4)) {
    const bits = Buffer.alloc(8);
    bits.writeBigUInt64LE(one(f, 4) as bigint);
    return { doubleValue: bits.readDoubleLE() };
  }
  return {};
}

function attributes(list: Buffer[]): { key: string; value: Record<string, unknown> }[] {
  return list.map((kv) => {
    const f = fields(kv);
    return { key: text(f, 1) ?? '', value: anyValue((one(f, 2) as Buffer | undefined) ?? Buffer.alloc(0)) };
  });
}

/** The export in its JSON form (`resourceSpans[].scopeSpans[].spans[]`). */
export function decodeTraceExport(body: Buffer): unknown {
  return {
    resourceSpans: all(fields(body), 1).map((rsBuf) => {
      const rs = fields(rsBuf);
      const resource = one(rs, 1) as Buffer | undefined;
      return {
        resource: { attributes: resource ? attributes(all(fields(resource), 1)) : [] },
        scopeSpans: all(rs, 2).map((ssBuf) => ({
          spans: all(fields(ssBuf), 2).map((spanBuf) => {
            const s = fields(spanBuf);
            const status = one(s, 15) as Buffer | undefined;
            return {
              traceId: hex(s, 1),
              spanId: hex(s, 2),
              parentSpanId: hex(s, 4),
              name: text(s, 5),
              kind: Number(one(s, 6) ?? 0n),
              attributes: attributes(all(s, 9)),
              events: all(s, 11).map((eventBuf) => {
                const e = fields(eventBuf);
                return { name: text(e, 2), attributes: attributes(all(e, 3)) };
              }),
              status: { code: status ? Number(one(fields(status), 3) ?? 0n) : 0 },
            };
          }),
        })),
      };
    }),
  };
}
