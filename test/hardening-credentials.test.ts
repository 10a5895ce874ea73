/**
 * Ambiguous or unsupported credentials are refused (issue 20): two Authorization or two
 * Ocp-Apim-Subscription-Key headers, whichever comes first; a JWT whose `crit` header names an
 * extension the gateway does not implement (RFC 7515 §4.1.11). Real service, mTLS, HS256 tokens.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { claims, signJwt } from './helpers/jwt.ts';
import { rawRequest } from './helpers/raw-https.ts';
import { API, nerBody, startTestService, type TestService } from './helpers/service.ts';

const ISSUER = 'https://issuer.test/';
const AUDIENCE = 'https://cognitiveservices.azure.com';
const BODY = JSON.stringify(nerBody([{ id: '1', language: 'en', text: 'John Smith lives in Paris.' }]));

describe('ambiguous and unsupported credentials', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nergw-creds-'));
  const secret = randomBytes(32);
  let t: TestService;
  const token = (header: Record<string, unknown> = {}): string =>
    signJwt({ alg: 'HS256', ...header }, { iss: ISSUER, aud: AUDIENCE, ...claims('app-1') }, secret);
  const post = (credentials: readonly string[]): ReturnType<typeof rawRequest> =>
    rawRequest(
      t,
      [
        `POST ${API} HTTP/1.1`,
        `Host: ${new URL(t.url).host}`,
        'Content-Type: application/json',
        `Content-Length: ${Buffer.byteLength(BODY)}`,
        ...credentials,
      ],
      BODY,
    );

  before(async () => {
    writeFileSync(join(dir, 'hmac.key'), secret);
    t = await startTestService({
      args: [
        `Security:Jwt:Issuer=${ISSUER}`,
        `Security:Jwt:Audience=${AUDIENCE}`,
        'Security:Jwt:Algorithms=HS256',
        `Security:Jwt:HmacSecretFile=${join(dir, 'hmac.key')}`,
      ],
    });
  });
  after(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('one valid token or key is accepted (the baseline)', async () => {
    assert.equal((await post([`Authorization: Bearer ${token()}`])).status, 200);
    assert.equal((await post([`Ocp-Apim-Subscription-Key: ${t.subscriptionKey}`])).status, 200);
  });

  for (const order of ['valid first', 'valid second']) {
    test(`two Authorization headers are refused (${order})`, async () => {
      const pair = [`Authorization: Bearer ${token()}`, 'Authorization: Bearer bogus'];
      const r = await post(order === 'valid first' ? pair : pair.reverse());
      assert.equal(r.status, 400, r.body);
      assert.match(r.json.error.message, /more than one Authorization header/);
    });

    test(`two Ocp-Apim-Subscription-Key headers are refused (${order})`, async () => {
      const pair = [`Ocp-Apim-Subscription-Key: ${t.subscriptionKey}`, 'Ocp-Apim-Subscription-Key: bogus'];
      const r = await post(order === 'valid first' ? pair : pair.reverse());
      assert.equal(r.status, 400, r.body);
      assert.match(r.json.error.message, /more than one Ocp-Apim-Subscription-Key header/);
    });
  }

  test('a JWT with a critical header parameter the gateway does not understand is refused', async () => {
    const r = await post([`Authorization: Bearer ${token({ crit: ['exp-ext'], 'exp-ext': 1 })}`]);
    assert.equal(r.status, 401, r.body);
    assert.match(r.head, /www-authenticate: .*error="invalid_token"/);
  });

  test('so is one whose crit is malformed or lists only registered names', async () => {
    for (const crit of [[], 'b64', ['alg']]) {
      const r = await post([`Authorization: Bearer ${token({ crit })}`]);
      assert.equal(r.status, 401, `${JSON.stringify(crit)}: ${r.body}`);
    }
  });
});
