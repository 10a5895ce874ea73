/**
 * The security comparison of `npm run bench`: the same NER load against servers that differ only
 * in their security settings. Each scenario is a list of server arguments plus what the client
 * sends, so more settings (e.g. rate limits) can be added to every scenario in one place.
 */
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKey, hashKey, writeKeyFile } from '../src/security/keys/file.ts';
import { claims, signJwt } from '../test/helpers/jwt.ts';

export interface SecurityScenario {
  readonly name: string;
  /** Extra server arguments (`Section:Key=value`). */
  readonly args: readonly string[];
  /** Request headers the load client sends. */
  readonly headers: Readonly<Record<string, string>>;
  /** Whether the load client presents the dev client certificate. */
  readonly clientCertificate: boolean;
}

/** Arguments added to every scenario (the place for rate limits, for instance). */
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
      name: 'auth disabled (TLS, no client certificate)',
      args: ['Security:Enabled=false', 'Tls:ClientCertificates=off'],
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
