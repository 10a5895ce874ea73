/**
 * serverClasses: requests and responses are born with the app's prototypes, so Express's per-request
 * re-prototyping (the slow path it avoids) never happens, and Express's own API still works on them.
 */
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import express from 'express';
import { serverClasses } from '../src/server/prototypes.ts';

test('requests keep the class they were created with through Express, with its API intact', async () => {
  const app = express();
  const classes = serverClasses(app);
  const seen: { request: boolean; response: boolean; path: string; app: boolean }[] = [];
  app.get('/things/:id', (req, res) => {
    seen.push({
      request: req instanceof classes.IncomingMessage,
      response: res instanceof classes.ServerResponse,
      path: req.path,
      app: req.app === app,
    });
    res.locals.id = req.params.id;
    res.status(201).json({ id: res.locals.id, query: req.query.q });
  });
  const server = createServer({ ...classes }, app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const answer = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/things/42?q=x' }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body }),
        );
      })
        .on('error', reject)
        .end();
    });
    assert.equal(answer.status, 201);
    assert.match(answer.type, /^application\/json/);
    assert.deepEqual(JSON.parse(answer.body), { id: '42', query: 'x' });
    assert.deepEqual(seen, [{ request: true, response: true, path: '/things/42', app: true }]);
  } finally {
    server.close();
  }
});
