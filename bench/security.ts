/**
 * The security comparison of `npm run bench`: the same NER load against servers that differ only
 * in their security settings. Each scenario is a list of server arguments plus what the client
 * sends, so more settings (e.g. rate limits) can be added to every scenario in one place.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKey, hashKey, writeKeyFile } from '../src/security/keys/file.ts';
import { claims, signJwt } from '../test/helpers/jwt.ts';
import {
  alternating,
  fmt,
  type LoadResult,
  NER_PATH,
  nerBodies,
  non200,
  rps,
  runLoad,
  SECONDS,
  type Server,
  startServer,
} from './harness.ts';
import type { LoadSpec } from './load.ts';

export interface SecurityScenario {
  readonly name: string;
  /** Extra server arguments (`Section:Key=value`). */
  readonly args: readonly string[];
  /** Request headers the load client sends. */
  readonly headers: Readonly<Record<string, string>>;
  /** Whether the load client presents the dev client certificate. */
  readonly clientCertificate: boolean;
}

/**
 * Arguments added to every scenario. The secured rows have rate limiting on (harness.ts sets a limit
 * the load never reaches); the baseline turns the whole front door off but TLS.
 */
export const COMMON_ARGS: readonly string[] = [];

/** Writes a key store and a JWT key into `dir` and returns the scenarios; the first is the baseline. */
export async function securityScenarios(dir: string): Promise<SecurityScenario[]> {
  const key = generateKey();
  const keyStore = join(dir, 'keys.json');
  await writeKeyFile(keyStore, {
    version: 1,
    principals: { bench: { scopes: [], key1: { sha256: hashKey(key), created: new Date().toISOString() } } },
  });
  const rs = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = join(dir, 'jwt-rs256.pem');
  writeFileSync(pem, rs.publicKey.export({ type: 'spki', format: 'pem' }));
  const iss = 'https://bench.issuer/';
  const aud = 'https://cognitiveservices.azure.com';
  const token = signJwt({ alg: 'RS256', kid: 'bench' }, { iss, aud, ...claims('bench-app') }, rs.privateKey);
  const jwtArgs = [
    `Security:Jwt:Issuer=${iss}`,
    `Security:Jwt:Audience=${aud}`,
    `Security:Jwt:Keys=${JSON.stringify([{ kid: 'bench', file: pem }])}`,
  ];
  const scenarios: SecurityScenario[] = [
    {
      name: 'security off (TLS only: no client certificate, no auth, no rate limit)',
      args: ['Security:Enabled=false', 'Tls:ClientCertificates=off', 'RateLimits:Enabled=false'],
      headers: {},
      clientCertificate: false,
    },
    {
      name: 'mTLS + subscription key',
      args: ['Tls:ClientCertificates=required', `Security:KeyStoreFile=${keyStore}`],
      headers: { 'ocp-apim-subscription-key': key },
      clientCertificate: true,
    },
    {
      name: 'mTLS + JWT (RS256)',
      args: ['Tls:ClientCertificates=required', ...jwtArgs],
      headers: { authorization: `Bearer ${token}` },
      clientCertificate: true,
    },
    {
      name: 'mTLS + JWT (RS256), verified-token cache off',
      args: ['Tls:ClientCertificates=required', ...jwtArgs, 'Security:Jwt:CacheSize=0'],
      headers: { authorization: `Bearer ${token}` },
      clientCertificate: true,
    },
  ];
  return scenarios.map((s) => ({ ...s, args: [...COMMON_ARGS, ...s.args] }));
}

const CONNECTIONS = 16;

/**
 * NER 1 doc/request against one server per scenario, all running, in the same run; loss vs the
 * baseline. The scenarios run in order, then in reverse (each one's two runs summed), so a machine
 * that speeds up or slows down during the section favours none of them.
 */
export async function securitySection(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'nergw-bench-sec-'));
  const servers: Server[] = [];
  let rows: { scenario: string; result: LoadResult }[];
  try {
    const scenarios = await securityScenarios(dir);
    const loads: { name: string; spec: Omit<LoadSpec, 'seconds'> }[] = [];
    for (const s of scenarios) {
      const server = await startServer(dir, s.args);
      servers.push(server);
      const spec = {
        url: server.url,
        ca: server.tls.ca,
        ...(s.clientCertificate ? { cert: server.tls.cert, key: server.tls.key } : {}),
        headers: s.headers,
        path: NER_PATH,
        method: 'POST' as const,
        bodies: nerBodies(1),
        connections: CONNECTIONS,
      };
      loads.push({ name: s.name, spec });
      await runLoad({ ...spec, seconds: 1 }); // warm-up
    }
    const results = await alternating(loads, 1, ({ name, spec }) => {
      console.error(`security: ${name} ...`);
      return runLoad({ ...spec, seconds: SECONDS });
    });
    rows = scenarios.map((s, i) => ({ scenario: s.name, result: results[i]! }));
  } finally {
    for (const server of servers) server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const base = rps(rows[0]!.result);
  const loss = (r: LoadResult): number => (100 * (base - rps(r))) / base;
  const lines = rows.map(
    (r, i) =>
      `| ${r.scenario} | ${fmt(rps(r.result))} | ${i === 0 ? '-' : `${fmt(loss(r.result), 1)}%`} | ${fmt(r.result.p50, 1)} | ${fmt(r.result.p99, 1)} | ${non200(r.result)} |`,
  );
  const measured = rows.slice(1, 3);
  return `## Security overhead (issue 4)

NER 1 doc/request, ${CONNECTIONS} connections, one server per row (bench/security.ts), all running in the same run; the rows run in order, then in reverse, and each row sums its two runs (p99: the worse). The secured rows include rate limiting (a limit the load never reaches); the baseline has none.

| Security | req/s | loss vs security off | p50 ms | p99 ms | non-200 |
|---|---:|---:|---:|---:|---:|
${lines.join('\n')}

${measured.map((r) => `- ${r.scenario}: **${fmt(loss(r.result), 1)}%** loss (target ≤ 15%).`).join('\n')}
`;
}
