/**
 * The security front door, table-driven: every way in that must fail (and a few controls that
 * must pass), over real TLS with a PKI made here, subscription keys made by the real `npm run keys`
 * CLI, and JWTs signed by hand. Each case asserts the exact status and error code, and that no key
 * or token of the suite appears in what the service logged.
 */
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject, randomBytes, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createCa, createCrl, type IssuedCert, issueCert } from '../src/security/pki.ts';
import { claims, signJwt } from './helpers/jwt.ts';
import { keysCli } from './helpers/keys.ts';
import {
  API,
  call,
  type CallOptions,
  nerBody,
  startTestService,
  type TestService,
} from './helpers/service.ts';

const DAY = 86_400_000;
const ISSUER = 'https://issuer.test/';
const AUDIENCE = 'https://cognitiveservices.azure.com';
const BODY = nerBody([{ id: '1', language: 'en', text: 'John Smith works for Microsoft in Seattle.' }]);
const LEGACY = '/text/analytics/v3.1/entities/recognition/general';

interface Case {
  readonly name: string;
  readonly path?: string;
  readonly method?: string;
  readonly body?: unknown;
  readonly raw?: string;
  readonly headers?: () => Record<string, string>;
  /** Client certificate to present (none by default). */
  readonly cert?: () => IssuedCert | undefined;
  readonly status: number;
  /** `error.code` and `x-ms-error-code`; undefined for a 2xx. */
  readonly code?: string;
  readonly message?: RegExp;
  readonly challenge?: RegExp;
}

const logs: string[] = [];
const secrets: string[] = [];
let t: TestService;
let dir: string;
let caPem: string;
const certs: Record<string, IssuedCert> = {};
const keys: Record<string, string> = {};
let rs: { privateKey: KeyObject; publicKey: KeyObject };
let ec: { privateKey: KeyObject; publicKey: KeyObject };
let otherRs: { privateKey: KeyObject; publicKey: KeyObject };
let rsPublicPem: string;
/** Configured as `hmacSecretFile`, but HS256 is not among the accepted algorithms. */
const hmacSecret = randomBytes(32).toString('hex');

/** A token remembered as a secret (must never be logged). */
function token(t: string): string {
  secrets.push(t);
  return t;
}
const bearer = (tok: string): Record<string, string> => ({ authorization: `Bearer ${token(tok)}` });
const rsToken = (payload: Record<string, unknown>, kid = 'rs1'): string =>
  signJwt({ alg: 'RS256', kid }, { iss: ISSUER, aud: AUDIENCE, ...payload }, rs.privateKey);
const keyHeader = (key: string): Record<string, string> => ({ 'ocp-apim-subscription-key': key });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nergw-sec-'));
  const ca = await createCa('security test CA');
  caPem = ca.certPem;
  const server = await issueCert(ca, {
    commonName: 'localhost',
    usage: 'server',
    dnsNames: ['localhost'],
    ipAddresses: ['127.0.0.1'],
  });
  certs.svcA = await issueCert(ca, { commonName: 'svc-a', usage: 'client' });
  certs.svcB = await issueCert(ca, { commonName: 'svc-b', usage: 'client' });
  certs.svcC = await issueCert(ca, { commonName: 'svc-c', usage: 'client', dnsNames: ['svc-c.internal'] });
  certs.stranger = await issueCert(ca, { commonName: 'stranger', usage: 'client' });
  // A URI SAN that reads like svc-c's mapped DNS SAN: the mapping names the type, so it must not match.
  certs.uriLookalike = await issueCert(ca, { commonName: 'uri', usage: 'client', uris: ['svc-c.internal'] });
  certs.revoked = await issueCert(ca, { commonName: 'svc-a', usage: 'client' });
  certs.expired = await issueCert(ca, {
    commonName: 'svc-a',
    usage: 'client',
    notBefore: new Date(Date.now() - 30 * DAY),
    notAfter: new Date(Date.now() - DAY),
  });
  certs.future = await issueCert(ca, {
    commonName: 'svc-a',
    usage: 'client',
    notBefore: new Date(Date.now() + DAY),
    notAfter: new Date(Date.now() + 30 * DAY),
  });
  certs.otherCa = await issueCert(await createCa('some other CA'), { commonName: 'svc-a', usage: 'client' });
  const file = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  rs = generateKeyPairSync('rsa', { modulusLength: 2048 });
  otherRs = generateKeyPairSync('rsa', { modulusLength: 2048 });
  ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  rsPublicPem = rs.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const jwks = { keys: [{ ...ec.publicKey.export({ format: 'jwk' }), kid: 'ec1', use: 'sig' }] };

  const keyStore = join(dir, 'keys.json');
  const alice = keysCli(keyStore, 'create', 'alice', '--scopes', 'ner.read');
  keys.aliceOld1 = alice.key1!;
  keys.alice2 = alice.key2!;
  keys.alice1 = keysCli(keyStore, 'rotate', 'alice', '--key', 'key1').key1!;
  keys.carol = keysCli(keyStore, 'create', 'carol').key1!;
  keys.bob = keysCli(keyStore, 'create', 'bob').key1!;
  keysCli(keyStore, 'revoke', 'bob');
  secrets.push(...Object.values(keys), hmacSecret);

  const methods = ['subscription-key', 'jwt', 'certificate'];
  t = await startTestService({
    logTo: { write: (line: string) => void logs.push(line) },
    args: [
      `Tls:CertFile=${file('server.crt', server.certPem)}`,
      `Tls:KeyFile=${file('server.key', server.keyPem)}`,
      `Tls:ClientCaFile=${file('ca.crt', ca.certPem)}`,
      `Tls:CrlFile=${file('ca.crl', await createCrl(ca, [certs.revoked.serialNumber!]))}`,
      `Security:KeyStoreFile=${keyStore}`,
      `Security:Jwt:Issuer=${ISSUER}`,
      `Security:Jwt:Audience=${AUDIENCE}`,
      `Security:Jwt:Keys=${JSON.stringify([{ kid: 'rs1', file: file('rs1.pem', rsPublicPem) }])}`,
      `Security:Jwt:Jwks=${file('jwks.json', JSON.stringify(jwks))}`,
      'Security:Jwt:JwksRefetchSeconds=0',
      `Security:Jwt:HmacSecretFile=${file('hs256.secret', hmacSecret)}`,
      'Security:CertificateIdentity=mapped',
      `Security:CertificateMappings=${JSON.stringify([
        { cn: 'svc-a', principal: 'svc-a' },
        { fingerprint: new X509Certificate(certs.svcB.certPem).fingerprint256, principal: 'svc-b' },
        { san: 'DNS:svc-c.internal', principal: 'svc-c' },
      ])}`,
      `Security:Routes=${JSON.stringify([
        { prefix: '/language', methods },
        { prefix: '/text/analytics', methods, scopes: ['ner.read'] },
        { prefix: '/status', methods: ['subscription-key'], requireClientCertificate: true },
        { prefix: '/metrics', methods, principals: ['alice'] },
        { prefix: '/models', methods: ['certificate'] },
      ])}`,
      'Server:BodyLimitBytes=2048',
    ],
  });
});

after(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const MISSING = /missing subscription key/;
const INVALID_KEY = /invalid subscription key or wrong API endpoint/;
const INVALID_TOKEN = /invalid or expired access token/;
const KEY_CHALLENGE = /AzureApiManagementKey realm="ner-gateway", name="Ocp-Apim-Subscription-Key"/;
const TOKEN_CHALLENGE = /Bearer realm="ner-gateway", error="invalid_token"/;

const CASES: Case[] = [
  // Controls: what must work.
  { name: 'control: alice key2', headers: () => keyHeader(keys.alice2!), status: 200 },
  { name: 'control: alice rotated key1', headers: () => keyHeader(keys.alice1!), status: 200 },
  {
    name: 'control: RS256 token (PEM key, kid rs1)',
    headers: () => bearer(rsToken(claims('app-1'))),
    status: 200,
  },
  {
    name: 'control: ES256 token (JWKS key, kid ec1)',
    headers: () =>
      bearer(
        signJwt(
          { alg: 'ES256', kid: 'ec1' },
          { iss: ISSUER, aud: AUDIENCE, ...claims('app-2') },
          ec.privateKey,
        ),
      ),
    status: 200,
  },
  {
    name: 'control: token expired 10 s ago is inside the clock tolerance',
    headers: () => bearer(rsToken(claims('app-1', { exp: Math.floor(Date.now() / 1000) - 10 }))),
    status: 200,
  },
  { name: 'control: certificate mapped by CN', cert: () => certs.svcA, status: 200 },
  { name: 'control: certificate mapped by fingerprint', cert: () => certs.svcB, status: 200 },
  { name: 'control: certificate mapped by SAN', cert: () => certs.svcC, status: 200 },
  { name: 'control: /ready is anonymous', path: '/ready', status: 200 },

  // Subscription keys.
  { name: 'no credentials at all', status: 401, code: '401', message: MISSING, challenge: KEY_CHALLENGE },
  {
    name: 'unknown key',
    headers: () => keyHeader(token('0'.repeat(64))),
    status: 401,
    code: '401',
    message: INVALID_KEY,
    challenge: KEY_CHALLENGE,
  },
  { name: 'empty key header', headers: () => keyHeader(''), status: 401, code: '401', message: INVALID_KEY },
  {
    name: 'revoked key (principal removed)',
    headers: () => keyHeader(keys.bob!),
    status: 401,
    code: '401',
    message: INVALID_KEY,
  },
  {
    name: 'rotated-out key1',
    headers: () => keyHeader(keys.aliceOld1!),
    status: 401,
    code: '401',
    message: INVALID_KEY,
  },
  {
    name: 'key upper-cased',
    headers: () => keyHeader(keys.alice2!.toUpperCase()),
    status: 401,
    code: '401',
    message: INVALID_KEY,
  },
  {
    name: 'key with one character changed',
    headers: () => keyHeader(`${keys.alice2!.slice(0, -1)}${keys.alice2!.endsWith('0') ? '1' : '0'}`),
    status: 401,
    code: '401',
    message: INVALID_KEY,
  },
  {
    name: 'key in the query string',
    path: `${API}&subscription-key=KEY`,
    status: 401,
    code: '401',
    message: MISSING,
  },
  {
    name: 'key in the Authorization header',
    headers: () => ({ authorization: keys.alice2! }),
    status: 401,
    code: '401',
    message: INVALID_TOKEN,
  },
  {
    name: 'key as a bearer token',
    headers: () => ({ authorization: `Bearer ${keys.alice2!}` }),
    status: 401,
    code: '401',
    message: INVALID_TOKEN,
  },
  {
    name: 'key in a look-alike header',
    headers: () => ({ 'ocp-apim-key': keys.alice2!, 'x-api-key': keys.alice2! }),
    status: 401,
    code: '401',
    message: MISSING,
  },
  {
    name: 'a wrong key is not rescued by a valid certificate',
    headers: () => keyHeader(token('f'.repeat(64))),
    cert: () => certs.svcA,
    status: 401,
    code: '401',
    message: INVALID_KEY,
  },

  // JWTs.
  {
    name: 'expired token',
    headers: () => bearer(rsToken(claims('app-1', { exp: Math.floor(Date.now() / 1000) - 120 }))),
    status: 401,
    code: '401',
    message: INVALID_TOKEN,
    challenge: TOKEN_CHALLENGE,
  },
  {
    name: 'not-yet-valid token (nbf in 5 minutes)',
    headers: () => bearer(rsToken(claims('app-1', { nbf: Math.floor(Date.now() / 1000) + 300 }))),
    status: 401,
    code: '401',
    message: INVALID_TOKEN,
  },
  {
    name: 'alg none',
    headers: () => bearer(signJwt({ alg: 'none' }, { iss: ISSUER, aud: AUDIENCE, ...claims('app-1') })),
    status: 401,
    code: '401',
    message: INVALID_TOKEN,
  },
  {
    name: 'alg none with a known kid',
    headers: () =>
      bearer(signJwt({ alg: 'none', kid: 'rs1' }, { iss: ISSUER, aud: AUDIENCE, ...claims('app-1') })),
    status: 401,
    code: '401',
  },
  {
    name: 'HS256 signed with the RS256 public key (algorithm confusion)',
    headers: () =>
      bearer(
        signJwt(
          { alg: 'HS256', kid: 'rs1' },
          { iss: ISSUER, aud: AUDIENCE, ...claims('app-1') },
          rsPublicPem,
        ),
      ),
    status: 401,
    code: '401',
    message: INVALID_TOKEN,
  },
  {
    name: 'HS256 with the public key and no kid',
    headers: () =>
      bearer(signJwt({ alg: 'HS256' }, { iss: ISSUER, aud: AUDIENCE, ...claims('app-1') }, rsPublicPem)),
    status: 401,
    code: '401',
  },
  {
    name: 'HS256 signed with the configured secret while HS256 is not in algorithms',
    headers: () =>
      bearer(signJwt({ alg: 'HS256' }, { iss: ISSUER, aud: AUDIENCE, ...claims('app-1') }, hmacSecret)),
    status: 401,
    code: '401',
    message: INVALID_TOKEN,
  },
  {
    name: 'wrong audience',
    headers: () => bearer(rsToken(claims('app-1', { aud: 'https://management.azure.com' }))),
    status: 401,
    code: '401',
  },
  {
    name: 'wrong issuer',
    headers: () => bearer(rsToken(claims('app-1', { iss: 'https://evil.test/' }))),
    status: 401,
    code: '401',
  },
  {
    name: 'unknown kid',
    headers: () => bearer(rsToken(claims('app-1'), 'rs-unknown')),
    status: 401,
    code: '401',
  },
  {
    name: 'no kid (every configured key has one)',
    headers: () =>
      bearer(signJwt({ alg: 'RS256' }, { iss: ISSUER, aud: AUDIENCE, ...claims('app-1') }, rs.privateKey)),
    status: 401,
    code: '401',
  },
  {
    name: 'signed by another RSA key under kid rs1',
    headers: () =>
      bearer(
        signJwt(
          { alg: 'RS256', kid: 'rs1' },
          { iss: ISSUER, aud: AUDIENCE, ...claims('app-1') },
          otherRs.privateKey,
        ),
      ),
    status: 401,
    code: '401',
  },
  {
    name: 'ES256 token naming the RSA kid',
    headers: () =>
      bearer(
        signJwt(
          { alg: 'ES256', kid: 'rs1' },
          { iss: ISSUER, aud: AUDIENCE, ...claims('app-1') },
          ec.privateKey,
        ),
      ),
    status: 401,
    code: '401',
  },
  {
    name: 'payload altered after signing',
    headers: () => {
      const [h, , s] = rsToken(claims('app-1')).split('.');
      const forged = Buffer.from(JSON.stringify({ iss: ISSUER, aud: AUDIENCE, ...claims('admin') })).toString(
        'base64url',
      );
      return bearer(`${h}.${forged}.${s}`);
    },
    status: 401,
    code: '401',
  },
  {
    name: 'token without exp',
    headers: () => {
      const { exp: _exp, ...noExp } = claims('app-1');
      return bearer(rsToken(noExp));
    },
    status: 401,
    code: '401',
  },
  {
    name: 'token without sub',
    headers: () => bearer(rsToken({ exp: Math.floor(Date.now() / 1000) + 600 })),
    status: 401,
    code: '401',
  },
  { name: 'malformed token (one part)', headers: () => bearer('not-a-jwt'), status: 401, code: '401' },
  { name: 'malformed token (three garbage parts)', headers: () => bearer('a.b.c'), status: 401, code: '401' },
  { name: 'empty bearer', headers: () => ({ authorization: 'Bearer ' }), status: 401, code: '401' },
  {
    name: 'Basic credentials',
    headers: () => ({ authorization: 'Basic YWxpY2U6c2VjcmV0' }),
    status: 401,
    code: '401',
  },
  {
    name: 'token missing the route scope',
    path: `${LEGACY}`,
    body: { documents: [{ id: '1', language: 'en', text: 'John Smith' }] },
    headers: () => bearer(rsToken(claims('app-1'))),
    status: 403,
    code: '403',
    message: /missing required scope\(s\): ner\.read/,
  },
  {
    name: 'scope check is not bypassed by upper-casing the path',
    path: LEGACY.toUpperCase(),
    body: { documents: [{ id: '1', language: 'en', text: 'John Smith' }] },
    headers: () => bearer(rsToken(claims('app-1'))),
    status: 403,
    code: '403',
  },
  {
    name: 'control: token with the route scope',
    path: LEGACY,
    body: { documents: [{ id: '1', language: 'en', text: 'John Smith' }] },
    headers: () => bearer(rsToken(claims('app-1', { scp: 'ner.read other' }))),
    status: 200,
  },

  // Client certificates.
  {
    name: 'certificate from another CA',
    cert: () => certs.otherCa,
    status: 401,
    code: '401',
    message: /client certificate.*(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT)/,
    challenge: /^Mutual$/,
  },
  {
    name: 'expired certificate',
    cert: () => certs.expired,
    status: 401,
    code: '401',
    message: /CERT_HAS_EXPIRED/,
  },
  {
    name: 'not-yet-valid certificate',
    cert: () => certs.future,
    status: 401,
    code: '401',
    message: /CERT_NOT_YET_VALID/,
  },
  {
    name: 'revoked certificate (CRL)',
    cert: () => certs.revoked,
    status: 401,
    code: '401',
    message: /CERT_REVOKED/,
  },
  {
    name: 'an invalid certificate is refused even with a valid key',
    cert: () => certs.expired,
    headers: () => keyHeader(keys.alice2!),
    status: 401,
    code: '401',
    message: /CERT_HAS_EXPIRED/,
  },
  {
    name: 'certificate not mapped to a principal',
    cert: () => certs.stranger,
    status: 401,
    code: '401',
    message: /not mapped/,
  },
  {
    name: 'certificate whose URI SAN reads like a mapped DNS SAN',
    cert: () => certs.uriLookalike,
    status: 401,
    code: '401',
    message: /not mapped/,
  },
  {
    name: 'no certificate where the route requires one',
    path: '/status',
    headers: () => keyHeader(keys.alice2!),
    status: 401,
    code: '401',
    message: /no client certificate/,
    challenge: /^Mutual$/,
  },
  {
    name: 'control: certificate and key where the route requires both',
    path: '/status',
    cert: () => certs.svcA,
    headers: () => keyHeader(keys.alice2!),
    status: 200,
  },
  {
    name: 'certificate alone where the route takes keys only',
    path: '/status',
    cert: () => certs.svcA,
    status: 401,
    code: '401',
    message: MISSING,
  },
  {
    name: 'token on a certificate-only route',
    path: '/models',
    headers: () => bearer(rsToken(claims('app-1'))),
    status: 401,
    code: '401',
  },

  // Authorization and the rest of the request.
  {
    name: 'principal not allowed on the route',
    path: '/metrics',
    headers: () => keyHeader(keys.carol!),
    status: 403,
    code: '403',
  },
  {
    name: 'control: allowed principal',
    path: '/metrics',
    headers: () => keyHeader(keys.alice2!),
    status: 200,
  },
  {
    name: 'path under no policy is denied',
    path: '/swagger/openapi.json',
    headers: () => keyHeader(keys.alice2!),
    status: 403,
    code: '403',
    message: /no policy/,
  },
  {
    name: 'oversize body from an authenticated caller',
    raw: JSON.stringify(nerBody([{ id: '1', language: 'en', text: 'x'.repeat(4096) }])),
    headers: () => keyHeader(keys.alice2!),
    status: 413,
    code: 'InvalidRequest',
  },
  {
    name: 'oversize body without credentials is refused before it is read',
    raw: JSON.stringify(nerBody([{ id: '1', language: 'en', text: 'x'.repeat(4096) }])),
    status: 401,
    code: '401',
  },
];

function agentFor(cert: IssuedCert | undefined): Agent {
  return new Agent({
    ca: caPem,
    keepAlive: false,
    maxCachedSessions: 0,
    ...(cert ? { cert: cert.certPem, key: cert.keyPem } : {}),
  });
}

/** Log lines written since `from`, checked for every secret of the suite. */
function assertNoSecretLogged(from: number): void {
  const text = logs.slice(from).join('');
  for (const s of secrets) {
    if (s.length >= 16) assert.ok(!text.includes(s), 'a key or token was logged');
  }
}

describe('security negative suite', () => {
  test('has at least 40 refusal cases', () => {
    assert.ok(CASES.filter((c) => c.status >= 400).length >= 40, String(CASES.length));
  });

  for (const c of CASES) {
    test(c.name, async () => {
      const from = logs.length;
      const agent = agentFor(c.cert?.());
      try {
        const options: CallOptions = {
          agent,
          ...(c.raw !== undefined
            ? { raw: c.raw }
            : { body: c.body ?? (c.path && !c.body ? undefined : BODY) }),
          ...(c.method ? { method: c.method } : {}),
          headers: {
            ...(c.raw !== undefined ? { 'content-type': 'application/json' } : {}),
            ...c.headers?.(),
          },
        };
        const res = await call(t, c.path ?? API, options);
        assert.equal(res.status, c.status, res.text);
        if (c.code !== undefined) {
          assert.equal(res.json?.error?.code, c.code, res.text);
          assert.equal(res.headers['x-ms-error-code'], res.json.error.innererror?.code ?? c.code);
          if (c.status === 401 || c.status === 403) {
            assert.deepEqual(Object.keys(res.json.error), ['code', 'message']);
          }
        }
        if (c.message) assert.match(res.json.error.message, c.message);
        if (c.challenge) assert.match(String(res.headers['www-authenticate']), c.challenge);
        if (c.status === 401) assert.ok(res.headers['www-authenticate'], 'a 401 carries a challenge');
      } finally {
        agent.destroy();
      }
      await new Promise((r) => setImmediate(r)); // let the logger flush the request's lines
      assertNoSecretLogged(from);
    });
  }

  test('refusals were logged (so the secret check above saw real log lines)', () => {
    const denied = logs.filter((l) => l.includes('"access denied"'));
    assert.ok(denied.length >= 30, `${denied.length} access-denied lines`);
    assertNoSecretLogged(0);
  });
});

describe('jobs belong to their submitter', () => {
  test("another principal gets 404 for someone else's job, status and cancel alike", async () => {
    const agent = agentFor(undefined);
    const svc = agentFor(certs.svcA);
    try {
      const submit = await call(t, '/language/analyze-text/jobs?api-version=2023-04-01', {
        agent,
        headers: keyHeader(keys.alice2!),
        body: {
          analysisInput: { documents: [{ id: '1', language: 'en', text: 'John Smith' }] },
          tasks: [{ kind: 'EntityRecognition' }],
        },
      });
      assert.equal(submit.status, 202, submit.text);
      const location = new URL(String(submit.headers['operation-location']));
      const path = `${location.pathname}${location.search}`;
      const cancelPath = `${location.pathname}:cancel${location.search}`;
      // Alice by either of her keys is the same principal.
      for (const key of [keys.alice2!, keys.alice1!]) {
        assert.equal((await call(t, path, { agent, headers: keyHeader(key) })).status, 200);
      }
      const others: CallOptions[] = [
        { agent, headers: keyHeader(keys.carol!) },
        { agent, headers: bearer(rsToken(claims('app-1'))) },
        { agent: svc },
      ];
      for (const other of others) {
        const status = await call(t, path, other);
        assert.equal(status.status, 404, status.text);
        assert.equal(status.json.error.code, 'NotFound');
        const cancel = await call(t, cancelPath, { ...other, method: 'POST' });
        assert.equal(cancel.status, 404, cancel.text);
      }
      assert.equal((await call(t, path, { agent, headers: keyHeader(keys.alice2!) })).status, 200);
    } finally {
      agent.destroy();
      svc.destroy();
    }
  });
});

describe('every answer, refusals included, carries the security headers and its own request id', () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  const answers: { name: string; status: number; options: () => CallOptions; path?: string }[] = [
    { name: 'analysis', status: 200, options: () => ({ body: BODY, headers: keyHeader(keys.alice2!) }) },
    { name: 'no credentials', status: 401, options: () => ({ body: BODY }) },
    { name: 'bad token', status: 401, options: () => ({ body: BODY, headers: bearer('a.b.c') }) },
    {
      name: 'principal not allowed',
      status: 403,
      path: '/metrics',
      options: () => ({ headers: keyHeader(keys.carol!) }),
    },
    {
      name: 'oversize body',
      status: 413,
      options: () => ({
        raw: JSON.stringify(nerBody([{ id: '1', text: 'x'.repeat(4096) }])),
        headers: { 'content-type': 'application/json', ...keyHeader(keys.alice2!) },
      }),
    },
    {
      name: 'unknown API path',
      status: 404,
      path: '/language/nope',
      options: () => ({ headers: keyHeader(keys.alice2!) }),
    },
  ];

  test('helmet headers, no x-powered-by, a fresh apim-request-id that the client cannot choose', async () => {
    const agent = agentFor(undefined);
    const ids = new Set<string>();
    try {
      for (const a of answers) {
        const options = a.options();
        const res = await call(t, a.path ?? API, {
          ...options,
          agent,
          headers: {
            ...options.headers,
            'apim-request-id': 'client-chosen',
            'x-request-id': 'client-chosen',
          },
        });
        assert.equal(res.status, a.status, `${a.name}: ${res.text}`);
        const h = res.headers;
        assert.match(String(h['strict-transport-security']), /max-age=\d{7,}; includeSubDomains/, a.name);
        assert.equal(h['x-content-type-options'], 'nosniff', a.name);
        assert.equal(h['x-frame-options'], 'SAMEORIGIN', a.name);
        assert.match(String(h['content-security-policy']), /default-src 'self'/, a.name);
        assert.equal(h['referrer-policy'], 'no-referrer', a.name);
        assert.equal(h['cross-origin-resource-policy'], 'same-origin', a.name);
        assert.equal(h['x-powered-by'], undefined, a.name);
        assert.match(String(h['content-type']), /^application\/json/, a.name);
        const id = String(h['apim-request-id']);
        assert.match(id, UUID, a.name);
        ids.add(id);
      }
    } finally {
      agent.destroy();
    }
    assert.equal(ids.size, answers.length, 'one id per request');
  });
});
