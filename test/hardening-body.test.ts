/**
 * Request bodies (issue 20): only the charset JSON allows (UTF-8, RFC 8259 §8.1) is decoded, so a
 * UTF-7 body cannot smuggle `<` past filters in front of the gateway; a declared length over the
 * body limit is refused at once, not read until the request timeout.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { rawRequest } from './helpers/raw-https.ts';
import { API, nerBody, startTestService, type TestService } from './helpers/service.ts';

const BODY = JSON.stringify(nerBody([{ id: '1', language: 'en', text: 'John Smith lives in Paris.' }]));

describe('request bodies', () => {
  let t: TestService;
  const post = (headers: readonly string[], body = BODY): ReturnType<typeof rawRequest> =>
    rawRequest(
      t,
      [
        `POST ${API} HTTP/1.1`,
        `Host: ${new URL(t.url).host}`,
        `Ocp-Apim-Subscription-Key: ${t.subscriptionKey}`,
        ...headers,
      ],
      body,
    );
  const length = (body = BODY): string => `Content-Length: ${Buffer.byteLength(body)}`;

  before(async () => {
    // Long enough that a body read until the timeout could never pass for an immediate answer.
    t = await startTestService({ args: ['Server:RequestTimeoutMs=120000', 'Server:BodyLimitBytes=65536'] });
  });
  after(async () => t?.close());

  for (const type of [
    'application/json',
    'application/json; charset=utf-8',
    'application/json;charset="UTF-8"',
  ]) {
    test(`${type} is accepted`, async () => {
      const r = await post([`Content-Type: ${type}`, length()]);
      assert.equal(r.status, 200, r.body);
    });
  }

  for (const charset of ['utf-7', 'UTF-7', 'utf-16', 'utf-16le', 'utf-32', 'latin1', '']) {
    test(`charset=${charset || '(empty)'} is refused with 415`, async () => {
      // `+ADw-` is `<` in UTF-7.
      const body = BODY.replace('Paris.', 'Paris +ADw-script+AD4-.');
      const r = await post([`Content-Type: application/json; charset=${charset}`, length(body)], body);
      assert.equal(r.status, 415, r.body);
      assert.equal(r.json.error.innererror.code, 'InvalidRequestBodyFormat');
    });
  }

  test('a declared length of 10^15 bytes is answered 413 at once, and the connection closed', async () => {
    const started = performance.now();
    // The body never comes: the answer must not wait for it.
    const r = await post(['Content-Type: application/json', 'Content-Length: 1000000000000000'], '');
    assert.equal(r.status, 413, r.body);
    assert.equal(r.json.error.innererror.code, 'InvalidDocumentBatch');
    assert.match(r.json.error.innererror.message, /Limit request size to: 65536 bytes/);
    assert.match(r.head, /connection: close/);
    assert.ok(performance.now() - started < 60_000);
  });

  test('so is one just over the limit; the limit itself is read', async () => {
    const over = await post(['Content-Type: application/json', 'Content-Length: 65537'], '');
    assert.equal(over.status, 413, over.body);
    const padded = BODY.slice(0, -1) + ' '.repeat(65536 - Buffer.byteLength(BODY)) + '}';
    const at = await post(['Content-Type: application/json', length(padded)], padded);
    assert.equal(at.status, 200, at.body);
  });
});
