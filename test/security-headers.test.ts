/** Helmet's headers recorded once at start-up are the ones helmet itself sets on every response. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { securityHeaders } from '../src/server/security-headers.ts';

async function headersWith(middleware: RequestHandler): Promise<Record<string, unknown>> {
  const app = express();
  app.use(middleware);
  app.get('/', (_req, res) => void res.json({ ok: true }));
  const res = await request(app).get('/').expect(200);
  const { date: _date, ...rest } = res.headers as Record<string, unknown>;
  return rest;
}

test('the recorded headers equal helmet’s own, x-powered-by removed included', async () => {
  const expected = await headersWith(helmet());
  assert.equal(expected['x-powered-by'], undefined);
  assert.ok(Object.keys(expected).length > 10, 'helmet sets a dozen headers');
  assert.deepEqual(await headersWith(securityHeaders()), expected);
});

test('helmet options are honoured', async () => {
  const options = { frameguard: { action: 'deny' as const }, hsts: { maxAge: 123 } };
  const headers = await headersWith(securityHeaders(options));
  assert.equal(headers['x-frame-options'], 'DENY');
  assert.equal(headers['strict-transport-security'], 'max-age=123; includeSubDomains');
  assert.deepEqual(headers, await headersWith(helmet(options)));
});
