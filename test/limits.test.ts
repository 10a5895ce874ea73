/**
 * The limits module on its own: prefix matching, record counting, quota periods, the file store,
 * and per-principal keying of the rate limiter.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import express from 'express';
import { pino } from 'pino';
import { ApiError } from '../src/http/errors.ts';
import { sendError } from '../src/http/send-error.ts';
import { setPrincipal } from '../src/http/principal.ts';
import {
  humanDuration,
  periodsAt,
  secondsToNextDay,
  secondsToNextMonth,
} from '../src/security/limits/periods.ts';
import { PrefixTable } from '../src/security/path-prefix.ts';
import { requestRecords as recordsOf } from '../src/metering/records.ts';
import { FileQuotaStore } from '../src/security/limits/quota-file-store.ts';
import { rateLimiter } from '../src/security/limits/rate-limit.ts';

describe('path prefixes', () => {
  // The questions the policies, limits and quotas ask of their PrefixTable.
  const underPrefix = (path: string, prefix: string): boolean =>
    new PrefixTable([{ prefix }]).match(path) !== undefined;
  const longestPrefix = <T extends { prefix: string }>(entries: readonly T[], path: string): T | undefined =>
    new PrefixTable(entries).match(path);

  test('a prefix covers itself and what lies below it, not siblings that share letters', () => {
    assert.ok(underPrefix('/language', '/language'));
    assert.ok(underPrefix('/language/:analyze-text', '/language'));
    assert.ok(underPrefix('/language/:analyze-text', '/language/'));
    assert.ok(underPrefix('/language:analyze-text', '/language'));
    assert.ok(!underPrefix('/languages', '/language'));
    assert.ok(underPrefix('/anything', '/'));
  });

  test('paths are compared the way Express routes them: case and percent-encoding do not escape a limit', () => {
    assert.ok(underPrefix('/LANGUAGE/:analyze-text', '/language'));
    assert.ok(underPrefix('/%6Canguage/:analyze-text', '/language'));
    assert.ok(underPrefix('/text/../language/x', '/language'));
  });

  test('the longest matching prefix wins', () => {
    const routes = [{ prefix: '/' }, { prefix: '/language' }, { prefix: '/language/analyze-text/jobs' }];
    assert.equal(
      longestPrefix(routes, '/language/analyze-text/jobs/1')?.prefix,
      '/language/analyze-text/jobs',
    );
    assert.equal(longestPrefix(routes, '/language/:analyze-text')?.prefix, '/language');
    assert.equal(longestPrefix(routes, '/status')?.prefix, '/');
    assert.equal(longestPrefix(routes.slice(1), '/status'), undefined);
  });
});

describe('quota arithmetic', () => {
  test('one text record per started 1,000 characters of each document', () => {
    assert.equal(recordsOf(['a']), 1);
    assert.equal(recordsOf(['a'.repeat(1000)]), 1);
    assert.equal(recordsOf(['a'.repeat(1001)]), 2);
    assert.equal(recordsOf(['a'.repeat(2500), 'b', 'c'.repeat(999)]), 5);
    assert.equal(recordsOf(['👍🏽'.repeat(1000)]), 1, 'counted in text elements, like Azure');
  });

  test('UTC periods and their resets', () => {
    const now = new Date('2024-02-28T23:59:30Z');
    assert.deepEqual(periodsAt(now), { day: '2024-02-28', month: '2024-02' });
    assert.equal(secondsToNextDay(now), 30);
    assert.equal(secondsToNextMonth(now), 86_400 + 30);
    assert.equal(humanDuration(15 * 86_400), '15 days');
    assert.equal(humanDuration(3_600), '1 hour');
    assert.equal(humanDuration(30), '30 seconds');
  });
});

describe('FileQuotaStore', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'nergw-quota-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('persists atomically across instances and starts a new day and month at zero', async () => {
    const file = join(dir, 'q', 'quotas.json');
    const jan31 = periodsAt(new Date('2024-01-31T10:00:00Z'));
    const first = new FileQuotaStore(file);
    await first.add('alice', 3, jan31);
    await first.add('alice', 2, jan31);
    await first.add('bob', 1, jan31);
    await Promise.all(Array.from({ length: 10 }, () => first.add('dave', 1, jan31)));
    assert.deepEqual(await first.usage('dave', jan31), { day: 10, month: 10 }, 'no lost update');
    await first.close();
    assert.deepEqual(readdirSync(join(dir, 'q')), ['quotas.json'], 'no temporary file left behind');
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).version, 1);

    const second = new FileQuotaStore(file);
    assert.deepEqual(await second.usage('alice', jan31), { day: 5, month: 5 });
    assert.deepEqual(await second.usage('bob', jan31), { day: 1, month: 1 });
    assert.deepEqual(await second.usage('carol', jan31), { day: 0, month: 0 });
    const feb1 = periodsAt(new Date('2024-02-01T00:00:01Z'));
    assert.deepEqual(await second.usage('alice', feb1), { day: 0, month: 0 });
    const jan31Later = periodsAt(new Date('2024-01-31T23:00:00Z'));
    assert.deepEqual(await second.usage('alice', jan31Later), { day: 5, month: 5 });
    await second.close();
  });

  test('a corrupt file stops start-up with a clear message', () => {
    const file = join(dir, 'bad.json');
    rmSync(file, { force: true });
    writeFileSync(file, '{not json');
    assert.throws(() => new FileQuotaStore(file), /quota file .* is not valid JSON/);
  });
});

/**
 * A unit test of the limiter's keying: nothing in this branch authenticates yet, so a test-only
 * middleware sets the principal from a header, as the security layer will in the real pipeline.
 */
describe('rateLimiter keys on the principal, on the client address when anonymous', () => {
  let server: Server;
  let base: string;

  before(async () => {
    const app = express();
    app.set('trust proxy', false);
    app.use((req, res, next) => {
      const id = req.get('x-test-principal');
      if (id) setPrincipal(res, { id, methods: ['subscription-key'], scopes: [] });
      next();
    });
    app.use(
      rateLimiter({
        routes: [{ prefix: '/limited', windowSeconds: 60, max: 2 }],
        store: () => undefined,
        onStoreError: (_err, _res, next) => next(),
        logger: pino({ level: 'silent' }),
      }),
    );
    app.get('/limited', (_req, res) => {
      res.json({ ok: true });
    });
    app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      sendError(
        res,
        err instanceof ApiError ? err : new ApiError(500, { code: 'InternalServerError', message: 'x' }),
      );
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const hit = async (principal?: string): Promise<number> =>
    (await fetch(`${base}/limited`, { headers: principal ? { 'x-test-principal': principal } : {} })).status;

  test('each principal has its own window; anonymous requests share the address window', async () => {
    assert.deepEqual([await hit('alice'), await hit('alice'), await hit('alice')], [200, 200, 429]);
    assert.deepEqual([await hit('bob'), await hit('bob'), await hit('bob')], [200, 200, 429]);
    assert.deepEqual([await hit(), await hit(), await hit()], [200, 200, 429]);
    // A principal named like the address key is still a different key.
    assert.equal(await hit('127.0.0.1'), 200);
  });
});
