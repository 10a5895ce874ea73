/**
 * A local OTLP/HTTP trace receiver (`POST /v1/traces`, protobuf or JSON encoding) on 127.0.0.1, port 0:
 * keeps each export's body and decodes the spans when asked, so a benchmark pays only for receiving.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeTraceExport } from './otlp-protobuf.ts';

/** One received span, its attributes flattened to plain values. */
export interface ReceivedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
  readonly name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client. */
  readonly kind: number;
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
  /** The resource's attributes (service.name ...). */
  readonly resource: Readonly<Record<string, string | number | boolean>>;
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  readonly status: number;
  /** The span's events, in order. */
  readonly events: readonly ReceivedEvent[];
}

export interface ReceivedEvent {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: number | string;
  doubleValue?: number;
  boolValue?: boolean;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: {
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind: number;
        attributes?: OtlpAttribute[];
        events?: { name: string; attributes?: OtlpAttribute[] }[];
        status?: { code?: number };
      }[];
    }[];
  }[];
}

function flatten(attributes: readonly OtlpAttribute[] = []): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const { key, value } of attributes)
    out[key] = value.stringValue ?? value.boolValue ?? value.doubleValue ?? Number(value.intValue);
  return out;
}

const PROTOBUF = 'application/x-protobuf';

export class OtlpReceiver {
  private readonly bodies: { readonly protobuf: boolean; readonly body: Buffer }[] = [];
  /** The content types of the exports received. */
  readonly contentTypes = new Set<string>();
  /** Every request that reached the receiver, whatever its path. */
  requests = 0;
  private readonly server = createServer((req, res) => {
    this.requests++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const type = req.headers['content-type'] ?? '';
      const protobuf = type === PROTOBUF;
      if (req.method === 'POST' && req.url === '/v1/traces') {
        this.contentTypes.add(type);
        if (this.keep) this.bodies.push({ protobuf, body: Buffer.concat(chunks) });
      }
      // An empty ExportTraceServiceResponse: full success, in the request's encoding.
      if (protobuf) res.writeHead(200, { 'content-type': PROTOBUF }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });

  /** `keep: false`: only count the exports (a benchmark's long runs), never decode them. */
  private constructor(private readonly keep: boolean) {}

  static async start(options: { readonly keep?: boolean } = {}): Promise<OtlpReceiver> {
    const receiver = new OtlpReceiver(options.keep ?? true);
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  /** The OTEL_EXPORTER_OTLP_ENDPOINT for this receiver (the exporter adds `/v1/traces`). */
  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The spans of every export so far. */
  spans(): ReceivedSpan[] {
    return this.bodies.flatMap(({ protobuf, body }) =>
      (
        ((protobuf ? decodeTraceExport(body) : JSON.parse(body.toString())) as OtlpExport).resourceSpans ?? []
      ).flatMap((rs) => {
        const resource = flatten(rs.resource?.attributes);
        return (rs.scopeSpans ?? []).flatMap((ss) =>
          (ss.spans ?? []).map((s) => ({
            traceId: s.traceId,
            spanId: s.spanId,
            parentSpanId: s.parentSpanId || undefined,
            name: s.name,
            kind: s.kind,
            attributes: flatten(s.attributes),
            resource,
            status: s.status?.code ?? 0,
            events: (s.events ?? []).map((e) => ({ name: e.name, attributes: flatten(e.attributes) })),
          })),
        );
      }),
    );
  }

  /** The raw export bodies (to look for a string anywhere in what was sent: protobuf keeps strings as UTF-8). */
  raw(): string {
    return this.bodies.map(({ body }) => body.toString()).join('\n');
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
