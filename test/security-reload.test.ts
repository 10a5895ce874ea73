/**
 * Changes under load: subscription keys rotated by the real CLI, and the server certificate and
 * CRL replaced on disk, while requests keep flowing. No request of the workload may fail.
 */
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { after, before, describe, test } from 'node:test';
import {
  type CertificateAuthority,
  createCa,
  createCrl,
  type IssuedCert,
  issueCert,
} from '../src/security/pki.ts';
import { API, call, nerBody, startTestService, type TestService } from './helpers/service.ts';
import { eventually } from './helpers/child-service.ts';
import { keysCli } from './helpers/keys.ts';

const BODY = nerBody([{ id: '1', language: 'en', text: 'John Smith works for Microsoft.' }]);

let t: TestService;
let dir: string;
let ca: CertificateAuthority;
let client: IssuedCert;
let victim: IssuedCert;
let keyStore: string;

/** Atomic replace, as deployment tools do (write aside, rename over). */
function replaceFile(path: string, text: string): void {
  writeFileSync(`${path}.new`, text);
  renameSync(`${path}.new`, path);
}

async function until(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  await eventually(what, async () => ((await check()) ? true : undefined), ms);
}

/** `loops` request loops until stopped; records every status and error. */
function workload(loops: number, options: () => { agent: Agent; headers?: Record<string, string> }) {
  let running = true;
  const statuses: number[] = [];
  const errors: string[] = [];
  /** Requests issued and not yet answered, by the subscription key they carry. */
  const inFlight = new Map<string | undefined, number>();
  const done = Promise.all(
    Array.from({ length: loops }, async () => {
      while (running) {
        const opts = options();
        const key = opts.headers?.['ocp-apim-subscription-key'];
        inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
        try {
          const res = await call(t, API, { body: BODY, ...opts });
          statuses.push(res.status);
        } catch (err) {
          errors.push((err as Error).message);
        } finally {
          inFlight.set(key, inFlight.get(key)! - 1);
        }
      }
    }),
  );
  return {
    statuses,
    errors,
    inFlight: (key: string): number => inFlight.get(key) ?? 0,
    async stop() {
      running = false;
      await done;
    },
  };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nergw-reload-'));
  ca = await createCa('reload CA');
  const server = await issueCert(ca, {
    commonName: 'localhost',
    usage: 'server',
    ipAddresses: ['127.0.0.1'],
  });
  client = await issueCert(ca, { commonName: 'client', usage: 'client' });
  victim = await issueCert(ca, { commonName: 'victim', usage: 'client' });
  const write = (name: string, text: string): string => (
    writeFileSync(join(dir, name), text),
    join(dir, name)
  );
  keyStore = join(dir, 'keys.json');
  t = await startTestService({
    args: [
      `Tls:CertFile=${write('server.crt', server.certPem)}`,
      `Tls:KeyFile=${write('server.key', server.keyPem)}`,
      `Tls:ClientCaFile=${write('ca.crt', ca.certPem)}`,
      `Tls:CrlFile=${write('ca.crl', await createCrl(ca, []))}`,
      `Security:KeyStoreFile=${keyStore}`,
      'Security:ReloadPollMs=200',
    ],
  });
});

after(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('reload while requests are in flight', () => {
  test('key rotation: key2 rotated, clients switch, key1 rotated; no request fails', async () => {
    const created = keysCli(keyStore, 'create', 'rotating');
    const agent = new Agent({ ca: ca.certPem, keepAlive: true });
    const probe = (key: string) => async () =>
      (await call(t, API, { body: BODY, agent, headers: { 'ocp-apim-subscription-key': key } })).status ===
      200;
    await until(probe(created.key1!), 'the new principal to be loaded');

    let current = created.key1!;
    const load = workload(4, () => ({ agent, headers: { 'ocp-apim-subscription-key': current } }));
    try {
      const key2 = keysCli(keyStore, 'rotate', 'rotating', '--key', 'key2').key2!;
      await until(probe(key2), 'the rotated key2');
      current = key2;
      // As a client would: finish what was sent with the old key before that key is rotated (the
      // CLI below blocks this process, so a request issued just before could otherwise leave late).
      await until(async () => load.inFlight(created.key1!) === 0, 'requests with the old key1 to finish');
      const key1 = keysCli(keyStore, 'rotate', 'rotating', '--key', 'key1').key1!;
      await until(probe(key1), 'the rotated key1');
      const old = await call(t, API, {
        body: BODY,
        agent,
        headers: { 'ocp-apim-subscription-key': created.key1! },
      });
      assert.equal(old.status, 401, 'the rotated-out key1 is refused');
      // Enough traffic overlapped the rotations to mean something, however fast the reload was.
      await until(async () => load.statuses.length >= 20, 'requests under load');
    } finally {
      await load.stop();
      agent.destroy();
    }
    assert.deepEqual(load.errors, []);
    assert.ok(load.statuses.length >= 20, `${load.statuses.length} requests`);
    assert.deepEqual([...new Set(load.statuses)], [200]);
  });

  test('server certificate and CRL replaced: open and new connections keep working, revocation applies', async () => {
    const keepAlive = new Agent({
      ca: ca.certPem,
      cert: client.certPem,
      key: client.keyPem,
      keepAlive: true,
    });
    const victimAgent = new Agent({
      ca: ca.certPem,
      cert: victim.certPem,
      key: victim.keyPem,
      keepAlive: true,
    });
    const fresh = (): Agent =>
      new Agent({
        ca: ca.certPem,
        cert: client.certPem,
        key: client.keyPem,
        keepAlive: false,
        maxCachedSessions: 0,
      });
    assert.equal(
      (await call(t, API, { body: BODY, agent: victimAgent })).status,
      200,
      'victim is fine before',
    );

    const serialOf = (): Promise<string> =>
      new Promise((resolve, reject) => {
        const socket = connect(
          { host: '127.0.0.1', port: Number(new URL(t.url).port), ca: ca.certPem, servername: 'localhost' },
          () => {
            resolve(socket.getPeerCertificate().serialNumber);
            socket.end();
          },
        );
        socket.on('error', reject);
      });
    const before = await serialOf();

    const onOpen = workload(3, () => ({ agent: keepAlive }));
    const onFresh = workload(2, () => ({ agent: fresh() }));
    try {
      await new Promise((r) => setTimeout(r, 300));
      const renewed = await issueCert(ca, {
        commonName: 'localhost',
        usage: 'server',
        ipAddresses: ['127.0.0.1'],
      });
      // Key first, then certificate: the half-updated pair in between must not break anything.
      replaceFile(join(dir, 'server.key'), renewed.keyPem);
      replaceFile(join(dir, 'server.crt'), renewed.certPem);
      await until(
        async () => (await serialOf()) === new X509Certificate(renewed.certPem).serialNumber,
        'new cert',
      );
      replaceFile(join(dir, 'ca.crl'), await createCrl(ca, [victim.serialNumber!]));
      await until(
        async () => (await call(t, API, { body: BODY, agent: victimAgent })).status === 401,
        'the revoked certificate to be refused on its open connection',
      );
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      await onOpen.stop();
      await onFresh.stop();
    }
    assert.notEqual(before, await serialOf());
    for (const load of [onOpen, onFresh]) {
      assert.deepEqual(load.errors, []);
      assert.ok(load.statuses.length >= 5, `${load.statuses.length} requests`);
      assert.deepEqual([...new Set(load.statuses)], [200]);
    }
    // A new connection with the revoked certificate is refused too.
    const again = await call(t, API, { body: BODY, agent: fresh() });
    assert.equal(again.status, 200);
    const revoked = await call(t, API, {
      body: BODY,
      agent: new Agent({ ca: ca.certPem, cert: victim.certPem, key: victim.keyPem, keepAlive: false }),
    });
    assert.equal(revoked.status, 401);
    assert.match(revoked.json.error.message, /CERT_REVOKED/);
    keepAlive.destroy();
    victimAgent.destroy();
  });
});
