import { readFileSync } from 'node:fs';
import type { Server } from 'node:https';
import { createSecureContext, type SecureContextOptions, type TlsOptions } from 'node:tls';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../observability/logger.ts';
import type { ClientCertMode } from '../security/certificates.ts';
import { ensureDevCerts } from '../security/dev-certs.ts';
import { RevokedSerials } from '../security/revocation.ts';
import { type FileWatch, watchFiles } from '../security/watch.ts';

/** The files the TLS material is read from (and watched for changes). */
export interface TlsFiles {
  readonly cert: string;
  readonly key: string;
  readonly ca?: string | undefined;
  readonly crl?: string | undefined;
}

export interface TlsSetup {
  readonly options: TlsOptions;
  readonly clientCertMode: ClientCertMode;
  readonly files: TlsFiles;
  /** Serials of the current CRL, for connections opened before a CRL reload. */
  readonly revoked: RevokedSerials;
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
export async function resolveTls(config: Pick<Config, 'tls'>): Promise<TlsSetup> {
  const tls = config.tls;
  let files: TlsFiles;
  let dev: TlsSetup['dev'];
  if (tls.certFile && tls.keyFile) {
    files = { cert: tls.certFile, key: tls.keyFile, ca: tls.clientCaFile, crl: tls.crlFile };
  } else {
    const certs = await ensureDevCerts(tls.devCertsDir);
    files = {
      cert: certs.serverCert,
      key: certs.serverKey,
      ca: tls.clientCaFile ?? certs.ca,
      crl: tls.crlFile,
    };
    dev = { ca: certs.ca, clientCert: certs.clientCert, clientKey: certs.clientKey, created: certs.created };
  }
  const mode: ClientCertMode = tls.clientCertificates ?? (dev ? 'required' : files.ca ? 'optional' : 'off');
  if (mode !== 'off' && !files.ca)
    throw new Error(`tls.clientCertificates is ${mode} but no tls.clientCaFile is configured`);
  const material = readMaterial(files);
  const revoked = new RevokedSerials();
  revoked.update(material.crl?.toString());
  return {
    clientCertMode: mode,
    files,
    revoked,
    ...(dev ? { dev } : {}),
    options: {
      ...material,
      minVersion: tls.minVersion,
      ciphers: CIPHERS,
      honorCipherOrder: true,
      requestCert: mode !== 'off',
      // Only `strict` aborts the handshake; otherwise the app answers 401 so callers see why.
      rejectUnauthorized: tls.strict && mode === 'required',
    },
  };
}

function readMaterial(files: TlsFiles): SecureContextOptions & { crl?: Buffer } {
  return {
    cert: readFileSync(files.cert),
    key: readFileSync(files.key),
    ...(files.ca ? { ca: readFileSync(files.ca) } : {}),
    ...(files.crl ? { crl: readFileSync(files.crl) } : {}),
  };
}

/**
 * Reloads certificate, key, CA bundle and CRL when their files change: new handshakes use the new
 * material (server.setSecureContext), open connections keep theirs and are not dropped. A
 * half-updated set (new certificate, old key) fails to load and is retried on the next change.
 */
export function watchTls(
  server: Server,
  setup: TlsSetup,
  config: Pick<Config, 'tls' | 'security'>,
  logger: Logger,
): FileWatch {
  const { files } = setup;
  const reload = (): void => {
    try {
      const material = readMaterial(files);
      const options = {
        ...material,
        minVersion: config.tls.minVersion,
        ciphers: CIPHERS,
        honorCipherOrder: true,
      };
      createSecureContext(options); // validates (key matches certificate, PEM parses) before use
      setup.revoked.update(material.crl?.toString());
      server.setSecureContext(options);
      logger.info({ files: Object.values(files).filter(Boolean).length }, 'TLS material reloaded');
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'TLS material not reloaded; keeping the current one');
    }
  };
  const paths = [files.cert, files.key, files.ca, files.crl].filter((f): f is string => f !== undefined);
  return watchFiles(paths, reload, config.security.reloadPollMs);
}
