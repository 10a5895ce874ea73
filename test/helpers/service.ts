import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request as httpsRequest } from 'node:https';
import { loadConfig } from '../../src/config/load.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { type RunningService, startService } from '../../src/server/start.ts';
import { generateKey } from '../../src/security/keys/file.ts';
import { writeTestKeyStore } from './keys.ts';
import { writeTinyHfModel } from '../fixtures/tiny-hf-model.ts';

export interface TestService {
  readonly service: RunningService;
  readonly url: string;
  readonly dir: string;
  /** Client TLS material of the generated development PKI. */
  readonly ca: Buffer;
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly agent: Agent;
  /** A subscription key (principal `test-key`) in the service's key store. */
  readonly subscriptionKey: string;
  close(): Promise<void>;
}

export interface TestServiceOptions {
  /** Extra `Name=value` settings. */
  readonly args?: readonly string[];
  readonly crashOnText?: string;
  readonly maxSequenceLength?: number;
  /** Where the service logs (default: nowhere, level silent); e.g. to check that no secret is logged. */
  readonly logTo?: { write(line: string): void };
}

/**
 * A real service on an ephemeral loopback port: generated dev PKI (mTLS required), the tiny real ONNX
 * model as default, and one Custom NER deployment (`proj`/`prod`); its files in a temp dir.
 */
export async function startTestService(options: TestServiceOptions = {}): Promise<TestService> {
  const dir = mkdtempSync(join(tmpdir(), 'nergw-test-'));
  writeTinyHfModel(join(dir, 'models/default'), { maxSequenceLength: options.maxSequenceLength ?? 64 });
  writeTinyHfModel(join(dir, 'models/custom/proj/prod'), { version: 'custom-1' });
  const subscriptionKey = generateKey();
  await writeTestKeyStore(join(dir, 'keys.json'), subscriptionKey);
  const config = loadConfig({
    files: [],
    env: {},
    argv: [
      'Eula=accept',
      'Server:Port=0',
      'Server:Host=127.0.0.1',
      `Tls:DevCertsDir=${join(dir, 'certs')}`,
      `Models:Default=${join(dir, 'models/default')}`,
      `Models:CustomRoot=${join(dir, 'models/custom')}`,
      'Inference:Workers=1',
      'Logging:Level=silent',
      `Security:KeyStoreFile=${join(dir, 'keys.json')}`,
      // Every file the service writes stays in its temp dir (the defaults are relative to the cwd).
      `RateLimits:QuotaFile=${join(dir, 'quotas.json')}`,
      `Metering:DataDir=${join(dir, 'metering')}`,
      ...(options.args ?? []),
    ],
  });
  const logger = options.logTo ? createLogger('trace', options.logTo) : createLogger(config.logging.level);
  const service = await startService(config, logger, {
    ...(options.crashOnText !== undefined ? { crashOnText: options.crashOnText } : {}),
  });
  const certs = join(dir, 'certs');
  // Plain HTTP (Server:PlainHttp=true) generates no certificates: the TLS fields are then empty.
  const read = (name: string): Buffer =>
    existsSync(join(certs, name)) ? readFileSync(join(certs, name)) : Buffer.alloc(0);
  const ca = read('dev-ca.crt');
  const cert = read('client.crt');
  const key = read('client.key');
  const agent = new Agent({ ca, cert, key, keepAlive: true });
  return {
    service,
    url: service.url.replace('localhost', '127.0.0.1'),
    dir,
    ca,
    cert,
    key,
    agent,
    subscriptionKey,
    async close() {
      agent.destroy();
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface HttpResult {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  readonly json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface CallOptions {
  readonly method?: string;
  readonly body?: unknown;
  /** Raw body string (sent as is). */
  readonly raw?: string;
  readonly headers?: Record<string, string>;
  /** Use a different agent (e.g. no client certificate). */
  readonly agent?: Agent;
}

/** One HTTPS request over real TLS to the test service. */
export function call(
  t: Pick<TestService, 'url' | 'agent'>,
  path: string,
  opts: CallOptions = {},
): Promise<HttpResult> {
  const payload = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      `${t.url}${path}`,
      {
        method: opts.method ?? (payload === undefined ? 'GET' : 'POST'),
        agent: opts.agent ?? t.agent,
        headers: {
          ...(payload !== undefined
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
          ...opts.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export const API = '/language/:analyze-text?api-version=2023-04-01';

export function nerBody(
  documents: { id: string; text: string; language?: string }[],
  parameters: object = {},
): object {
  return { kind: 'EntityRecognition', parameters, analysisInput: { documents } };
}
