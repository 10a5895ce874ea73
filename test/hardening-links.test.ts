/**
 * Links a client follows with its credentials (Operation-Location, nextLink) never name a host the
 * caller chose (issue 20): without server.publicUrl they take the request's Host only where the
 * server certificate covers it, server.allowedHosts lists it, or both ends are loopback, and only
 * with the port the connection reached; otherwise the request is refused (421) before a job exists.
 * Two Host headers are a 400 (RFC 9112 §3.2). Real services over TLS, the server certificate naming
 * `gateway.test` and `*.apps.test`.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'node:https';
import { after, before, describe, test } from 'node:test';
import { createCa, issueCert } from '../src/security/pki.ts';
import { eventually } from './helpers/child-service.ts';
import { rawRequest } from './helpers/raw-https.ts';
import { call, startTestService, type TestService } from './helpers/service.ts';

const JOBS = '/language/analyze-text/jobs?api-version=2023-04-01';
const JOB = {
  analysisInput: {
    documents: [
      { id: '1', language: 'en', text: 'John Smith lives in Paris.' },
      { id: '2', language: 'en', text: 'Mary Jones works in Berlin.' },
    ],
  },
  tasks: [{ kind: 'EntityRecognition', parameters: {} }],
};

describe('links without server.publicUrl', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nergw-links-'));
  let t: TestService;
  let port: string;
  let agent: Agent;
  let ca: Buffer;
  const key = (): Record<string, string> => ({ 'Ocp-Apim-Subscription-Key': t.subscriptionKey });
  /** `PORT` in a host stands for the port the service listens on (known once it started). */
  const authority = (host: string): string => host.replace('PORT', port);
  const submit = (host: string) =>
    call(t, JOBS, { body: JOB, agent, headers: { ...key(), host: authority(host) } });
  const get = (path: string, host?: string, method?: string) =>
    call(t, path, { agent, ...(method ? { method } : {}), headers: { ...key(), ...(host ? { host } : {}) } });

  before(async () => {
    const authority = await createCa('links test CA');
    ca = Buffer.from(authority.certPem);
    // A forged Host is what is under test: the client checks the certificate for 127.0.0.1 itself.
    agent = new Agent({ ca, keepAlive: true, checkServerIdentity: () => undefined });
    const server = await issueCert(authority, {
      commonName: 'gateway.test',
      usage: 'server',
      dnsNames: ['gateway.test', '*.apps.test'],
      ipAddresses: ['127.0.0.1'],
    });
    const write = (name: string, pem: string): string => (
      writeFileSync(join(dir, name), pem),
      join(dir, name)
    );
    t = await startTestService({
      args: [
        `Tls:CertFile=${write('server.crt', server.certPem)}`,
        `Tls:KeyFile=${write('server.key', server.keyPem)}`,
        'Tls:ClientCertificates=off',
        'Server:AllowedHosts=listed.example,other.example:8443',
      ],
    });
    port = new URL(t.url).port;
  });
  after(async () => {
    agent?.destroy();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const host of ['gateway.test', 'api.apps.test', '127.0.0.1', 'localhost', 'listed.example']) {
    test(`Host ${host} (certificate, allow-list or loopback) names the links, with or without the port`, async () => {
      for (const named of [authority(`${host}:PORT`), host]) {
        const r = await submit(named);
        assert.equal(r.status, 202, r.text);
        const link = new URL(String(r.headers['operation-location']));
        assert.equal(link.origin, `https://${named}`);
        assert.match(link.pathname, /^\/language\/analyze-text\/jobs\//);
      }
    });
  }

  test('an allow-listed name:port is trusted with that port only', async () => {
    const r = await submit('other.example:8443');
    assert.equal(r.status, 202, r.text);
    assert.match(String(r.headers['operation-location']), /^https:\/\/other\.example:8443\//);
    assert.equal((await submit('other.example')).status, 421);
  });

  for (const host of [
    'evil.example',
    'evil.example:PORT',
    'a.b.apps.test',
    'gateway.test:1',
    '10.0.0.1',
    'gateway.test@evil.example',
  ]) {
    test(`Host ${host} is refused with 421 in the Azure envelope, without a link`, async () => {
      const r = await submit(host);
      assert.equal(r.status, 421, r.text);
      assert.equal(r.headers['operation-location'], undefined);
      assert.equal(r.json.error.code, 'InvalidRequest');
      assert.match(r.json.error.innererror.message, /server\.publicUrl/);
    });
  }

  test('nextLink follows the same rule; cancel too', async () => {
    const made = await submit('gateway.test:PORT');
    const path = new URL(String(made.headers['operation-location'])).pathname;
    const status = `${path}?api-version=2023-04-01&top=1`;
    await eventually('the job to finish', async () => {
      const r = await get(status);
      return r.json?.status === 'succeeded' ? r : undefined;
    });
    const good = await get(status, authority('gateway.test:PORT'));
    assert.equal(new URL(good.json.nextLink).origin, `https://${authority('gateway.test:PORT')}`);
    const forged = await get(status, 'evil.example');
    assert.equal(forged.status, 421, forged.text);
    const cancel = await get(`${path}:cancel?api-version=2023-04-01`, 'evil.example', 'POST');
    assert.equal(cancel.status, 421, cancel.text);
  });

  test('two Host headers are a 400 in the Azure envelope, whatever they name', async () => {
    const self = authority('127.0.0.1:PORT');
    for (const hosts of [
      [self, 'evil.example'],
      ['evil.example', self],
      [self, self],
    ]) {
      const r = await rawRequest({ url: t.url, ca, cert: Buffer.alloc(0), key: Buffer.alloc(0) }, [
        'GET /status HTTP/1.1',
        ...hosts.map((h) => `Host: ${h}`),
        `Ocp-Apim-Subscription-Key: ${t.subscriptionKey}`,
      ]);
      assert.equal(r.status, 400, r.body);
      assert.match(r.json.error.innererror.message, /more than one Host header/);
      assert.match(r.head, /x-ms-error-code: invalidrequest/);
    }
  });
});

describe('links with server.publicUrl', () => {
  let t: TestService;
  let agent: Agent;
  before(async () => {
    t = await startTestService({ args: ['Server:PublicUrl=https://ner.example.com/'] });
    agent = new Agent({ ca: t.ca, cert: t.cert, key: t.key, checkServerIdentity: () => undefined });
  });
  after(async () => {
    agent?.destroy();
    await t?.close();
  });

  test('every link starts with it, whatever the Host', async () => {
    for (const host of ['evil.example', new URL(t.url).host]) {
      const r = await call(t, JOBS, { body: JOB, headers: { host }, agent });
      assert.equal(r.status, 202, r.text);
      assert.match(
        String(r.headers['operation-location']),
        /^https:\/\/ner\.example\.com\/language\/analyze-text\/jobs\//,
      );
    }
  });
});
