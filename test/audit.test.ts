/** The audit log: one line per request with who, what, outcome and latency, and never a credential. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { killAll } from './helpers/child-service.ts';
import { GATEWAY_KEY, type Gateway, startGateway } from './helpers/gateway.ts';
import { TEST_PRINCIPAL } from './helpers/keys.ts';
import { API, call, nerBody } from './helpers/service.ts';

const KEY = GATEWAY_KEY;
const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.audit-token-secret.c2ln';
let gw: Gateway;

before(async () => {
  gw = await startGateway([]);
});
after(async () => {
  await gw?.stop();
  killAll();
});

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
  const status = await new Promise<number>((resolve, reject) => {
    const ws = new WebSocket(`${gw.url.replace('https', 'wss')}/no-such-route?subscription-key=${KEY}`, {
      ca: gw.tls.ca,
      cert: gw.tls.cert,
      key: gw.tls.key,
      headers: { 'Ocp-Apim-Subscription-Key': KEY },
    });
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    ws.once('open', () => reject(new Error('the upgrade was accepted')));
    ws.once('error', () => undefined);
  });
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
