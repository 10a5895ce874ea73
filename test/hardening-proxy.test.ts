/**
 * Proxy hardening (issue 20): client-address headers a caller sends never reach an upstream as sent,
 * and an upstream status outside 100–599 becomes a 502. A real gateway (mTLS) in front of loopback
 * upstreams.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer, type Server as NetServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { call, startTestService, type TestService } from './helpers/service.ts';
import { websocketStatus } from './helpers/websocket.ts';

/** Headers that name a client address, as a caller could forge them. */
const FORGED: Record<string, string> = {
  'True-Client-IP': '203.0.113.7',
  'X-Client-IP': '203.0.113.7',
  'X-Real-IP': '203.0.113.7',
  'CF-Connecting-IP': '203.0.113.7',
  'X-Cluster-Client-IP': '203.0.113.7',
  'Fastly-Client-IP': '203.0.113.7',
  'X-Original-Forwarded-For': '203.0.113.7',
  'X-Forwarded-For': '203.0.113.7',
  Forwarded: 'for=203.0.113.7;proto=https',
};

const listen = async (server: Server | NetServer): Promise<string> => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

describe('proxy hardening', () => {
  let echo: Server;
  let odd: NetServer;
  let gw: TestService;
  let seen: IncomingHttpHeaders = {};

  before(async () => {
    echo = createServer((req, res) => {
      seen = req.headers;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    // Answers every request with the status in its path (`/status/600`), however odd.
    odd = createNetServer((s) =>
      s.once('data', (d: Buffer) => {
        const status = /^GET \/status\/(\d+)/.exec(d.toString('latin1'))?.[1] ?? '200';
        s.end(`HTTP/1.1 ${status} Odd\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok`);
      }),
    );
    const oddTarget = await listen(odd);
    const routes = [
      { prefix: '/apps/echo', target: await listen(echo) },
      { prefix: '/apps/odd', target: oddTarget, retries: 0 },
      { prefix: '/apps/oddws', target: oddTarget, retries: 0, websocket: true },
    ];
    gw = await startTestService({ args: [`Proxy:Routes=${JSON.stringify(routes)}`] });
  });

  /** The status a websocket upgrade through the gateway gets (101 when it opened). */
  const upgradeStatus = (path: string): Promise<number> =>
    websocketStatus(gw.url.replace('https', 'wss') + path, { ca: gw.ca, cert: gw.cert, key: gw.key });

  after(async () => {
    await gw?.close();
    echo?.close();
    odd?.close();
  });

  test('client-address headers the caller sent are dropped; Forwarded and X-Forwarded-For name the caller', async () => {
    const r = await call(gw, '/apps/echo/x', { headers: FORGED });
    assert.equal(r.status, 200, r.text);
    for (const name of Object.keys(FORGED)) {
      const value = seen[name.toLowerCase()];
      assert.ok(!String(value ?? '').includes('203.0.113.7'), `${name} reached the upstream: ${value}`);
    }
    assert.equal(seen['x-forwarded-for'], '127.0.0.1');
    assert.match(String(seen.forwarded), /^for="127\.0\.0\.1";proto="https"/);
  });

  for (const status of [600, 999]) {
    test(`an upstream status of ${status} becomes a 502 in the Azure envelope`, async () => {
      const r = await call(gw, `/apps/odd/status/${status}`);
      assert.equal(r.status, 502, r.text);
      assert.ok(r.json.error, r.text);
    });
  }

  for (const status of [600, 999]) {
    test(`an upstream answering a websocket upgrade with ${status} becomes a 502`, async () => {
      assert.equal(await upgradeStatus(`/apps/oddws/status/${status}`), 502);
    });
  }

  test('a websocket refusal inside 200–599 is still passed on', async () => {
    assert.equal(await upgradeStatus('/apps/oddws/status/403'), 403);
  });

  test('a 599 is still passed on', async () => {
    const r = await call(gw, '/apps/odd/status/599');
    assert.equal(r.status, 599);
  });
});
