import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCa, issueCert } from './pki.ts';

/** File names of the development PKI inside its folder. */
export const DEV_CERT_FILES = {
  ca: 'dev-ca.crt',
  caKey: 'dev-ca.key',
  serverCert: 'server.crt',
  serverKey: 'server.key',
  clientCert: 'client.crt',
  clientKey: 'client.key',
} as const;

export interface DevCerts {
  readonly dir: string;
  readonly created: boolean;
  readonly ca: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly clientCert: string;
  readonly clientKey: string;
}

/**
 * Makes sure a local development CA, a server certificate for localhost/127.0.0.1/::1 and one client
 * certificate exist in `dir`; generates them on first use. Keys are written 0600.
 */
export async function ensureDevCerts(dir: string): Promise<DevCerts> {
  const path = (name: string): string => join(dir, name);
  const result = {
    dir,
    ca: path(DEV_CERT_FILES.ca),
    serverCert: path(DEV_CERT_FILES.serverCert),
    serverKey: path(DEV_CERT_FILES.serverKey),
    clientCert: path(DEV_CERT_FILES.clientCert),
    clientKey: path(DEV_CERT_FILES.clientKey),
  };
  if (Object.values(DEV_CERT_FILES).every((f) => existsSync(path(f)))) return { ...result, created: false };

  await mkdir(dir, { recursive: true });
  const ca = await createCa('ner-gateway development CA');
  const server = await issueCert(ca, {
    commonName: 'localhost',
    usage: 'server',
    dnsNames: ['localhost'],
    ipAddresses: ['127.0.0.1', '::1'],
  });
  const client = await issueCert(ca, { commonName: 'dev-client', usage: 'client' });
  const files: [string, string, number][] = [
    [DEV_CERT_FILES.ca, ca.certPem, 0o644],
    [DEV_CERT_FILES.caKey, ca.keyPem, 0o600],
    [DEV_CERT_FILES.serverCert, server.certPem, 0o644],
    [DEV_CERT_FILES.serverKey, server.keyPem, 0o600],
    [DEV_CERT_FILES.clientCert, client.certPem, 0o644],
    [DEV_CERT_FILES.clientKey, client.keyPem, 0o600],
  ];
  for (const [name, pem, mode] of files) {
    await writeFile(path(name), pem, { mode });
    await chmod(path(name), mode);
  }
  return { ...result, created: true };
}
