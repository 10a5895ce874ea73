/**
 * The gateway's own outbound calls (billing, its OAuth token, JWKS) through an HTTP proxy: a real
 * forward proxy written here on 127.0.0.1 (absolute-form requests for http targets, CONNECT tunnels
 * for https ones), with and without Proxy-Authorization (HTTP_PROXY_CREDS).
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { RequestListener, Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createBillingStub } from '../src/billing-stub/server.ts';
import { BillingClient } from '../src/metering/billing-client.ts';
import { BillingUnavailableError } from '../src/metering/errors.ts';
import { ClientCredentialsToken } from '../src/metering/oauth.ts';
import { createLogger } from '../src/observability/logger.ts';
import { type OutboundProxy, outboundDispatcher } from '../src/outbound/proxy.ts';
import { ensureDevCerts } from '../src/security/dev-certs.ts';
import { JwtKeyRing } from '../src/security/jwt/key-ring.ts';
import { closeServer, startForwardProxy } from './helpers/forward-proxy.ts';
import { call, startTestService } from './helpers/service.ts';

const USER = 'proxy-user';
const PASSWORD = 'pr0xy-s3cret-pw';
const CREDS = `${USER}:${PASSWORD}`;
const API_KEY = 'stub-key';

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const stubOptions = {
  apiKey: API_KEY,
  maxBatch: 25,
  faults: { errorRate: 0, timeoutRate: 0, dropRate: 0 },
  periodSeconds: 3600,
  expireSeconds: 86_400,
  clientId: 'gateway',
  clientSecret: 'client-secret',
};

const noProxy: OutboundProxy = { noProxy: '' };

describe('outbound calls through an HTTP proxy (HTTP_PROXY, HTTP_PROXY_CREDS, HTTPS_PROXY, NO_PROXY)', () => {
  let dir: string;
  let ca: string;
  let httpStub: Server;
  let httpsStub: Server;
  let httpBilling: string;
  let httpsBilling: string;
  let jwksServer: Server;
  let jwksUrl: string;
  let caFile: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nergw-proxy-'));
    const certs = await ensureDevCerts(join(dir, 'certs'));
    caFile = certs.ca;
    ca = readFileSync(certs.ca, 'utf8');
    const tls = { cert: readFileSync(certs.serverCert), key: readFileSync(certs.serverKey) };
    httpStub = createBillingStub(stubOptions).server;
    httpBilling = `http://127.0.0.1:${await listen(httpStub)}/api`;
    // The same stub behind TLS, so billing can be reached only through a CONNECT tunnel.
    const handler = createBillingStub(stubOptions).server.listeners('request')[0] as RequestListener;
    httpsStub = createHttpsServer(tls, handler);
    httpsBilling = `https://127.0.0.1:${await listen(httpsStub)}/api`;
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwks = JSON.stringify({
      keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig' }],
    });
    jwksServer = createHttpsServer(tls, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
    });
    jwksUrl = `https://127.0.0.1:${await listen(jwksServer)}/jwks`;
  });

  after(async () => {
    await Promise.all([closeServer(httpStub), closeServer(httpsStub), closeServer(jwksServer)]);
    rmSync(dir, { recursive: true, force: true });
  });

  const client = (endpoint: string, proxy: OutboundProxy, tls?: { ca: string }) =>
    new BillingClient({
      endpoint,
      apiKey: API_KEY,
      timeoutMs: 10_000,
      dispatcher: outboundDispatcher(proxy, tls)!,
    });

  test('http billing goes through the proxy as an absolute-form request, without credentials', async () => {
    const proxy = await startForwardProxy();
    try {
      await client(httpBilling, { httpProxy: proxy.url, noProxy: '' }).probe(new Date(0));
      assert.equal(proxy.log.forwards.length, 1);
      assert.match(proxy.log.forwards[0]!, new RegExp(`^${httpBilling}/usageEvents\\?`));
      assert.deepEqual(proxy.log.auth, [undefined]);
    } finally {
      await proxy.close();
    }
  });

  test('https billing goes through a CONNECT tunnel with HTTP_PROXY_CREDS as Basic Proxy-Authorization', async () => {
    const proxy = await startForwardProxy(CREDS);
    try {
      const billing = client(
        httpsBilling,
        { httpProxy: proxy.url, httpProxyCreds: CREDS, noProxy: '' },
        { ca },
      );
      await billing.probe(new Date(0));
      const results = await billing.batchUsageEvent([
        {
          resourceId: 'r1',
          quantity: 3,
          dimension: 'text-records',
          effectiveStartTime: new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString(),
          planId: 'ner-gateway',
        },
      ]);
      assert.equal(results[0]?.status, 'Accepted');
      assert.ok(proxy.log.connects.length > 0);
      assert.ok(proxy.log.connects.every((authority) => authority === new URL(httpsBilling).host));
      assert.deepEqual(proxy.log.forwards, [], 'an https request is never readable by the proxy');
      assert.equal(proxy.log.auth[0], `Basic ${Buffer.from(CREDS).toString('base64')}`);
    } finally {
      await proxy.close();
    }
  });

  test('HTTPS_PROXY takes https targets, HTTP_PROXY the http ones', async () => {
    const forHttp = await startForwardProxy();
    const forHttps = await startForwardProxy();
    try {
      const proxy = { httpProxy: forHttp.url, httpsProxy: forHttps.url, noProxy: '' };
      await client(httpBilling, proxy).probe(new Date(0));
      await client(httpsBilling, proxy, { ca }).probe(new Date(0));
      assert.equal(forHttp.log.forwards.length, 1);
      assert.deepEqual(forHttp.log.connects, []);
      assert.deepEqual(forHttps.log.connects, [new URL(httpsBilling).host]);
      assert.deepEqual(forHttps.log.forwards, []);
    } finally {
      await Promise.all([forHttp.close(), forHttps.close()]);
    }
  });

  test('missing or wrong credentials: the 407 is named, the password never appears', async () => {
    const proxy = await startForwardProxy(CREDS);
    try {
      for (const [endpoint, creds] of [
        [httpBilling, undefined],
        [httpBilling, `${USER}:wrong-${PASSWORD}`],
        [httpsBilling, undefined],
        [httpsBilling, `${USER}:wrong-${PASSWORD}`],
      ] as const) {
        const settings = { httpProxy: proxy.url, noProxy: '', ...(creds ? { httpProxyCreds: creds } : {}) };
        const err = await client(endpoint, settings, { ca })
          .probe(new Date(0))
          .then(() => assert.fail(`${endpoint} must be refused`))
          .catch((e: unknown) => e);
        assert.ok(err instanceof BillingUnavailableError, String(err));
        assert.equal(err.kind, 'CouldNotConnect');
        assert.match(err.message, /proxy refused its credentials \(HTTP 407\).*HTTP_PROXY_CREDS/);
        assert.ok(!`${err.message} ${err.detail ?? ''}`.includes(PASSWORD));
      }
    } finally {
      await proxy.close();
    }
  });

  test('NO_PROXY hosts are reached directly', async () => {
    const proxy = await startForwardProxy();
    try {
      await client(httpBilling, { httpProxy: proxy.url, noProxy: 'example.com, 127.0.0.1' }).probe(
        new Date(0),
      );
      assert.deepEqual(proxy.log.forwards, []);
      assert.deepEqual(proxy.log.connects, []);
    } finally {
      await proxy.close();
    }
  });

  test('the OAuth token for billing goes through the proxy too', async () => {
    const proxy = await startForwardProxy(CREDS);
    try {
      const settings = { httpProxy: proxy.url, httpProxyCreds: CREDS, noProxy: '' };
      const token = new ClientCredentialsToken({
        tokenUrl: httpBilling.replace(/\/api$/, '/oauth2/token'),
        clientId: stubOptions.clientId,
        clientSecret: stubOptions.clientSecret,
        timeoutMs: 10_000,
        dispatcher: outboundDispatcher(settings)!,
      });
      assert.ok((await token.get()).length > 10);
      assert.deepEqual(proxy.log.forwards, [httpBilling.replace(/\/api$/, '/oauth2/token')]);
    } finally {
      await proxy.close();
    }
  });

  test('a JWKS URL under a private CA is fetched through the proxy tunnel', async () => {
    const proxy = await startForwardProxy(CREDS);
    const options = {
      algorithms: ['ES256' as const],
      keys: [],
      jwks: jwksUrl,
      jwksCaFile: caFile,
      jwksRefetchSeconds: 30,
    };
    const logger = createLogger('silent');
    try {
      const ring = await JwtKeyRing.load(
        { ...options, proxy: { httpProxy: proxy.url, httpProxyCreds: CREDS, noProxy: '' } },
        logger,
      );
      assert.ok('key' in (await ring.keyFor({ alg: 'ES256', kid: 'k1' })));
      assert.deepEqual(proxy.log.connects, [new URL(jwksUrl).host]);
      ring.close();
      // Without the proxy setting the same key ring goes direct (the proxy sees nothing more).
      const direct = await JwtKeyRing.load({ ...options, proxy: noProxy }, logger);
      assert.ok('key' in (await direct.keyFor({ alg: 'ES256', kid: 'k1' })));
      assert.equal(proxy.log.connects.length, 1);
      direct.close();
    } finally {
      await proxy.close();
    }
  });

  test('the gateway meters through an authenticated proxy set by Azure names (HTTP_PROXY=, HTTP_PROXY_CREDS=), and never logs the password', async () => {
    const proxy = await startForwardProxy(CREDS);
    const lines: string[] = [];
    const t = await startTestService({
      args: [
        `Billing=${httpBilling}`,
        `ApiKey=${API_KEY}`,
        `HTTP_PROXY=${proxy.url}`,
        `HTTP_PROXY_CREDS=${CREDS}`,
        'Metering:RetryBaseMs=50',
        'Metering:RetryMaxMs=200',
      ],
      logTo: { write: (line) => void lines.push(line) },
    });
    try {
      const deadline = Date.now() + 30_000;
      let status: { apiStatus?: string } = {};
      while (Date.now() < deadline) {
        status = (await call(t, '/status')).json as typeof status;
        if (status.apiStatus === 'Valid' && proxy.log.forwards.length > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(status.apiStatus, 'Valid');
      assert.ok(proxy.log.forwards.every((u) => u.startsWith(httpBilling)));
      assert.ok(proxy.log.auth.every((a) => a === `Basic ${Buffer.from(CREDS).toString('base64')}`));
      assert.ok(!lines.join('').includes(PASSWORD), 'the proxy password is in the log');
    } finally {
      await t.close();
      await proxy.close();
    }
  });
});
