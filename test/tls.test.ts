/**
 * The TLS front door over real handshakes with real certificates: client-certificate modes
 * (required with a 401 answer, strict at the handshake, off), the anonymous probe path, the TLS
 * version floor, and plain HTTP when explicitly configured.
 */
// @peculiar/x509 needs the Reflect polyfill before it loads (src/security/pki.ts imports it too).
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { Agent, type AgentOptions } from 'node:https';
import { join } from 'node:path';
import {
  connect,
  createServer as createTlsServer,
  type ConnectionOptions,
  type Server as TlsServer,
} from 'node:tls';
import { webcrypto } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import * as x509 from '@peculiar/x509';
import { type CertificateAuthority, createCa, type IssuedCert, issueCert } from '../src/security/pki.ts';
import {
  API,
  call,
  nerBody,
  startTestService,
  type HttpResult,
  type TestService,
} from './helpers/service.ts';

const DAY = 86_400_000;
const BODY = nerBody([{ id: '1', language: 'en', text: 'John Smith works for Microsoft in Seattle.' }]);

/** The generated development CA of a test service, loaded back from its files (to issue more leaves). */
async function loadDevCa(t: TestService): Promise<CertificateAuthority> {
  const certPem = readFileSync(join(t.dir, 'certs', 'dev-ca.crt'), 'utf8');
  const keyPem = readFileSync(join(t.dir, 'certs', 'dev-ca.key'), 'utf8');
  const cert = new x509.X509Certificate(certPem);
  const alg = { name: 'ECDSA', namedCurve: 'P-256' };
  const privateKey = await webcrypto.subtle.importKey(
    'pkcs8',
    x509.PemConverter.decodeFirst(keyPem),
    alg,
    false,
    ['sign'],
  );
  const publicKey = await cert.publicKey.export(alg, ['verify'], webcrypto as never);
  return { cert, certPem, keyPem, keys: { privateKey, publicKey } };
}

/** A one-shot agent (no pooling) trusting the dev CA, with extra TLS options. */
function agent(t: TestService, options: AgentOptions = {}): Agent {
  return new Agent({ ca: t.ca, keepAlive: false, maxCachedSessions: 0, ...options });
}

function withCert(t: TestService, leaf: IssuedCert, options: AgentOptions = {}): Agent {
  return agent(t, { cert: leaf.certPem, key: leaf.keyPem, ...options });
}

function assert401(res: HttpResult, reason: RegExp): void {
  assert.equal(res.status, 401, res.text);
  assert.deepEqual(Object.keys(res.json), ['error']);
  assert.equal(res.json.error.code, '401');
  assert.equal(typeof res.json.error.message, 'string');
  assert.match(res.json.error.message, /client certificate/);
  assert.match(res.json.error.message, reason);
  assert.equal(res.json.error.innererror, undefined);
  assert.equal(res.headers['www-authenticate'], 'Mutual');
}

/** Fails unless `p` rejects with a TLS/connection error, i.e. no HTTP response at all. */
async function assertConnectionRefused(p: Promise<HttpResult>): Promise<void> {
  await assert.rejects(p, (err: NodeJS.ErrnoException) => {
    assert.match(String(err.code), /^(ERR_SSL_|EPROTO$|ECONNRESET$|EPIPE$)/, `${err.code}: ${err.message}`);
    return true;
  });
}

/** Completes a bare TLS handshake (no HTTP) and reports the negotiated protocol. */
async function handshake(port: number, options: ConnectionOptions): Promise<string | null> {
  return (await negotiate(port, options)).protocol;
}

/** Completes a bare TLS handshake (no HTTP) and reports the negotiated protocol and cipher suite. */
function negotiate(
  port: number,
  options: ConnectionOptions,
): Promise<{ protocol: string | null; cipher: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ...options }, () => {
      const result = { protocol: socket.getProtocol(), cipher: socket.getCipher().standardName };
      socket.end();
      resolve(result);
    });
    socket.setTimeout(5_000, () => socket.destroy(new Error('handshake timed out')));
    socket.on('error', reject);
  });
}

function port(t: TestService): number {
  return Number(new URL(t.url).port);
}

describe('client certificates required (default with the dev CA)', () => {
  let t: TestService;
  let otherCaClient: IssuedCert;
  let expiredClient: IssuedCert;
  let notYetValidClient: IssuedCert;

  before(async () => {
    t = await startTestService();
    const otherCa = await createCa('some other CA');
    otherCaClient = await issueCert(otherCa, { commonName: 'dev-client', usage: 'client' });
    const devCa = await loadDevCa(t);
    expiredClient = await issueCert(devCa, {
      commonName: 'expired-client',
      usage: 'client',
      notBefore: new Date(Date.now() - 30 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    notYetValidClient = await issueCert(devCa, {
      commonName: 'future-client',
      usage: 'client',
      notBefore: new Date(Date.now() + DAY),
      notAfter: new Date(Date.now() + 30 * DAY),
    });
  });
  after(async () => {
    await t?.close();
  });

  test('the dev client certificate is accepted', async () => {
    const res = await call(t, API, { body: BODY, agent: agent(t, { cert: t.cert, key: t.key }) });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.results.documents[0].entities.length, 3);
  });

  test('a fresh certificate from the dev CA is accepted (the CA is what is trusted)', async () => {
    const leaf = await issueCert(await loadDevCa(t), { commonName: 'another-client', usage: 'client' });
    const res = await call(t, API, { body: BODY, agent: withCert(t, leaf) });
    assert.equal(res.status, 200, res.text);
  });

  test('no client certificate: the handshake completes and the answer is a 401 envelope', async () => {
    const res = await call(t, API, { body: BODY, agent: agent(t) });
    assert401(res, /no client certificate/);
  });

  test('a client certificate from another CA gets 401', async () => {
    const res = await call(t, API, { body: BODY, agent: withCert(t, otherCaClient) });
    assert401(res, /UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT/);
  });

  test('an expired client certificate from the dev CA gets 401', async () => {
    const res = await call(t, API, { body: BODY, agent: withCert(t, expiredClient) });
    assert401(res, /CERT_HAS_EXPIRED/);
  });

  test('a not-yet-valid client certificate from the dev CA gets 401', async () => {
    const res = await call(t, API, { body: BODY, agent: withCert(t, notYetValidClient) });
    assert401(res, /CERT_NOT_YET_VALID/);
  });

  test('every non-anonymous route needs the certificate, GETs included', async () => {
    for (const path of [
      '/status',
      '/metrics',
      '/',
      `/language/analyze-text/jobs/${crypto.randomUUID()}?api-version=2023-04-01`,
    ]) {
      const res = await call(t, path, { agent: agent(t) });
      assert401(res, /no client certificate/);
    }
  });

  test('/ready (and the Kubernetes probes) work without a client certificate', async () => {
    const ready = await call(t, '/ready', { agent: agent(t) });
    assert.equal(ready.status, 200, ready.text);
    assert.deepEqual(ready.json, { status: 'ready' });
    for (const path of ['/readyz', '/livez']) {
      const res = await call(t, path, { agent: agent(t) });
      assert.equal(res.status, 200, `${path}: ${res.text}`);
    }
  });

  test('TLS 1.2 and 1.3 are served; TLS 1.1 is refused at the handshake', async () => {
    // Control: this client really can speak TLS 1.1 (OpenSSL's client-side policy allows it here).
    const ca = await createCa('control CA');
    const leaf = await issueCert(ca, { commonName: 'localhost', usage: 'server', dnsNames: ['localhost'] });
    const legacy = { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' } as const;
    const control: TlsServer = createTlsServer({ cert: leaf.certPem, key: leaf.keyPem, ...legacy }, (s) =>
      s.end(),
    );
    await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
    try {
      const controlPort = (control.address() as { port: number }).port;
      assert.equal(await handshake(controlPort, { ...legacy, ca: ca.certPem }), 'TLSv1.1');
    } finally {
      await new Promise((resolve) => control.close(resolve));
    }

    const mine = { ca: t.ca, cert: t.cert, key: t.key };
    assert.equal(await handshake(port(t), { ...mine, maxVersion: 'TLSv1.2' }), 'TLSv1.2');
    assert.equal(await handshake(port(t), mine), 'TLSv1.3');
    await assert.rejects(handshake(port(t), { ...mine, ...legacy }), (err: NodeJS.ErrnoException) => {
      assert.match(
        `${err.code} ${err.message}`,
        /protocol version|unsupported protocol|no protocols available/i,
      );
      return true;
    });
    // And over HTTP(S) with a TLS 1.1-only agent: no response at all.
    await assertConnectionRefused(
      call(t, API, { body: BODY, agent: agent(t, { cert: t.cert, key: t.key, ...legacy }) }),
    );
  });
});

describe('cipher suites (TLS 1.2: forward-secret AEAD only)', () => {
  let t: TestService;
  before(async () => {
    t = await startTestService();
  });
  after(async () => {
    await t?.close();
  });

  /** CBC-mode suites with SHA-1/SHA-2 MACs: what OpenSSL still offers at TLS 1.2, and the list refuses. */
  const WEAK = ['ECDHE-ECDSA-AES128-SHA', 'ECDHE-ECDSA-AES256-SHA', 'ECDHE-ECDSA-AES128-SHA256'];

  test('a TLS 1.2 client offering only CBC suites is refused at the handshake', async () => {
    // Control: this client really negotiates each of these suites with a server that allows them.
    const ca = await createCa('cipher control CA');
    const leaf = await issueCert(ca, { commonName: 'localhost', usage: 'server', dnsNames: ['localhost'] });
    const control: TlsServer = createTlsServer(
      { cert: leaf.certPem, key: leaf.keyPem, maxVersion: 'TLSv1.2', ciphers: WEAK.join(':') },
      (s) => s.end(),
    );
    await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
    try {
      const controlPort = (control.address() as { port: number }).port;
      for (const cipher of WEAK) {
        const got = await negotiate(controlPort, { ca: ca.certPem, maxVersion: 'TLSv1.2', ciphers: cipher });
        assert.equal(got.protocol, 'TLSv1.2');
        assert.match(got.cipher, /_CBC_/, cipher);
      }
    } finally {
      await new Promise((resolve) => control.close(resolve));
    }

    const mine = { ca: t.ca, cert: t.cert, key: t.key, maxVersion: 'TLSv1.2' } as const;
    for (const cipher of WEAK) {
      await assert.rejects(negotiate(port(t), { ...mine, ciphers: cipher }), (err: NodeJS.ErrnoException) => {
        assert.match(`${err.code} ${err.message}`, /handshake failure|no shared cipher|no ciphers/i, cipher);
        return true;
      });
    }
    // Offered alongside a modern suite, the modern one is chosen.
    const mixed = await negotiate(port(t), {
      ...mine,
      ciphers: [...WEAK, 'ECDHE-ECDSA-AES128-GCM-SHA256'].join(':'),
    });
    assert.deepEqual(mixed, { protocol: 'TLSv1.2', cipher: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256' });
  });

  test('a default TLS 1.2 client gets a forward-secret AEAD suite', async () => {
    const got = await negotiate(port(t), { ca: t.ca, cert: t.cert, key: t.key, maxVersion: 'TLSv1.2' });
    assert.equal(got.protocol, 'TLSv1.2');
    assert.match(
      got.cipher,
      /^TLS_ECDHE_ECDSA_WITH_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256)$/,
    );
  });
});

describe('Tls:Strict=true', () => {
  let t: TestService;
  before(async () => {
    t = await startTestService({ args: ['Tls:Strict=true'] });
  });
  after(async () => {
    await t?.close();
  });

  test('a client without a certificate fails at the handshake (TLS 1.3 and 1.2)', async () => {
    await assertConnectionRefused(call(t, API, { body: BODY, agent: agent(t) }));
    await assertConnectionRefused(call(t, API, { body: BODY, agent: agent(t, { maxVersion: 'TLSv1.2' }) }));
    // TLS 1.2 has no post-handshake step: the handshake itself is what fails.
    await assert.rejects(handshake(port(t), { ca: t.ca, maxVersion: 'TLSv1.2' }));
  });

  test('a certificate from another CA fails at the handshake', async () => {
    const other = await issueCert(await createCa('another CA'), { commonName: 'x', usage: 'client' });
    await assertConnectionRefused(call(t, API, { body: BODY, agent: withCert(t, other) }));
  });

  test('the dev client certificate still works', async () => {
    const res = await call(t, API, { body: BODY, agent: agent(t, { cert: t.cert, key: t.key }) });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.results.documents[0].entities.length, 3);
  });
});

describe('Tls:ClientCertificates=off', () => {
  let t: TestService;
  before(async () => {
    t = await startTestService({ args: ['Tls:ClientCertificates=off'] });
  });
  after(async () => {
    await t?.close();
  });

  test('serves the API without a client certificate (with a subscription key), still over TLS', async () => {
    const headers = { 'ocp-apim-subscription-key': t.subscriptionKey };
    const res = await call(t, API, { body: BODY, agent: agent(t), headers });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.results.documents[0].entities.length, 3);
    assert.equal(await handshake(port(t), { ca: t.ca }), 'TLSv1.3');
  });
});

describe('Server:PlainHttp=true', () => {
  let t: TestService;
  before(async () => {
    t = await startTestService({ args: ['Server:PlainHttp=true'] });
  });
  after(async () => {
    await t?.close();
  });

  test('serves plain HTTP', async () => {
    assert.match(t.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const payload = JSON.stringify(BODY);
    const res = await new Promise<{
      status: number;
      json: { results: { documents: { entities: unknown[] }[] } };
    }>((resolve, reject) => {
      const req = httpRequest(
        `${t.url}${API}`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            'ocp-apim-subscription-key': t.subscriptionKey,
          },
        },
        (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () =>
            resolve({ status: r.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString()) }),
          );
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
    assert.equal(res.status, 200);
    assert.equal(res.json.results.documents[0]!.entities.length, 3);
    // No TLS at all on that port.
    await assert.rejects(handshake(port(t), { ca: t.ca }));
  });
});
