/**
 * Two real gateway processes sharing one real redis-server: one rate limit and one quota across
 * replicas (atomic counters), and a Redis outage handled per `rateLimits.redisFailure`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { killAll } from './helpers/child-service.ts';
import { type Gateway, startGateway } from './helpers/gateway.ts';
import { RedisServer, redisAvailable } from './helpers/redis.ts';
import { API, call, type HttpResult, nerBody } from './helpers/service.ts';

const LIMIT = 20;
const JOBS = '/language/analyze-text/jobs/0b7c7c1e-7a5e-4f6e-9d38-3c1d7b1e2f00?api-version=2023-04-01';
const MISSING = '/text/analytics/v3.1/no-such-route';
const skip = !redisAvailable() && !process.env.CI ? 'redis-server is not installed' : false;

let redis: RedisServer;
let open: Gateway; // redisFailure=open
let closed: Gateway; // redisFailure=closed

function args(policy: 'open' | 'closed'): string[] {
  return [
    'RateLimits:Store=redis',
    `RateLimits:RedisUrl=${redis.url}`,
    `RateLimits:RedisFailure=${policy}`,
    'RateLimits:RedisTimeoutMs=300',
    `RateLimits:Routes=${JSON.stringify([
      { prefix: '/language/analyze-text/jobs', windowSeconds: 60, max: LIMIT },
      { prefix: '/text', windowSeconds: 60, max: 1000 },
    ])}`,
    'RateLimits:DailyRecords=3',
    'RateLimits:QuotaPrefixes=/language/:analyze-text',
  ];
}

describe('rate limits and quotas in Redis', { skip }, () => {
  before(async () => {
    redis = await RedisServer.start();
    [open, closed] = await Promise.all([startGateway(args('open')), startGateway(args('closed'))]);
  });

  after(async () => {
    await Promise.allSettled([open?.stop(), closed?.stop()]);
    killAll();
    await redis?.stop();
  });

  test('two replicas share one limit: combined accepted requests stay within it', async (t) => {
    const results: { via: Gateway; res: HttpResult }[] = [];
    // 3 rounds of 20 concurrent requests, half to each replica: 60 requests for a limit of 20.
    for (let round = 0; round < 3; round++) {
      const batch = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? open : closed));
      results.push(...(await Promise.all(batch.map(async (via) => ({ via, res: await call(via, JOBS) })))));
    }
    const accepted = results.filter((r) => r.res.status !== 429);
    const limited = results.filter((r) => r.res.status === 429);
    t.diagnostic(`${accepted.length} of ${results.length} accepted across two replicas, limit ${LIMIT}`);
    assert.ok(
      accepted.length >= LIMIT - 2 && accepted.length <= LIMIT + 2,
      `${accepted.length} accepted for a shared limit of ${LIMIT}`,
    );
    for (const { res } of accepted) assert.equal(res.status, 404, res.text); // the job does not exist
    for (const { res } of limited) {
      assert.equal(res.json.error.code, '429');
      assert.ok(Number(res.headers['retry-after']) >= 1);
    }
    // Each replica alone accepted fewer than the limit: the counter is shared, not per process.
    for (const g of [open, closed]) {
      const own = accepted.filter((r) => r.via === g).length;
      assert.ok(own < LIMIT, `one replica accepted ${own}`);
    }
  });

  test('two replicas share one quota: records analysed on one count on the other', async () => {
    const text = 'Satya Nadella leads Microsoft from Redmond. '.repeat(60); // 3 records
    const first = await call(open, API, { body: nerBody([{ id: '1', text }]) });
    assert.equal(first.status, 200, first.text);
    const other = await call(closed, API, { body: nerBody([{ id: '1', text: 'Bill Gates' }]) });
    assert.equal(other.status, 403, other.text);
    assert.equal(other.json.error.code, '403');
    assert.match(other.json.error.message, /^Out of call volume quota for the daily quota of 3 text records/);
  });

  test('Redis stopped mid-run: fail-open allows with a warning, fail-closed answers 503; both recover', async () => {
    assert.equal((await call(open, MISSING)).status, 404);
    assert.equal((await call(closed, MISSING)).status, 404);
    await redis.stop();

    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      const [o, c] = await Promise.all([call(open, MISSING), call(closed, MISSING)]);
      assert.ok(Date.now() - started < 3_000, 'no request hangs on a dead Redis');
      assert.equal(o.status, 404, o.text); // allowed through to routing
      assert.equal(c.status, 503, c.text);
      assert.equal(c.json.error.code, 'ServiceUnavailable');
      assert.ok(Number(c.headers['retry-after']) >= 1);
    }
    // The quota check follows the same policy.
    const [oq, cq] = await Promise.all([
      call(open, API, { body: nerBody([{ id: '1', text: 'Bill Gates' }]) }),
      call(closed, API, { body: nerBody([{ id: '1', text: 'Bill Gates' }]) }),
    ]);
    assert.equal(cq.status, 503, cq.text);
    assert.notEqual(oq.status, 503, oq.text);
    await open.svc.waitFor('the fail-open warning', () =>
      open.svc
        .logs()
        .find((l) => l.msg === 'rate limit store unavailable: allowing requests without rate limit'),
    );

    await redis.resume(); // empty: the outage lost the counters, as a restarted Redis would
    const deadline = Date.now() + 10_000;
    let res = await call(closed, MISSING);
    while (res.status === 503 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      res = await call(closed, MISSING);
    }
    assert.equal(res.status, 404, 'fail-closed serves again once Redis is back');
    assert.match(String(res.headers['ratelimit']), /limit=1000/);
  });

  test('a Redis that requires a password (as deployed): the URL authenticates, a wrong one is refused', async () => {
    const locked = await RedisServer.start({ password: 'p@ss/word' });
    const wrong = locked.url.replace('p%40ss%2Fword', 'wrong');
    const [right, refused] = await Promise.all([
      startGateway(args('closed').map((a) => a.replace(redis.url, locked.url))),
      startGateway(args('closed').map((a) => a.replace(redis.url, wrong))),
    ]);
    try {
      const ok = await call(right, MISSING);
      assert.equal(ok.status, 404, ok.text);
      assert.match(String(ok.headers['ratelimit']), /limit=1000, remaining=999/);
      assert.equal((await call(refused, MISSING)).status, 503, 'fail-closed without Redis');
      const logs = right.svc.stdout + right.svc.stderr + refused.svc.stdout + refused.svc.stderr;
      assert.ok(!logs.includes('p@ss/word') && !logs.includes('p%40ss%2Fword'), 'the password is not logged');
    } finally {
      await Promise.allSettled([right.stop(), refused.stop()]);
      await locked.stop();
    }
  });

  test('Redis down at start-up: fail-closed refuses until Redis appears, then limits again', async () => {
    const late = await RedisServer.reserve();
    const gw = await startGateway([...args('closed').map((a) => a.replace(redis.url, late.url))]);
    try {
      const down = await call(gw, MISSING);
      assert.equal(down.status, 503, down.text);
      await late.resume();
      const deadline = Date.now() + 10_000;
      let res = down;
      while (res.status === 503 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        res = await call(gw, MISSING);
      }
      assert.equal(res.status, 404, res.text);
      assert.match(String(res.headers['ratelimit']), /limit=1000, remaining=\d+/);
    } finally {
      await gw.stop();
      await late.stop();
    }
  });
});
