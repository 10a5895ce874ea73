/** The audit log: one line per request with who, what, outcome and latency, and never a credential. */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { WebSocketServer } from 'ws';
import { killAll } from './helpers/child-service.ts';
import { GATEWAY_KEY, type Gateway, startGateway } from './helpers/gateway.ts';
import { TEST_PRINCIPAL } from './helpers/keys.ts';
import { API, call, nerBody } from './helpers/service.ts';
import { websocketStatus } from './helpers/websocket.ts';

const KEY = GATEWAY_KEY;
const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.audit-token-secret.c2ln';
let gw: Gateway;
/** A websocket upstream that refuses upgrades on /refused and echoes elsewhere. */
let upstream: Server;

before(async () => {
  upstream = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true });
  upstream.on('upgrade', (req, socket, head) => {
    if (req.url === '/refused') return void socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
    wss.handleUpgrade(req, socket, head, (ws) => ws.on('message', (m) => ws.send(m)));
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const target = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  gw = await startGateway([
    `Proxy:Routes=${JSON.stringify([{ prefix: '/apps/ws', target, websocket: true }])}`,
  ]);
});
after(async () => {
  await gw?.stop();
  upstream?.closeAllConnections();
  upstream?.close();
  killAll();
});

/** Opens a websocket through the gateway with the test key: 101, or the refusal's status. */
function openSocket(path: string): Promise<number> {
  return websocketStatus(`${gw.url.replace('https', 'wss')}${path}`, {
    ...gw.tls,
    headers: { 'Ocp-Apim-Subscription-Key': KEY },
  });
}

test('one audit line per request: request id, principal, client, method, route, status, latency, documents', async () => {
  const res = await call(gw, `${API}&subscription-key=${KEY}`, {
    body: nerBody([
      { id: '1', text: 'Grace Hopper joined Remington Rand.' },
      { id: '2', text: 'Bill Gates lives in Medina.' },
    ]),
    headers: { 'ocp-apim-subscription-key': KEY, authorization: `Bearer ${TOKEN}` },
  });
  assert.equal(res.status, 200, res.text);
  const id = res.headers['apim-request-id'];
  const line = await gw.svc.waitFor('the audit line', () => gw.audit().find((l) => l.requestId === id));
  assert.equal(line.msg, 'request');
  assert.equal(line.principal, TEST_PRINCIPAL);
  assert.equal(line.client, '127.0.0.1');
  assert.equal(line.method, 'POST');
  assert.equal(line.route, '/language/:analyze-text', 'the path only: no query string');
  assert.equal(line.status, 200);
  assert.equal(line.documents, 2);
  assert.ok(typeof line.latencyMs === 'number' && line.latencyMs > 0);

  const notFound = await call(gw, '/nope');
  const missing = await gw.svc.waitFor('the 404 audit line', () =>
    gw.audit().find((l) => l.requestId === notFound.headers['apim-request-id']),
  );
  assert.deepEqual([missing.status, missing.documents, missing.method], [404, 0, 'GET']);

  const logs = gw.svc.stdout + gw.svc.stderr;
  assert.ok(!logs.includes(KEY), 'the subscription key is not logged');
  assert.ok(!logs.includes(TOKEN), 'the bearer token is not logged');
  assert.ok(!logs.includes('Grace Hopper'), 'customer text is not logged');
});

test('websocket upgrades are audited too, with their outcome', async () => {
  const status = await openSocket(`/no-such-route?subscription-key=${KEY}`);
  assert.equal(status, 404);
  const line = await gw.svc.waitFor('the upgrade audit line', () =>
    gw.audit().find((l) => l.websocket === true && l.route === '/no-such-route'),
  );
  assert.deepEqual(
    [line.principal, line.client, line.method, line.status],
    [TEST_PRINCIPAL, '127.0.0.1', 'GET', 404],
  );
  assert.ok(!(gw.svc.stdout + gw.svc.stderr).includes(KEY), 'the key in the query is not logged');
});

test('a proxied upgrade is audited with what the upstream answered, not with the hand-off', async () => {
  assert.equal(await openSocket('/apps/ws/echo'), 101);
  assert.equal(await openSocket('/apps/ws/refused'), 403);
  const outcome = async (route: string): Promise<number> =>
    (
      await gw.svc.waitFor(`the audit line of ${route}`, () =>
        gw.audit().find((l) => l.websocket === true && l.route === route),
      )
    ).status as number;
  assert.equal(await outcome('/apps/ws/echo'), 101);
  assert.equal(await outcome('/apps/ws/refused'), 403);
});
