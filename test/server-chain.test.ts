/** The front door's plain middleware chain: order, errors (passed, thrown, rejected) and Express set-up. */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import express, { type RequestHandler } from 'express';
import { asExpress, chain } from '../src/server/chain.ts';
import { serverClasses } from '../src/server/prototypes.ts';

type Outcome = { err?: unknown; steps: string[] };

function run(steps: RequestHandler[], log: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    chain(steps)({} as never, {} as never, (err) => resolve({ err, steps: log }));
  });
}

const step =
  (name: string, log: string[]): RequestHandler =>
  (_req, _res, next) => {
    log.push(name);
    next();
  };

test('runs every step in order, then done() without an error', async () => {
  const log: string[] = [];
  const outcome = await run([step('a', log), step('b', log), step('c', log)], log);
  assert.deepEqual(outcome, { err: undefined, steps: ['a', 'b', 'c'] });
});

test('an empty chain is done at once', async () => {
  assert.deepEqual(await run([], []), { err: undefined, steps: [] });
});

test('an error passed to next ends the chain', async () => {
  const log: string[] = [];
  const boom = new Error('refused');
  const outcome = await run([step('a', log), (_q, _s, next) => next(boom), step('never', log)], log);
  assert.deepEqual(outcome, { err: boom, steps: ['a'] });
});

const boom = new Error('boom');
const failing: Record<string, RequestHandler> = {
  'a thrown error': () => {
    throw boom;
  },
  'a rejected promise of an async step': async () => {
    await Promise.resolve();
    throw boom;
  },
};

for (const [how, failingStep] of Object.entries(failing)) {
  test(`${how} ends the chain`, async () => {
    const log: string[] = [];
    const outcome = await run([failingStep, step('never', log)], log);
    assert.deepEqual(outcome, { err: boom, steps: [] });
  });
}

test('a step that answers itself never calls done', async () => {
  let done = false;
  chain([(_q, _s, _next) => undefined])({} as never, {} as never, () => (done = true));
  await new Promise((r) => setImmediate(r));
  assert.equal(done, false);
});

test('asExpress gives a raw request what Express middleware reads before Express runs', async () => {
  const app = express();
  let seen: { path: string; originalUrl: string; locals: unknown; linked: boolean } | undefined;
  const listener = (incoming: IncomingMessage, outgoing: ServerResponse): void => {
    const [req, res] = asExpress(incoming, outgoing);
    seen = { path: req.path, originalUrl: req.originalUrl, locals: res.locals, linked: req.res === res };
    res.status(204).end();
  };
  const server = createServer(serverClasses(app), listener);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/a/b?c=1`);
    assert.equal(res.status, 204);
    assert.deepEqual(seen, {
      path: '/a/b',
      originalUrl: '/a/b?c=1',
      locals: Object.create(null),
      linked: true,
    });
  } finally {
    server.close();
  }
});
