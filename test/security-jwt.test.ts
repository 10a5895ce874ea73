/**
 * JWT keys beyond static PEM files, against a real service over mTLS: a JWKS served by a loopback
 * HTTP server (known kid, issuer key rotation picked up by the re-fetch on an unknown kid, re-fetches
 * rate-limited, an issuer that is down, failing or answering garbage), and HS256 when configured.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { JwtKeyRing } from '../src/security/jwt/key-ring.ts';
import { createCa, issueCert } from '../src/security/pki.ts';
import { claims, signJwt } from './helpers/jwt.ts';
import {
  API,
  call,
  type HttpResult,
  nerBody,
  startTestService,
  type TestService,
} from './helpers/service.ts';

const ISSUER = 'https://issuer.test/';
const AUDIENCE = 'https://cognitiveservices.azure.com';
const BODY = nerBody([{ id: '1', language: 'en', text: 'John Smith works for Microsoft in Seattle.' }]);
const REFETCH_SECONDS = 2;

const dir = mkdtempSync(join(tmpdir(), 'nergw-jwt-'));
after(() => rmSync(dir, { recursive: true, force: true }));

type KeyPair = { privateKey: KeyObject; publicKey: KeyObject };
const rsa = (): KeyPair => generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = (pair: KeyPair, kid: string): object => ({
  ...pair.publicKey.export({ format: 'jwk' }),
  kid,
  use: 'sig',
  alg: 'RS256',
});

/** A fresh RS256 token (unique `jti`: never served from the verified-token cache). */
function rsToken(pair: KeyPair, kid: string, sub = 'app-1'): string {
  return signJwt(
    { alg: 'RS256', kid },
    { iss: ISSUER, aud: AUDIENCE, jti: randomUUID(), ...claims(sub) },
    pair.privateKey,
  );
}

const bearer = (token: string): { headers: Record<string, string>; body: object } => ({
  headers: { authorization: `Bearer ${token}` },
  body: BODY,
});

/** Fails unless `res` is the Azure-shaped 401 for a refused token. */
function assertTokenRefused(res: HttpResult): void {
  assert.equal(res.status, 401, res.text);
  assert.equal(res.json.error.code, '401');
  assert.match(res.json.error.message, /invalid or expired access token/);
  assert.match(String(res.headers['www-authenticate']), /Bearer realm="ner-gateway", error="invalid_token"/);
}

/**
 * The issuer's JWKS endpoint: serves `keys` (or a failure `mode`), counts and timestamps its hits,
 * and can be stopped (connection refused) and started again on the same port.
 */
class JwksServer {
  keys: object[] = [];
  mode: 'ok' | 'error' | 'garbage' = 'ok';
  readonly hits: number[] = [];
  private server: Server | undefined;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/discovery/keys`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.hits.push(Date.now());
      if (this.mode === 'error') return void res.writeHead(500).end('upstream trouble');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(this.mode === 'garbage' ? '<html>not json' : JSON.stringify({ keys: this.keys }));
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Waits until `seconds` have passed since the JWKS server's last hit (the re-fetch window is open). */
async function windowOpen(jwks: JwksServer, seconds = REFETCH_SECONDS): Promise<void> {
  const wait = jwks.hits.at(-1)! + seconds * 1000 + 100 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

describe('JWKS by URL', () => {
  const jwks = new JwksServer();
  const logs: string[] = [];
  const k1 = rsa();
  const k2 = rsa();
  const k3 = rsa();
  let t: TestService;

  before(async () => {
    jwks.keys = [jwk(k1, 'k1')];
    await jwks.start();
    t = await startTestService({
      logTo: { write: (line: string) => void logs.push(line) },
      args: [
        `Security:Jwt:Issuer=${ISSUER}`,
        `Security:Jwt:Audience=${AUDIENCE}`,
        `Security:Jwt:Jwks=${jwks.url}`,
        `Security:Jwt:JwksRefetchSeconds=${REFETCH_SECONDS}`,
      ],
    });
  });
  after(async () => {
    await t?.close();
    await jwks.stop();
  });

  test('fetched once at start-up; a token with a known kid is accepted without another fetch', async () => {
    assert.equal(jwks.hits.length, 1);
    const res = await call(t, API, bearer(rsToken(k1, 'k1')));
    assert.equal(res.status, 200, res.text);
    assert.equal(jwks.hits.length, 1);
  });

  test('issuer rotation: a token signed with the new kid is accepted after the re-fetch', async () => {
    jwks.keys = [jwk(k1, 'k1'), jwk(k2, 'k2')];
    await windowOpen(jwks);
    const res = await call(t, API, bearer(rsToken(k2, 'k2')));
    assert.equal(res.status, 200, res.text);
    assert.equal(jwks.hits.length, 2, 'the unknown kid caused exactly one re-fetch');
    assert.equal((await call(t, API, bearer(rsToken(k1, 'k1')))).status, 200, 'the old key still works');
    // A kid the JWKS really does not hold stays refused even right after a fetch.
    assertTokenRefused(await call(t, API, bearer(rsToken(k3, 'k2'))));
  });

  test('re-fetches are rate-limited: a burst of unknown kids inside the window fetches nothing', async () => {
    const before = jwks.hits.length;
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, i) => call(t, API, bearer(rsToken(k3, `made-up-${i}`)))),
    );
    burst.forEach(assertTokenRefused);
    const sequential: HttpResult[] = [];
    for (let i = 0; i < 4; i++) sequential.push(await call(t, API, bearer(rsToken(k3, `again-${i}`))));
    sequential.forEach(assertTokenRefused);
    // Each hit is at least a window after the one before, whatever the machine's speed.
    const hits = jwks.hits.slice(before - 1);
    for (let i = 1; i < hits.length; i++)
      assert.ok(hits[i]! - hits[i - 1]! >= REFETCH_SECONDS * 1000 - 50, `hits ${hits.join(', ')}`);

    await windowOpen(jwks);
    const second = jwks.hits.length;
    const after = await Promise.all(
      Array.from({ length: 8 }, (_, i) => call(t, API, bearer(rsToken(k3, `later-${i}`)))),
    );
    after.forEach(assertTokenRefused);
    assert.equal(jwks.hits.length, second + 1, 'one fetch for the whole burst once the window is open');
  });

  test('issuer down, failing or answering garbage: 401 for new kids, the known keys keep working', async () => {
    const from = logs.length;
    for (const outage of ['down', 'error', 'garbage'] as const) {
      if (outage === 'down') await jwks.stop();
      else {
        jwks.mode = outage;
        await jwks.start();
      }
      const hits = jwks.hits.length;
      await new Promise((r) => setTimeout(r, REFETCH_SECONDS * 1000 + 100));
      jwks.keys = [jwk(k1, 'k1'), jwk(k2, 'k2'), jwk(k3, 'k3')]; // what the issuer would serve if it could
      assertTokenRefused(await call(t, API, bearer(rsToken(k3, 'k3'))));
      if (outage !== 'down') assert.equal(jwks.hits.length, hits + 1, `${outage}: the issuer was asked`);
      for (const [pair, kid] of [
        [k1, 'k1'],
        [k2, 'k2'],
      ] as const) {
        const res = await call(t, API, bearer(rsToken(pair, kid)));
        assert.equal(res.status, 200, `${outage}, ${kid}: ${res.text}`);
      }
      if (outage !== 'garbage') await jwks.stop();
    }
    const warned = logs.slice(from).filter((l) => l.includes('JWKS not loaded'));
    assert.equal(warned.length, 3, 'each failed fetch is logged once');
    assert.match(warned[0]!, /fetch failed|ECONNREFUSED/);
    assert.match(warned[1]!, /HTTP 500/);
    assert.match(warned[2]!, /JSON/);

    jwks.mode = 'ok';
    await windowOpen(jwks);
    const back = await call(t, API, bearer(rsToken(k3, 'k3')));
    assert.equal(back.status, 200, `the issuer is back: ${back.text}`);
  });

  test('a JWKS holding a symmetric or broken key: the usable keys still load', async () => {
    jwks.keys = [
      { kty: 'oct', k: randomBytes(32).toString('base64url'), kid: 'sym' },
      { kty: 'RSA', kid: 'broken', n: 'AQAB' },
      jwk(k1, 'k1'),
      jwk(k3, 'k4'),
    ];
    await windowOpen(jwks);
    assert.equal((await call(t, API, bearer(rsToken(k3, 'k4')))).status, 200);
    // The oct entry never becomes an HMAC key: HS256 is not configured, and a JWKS gives public keys only.
    const hs = signJwt(
      { alg: 'HS256', kid: 'sym' },
      { iss: ISSUER, aud: AUDIENCE, ...claims('app-1') },
      Buffer.from((jwks.keys[0] as { k: string }).k, 'base64url'),
    );
    assertTokenRefused(await call(t, API, bearer(hs)));
    assert.ok(logs.some((l) => l.includes('JWKS keys skipped') && l.includes('"sym"')));
  });
});

describe('JWKS issuer down when the gateway starts', () => {
  const jwks = new JwksServer();
  const k1 = rsa();
  let t: TestService;

  before(async () => {
    await jwks.start();
    await jwks.stop(); // a port that refuses connections
    t = await startTestService({
      args: [
        `Security:Jwt:Issuer=${ISSUER}`,
        `Security:Jwt:Audience=${AUDIENCE}`,
        `Security:Jwt:Jwks=${jwks.url}`,
        'Security:Jwt:JwksRefetchSeconds=1', // the least a URL allows
      ],
    });
  });
  after(async () => {
    await t?.close();
    await jwks.stop();
  });

  test('the gateway starts, refuses tokens with 401, and accepts them once the issuer is up', async () => {
    assertTokenRefused(await call(t, API, bearer(rsToken(k1, 'k1'))));
    assert.equal((await call(t, '/status')).status, 200, 'the rest of the gateway serves');
    jwks.keys = [jwk(k1, 'k1')];
    await jwks.start();
    await new Promise((r) => setTimeout(r, 1_100)); // the re-fetch window after the failed fetch
    const res = await call(t, API, bearer(rsToken(k1, 'k1')));
    assert.equal(res.status, 200, res.text);
  });
});

describe('JWKS older than jwksMaxAgeSeconds', () => {
  const jwks = new JwksServer();
  const k1 = rsa();
  const k2 = rsa();
  let t: TestService;

  before(async () => {
    jwks.keys = [jwk(k1, 'k1'), jwk(k2, 'k2')];
    await jwks.start();
    t = await startTestService({
      args: [
        `Security:Jwt:Issuer=${ISSUER}`,
        `Security:Jwt:Audience=${AUDIENCE}`,
        `Security:Jwt:Jwks=${jwks.url}`,
        'Security:Jwt:JwksMaxAgeSeconds=1',
      ],
    });
  });
  after(async () => {
    await t?.close();
    await jwks.stop();
  });

  test('is re-read in the background: a key the issuer dropped stops working, cached tokens included', async () => {
    const cached = rsToken(k1, 'k1');
    assert.equal((await call(t, API, bearer(cached))).status, 200);
    jwks.keys = [jwk(k2, 'k2')]; // the issuer retires k1
    await windowOpen(jwks, 1);
    const hits = jwks.hits.length;
    // This token is checked with the keys in hand while the JWKS is re-read behind it.
    assert.equal((await call(t, API, bearer(rsToken(k2, 'k2')))).status, 200);
    for (let i = 0; i < 50 && jwks.hits.length === hits; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(jwks.hits.length, hits + 1, 'one background re-read');
    await new Promise((r) => setTimeout(r, 50));
    assertTokenRefused(await call(t, API, bearer(rsToken(k1, 'k1'))));
    assertTokenRefused(await call(t, API, bearer(cached)));
    assert.equal((await call(t, API, bearer(rsToken(k2, 'k2')))).status, 200);
  });
});

describe('HS256 when configured', () => {
  const logs: string[] = [];
  const secret = randomBytes(48).toString('base64url');
  const rs = rsa();
  let t: TestService;
  const hsToken = (key: string | Buffer, sub = 'hs-app'): string =>
    signJwt({ alg: 'HS256' }, { iss: ISSUER, aud: AUDIENCE, ...claims(sub) }, key);

  before(async () => {
    const secretFile = join(dir, 'hs256.secret');
    writeFileSync(secretFile, `${secret}\n`); // as `echo` writes it: the line break is not part of it
    const pem = join(dir, 'rs.pem');
    writeFileSync(pem, rs.publicKey.export({ type: 'spki', format: 'pem' }));
    t = await startTestService({
      logTo: { write: (line: string) => void logs.push(line) },
      args: [
        `Security:Jwt:Issuer=${ISSUER}`,
        `Security:Jwt:Audience=${AUDIENCE}`,
        'Security:Jwt:Algorithms=RS256,HS256',
        `Security:Jwt:HmacSecretFile=${secretFile}`,
        `Security:Jwt:Keys=${JSON.stringify([{ kid: 'rs1', file: pem }])}`,
      ],
    });
  });
  after(() => t?.close());

  test('a token signed with the configured secret is accepted; RS256 keeps working', async () => {
    const res = await call(t, API, bearer(hsToken(secret)));
    assert.equal(res.status, 200, res.text);
    assert.equal((await call(t, API, bearer(rsToken(rs, 'rs1')))).status, 200);
  });

  test('a wrong secret, the secret with its line break, or the RSA public key as secret: 401', async () => {
    assertTokenRefused(await call(t, API, bearer(hsToken(randomBytes(48).toString('base64url')))));
    assertTokenRefused(await call(t, API, bearer(hsToken(`${secret}\n`))));
    const publicPem = rs.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    assertTokenRefused(await call(t, API, bearer(hsToken(publicPem))));
  });

  test('the secret never appears in the logs', async () => {
    await new Promise((r) => setImmediate(r));
    assert.ok(logs.length > 5, 'the service logged');
    assert.ok(!logs.join('').includes(secret));
  });

  test('a secret shorter than 256 bits stops start-up, naming the file but not the secret', async () => {
    const short = join(dir, 'short.secret');
    writeFileSync(short, 'hunter2-hunter2\n');
    await assert.rejects(
      JwtKeyRing.load(
        { algorithms: ['HS256'], keys: [], jwksRefetchSeconds: 30, hmacSecretFile: short },
        pino({ level: 'silent' }),
      ),
      (err: Error) => {
        assert.match(err.message, /short\.secret holds 15 bytes; HS256 needs at least 32/);
        assert.ok(!err.message.includes('hunter2'));
        return true;
      },
    );
  });
});

describe('JWKS over https under a private CA (security.jwt.jwksCaFile)', () => {
  const pair = rsa();
  let server: HttpsServer;
  let url = '';
  let body = '';
  const caFile = join(dir, 'jwks-ca.pem');

  before(async () => {
    const ca = await createCa('ner-gateway test JWKS CA');
    const leaf = await issueCert(ca, {
      commonName: 'jwks.test',
      usage: 'server',
      ipAddresses: ['127.0.0.1'],
    });
    writeFileSync(caFile, ca.certPem);
    server = createHttpsServer({ cert: leaf.certPem, key: leaf.keyPem }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/keys`;
  });
  after(() => server.close());

  const load = (jwksCaFile?: string): Promise<JwtKeyRing> =>
    JwtKeyRing.load(
      {
        algorithms: ['RS256'],
        keys: [],
        jwks: url,
        jwksRefetchSeconds: 30,
        ...(jwksCaFile ? { jwksCaFile } : {}),
      },
      pino({ level: 'silent' }),
    );

  test('keys are fetched when the CA is configured, and not without it', async () => {
    body = JSON.stringify({ keys: [jwk(pair, 'private-ca')] });
    const trusted = await load(caFile);
    const untrusted = await load();
    try {
      assert.ok('key' in (await trusted.keyFor({ alg: 'RS256', kid: 'private-ca' })));
      const refused = await untrusted.keyFor({ alg: 'RS256', kid: 'private-ca' });
      assert.ok('reason' in refused, 'a certificate from an unknown CA is not trusted');
    } finally {
      trusted.close();
      untrusted.close();
    }
  });

  test('a JWKS document over 1 MiB is refused', async () => {
    body = JSON.stringify({ keys: [jwk(pair, 'big')], padding: 'x'.repeat(2 << 20) });
    const ring = await load(caFile);
    try {
      assert.ok('reason' in (await ring.keyFor({ alg: 'RS256', kid: 'big' })));
    } finally {
      ring.close();
    }
  });
});

describe('JWKS sources the gateway refuses to trust', () => {
  test('a JWKS URL that redirects is not followed', async () => {
    const pair = rsa();
    const target = new JwksServer();
    target.keys = [jwk(pair, 'elsewhere')];
    await target.start();
    const redirecting = createServer((_req, res) => res.writeHead(302, { location: target.url }).end());
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/keys`;
    const ring = await JwtKeyRing.load(
      { algorithms: ['RS256'], keys: [], jwks: url, jwksRefetchSeconds: 30 },
      pino({ level: 'silent' }),
    );
    try {
      assert.ok('reason' in (await ring.keyFor({ alg: 'RS256', kid: 'elsewhere' })));
      assert.equal(target.hits.length, 0, 'the redirect target was never asked');
    } finally {
      ring.close();
      redirecting.close();
      await target.stop();
    }
  });

  test('settings: http JWKS off loopback, no re-fetch bound for a URL, a SAN mapping without its type', async () => {
    const { loadConfig } = await import('../src/config/load.ts');
    const load = (...argv: string[]): unknown =>
      loadConfig({ files: [], env: {}, argv: ['Eula=accept', ...argv] });
    assert.throws(
      () => load('Security:Jwt:Jwks=http://issuer.example/keys'),
      /security\.jwt\.jwks: an http JWKS URL is only accepted on loopback/,
    );
    assert.doesNotThrow(() => load('Security:Jwt:Jwks=http://127.0.0.1:9/keys'));
    assert.throws(
      () => load('Security:Jwt:Jwks=https://issuer.example/keys', 'Security:Jwt:JwksRefetchSeconds=0'),
      /security\.jwt\.jwksRefetchSeconds: must be at least 1 for a JWKS URL/,
    );
    assert.doesNotThrow(() => load('Security:Jwt:Jwks=/etc/jwks.json', 'Security:Jwt:JwksRefetchSeconds=0'));
    assert.throws(
      () =>
        load(`Security:CertificateMappings=${JSON.stringify([{ san: 'svc.internal', principal: 'svc' }])}`),
      /give the SAN with its type/,
    );
  });
});
