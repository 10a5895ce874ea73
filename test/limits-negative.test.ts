/**
 * Security negative cases owned by rate limits and hardening, table-driven against real gateway
 * processes over mTLS: each case asserts the exact status and error code, and that no credential the
 * request carried reaches the logs.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { after, before, describe, test } from 'node:test';
import { GATEWAY_KEY, type Gateway, gatewayDir, startGateway } from './helpers/gateway.ts';
import { killAll } from './helpers/child-service.ts';
import { API, call, type HttpResult, nerBody } from './helpers/service.ts';

const KEY = GATEWAY_KEY;
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.negative-token-secret.c2lnbmF0dXJl';
const SECRET_HEADERS = { 'ocp-apim-subscription-key': KEY, authorization: `Bearer ${TOKEN}` };
const JOBS = '/language/analyze-text/jobs/0b7c7c1e-7a5e-4f6e-9d38-3c1d7b1e2f00?api-version=2023-04-01';
const LEGACY = '/text/analytics/v3.1/entities/recognition/general';
const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_000;

let gw: Gateway; // defaults for CORS and trust proxy
let corsGw: Gateway; // CORS for one origin, loopback trusted as a proxy
const dir = gatewayDir();
/** /text is anonymous in these gateways, so its limit keys on the client address (what XFF could spoof). */
const ANONYMOUS_TEXT = `Security:Routes=${JSON.stringify([
  { prefix: '/text', methods: ['anonymous'] },
  { prefix: '/', methods: ['subscription-key', 'jwt', 'certificate'] },
])}`;

const args = [
  ANONYMOUS_TEXT,
  `RateLimits:Routes=${JSON.stringify([
    { prefix: '/language', windowSeconds: 60, max: 1000 },
    { prefix: '/language/analyze-text/jobs', windowSeconds: 60, max: 2 },
    { prefix: '/text', windowSeconds: 60, max: 2 },
  ])}`,
  'RateLimits:DailyRecords=3',
  'RateLimits:QuotaPrefixes=/language/:analyze-text',
  `RateLimits:QuotaFile=${join(dir, 'quotas.json')}`,
  `Server:HeadersTimeoutMs=${HEADERS_TIMEOUT_MS}`,
  `Server:RequestTimeoutMs=${REQUEST_TIMEOUT_MS}`,
];

before(async () => {
  [gw, corsGw] = await Promise.all([
    startGateway(args, dir),
    startGateway([
      'Server:CorsOrigins=https://app.example',
      'Server:TrustProxy=loopback',
      ANONYMOUS_TEXT,
      `RateLimits:Routes=${JSON.stringify([{ prefix: '/text', windowSeconds: 60, max: 2 }])}`,
    ]),
  ]);
});

after(async () => {
  await Promise.allSettled([gw?.stop(), corsGw?.stop()]);
  killAll();
});

/** What a case observed: an HTTP answer, or a connection the server cut. */
interface Outcome {
  readonly status: number;
  readonly code?: string;
  readonly headers: HttpResult['headers'];
  readonly body?: unknown;
  readonly elapsedMs?: number;
}

function outcome(res: HttpResult): Outcome {
  return { status: res.status, code: res.json?.error?.code, headers: res.headers, body: res.json };
}

/** Sends `n` identical requests in order and returns the last answer. */
async function repeat(n: number, send: () => Promise<HttpResult>): Promise<Outcome> {
  let last: HttpResult | undefined;
  for (let i = 0; i < n; i++) last = await send();
  return outcome(last!);
}

/**
 * A raw TLS client that sends the request line, then `parts` one at a time every `gapMs`, and reports
 * what the server answered before closing the connection (408 for a timed-out request).
 */
function trickle(target: Gateway, head: string, parts: readonly string[], gapMs: number): Promise<Outcome> {
  const url = new URL(target.url);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: url.hostname,
      port: Number(url.port),
      ...target.tls,
      servername: 'localhost',
    });
    let received = '';
    let timer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => socket.destroy(new Error('server never cut the slow client')), 15_000);
    socket.setEncoding('utf8').on('data', (s: string) => (received += s));
    socket.once('secureConnect', () => {
      socket.write(head);
      let i = 0;
      timer = setInterval(() => {
        if (i < parts.length && socket.writable) socket.write(parts[i++]!);
      }, gapMs);
    });
    socket.once('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
      resolve({ status, headers: {}, elapsedMs: Date.now() - started });
    });
    socket.once('error', (err) => {
      clearInterval(timer);
      clearTimeout(giveUp);
      if ((err as NodeJS.ErrnoException).code === 'ECONNRESET') return; // 'close' follows
      reject(err);
    });
  });
}

const longText = 'Satya Nadella leads Microsoft from Redmond. '.repeat(60); // 2,640 characters = 3 records

interface Case {
  readonly name: string;
  readonly run: () => Promise<Outcome>;
  readonly status: number;
  readonly code?: string;
  readonly check?: (o: Outcome) => void | Promise<void>;
  /** The gateway whose logs must stay clean (default: gw). */
  readonly target?: () => Gateway;
}

function assertRetryAfter(o: Outcome, max: number): void {
  const retryAfter = Number(o.headers['retry-after']);
  assert.ok(
    Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= max,
    `Retry-After ${retryAfter}`,
  );
}

const cases: Case[] = [
  {
    name: 'rate limit: third request in the window on a 2-per-60s route is 429 in the Azure envelope',
    run: () => repeat(3, () => call(gw, JOBS, { headers: SECRET_HEADERS })),
    status: 429,
    code: '429',
    check: (o) => {
      assertRetryAfter(o, 60);
      assert.equal(o.headers['x-ms-error-code'], '429');
      assert.match(String(o.headers['ratelimit']), /limit=2, remaining=0, reset=\d+/);
      assert.equal(o.headers['ratelimit-policy'], '2;w=60');
      const body = o.body as { error: { message: string; innererror?: unknown } };
      assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message']);
      assert.match(
        body.error.message,
        /exceeded rate limit of 2 calls per 60 seconds\. Please retry after \d+ seconds?\./,
      );
    },
  },
  {
    name: 'rate limit: the longest prefix wins (the /language route next to it is not exhausted)',
    run: async () => outcome(await call(gw, '/language/:analyze-text?api-version=2023-04-01', { body: {} })),
    status: 400,
    code: 'InvalidRequest',
    check: (o) => assert.match(String(o.headers['ratelimit']), /limit=1000, remaining=999/),
  },
  {
    name: 'spoofed X-Forwarded-For does not change the rate-limit key without trustProxy',
    run: async () => {
      let last: HttpResult | undefined;
      for (const spoof of ['203.0.113.7', '198.51.100.1, 203.0.113.9', '2001:db8::1'])
        last = await call(gw, LEGACY, {
          body: { documents: [{ id: '1', text: 'x' }] },
          headers: { 'x-forwarded-for': spoof, forwarded: `for=${spoof.split(',')[0]}` },
        });
      return outcome(last!);
    },
    status: 429,
    code: '429',
    check: (o) => assertRetryAfter(o, 60),
  },
  {
    name: 'spoofed X-Forwarded-For is not logged as the client address',
    run: async () => outcome(await call(gw, '/status', { headers: { 'x-forwarded-for': '203.0.113.66' } })),
    status: 200,
    check: async (o) => {
      const id = o.headers['apim-request-id'];
      const line = await gw.svc.waitFor('the audit line', () => gw.audit().find((l) => l.requestId === id));
      assert.equal(line.client, '127.0.0.1');
    },
  },
  {
    name: 'quota: a request after the daily quota (3 records) is used up is 403 "Out of call volume quota"',
    run: async () => {
      const first = await call(gw, API, {
        body: nerBody([{ id: '1', text: longText }]),
        headers: SECRET_HEADERS,
      });
      assert.equal(first.status, 200, first.text);
      return outcome(
        await call(gw, API, { body: nerBody([{ id: '1', text: 'Bill Gates' }]), headers: SECRET_HEADERS }),
      );
    },
    status: 403,
    code: '403',
    check: (o) => {
      assertRetryAfter(o, 86_400);
      assert.equal(o.headers['x-ms-error-code'], '403');
      assert.match(
        (o.body as { error: { message: string } }).error.message,
        /^Out of call volume quota for the daily quota of 3 text records\. Please retry after \d+ (hours?|minutes?|seconds?)\./,
      );
    },
  },
  {
    name: 'quota: still 403 after the gateway restarts (counters persisted)',
    run: async () => {
      await gw.stop(true);
      gw = await startGateway(
        gw.svc.proc.spawnargs.slice(3).filter((a) => a.includes('=')),
        gw.dir,
      );
      return outcome(
        await call(gw, API, { body: nerBody([{ id: '1', text: 'Bill Gates' }]), headers: SECRET_HEADERS }),
      );
    },
    status: 403,
    code: '403',
  },
  {
    name: 'slow headers: a client trickling header lines is cut off by headersTimeout (408)',
    run: () =>
      trickle(
        gw,
        'GET /status HTTP/1.1\r\nHost: localhost\r\n',
        Array.from({ length: 40 }, (_, i) => `X-Slow-${i}: ${KEY}\r\n`),
        200,
      ),
    status: 408,
    check: (o) => assert.ok(o.elapsedMs! < HEADERS_TIMEOUT_MS + 2_000, `cut after ${o.elapsedMs} ms`),
  },
  {
    name: 'slow body: a client trickling its body is cut off by requestTimeout (408)',
    run: () =>
      trickle(
        gw,
        `POST ${LEGACY.replace('/text', '/language')} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`,
        Array.from({ length: 60 }, () => ' '),
        200,
      ),
    status: 408,
    check: (o) => assert.ok(o.elapsedMs! < REQUEST_TIMEOUT_MS + 2_000, `cut after ${o.elapsedMs} ms`),
  },
  {
    name: 'CORS off by default: a cross-origin request gets no Access-Control-* headers',
    run: async () => outcome(await call(gw, '/status', { headers: { origin: 'https://evil.example' } })),
    status: 200,
    check: (o) =>
      assert.deepEqual(
        Object.keys(o.headers).filter((h) => h.startsWith('access-control-')),
        [],
      ),
  },
  {
    name: 'CORS off by default: a preflight is not answered with CORS headers',
    run: async () =>
      outcome(
        await call(gw, API, {
          method: 'OPTIONS',
          headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
        }),
      ),
    status: 200, // Express answers OPTIONS with the Allow header only
    check: (o) =>
      assert.deepEqual(
        Object.keys(o.headers).filter((h) => h.startsWith('access-control-')),
        [],
      ),
  },
  {
    name: 'CORS configured: an origin not in the list gets no Access-Control-Allow-Origin',
    target: () => corsGw,
    run: async () =>
      outcome(
        await call(corsGw, API, {
          method: 'OPTIONS',
          headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
        }),
      ),
    status: 204,
    check: (o) => assert.equal(o.headers['access-control-allow-origin'], undefined),
  },
];

describe('limits and hardening: negative cases', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const o = await c.run();
      assert.equal(o.status, c.status, JSON.stringify(o.body));
      assert.equal(o.code, c.code, JSON.stringify(o.body));
      await c.check?.(o);
      const target = c.target?.() ?? gw;
      const logs = target.svc.stdout + target.svc.stderr;
      for (const secret of [KEY, TOKEN]) assert.ok(!logs.includes(secret), 'a credential reached the logs');
    });
  }

  test('CORS configured: the listed origin is allowed (the negative cases above are not vacuous)', async () => {
    const res = await call(corsGw, API, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers['access-control-allow-origin'], 'https://app.example');
  });

  test('trustProxy=loopback: X-Forwarded-For from the trusted proxy does key the limit (control for the spoof case)', async () => {
    for (const client of ['203.0.113.7', '203.0.113.8', '203.0.113.9']) {
      const res = await call(corsGw, LEGACY, {
        body: { documents: [{ id: '1', text: 'x' }] },
        headers: { 'x-forwarded-for': client },
      });
      assert.notEqual(res.status, 429, `${client}: ${res.text}`);
      const id = res.headers['apim-request-id'];
      const line = await corsGw.svc.waitFor('the audit line', () =>
        corsGw.audit().find((l) => l.requestId === id),
      );
      assert.equal(line.client, client);
    }
  });
});
