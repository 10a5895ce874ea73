/** Wrong keys and tokens per client address: counted in fixed windows, refused with 429 beyond the limit. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FailedAuthLimiter } from '../src/security/failed-auth.ts';
import { API, call, nerBody, startTestService, type TestService } from './helpers/service.ts';

test('FailedAuthLimiter: blocks an address over the limit until its window ends, others untouched', () => {
  let now = 0;
  const limiter = new FailedAuthLimiter(2, 10_000, () => now);
  limiter.failed('a');
  assert.equal(limiter.blockedFor('a'), 0);
  limiter.failed('a');
  assert.equal(limiter.blockedFor('a'), 10);
  assert.equal(limiter.blockedFor('b'), 0);
  now = 9_001;
  assert.equal(limiter.blockedFor('a'), 1);
  now = 10_000;
  assert.equal(limiter.blockedFor('a'), 0, 'a new window');
  limiter.failed('a');
  assert.equal(limiter.blockedFor('a'), 0);
  const off = new FailedAuthLimiter(0, 10_000, () => now);
  for (let i = 0; i < 5; i++) off.failed('a');
  assert.equal(off.blockedFor('a'), 0, '0 = no limit');
});

describe('failed authentications over HTTPS', () => {
  let t: TestService;
  before(async () => {
    t = await startTestService({
      args: ['Security:FailedAuthLimit=3', 'Security:FailedAuthWindowSeconds=2'],
    });
  });
  after(() => t.close());

  test('the fourth wrong key gets 429, then every key and token until the window ends; certificates still pass', async () => {
    const withKey = (key: string) =>
      call(t, API, {
        body: nerBody([{ id: '1', text: 'x' }]),
        headers: { 'Ocp-Apim-Subscription-Key': key },
      });
    for (let i = 0; i < 3; i++) assert.equal((await withKey(`sk-wrong-${i}`)).status, 401);
    const blocked = await withKey('sk-wrong-3');
    assert.equal(blocked.status, 429);
    assert.equal(blocked.json.error.code, '429');
    assert.match(blocked.json.error.message, /Too many failed authentication attempts/);
    assert.ok(Number(blocked.headers['retry-after']) >= 1 && Number(blocked.headers['retry-after']) <= 2);
    assert.equal((await withKey(t.subscriptionKey)).status, 429, 'not even checked while blocked');
    const token = await call(t, API, {
      body: nerBody([{ id: '1', text: 'x' }]),
      headers: { authorization: 'Bearer x.y.z' },
    });
    assert.equal(token.status, 429);
    // The client certificate alone is no guess: it was verified in the TLS handshake.
    assert.equal((await call(t, API, { body: nerBody([{ id: '1', text: 'x' }]) })).status, 200);
    await new Promise((r) => setTimeout(r, 2_100));
    assert.equal((await withKey(t.subscriptionKey)).status, 200, 'a new window');
  });
});
