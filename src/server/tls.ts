import { readFileSync } from 'node:fs';
import type { SecureContextOptions, TlsOptions } from 'node:tls';
import type { Config } from '../config/schema.ts';
import { ensureDevCerts } from '../security/dev-certs.ts';
import type { ClientCertMode } from './client-cert.ts';

export interface TlsSetup {
  readonly options: TlsOptions;
  readonly clientCertMode: ClientCertMode;
  /** Set when the generated development PKI is in use (for the startup hint). */
  readonly dev?: {
    readonly ca: string;
    readonly clientCert: string;
    readonly clientKey: string;
    readonly created: boolean;
  };
}

/** Modern AEAD suites only for TLS 1.2 (TLS 1.3 suites are fixed by OpenSSL). */
const CIPHERS = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

/**
 * Server certificate, client CA and client-certificate mode from config, or a generated development
 * PKI when no certificate is configured (client certificates then required by default).
 */
export async function resolveTls(config: Config): Promise<TlsSetup> {
  const tls = config.tls;
  let material: SecureContextOptions;
  let dev: TlsSetup['dev'];
  let ca: string | undefined;
  if (tls.certFile && tls.keyFile) {
    material = { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) };
    ca = tls.clientCaFile;
  } else {
    const certs = await ensureDevCerts(tls.devCertsDir);
    material = { cert: readFileSync(certs.serverCert), key: readFileSync(certs.serverKey) };
    ca = tls.clientCaFile ?? certs.ca;
    dev = { ca: certs.ca, clientCert: certs.clientCert, clientKey: certs.clientKey, created: certs.created };
  }
  const mode: ClientCertMode = tls.clientCertificates ?? (dev ? 'required' : ca ? 'optional' : 'off');
  if (mode !== 'off' && !ca)
    throw new Error(`tls.clientCertificates is ${mode} but no tls.clientCaFile is configured`);
  return {
    clientCertMode: mode,
    ...(dev ? { dev } : {}),
    options: {
      ...material,
      ...(ca ? { ca: readFileSync(ca) } : {}),
      minVersion: tls.minVersion,
      ciphers: CIPHERS,
      honorCipherOrder: true,
      requestCert: mode !== 'off',
      // Only `strict` aborts the handshake; otherwise the app answers 401 so callers see why.
      rejectUnauthorized: tls.strict && mode === 'required',
    },
  };
}
