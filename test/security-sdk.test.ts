/**
 * The official `@azure/ai-language-text` client authenticates the two ways Azure offers: an
 * AzureKeyCredential (Ocp-Apim-Subscription-Key) and a TokenCredential (Entra-style bearer JWT for
 * the Cognitive Services audience), over TLS with the dev CA; and gets the 401 when they are wrong.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AzureKeyCredential, TextAnalysisClient } from '@azure/ai-language-text';
import type { TokenCredential } from '@azure/core-auth';
import { claims, signJwt } from './helpers/jwt.ts';
import { startTestService, type TestService } from './helpers/service.ts';

const ISSUER = 'https://login.test/tenant/v2.0';
const AUDIENCE = 'https://cognitiveservices.azure.com';
const rs = generateKeyPairSync('rsa', { modulusLength: 2048 });
let t: TestService;

before(async () => {
  const pem = join(process.env.TMPDIR ?? '/tmp', `nergw-sdk-rs-${process.pid}.pem`);
  writeFileSync(pem, rs.publicKey.export({ type: 'spki', format: 'pem' }));
  t = await startTestService({
    args: [
      // Credentials only: no client certificate needed from the SDK.
      'Tls:ClientCertificates=optional',
      `Security:Jwt:Issuer=${ISSUER}`,
      `Security:Jwt:Audience=${AUDIENCE}`,
      `Security:Jwt:Keys=${JSON.stringify([{ kid: 'k1', file: pem }])}`,
    ],
  });
});

after(async () => {
  await t?.close();
});

function tokenCredential(payload: Record<string, unknown>): TokenCredential & { scopes: string[] } {
  const scopes: string[] = [];
  return {
    scopes,
    getToken: async (scope) => {
      scopes.push(...(Array.isArray(scope) ? scope : [scope]));
      const body = { iss: ISSUER, aud: AUDIENCE, ...payload };
      return {
        token: signJwt({ alg: 'RS256', kid: 'k1' }, body, rs.privateKey),
        expiresOnTimestamp: Date.now() + 3_600_000,
      };
    },
  };
}

function client(credential: AzureKeyCredential | TokenCredential): TextAnalysisClient {
  const options = { tlsOptions: { ca: t.ca }, retryOptions: { maxRetries: 0 } };
  return credential instanceof AzureKeyCredential
    ? new TextAnalysisClient(t.url, credential, options)
    : new TextAnalysisClient(t.url, credential, options);
}

const DOC = [{ id: '1', language: 'en', text: 'John Smith works for Microsoft in Seattle.' }];

async function assertEntities(c: TextAnalysisClient): Promise<void> {
  const [r] = await c.analyze('EntityRecognition', DOC);
  assert.ok(r && !r.error, JSON.stringify(r));
  assert.deepEqual(
    r.entities.map((e) => e.text),
    ['John Smith', 'Microsoft', 'Seattle'],
  );
}

async function assert401(p: Promise<unknown>): Promise<void> {
  await assert.rejects(p, (err: { statusCode?: number; code?: string }) => {
    assert.equal(err.statusCode, 401);
    assert.equal(err.code, '401');
    return true;
  });
}

describe('TextAnalysisClient credentials', () => {
  test('AzureKeyCredential with a key from the key store', async () => {
    await assertEntities(client(new AzureKeyCredential(t.subscriptionKey)));
  });

  test('TokenCredential with an RS256 token for the Cognitive Services audience', async () => {
    const credential = tokenCredential(claims('sdk-app'));
    await assertEntities(client(credential));
    assert.deepEqual([...new Set(credential.scopes)], ['https://cognitiveservices.azure.com/.default']);
  });

  test('a wrong key or an expired token gets the 401', async () => {
    await assert401(client(new AzureKeyCredential('0'.repeat(64))).analyze('EntityRecognition', DOC));
    const expired = tokenCredential(claims('sdk-app', { exp: Math.floor(Date.now() / 1000) - 600 }));
    await assert401(client(expired).analyze('EntityRecognition', DOC));
  });
});
