/**
 * OpenTelemetry tracing (issue 18 item 3) end to end: gateway processes over the real HTTPS front door
 * (mTLS + key), exporting with OTLP/HTTP JSON to a receiver on 127.0.0.1; a proxy route's upstream and
 * the billing stub record the trace context they are sent.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createBillingStub } from '../src/billing-stub/server.ts';
import { tracingSettings } from '../src/observability/tracing/settings.ts';
import { eventually, killAll } from './helpers/child-service.ts';
import { GATEWAY_KEY, type Gateway, gatewayDir, startGateway } from './helpers/gateway.ts';
import { OtlpReceiver, type ReceivedSpan } from './helpers/otlp-receiver.ts';
import { TEST_PRINCIPAL } from './helpers/keys.ts';

const STUB_KEY = 'stub-key-for-tracing-tests';
const TEXT = 'Satya Nadella leads Microsoft from Redmond.';
const ANALYZE = '/language/:analyze-text?api-version=2023-04-01';
const SERVER = 2;
const CLIENT = 3;

/** A new W3C trace context, as a caller that traces would send it. */
function callerContext(): { traceId: string; spanId: string; traceparent: string } {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
}

/** A server that records the headers of every request and answers 200. */
async function recordingServer(): Promise<{ server: Server; url: string; seen: IncomingHttpHeaders[] }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end('upstream ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/** One request through the gateway's front door (client certificate and subscription key). */
function send(
  gw: Gateway,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      `${gw.url}${path}`,
      {
        method,
        agent: gw.agent,
        headers: {
          'ocp-apim-subscription-key': GATEWAY_KEY,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function analyzeBody(): string {
  return JSON.stringify({
    kind: 'EntityRecognition',
    analysisInput: { documents: [{ id: '1', language: 'en', text: TEXT }] },
  });
}

function child(spans: readonly ReceivedSpan[], parent: ReceivedSpan, name: string): ReceivedSpan {
  const found = spans.find((s) => s.parentSpanId === parent.spanId && s.name === name);
  assert.ok(found, `no "${name}" span under "${parent.name}": ${spans.map((s) => s.name).join(', ')}`);
  assert.equal(found.traceId, parent.traceId);
  return found;
}

/** Each event of a span with its `nergw.outcome`. */
function outcomes(span: ReceivedSpan): [string, unknown][] {
  return span.events.map((e) => [e.name, e.attributes['nergw.outcome']]);
}

/** `tracing.frontDoorChecks` and `tracing.inference` at their default (`attributes`), all checks passed. */
function assertAttributesRecording(request: ReceivedSpan): void {
  for (const check of ['authenticate', 'rate_limit', 'quota']) {
    const ms = request.attributes[`nergw.${check}.duration_ms`];
    assert.ok(typeof ms === 'number' && ms >= 0, `${check}: ${String(ms)}`);
    assert.equal(
      request.attributes[`nergw.${check}.outcome`],
      undefined,
      'a check that passed has no outcome',
    );
  }
  assert.equal(request.attributes['nergw.model'], 'default');
  assert.equal(request.attributes['nergw.batch.documents'], 1);
  for (const time of ['nergw.queue_ms', 'nergw.batch_ms']) {
    const ms = request.attributes[time];
    assert.ok(typeof ms === 'number' && ms >= 0, `${time}: ${String(ms)}`);
  }
  assert.equal(request.attributes['nergw.attempt'], undefined, 'a first attempt that ended ok');
  assert.deepEqual(request.events, [], 'no events by default');
}

describe('OpenTelemetry tracing', { timeout: 180_000 }, () => {
  let receiver: OtlpReceiver;
  let upstream: Awaited<ReturnType<typeof recordingServer>>;
  let billing: Server;
  let billingUrl: string;
  const billingHeaders: IncomingHttpHeaders[] = [];

  before(async () => {
    receiver = await OtlpReceiver.start();
    upstream = await recordingServer();
    billing = createBillingStub({
      apiKey: STUB_KEY,
      maxBatch: 25,
      faults: { errorRate: 0, timeoutRate: 0, dropRate: 0 },
      periodSeconds: 3600,
      expireSeconds: 86_400,
    }).server;
    // Before the stub's own listener: every metering call's headers, as they arrived.
    billing.prependListener('request', (req) => void billingHeaders.push(req.headers));
    await new Promise<void>((resolve) => billing.listen(0, '127.0.0.1', resolve));
    billingUrl = `http://127.0.0.1:${(billing.address() as AddressInfo).port}/api`;
  });

  after(async () => {
    killAll();
    await Promise.all([receiver.close(), closeServer(upstream.server), closeServer(billing)]);
  });

  /** A gateway exporting to `to` under `service`, metering into the stub, with one proxy route. */
  function tracedGateway(
    service: string,
    args: readonly string[],
    env: Record<string, string> = {},
    to: OtlpReceiver = receiver,
  ): Promise<Gateway> {
    const dir = gatewayDir();
    return startGateway(
      [
        `Billing=${billingUrl}`,
        `ApiKey=${STUB_KEY}`,
        `Metering:DataDir=${join(dir, 'metering')}`,
        'Metering:DeliveryIntervalSeconds=0.2',
        'RateLimits:DailyRecords=100000',
        `RateLimits:QuotaFile=${join(dir, 'quotas.json')}`,
        `Proxy:Routes=${JSON.stringify([{ prefix: '/apps/echo', target: upstream.url }])}`,
        ...args,
      ],
      dir,
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: to.endpoint,
        OTEL_BSP_SCHEDULE_DELAY: '100',
        OTEL_SERVICE_NAME: service,
        ...env,
      },
    );
  }

  const spansOf = (service: string): ReceivedSpan[] =>
    receiver.spans().filter((s) => s.resource['service.name'] === service);

  /** Every span of `service` once spans with each of `names` have arrived. */
  const spansOnceThere = (service: string, names: readonly string[]): Promise<ReceivedSpan[]> =>
    eventually(`spans ${names.join(', ')}`, async () => {
      const all = spansOf(service);
      return names.every((n) => all.some((s) => s.name === n)) ? all : undefined;
    });

  /** A proxied GET from a caller that traces (traceparent and tracestate); its trace context. */
  async function relay(gw: Gateway, path: string): Promise<ReturnType<typeof callerContext>> {
    const caller = callerContext();
    const answer = await send(gw, 'GET', path, { traceparent: caller.traceparent, tracestate: 'caller=1' });
    assert.equal(answer.status, 200);
    return caller;
  }

  test('a trusted caller: its trace continues through authentication, limits, the ledger, the upstream and billing', async () => {
    const gw = await tracedGateway('nergw-trusted', ['Server:TrustProxy=127.0.0.1']);
    try {
      assert.ok(gw.svc.logs().some((l) => l.msg === 'tracing: spans are exported with OTLP over HTTP'));
      const analyze = callerContext();
      const answer = await send(gw, 'POST', ANALYZE, { traceparent: analyze.traceparent }, analyzeBody());
      assert.equal(answer.status, 200, answer.body);
      const proxied = await relay(gw, '/apps/echo/hello?x=1');
      const spans = await spansOnceThere('nergw-trusted', [
        'POST /language/:analyze-text',
        'GET /apps/echo/*',
        'proxy upstream',
        'ledger commit',
      ]);

      // The analysis: a SERVER span under the caller's span, its steps beneath it.
      const request = spans.find((s) => s.name === 'POST /language/:analyze-text')!;
      assert.equal(request.kind, SERVER);
      assert.equal(request.traceId, analyze.traceId);
      assert.equal(request.parentSpanId, analyze.spanId);
      assert.equal(request.attributes['http.route'], '/language/:analyze-text');
      assert.equal(request.attributes['http.response.status_code'], 200);
      assert.equal(request.attributes['enduser.id'], TEST_PRINCIPAL);
      // By default the front door's checks and the request's batch are attributes of the request span.
      assertAttributesRecording(request);
      assert.ok(!spans.some((s) => s.name.startsWith('inference ')), 'no pool spans by default');
      assert.equal(child(spans, request, 'ledger commit').attributes['nergw.records'], 1);

      // The proxied request: the upstream was sent the gateway's span, in the caller's trace.
      const viaProxy = spans.find((s) => s.name === 'GET /apps/echo/*')!;
      assert.equal(viaProxy.traceId, proxied.traceId);
      assert.equal(viaProxy.parentSpanId, proxied.spanId);
      const call = child(spans, viaProxy, 'proxy upstream');
      assert.equal(call.kind, CLIENT);
      assert.equal(call.attributes['nergw.proxy.prefix'], '/apps/echo');
      assert.equal(call.attributes['http.response.status_code'], 200);
      const sent = upstream.seen.at(-1)!;
      assert.equal(sent.traceparent, `00-${proxied.traceId}-${call.spanId}-01`);
      assert.equal(sent.tracestate, 'caller=1');

      // Billing: each metering call carries the traceparent of its own CLIENT span.
      const billed = await eventually('a billing span', async () =>
        spansOf('nergw-trusted').find((s) => s.name === 'billing'),
      );
      assert.equal(billed.kind, CLIENT);
      assert.match(String(billed.attributes['url.path']), /^\/api\//);
      const traceparents = billingHeaders.map((h) => h.traceparent);
      assert.ok(
        traceparents.includes(`00-${billed.traceId}-${billed.spanId}-01`),
        `billing stub saw ${traceparents.join(', ')}`,
      );

      // Sent with the default encoding, protobuf.
      assert.deepEqual([...receiver.contentTypes], ['application/x-protobuf']);
      // Nothing secret or private in any exported byte: no document text, no key, no query.
      const exported = receiver.raw();
      for (const secret of [TEXT, 'Satya', 'Redmond', GATEWAY_KEY, STUB_KEY, 'x=1'])
        assert.ok(!exported.includes(secret), `"${secret}" was exported`);
    } finally {
      await gw.stop();
    }
  });

  test("an untrusted caller's traceparent is ignored: a new trace, and the upstream never sees the caller's", async () => {
    const gw = await tracedGateway('nergw-untrusted', [], { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' });
    try {
      const caller = await relay(gw, '/apps/echo/x');
      const spans = await spansOnceThere('nergw-untrusted', ['GET /apps/echo/*', 'proxy upstream']);
      const request = spans.find((s) => s.name === 'GET /apps/echo/*')!;
      assert.notEqual(request.traceId, caller.traceId);
      assert.equal(request.parentSpanId, undefined);
      const call = child(spans, request, 'proxy upstream');
      const sent = upstream.seen.at(-1)!;
      assert.equal(sent.traceparent, `00-${request.traceId}-${call.spanId}-01`);
      assert.equal(sent.tracestate, undefined);
      assert.ok(!spans.some((s) => s.traceId === caller.traceId));

      // A refused key: the authentication span says so, and the request span has the 401.
      const refused = await send(
        gw,
        'POST',
        ANALYZE,
        { 'ocp-apim-subscription-key': 'wrong-key' },
        analyzeBody(),
      );
      assert.equal(refused.status, 401);
      const after401 = await eventually('the refused request span', async () =>
        spansOf('nergw-untrusted').find(
          (s) => s.kind === SERVER && s.attributes['http.response.status_code'] === 401,
        ),
      );
      // The refusing check says so; the checks after it never ran.
      assert.equal(after401.attributes['nergw.authenticate.outcome'], 'refused');
      assert.equal(typeof after401.attributes['nergw.authenticate.duration_ms'], 'number');
      assert.equal(after401.attributes['nergw.rate_limit.duration_ms'], undefined);
      assert.deepEqual(after401.events, []);
      assert.ok(!receiver.raw().includes('wrong-key'));
      assert.ok(
        receiver.contentTypes.has('application/json'),
        'OTEL_EXPORTER_OTLP_PROTOCOL=http/json is sent as JSON',
      );
    } finally {
      await gw.stop();
    }
  });

  test('tracing.frontDoorChecks=events and tracing.inference=events: each check and the batch are events on the request span', async () => {
    const gw = await tracedGateway('nergw-check-events', [
      'Tracing:FrontDoorChecks=events',
      'Tracing:Inference=events',
    ]);
    try {
      assert.equal((await send(gw, 'POST', ANALYZE, {}, analyzeBody())).status, 200);
      const wrongKey = { 'ocp-apim-subscription-key': 'wrong-key' };
      assert.equal((await send(gw, 'POST', ANALYZE, wrongKey, analyzeBody())).status, 401);
      const serverSpan = (status: number): ReceivedSpan | undefined =>
        spansOf('nergw-check-events').find(
          (s) => s.kind === SERVER && s.attributes['http.response.status_code'] === status,
        );
      const [passed, refused] = await eventually('both request spans', async () => {
        const [ok, no] = [serverSpan(200), serverSpan(401)];
        return ok && no ? [ok, no] : undefined;
      });
      assert.deepEqual(outcomes(passed), [
        ['authenticate', 'passed'],
        ['rate limit', 'passed'],
        ['quota', 'passed'],
        ['inference batch', 'ok'],
      ]);
      const batch = passed.events.find((e) => e.name === 'inference batch')!.attributes;
      assert.equal(batch['nergw.model'], 'default');
      assert.equal(batch['nergw.batch.documents'], 1);
      assert.equal(batch['nergw.attempt'], 1);
      for (const time of ['nergw.queue_ms', 'nergw.batch_ms'])
        assert.ok(typeof batch[time] === 'number' && batch[time] >= 0, `${time}: ${String(batch[time])}`);
      assert.equal(passed.attributes['nergw.authenticate.duration_ms'], undefined);
      assert.deepEqual(outcomes(refused), [['authenticate', 'refused']]);
      assert.equal(refused.events[0]!.attributes['http.response.status_code'], 401);
      assert.equal(typeof refused.events[0]!.attributes['nergw.duration_ms'], 'number');
    } finally {
      await gw.stop();
    }
  });

  test('tracing.frontDoorChecks=spans and tracing.inference=spans: each check and the pool work are child spans of the request', async () => {
    const gw = await tracedGateway('nergw-check-spans', [
      'Tracing:FrontDoorChecks=spans',
      'Tracing:Inference=spans',
    ]);
    try {
      assert.equal((await send(gw, 'POST', ANALYZE, {}, analyzeBody())).status, 200);
      const wrongKey = { 'ocp-apim-subscription-key': 'wrong-key' };
      assert.equal((await send(gw, 'POST', ANALYZE, wrongKey, analyzeBody())).status, 401);
      // Both requests' spans, which may arrive in separate exports.
      const serverSpan = (all: readonly ReceivedSpan[], status: number): ReceivedSpan | undefined =>
        all.find((s) => s.kind === SERVER && s.attributes['http.response.status_code'] === status);
      const spans = await eventually('both request spans and their checks', async () => {
        const all = spansOf('nergw-check-spans');
        const [ok, no] = [serverSpan(all, 200), serverSpan(all, 401)];
        const checksIn = (parent: ReceivedSpan | undefined, names: readonly string[]): boolean =>
          names.every((n) => all.some((s) => s.parentSpanId === parent?.spanId && s.name === n));
        return checksIn(ok, ['authenticate', 'rate limit', 'quota', 'inference queue', 'inference batch']) &&
          checksIn(no, ['authenticate'])
          ? all
          : undefined;
      });
      const [passed, refused] = [serverSpan(spans, 200)!, serverSpan(spans, 401)!];
      assert.deepEqual(passed.events, [], 'no events when checks and pool work are spans');
      const queued = child(spans, passed, 'inference queue');
      assert.equal(queued.attributes['nergw.model'], 'default');
      const batch = child(spans, passed, 'inference batch');
      assert.equal(batch.attributes['nergw.batch.documents'], 1);
      assert.equal(batch.attributes['nergw.outcome'], 'ok');
      for (const name of ['authenticate', 'rate limit', 'quota']) {
        const check = child(spans, passed, name);
        assert.equal(check.attributes['nergw.outcome'], 'passed');
        assert.equal(typeof check.attributes['nergw.duration_ms'], 'number');
      }
      const auth = child(spans, refused, 'authenticate');
      assert.equal(auth.attributes['nergw.outcome'], 'refused');
      assert.equal(auth.attributes['http.response.status_code'], 401);
      assert.ok(!spans.some((s) => s.parentSpanId === refused.spanId && s.name === 'rate limit'));
    } finally {
      await gw.stop();
    }
  });

  test('spans leave within 200 ms of ending when OTEL_BSP_SCHEDULE_DELAY is unset (the SDK would hold them 5 s)', async () => {
    const gw = await tracedGateway('nergw-prompt', [], { OTEL_BSP_SCHEDULE_DELAY: '' });
    const requestSpans = (): ReceivedSpan[] =>
      spansOf('nergw-prompt').filter((s) => s.name === 'POST /language/:analyze-text');
    try {
      // A first request warms the model up (and its batch may wait for a slow start); the second is timed.
      assert.equal((await send(gw, 'POST', ANALYZE, {}, analyzeBody())).status, 200);
      await eventually('the first request span', async () =>
        requestSpans().length === 1 ? true : undefined,
      );
      assert.equal((await send(gw, 'POST', ANALYZE, {}, analyzeBody())).status, 200);
      const answered = Date.now();
      await eventually('the second request span', async () =>
        requestSpans().length === 2 ? true : undefined,
      );
      // One or two schedules (the request span may end just after a batch left) and the export.
      const waited = Date.now() - answered;
      assert.ok(waited < 2500, `the spans arrived ${waited} ms after the answer`);
    } finally {
      await gw.stop();
    }
  });

  test('an unsampled trace: no span is exported, and the upstream still gets its traceparent (not sampled)', async () => {
    const gw = await tracedGateway('nergw-unsampled', [], { OTEL_TRACES_SAMPLER: 'always_off' });
    try {
      assert.equal((await send(gw, 'POST', ANALYZE, {}, analyzeBody())).status, 200);
      assert.equal((await send(gw, 'GET', '/apps/echo/z', {})).status, 200);
      assert.match(String(upstream.seen.at(-1)!.traceparent), /^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    } finally {
      await gw.stop(); // flushes what the span processor holds
    }
    assert.deepEqual(spansOf('nergw-unsampled'), []);
  });

  test('OTEL_SDK_DISABLED=true: nothing reaches the receiver, and a caller’s traceparent passes through untouched', async () => {
    const quiet = await OtlpReceiver.start();
    const gw = await tracedGateway('nergw-disabled', [], { OTEL_SDK_DISABLED: 'true' }, quiet);
    try {
      const caller = callerContext();
      assert.equal(
        (await send(gw, 'POST', ANALYZE, { traceparent: caller.traceparent }, analyzeBody())).status,
        200,
      );
      assert.equal((await send(gw, 'GET', '/apps/echo/y', { traceparent: caller.traceparent })).status, 200);
      assert.equal(upstream.seen.at(-1)!.traceparent, caller.traceparent);
      assert.ok(!gw.svc.logs().some((l) => String(l.msg).startsWith('tracing:')));
    } finally {
      // A stop flushes what the span processor holds: had anything been recorded, it would be sent now.
      await gw.stop();
      await quiet.close();
    }
    assert.equal(quiet.requests, 0);
  });

  test('settings: off unless an OTLP endpoint is set, as the SDK reads OTEL_* variables', () => {
    assert.equal(tracingSettings({}).enabled, false);
    assert.equal(
      tracingSettings({ OTEL_SERVICE_NAME: 'x', OTEL_TRACES_SAMPLER: 'always_on' }).enabled,
      false,
    );
    assert.equal(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }).enabled, true);
    assert.equal(
      tracingSettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' }).enabled,
      true,
    );
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' };
    assert.equal(tracingSettings({ ...endpoint, OTEL_SDK_DISABLED: 'TRUE' }).enabled, false);
    assert.equal(tracingSettings({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' }).enabled, false);
    assert.equal(tracingSettings(endpoint).protocol, 'http/protobuf');
    assert.equal(
      tracingSettings({ ...endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }).protocol,
      'http/json',
    );
    assert.equal(
      tracingSettings({
        ...endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
      }).protocol,
      'http/protobuf',
    );
    const grpc = tracingSettings({ ...endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' });
    assert.equal(grpc.protocol, 'http/protobuf');
    assert.match(grpc.note ?? '', /grpc is not supported: spans are sent as http\/protobuf/);
  });
});
