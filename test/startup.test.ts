/**
 * The real entry point (`src/main.ts`) as a child process: Azure-style settings and validation at
 * start, first-start development PKI, the printed curl line, and graceful shutdown on SIGTERM.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Agent, request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { writeTinyHfModel } from './fixtures/tiny-hf-model.ts';
import { ChildService, cleanEnv, killAll } from './helpers/child-service.ts';

let tmp: string;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'nergw-startup-'));
  writeTinyHfModel(join(tmp, 'model'));
});

after(() => {
  killAll();
  rmSync(tmp, { recursive: true, force: true });
});

/** Settings that keep a run inside the temp dir, on an ephemeral loopback port. */
function baseArgs(certsDir: string): string[] {
  return [
    'Server:Port=0',
    'Server:Host=127.0.0.1',
    `Tls:DevCertsDir=${certsDir}`,
    `Models:Default=${join(tmp, 'model')}`,
    `Models:CustomRoot=${join(tmp, 'none')}`,
    'Inference:Workers=1',
    'Logging:Level=info',
  ];
}

interface TlsFiles {
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

/** POSTs `body` to `url` over mTLS, connecting to 127.0.0.1 while verifying the URL's host name. */
function post(
  url: URL,
  body: string,
  files: TlsFiles,
  agent?: Agent,
): Promise<{
  status: number;
  json: { results: { documents: { entities: { text: string; category: string }[] }[] } };
}> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        servername: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        ca: readFileSync(files.ca),
        cert: readFileSync(files.cert),
        key: readFileSync(files.key),
        agent: agent ?? false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({
              status: res.statusCode ?? 0,
              json: JSON.parse(Buffer.concat(chunks).toString('utf8')),
            });
          } catch (err) {
            reject(err as Error);
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Expects the process to refuse to start: exit code 2 and a message on stderr. */
async function refusesToStart(args: readonly string[], env: Record<string, string> = {}): Promise<string> {
  const svc = new ChildService(args, cleanEnv(env));
  const exit = await svc.exit();
  assert.equal(exit.code, 2, svc.output());
  assert.doesNotMatch(svc.stdout, /ner-gateway listening/);
  assert.doesNotMatch(svc.stderr, /\n\s+at /, 'no stack trace');
  return svc.stderr;
}

describe('settings are validated before anything starts', () => {
  test('without Eula=accept it exits 2 and says why', async () => {
    const certs = join(tmp, 'certs-no-eula');
    const stderr = await refusesToStart(baseArgs(certs));
    assert.match(stderr, /Eula=accept/);
    assert.equal(existsSync(certs), false, 'nothing was generated');
    assert.match(await refusesToStart([...baseArgs(certs), 'Eula=decline']), /Eula/);
  });

  test('an unknown setting exits 2 naming it (argument and environment variable)', async () => {
    const args = ['Eula=accept', ...baseArgs(join(tmp, 'certs-bogus'))];
    assert.match(await refusesToStart([...args, 'Server:Bogus=1']), /unknown setting "Server:Bogus"/);
    const fromEnv = await refusesToStart(args, { NERGW_SERVER__BOGUS: '1' });
    assert.match(fromEnv, /unknown setting "SERVER:BOGUS"/);
    assert.match(fromEnv, /NERGW_SERVER__BOGUS/);
    assert.match(await refusesToStart([...args, 'Bogus=1']), /unknown setting "Bogus"/);
    assert.match(await refusesToStart([...args, 'Server:Port']), /Server:Port.*Name=value/);
  });

  test('an invalid value exits 2 naming the setting', async () => {
    const args = ['Eula=accept', ...baseArgs(join(tmp, 'certs-invalid'))];
    assert.match(await refusesToStart([...args, 'Server:Port=abc']), /server\.port/);
    assert.match(
      await refusesToStart(args, { NERGW_TLS__CLIENTCERTIFICATES: 'sometimes' }),
      /tls\.clientCertificates/,
    );
    // A queue that could never hold a whole job: jobs would wait for room forever.
    assert.match(
      await refusesToStart([...args, 'Inference:MaxQueuedDocuments=10']),
      /inference\.maxQueuedDocuments: must be at least the largest request \(25 documents/,
    );
    // A job store that could never hold the largest job: its submitter would be told to retry forever.
    assert.match(
      await refusesToStart([...args, 'Jobs:MaxStoredCharacters=1000000']),
      /jobs\.maxStoredCharacters: must be at least twice the largest job \(5000000/,
    );
  });
});

describe('first start with Eula=accept', () => {
  const certs = (): string => join(tmp, 'certs');
  let svc: ChildService;

  before(() => {
    svc = new ChildService(['Eula=accept', ...baseArgs(certs())], cleanEnv());
  });
  after(() => {
    if (svc.proc.exitCode === null) svc.proc.kill('SIGKILL');
  });

  test('generates the development PKI into Tls:DevCertsDir', async () => {
    await svc.listening();
    for (const name of ['dev-ca.crt', 'dev-ca.key', 'server.crt', 'server.key', 'client.crt', 'client.key']) {
      assert.ok(existsSync(join(certs(), name)), `${name} exists`);
    }
    for (const name of ['dev-ca.key', 'server.key', 'client.key']) {
      assert.equal(statSync(join(certs(), name)).mode & 0o777, 0o600, `${name} is private`);
    }
    assert.ok(svc.logs().some((l) => l.msg === 'generated a development CA, server and client certificate'));
  });

  test('logs the listening URL with the real port and client-certificate mode', async () => {
    const { url, line } = await svc.listening();
    assert.equal(url.protocol, 'https:');
    assert.ok(Number(url.port) > 0, `a real port: ${url.href}`);
    assert.equal(line.clientCertificates, 'required');
    assert.equal(line.level, 30);
  });

  test('prints a curl line whose certificate, key, body and URL really work', async (t) => {
    const { url: listening } = await svc.listening();
    const block = await svc.waitFor(
      'the curl line',
      () => /curl [\s\S]*?analyze-text[^'\n]*'/.exec(svc.stdout)?.[0],
    );
    const flat = block.replace(/\\\n\s*/g, ' ');
    const flag = (name: string): string => {
      const m = new RegExp(`--${name} (\\S+)`).exec(flat);
      assert.ok(m?.[1], `--${name} in ${flat}`);
      return m[1];
    };
    const files = { ca: flag('cacert'), cert: flag('cert'), key: flag('key') };
    assert.deepEqual(files, {
      ca: join(certs(), 'dev-ca.crt'),
      cert: join(certs(), 'client.crt'),
      key: join(certs(), 'client.key'),
    });
    assert.match(flat, /-H 'Content-Type: application\/json'/);
    const body = /-d '([^']*)'/.exec(flat)?.[1];
    assert.ok(body, `-d in ${flat}`);
    const urlText = /'(https:\/\/[^']+)'\s*$/.exec(flat)?.[1];
    assert.ok(urlText, `URL in ${flat}`);
    const url = new URL(urlText);
    assert.equal(url.port, listening.port);
    assert.equal(url.searchParams.get('api-version'), '2023-04-01');

    const res = await post(url, body, files);
    assert.equal(res.status, 200, JSON.stringify(res.json));
    assert.deepEqual(
      res.json.results.documents[0]!.entities.map((e) => [e.text, e.category]),
      [['Microsoft', 'Organization']],
    );

    const curl = await runCurl([
      '--silent',
      '--show-error',
      '--max-time',
      '10',
      '--resolve',
      `${url.hostname}:${url.port}:127.0.0.1`,
      '--cacert',
      files.ca,
      '--cert',
      files.cert,
      '--key',
      files.key,
      '-H',
      'Content-Type: application/json',
      '-d',
      body,
      url.href,
    ]);
    if (curl === undefined) {
      t.diagnostic('curl not installed; checked the printed pieces from node only');
    } else {
      assert.equal(JSON.parse(curl).kind, 'EntityRecognitionResults', curl);
    }
  });

  test('on SIGTERM it finishes in-flight requests, then exits 0', async (t) => {
    const { url: listening } = await svc.listening();
    const files = {
      ca: join(certs(), 'dev-ca.crt'),
      cert: join(certs(), 'client.crt'),
      key: join(certs(), 'client.key'),
    };
    const url = new URL('/language/:analyze-text?api-version=2023-04-01', listening);
    const text = 'John Smith works for Microsoft in Seattle. '.repeat(100);
    const body = JSON.stringify({
      kind: 'EntityRecognition',
      analysisInput: { documents: Array.from({ length: 5 }, (_, i) => ({ id: String(i), text })) },
    });
    const CONNECTIONS = 8;
    const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    try {
      // Open the connections first (handshakes done), so that the requests below reach the server
      // at once; stop the service as soon as the first answer shows it is working on them.
      await Promise.all(Array.from({ length: CONNECTIONS }, () => post(url, body, files, agent)));
      let answered = 0;
      const inFlight = Array.from({ length: CONNECTIONS }, () =>
        post(url, body, files, agent).then((res) => {
          answered++;
          return res;
        }),
      );
      await Promise.race(inFlight);
      const answeredBeforeSignal = answered;
      svc.proc.kill('SIGTERM');
      const results = await Promise.all(inFlight);
      t.diagnostic(
        `${CONNECTIONS - answeredBeforeSignal} of ${CONNECTIONS} requests were in flight at SIGTERM`,
      );
      for (const res of results) {
        assert.equal(res.status, 200, JSON.stringify(res.json));
        assert.equal(res.json.results.documents.length, 5);
      }
    } finally {
      agent.destroy();
    }
    const exit = await svc.exit();
    assert.deepEqual(exit, { code: 0, signal: null }, svc.output());
    const msgs = svc.logs().map((l) => l.msg);
    const draining = msgs.indexOf('shutting down: draining in-flight work');
    assert.ok(draining >= 0, svc.output());
    assert.ok(msgs.indexOf('stopped') > draining, svc.output());
  });
});

describe('Eula as an environment variable (any case)', () => {
  for (const name of ['EULA', 'eula']) {
    test(`${name}=accept`, async () => {
      const certs = join(tmp, `certs-env-${name}`);
      const svc = new ChildService(baseArgs(certs), cleanEnv({ [name]: 'accept' }));
      try {
        const { url } = await svc.listening();
        const files = {
          ca: join(certs, 'dev-ca.crt'),
          cert: join(certs, 'client.crt'),
          key: join(certs, 'client.key'),
        };
        const body = JSON.stringify({
          kind: 'EntityRecognition',
          analysisInput: { documents: [{ id: '1', text: 'Marie Curie' }] },
        });
        const res = await post(new URL('/language/:analyze-text?api-version=2023-04-01', url), body, files);
        assert.equal(res.status, 200);
        svc.proc.kill('SIGTERM');
        assert.deepEqual(await svc.exit(), { code: 0, signal: null }, svc.output());
      } finally {
        if (svc.proc.exitCode === null) svc.proc.kill('SIGKILL');
      }
    });
  }

  test('a second start reuses the existing certificates', async () => {
    const certs = join(tmp, 'certs-env-EULA');
    const before = readFileSync(join(certs, 'dev-ca.crt'), 'utf8');
    const svc = new ChildService(['eula=ACCEPT', ...baseArgs(certs)], cleanEnv());
    try {
      await svc.listening();
      assert.equal(readFileSync(join(certs, 'dev-ca.crt'), 'utf8'), before);
      assert.ok(
        !svc.logs().some((l) => l.msg === 'generated a development CA, server and client certificate'),
      );
      svc.proc.kill('SIGTERM');
      assert.deepEqual(await svc.exit(), { code: 0, signal: null }, svc.output());
    } finally {
      if (svc.proc.exitCode === null) svc.proc.kill('SIGKILL');
    }
  });
});

/** Runs curl if it is installed; undefined when it is not. */
function runCurl(args: string[]): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    execFile('curl', args, { timeout: 15_000 }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') return resolve(undefined);
      if (err) return reject(new Error(`curl failed: ${err.message}\n${stderr}`));
      resolve(stdout);
    });
  });
}

test('a throw nothing caught is logged as a fatal JSON line, and the process exits 70', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nergw-fatal-'));
  // Loaded before the service: a bug that fires on SIGUSR2, sent once the service is up. (A timer
  // could fire while a worker is still creating its ONNX session, where any exit aborts the
  // process inside onnxruntime-node instead of exiting 70; README "Restarts".)
  const bug = join(dir, 'bug.mjs');
  writeFileSync(bug, "process.on('SIGUSR2', () => { throw new Error('a bug nobody caught'); });\n");
  const svc = new ChildService(
    ['Eula=accept', ...baseArgs(join(dir, 'certs'))],
    cleanEnv({ NODE_OPTIONS: `--import=${bug}` }),
  );
  try {
    await svc.listening();
    svc.proc.kill('SIGUSR2');
    assert.deepEqual(await svc.exit(), { code: 70, signal: null }, svc.output());
    const line = svc.logs().find((l) => l.msg === 'uncaught exception; exiting');
    assert.ok(line, svc.stdout.slice(-500));
    assert.equal(line.level, 60);
    assert.equal((line.err as { message: string }).message, 'a bug nobody caught');
  } finally {
    await svc.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
