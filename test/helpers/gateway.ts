/**
 * A whole gateway process (`src/main.ts` in a child process) in its own temp dir: tiny real model,
 * generated dev PKI (mTLS), ephemeral loopback port, info-level JSON logs captured for assertions.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTinyHfModel } from '../fixtures/tiny-hf-model.ts';
import { ChildService, cleanEnv } from './child-service.ts';
import { writeTestKeyStore } from './keys.ts';

/** The subscription key every gateway accepts (principal `test-key`). */
export const GATEWAY_KEY = 'sk-gateway-test-3f9a1c7e5b2d4068';

export interface Gateway {
  readonly svc: ChildService;
  /** https://127.0.0.1:<port> */
  readonly url: string;
  readonly agent: Agent;
  readonly dir: string;
  /** TLS client material (dev CA, client certificate and key). */
  readonly tls: { readonly ca: Buffer; readonly cert: Buffer; readonly key: Buffer };
  /** Audit lines logged so far. */
  audit(): Record<string, unknown>[];
  /** SIGTERM, wait for exit; `keepDir` leaves the temp dir for a restart with the same files. */
  stop(keepDir?: boolean): Promise<void>;
}

/** A temp dir for `startGateway` (to put files such as a quota file beside it, or to restart in). */
export function gatewayDir(): string {
  return mkdtempSync(join(tmpdir(), 'nergw-gw-'));
}

/**
 * The settings every test gateway process starts with: loopback on `port` (0 = any), the dev PKI and
 * the tiny real model under `home`, one inference worker, info-level JSON logs.
 */
export function gatewayArgs(home: string, port = 0): string[] {
  return [
    'Eula=accept',
    `Server:Port=${port}`,
    'Server:Host=127.0.0.1',
    `Tls:DevCertsDir=${join(home, 'certs')}`,
    `Models:Default=${join(home, 'model')}`,
    `Models:CustomRoot=${join(home, 'none')}`,
    'Inference:Workers=1',
    'Logging:Level=info',
  ];
}

/** `env`: extra environment variables for the process (e.g. OTEL_* ones). */
export async function startGateway(
  args: readonly string[],
  dir: string = gatewayDir(),
  env: Record<string, string> = {},
): Promise<Gateway> {
  const home = dir;
  if (!existsSync(join(home, 'model'))) writeTinyHfModel(join(home, 'model'));
  await writeTestKeyStore(join(home, 'keys.json'), GATEWAY_KEY);
  const svc = new ChildService(
    [...gatewayArgs(home), `Security:KeyStoreFile=${join(home, 'keys.json')}`, ...args],
    cleanEnv(env),
  );
  const { url } = await svc.listening();
  const read = (name: string): Buffer => readFileSync(join(home, 'certs', name));
  const tls = { ca: read('dev-ca.crt'), cert: read('client.crt'), key: read('client.key') };
  const agent = new Agent({ ...tls, keepAlive: true });
  return {
    svc,
    url: `https://127.0.0.1:${url.port}`,
    agent,
    dir: home,
    tls,
    audit: () => svc.logs().filter((l) => l.log === 'audit'),
    async stop(keepDir = false) {
      agent.destroy();
      if (svc.proc.exitCode === null && svc.proc.signalCode === null) svc.proc.kill('SIGTERM');
      await svc.exit();
      if (!keepDir) rmSync(home, { recursive: true, force: true });
    },
  };
}
