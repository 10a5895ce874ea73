/**
 * Limits per principal with real principals on one service: two subscription-key principals made by
 * the real `npm run keys` CLI, a JWT principal and a client-certificate principal each have their own
 * rate-limit window and their own daily quota, and the audit line names each of them.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { claims, signJwt } from './helpers/jwt.ts';
import { keysCli } from './helpers/keys.ts';
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
/** The CN of the generated development client certificate, which names its principal. */
const CERT_PRINCIPAL = 'dev-client';
const JWT_PRINCIPAL = 'jwt-app';
const threeRecords = 'Satya Nadella leads Microsoft from Redmond. '.repeat(60); // 2,640 characters

const dir = mkdtempSync(join(tmpdir(), 'nergw-principals-'));
const logs: string[] = [];
const rs = generateKeyPairSync('rsa', { modulusLength: 2048 });
let t: TestService;
let aliceKey: string;
let bobKey: string;
const tokens: string[] = [];

/** The credentials of each principal (the service's agent presents the dev client certificate). */
const callers: Record<string, () => Record<string, string>> = {
  alice: () => ({ 'ocp-apim-subscription-key': aliceKey }),
  bob: () => ({ 'ocp-apim-subscription-key': bobKey }),
  [JWT_PRINCIPAL]: () => {
    const token = signJwt(
      { alg: 'RS256', kid: 'rs1' },
      { iss: ISSUER, aud: AUDIENCE, ...claims(JWT_PRINCIPAL) },
      rs.privateKey,
    );
    tokens.push(token);
    return { authorization: `Bearer ${token}` };
  },
  [CERT_PRINCIPAL]: () => ({}),
};

before(async () => {
  const keyStore = join(dir, 'keys.json');
  aliceKey = keysCli(keyStore, 'create', 'alice').key1!;
  bobKey = keysCli(keyStore, 'create', 'bob').key1!;
  const pem = join(dir, 'rs1.pem');
  writeFileSync(pem, rs.publicKey.export({ type: 'spki', format: 'pem' }));
  t = await startTestService({
    logTo: { write: (line: string) => void logs.push(line) },
    args: [
      `Security:KeyStoreFile=${keyStore}`,
      `Security:Jwt:Issuer=${ISSUER}`,
      `Security:Jwt:Audience=${AUDIENCE}`,
      `Security:Jwt:Keys=${JSON.stringify([{ kid: 'rs1', file: pem }])}`,
      `RateLimits:Routes=${JSON.stringify([{ prefix: '/status', windowSeconds: 600, max: 2 }])}`,
      'RateLimits:DailyRecords=3',
      'RateLimits:QuotaPrefixes=/language/:analyze-text',
      `RateLimits:QuotaFile=${join(dir, 'quotas.json')}`,
    ],
  });
});

after(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The audit line of a response (by its apim-request-id). */
async function auditOf(res: HttpResult): Promise<Record<string, unknown>> {
  const id = res.headers['apim-request-id'];
  for (let i = 0; i < 50; i++) {
    const line = logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.log === 'audit' && l.requestId === id);
    if (line) return line;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no audit line for ${String(id)}`);
}

describe('limits are kept per principal', () => {
  test('each principal has its own rate-limit window: one exhausting it leaves the others untouched', async () => {
    for (const [name, headers] of Object.entries(callers)) {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await call(t, '/status', { headers: headers() });
        statuses.push(res.status);
        const line = await auditOf(res);
        assert.equal(line.principal, name, 'the audit line names the principal, refusals included');
        assert.equal(line.status, res.status);
      }
      assert.deepEqual(statuses, [200, 200, 429], name);
    }
  });

  test("each principal has its own daily quota: alice's used-up quota does not refuse the others", async () => {
    const first = await call(t, API, {
      headers: callers.alice!(),
      body: nerBody([{ id: '1', text: threeRecords }]),
    });
    assert.equal(first.status, 200, first.text);
    const small = nerBody([{ id: '1', text: 'Bill Gates lives in Medina.' }]);
    const refused = await call(t, API, { headers: callers.alice!(), body: small });
    assert.equal(refused.status, 403, refused.text);
    assert.match(
      refused.json.error.message,
      /^Out of call volume quota for the daily quota of 3 text records/,
    );

    for (const [name, headers] of Object.entries(callers).filter(([n]) => n !== 'alice')) {
      const res = await call(t, API, { headers: headers(), body: small });
      assert.equal(res.status, 200, `${name}: ${res.text}`);
      const line = await auditOf(res);
      assert.deepEqual([line.principal, line.documents], [name, 1]);
    }
    // Bob uses up his own quota in turn; the certificate principal is still not affected.
    assert.equal(
      (await call(t, API, { headers: callers.bob!(), body: nerBody([{ id: '1', text: threeRecords }]) }))
        .status,
      200,
    );
    assert.equal((await call(t, API, { headers: callers.bob!(), body: small })).status, 403);
    assert.equal((await call(t, API, { body: small })).status, 200);
  });

  test('no key or token was logged', () => {
    const text = logs.join('');
    assert.ok(!text.includes(aliceKey) && !text.includes(bobKey));
    assert.ok(tokens.length > 0 && tokens.every((tok) => !text.includes(tok)));
  });
});
