/**
 * Proxy routes and the outbound proxy (issue 18 item 1): a route reaches its upstream through
 * HTTP_PROXY / HTTPS_PROXY only when it opts in (`useOutboundProxy`), in a CONNECT tunnel with
 * HTTP_PROXY_CREDS, TLS to the upstream end to end; NO_PROXY hosts and other routes go direct.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { bypassesProxy } from '../src/outbound/tunnel-agent.ts';
import { ensureDevCerts } from '../src/security/dev-certs.ts';
import { closeServer, type ForwardProxy, startForwardProxy } from './helpers/forward-proxy.ts';
import { call, startTestService, type TestService } from './helpers/service.ts';

const CREDS = 'route-user:r0ute-s3cret';

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('proxy routes through the outbound proxy (useOutboundProxy)', () => {
  let dir: string;
  let caFile: string;
  let plain: Server;
  let secure: Server;
  let plainUrl: string;
  let secureUrl: string;
  let plainPort: number;
  let securePort: number;
  const seen: IncomingHttpHeaders[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nergw-route-proxy-'));
    const certs = await ensureDevCerts(join(dir, 'certs'));
    caFile = certs.ca;
    const answer = (req: IncomingMessage, res: ServerResponse): void => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`upstream saw ${req.url}`);
    };
    plain = createServer(answer);
    plainPort = await listen(plain);
    plainUrl = `http://127.0.0.1:${plainPort}`;
    const tls = { cert: readFileSync(certs.serverCert), key: readFileSync(certs.serverKey) };
    secure = createHttpsServer(tls, answer);
    securePort = await listen(secure);
    secureUrl = `https://127.0.0.1:${securePort}`;
  });

  after(async () => {
    await Promise.all([closeServer(plain), closeServer(secure)]);
    rmSync(dir, { recursive: true, force: true });
  });

  /** A gateway with three routes (http and https opting in, one not) behind `proxy`. */
  async function gateway(proxy: ForwardProxy, settings: readonly string[]): Promise<TestService> {
    const routes = [
      { prefix: '/apps/out', target: plainUrl, useOutboundProxy: true, retries: 0 },
      { prefix: '/apps/secure', target: secureUrl, ca: caFile, useOutboundProxy: true, retries: 0 },
      { prefix: '/apps/inside', target: plainUrl, retries: 0 },
    ];
    return startTestService({
      args: [`HTTP_PROXY=${proxy.url}`, `Proxy:Routes=${JSON.stringify(routes)}`, ...settings],
    });
  }

  test('a route that opts in tunnels through the proxy with HTTP_PROXY_CREDS (http and https upstreams); others go direct', async () => {
    const proxy = await startForwardProxy(CREDS);
    const t = await gateway(proxy, [`HTTP_PROXY_CREDS=${CREDS}`]);
    try {
      const out = await call(t, '/apps/out/a?b=1');
      assert.equal(out.status, 200, out.text);
      assert.equal(out.text, 'upstream saw /a?b=1');
      assert.deepEqual(proxy.log.connects, [`127.0.0.1:${plainPort}`]);
      assert.equal(proxy.log.auth[0], `Basic ${Buffer.from(CREDS).toString('base64')}`);

      // TLS inside the tunnel, checked against the route's CA: the proxy sees only host and port.
      const tunnelled = await call(t, '/apps/secure/c');
      assert.equal(tunnelled.status, 200, tunnelled.text);
      assert.equal(tunnelled.text, 'upstream saw /c');
      assert.deepEqual(proxy.log.connects, [`127.0.0.1:${plainPort}`, `127.0.0.1:${securePort}`]);
      assert.deepEqual(proxy.log.forwards, []);

      // A second request reuses the tunnel (keep-alive), the route without the opt-in goes direct.
      assert.equal((await call(t, '/apps/out/again')).status, 200);
      const inside = await call(t, '/apps/inside/d');
      assert.equal(inside.status, 200);
      assert.equal(inside.text, 'upstream saw /d');
      assert.equal(proxy.log.connects.length, 2);
      assert.equal(proxy.log.auth.length, 2);
    } finally {
      await t.close();
      await proxy.close();
    }
  });

  test('a proxy that refuses the credentials: 502 from the route, the password never in the answer', async () => {
    const proxy = await startForwardProxy(CREDS);
    const t = await gateway(proxy, ['HTTP_PROXY_CREDS=route-user:wrong']);
    try {
      const refused = await call(t, '/apps/out/a');
      assert.equal(refused.status, 502, refused.text);
      assert.ok(!refused.text.includes('wrong'));
      assert.deepEqual(proxy.log.connects, []);
      assert.equal(proxy.log.auth.length, 1);
    } finally {
      await t.close();
      await proxy.close();
    }
  });

  test('NO_PROXY names the upstream: the route goes direct even though it opts in', async () => {
    const proxy = await startForwardProxy();
    const t = await gateway(proxy, ['NO_PROXY=localhost,127.0.0.1']);
    try {
      assert.equal((await call(t, '/apps/out/a')).status, 200);
      assert.equal((await call(t, '/apps/secure/b')).status, 200);
      assert.deepEqual(proxy.log.auth, []);
    } finally {
      await t.close();
      await proxy.close();
    }
  });

  test('NO_PROXY matching: names, parent domains, host:port, *', () => {
    assert.equal(bypassesProxy('', 'api.example.com', 443), false);
    assert.equal(bypassesProxy('example.com', 'api.example.com', 443), true);
    assert.equal(bypassesProxy('.example.com', 'example.com', 443), true);
    assert.equal(bypassesProxy('ample.com', 'example.com', 443), false);
    assert.equal(bypassesProxy('example.com:8443', 'example.com', 443), false);
    assert.equal(bypassesProxy('a.test, example.com:443', 'example.com', 443), true);
    assert.equal(bypassesProxy('*', 'anything', 80), true);
  });
});
