import 'reflect-metadata';
import { webcrypto } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as never);

const ALG: webcrypto.EcKeyGenParams & webcrypto.EcdsaParams = {
  name: 'ECDSA',
  namedCurve: 'P-256',
  hash: 'SHA-256',
};
const DAY = 86_400_000;

/** A certificate with its private key, both PEM. */
export interface IssuedCert {
  readonly certPem: string;
  readonly keyPem: string;
  /** Hexadecimal serial number (what a CRL lists). */
  readonly serialNumber?: string;
}

export interface CertificateAuthority extends IssuedCert {
  readonly cert: x509.X509Certificate;
  readonly keys: CryptoKeyPair;
}

export interface Validity {
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

async function keyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

async function newKeys(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
}

/** A self-signed ECDSA P-256 CA. */
export async function createCa(commonName: string, validity: Validity = {}): Promise<CertificateAuthority> {
  const keys = await newKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${commonName}`,
    keys,
    signingAlgorithm: ALG,
    notBefore: validity.notBefore ?? new Date(Date.now() - DAY),
    notAfter: validity.notAfter ?? new Date(Date.now() + 3650 * DAY),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys, certPem: cert.toString('pem'), keyPem: await keyPem(keys.privateKey) };
}

export interface LeafOptions extends Validity {
  readonly commonName: string;
  readonly usage: 'server' | 'client';
  readonly dnsNames?: readonly string[];
  readonly ipAddresses?: readonly string[];
  readonly uris?: readonly string[];
}

/** A leaf certificate for a server or a client, signed by `ca`. */
export async function issueCert(ca: CertificateAuthority, opts: LeafOptions): Promise<IssuedCert> {
  const keys = await newKeys();
  const names: x509.JsonGeneralName[] = [
    ...(opts.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(opts.ipAddresses ?? []).map((value) => ({ type: 'ip' as const, value })),
    ...(opts.uris ?? []).map((value) => ({ type: 'url' as const, value })),
  ];
  const cert = await x509.X509CertificateGenerator.create({
    subject: `CN=${opts.commonName}`,
    issuer: ca.cert.subject,
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: ALG,
    notBefore: opts.notBefore ?? new Date(Date.now() - DAY),
    notAfter: opts.notAfter ?? new Date(Date.now() + 825 * DAY),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension(
        [opts.usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth],
        false,
      ),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert, false),
      ...(names.length > 0 ? [new x509.SubjectAlternativeNameExtension(names, false)] : []),
    ],
  });
  return {
    certPem: cert.toString('pem'),
    keyPem: await keyPem(keys.privateKey),
    serialNumber: cert.serialNumber,
  };
}

/** A CRL signed by `ca` that revokes the given serial numbers (hex), PEM. */
export async function createCrl(
  ca: CertificateAuthority,
  revokedSerials: readonly string[],
  validity: { thisUpdate?: Date; nextUpdate?: Date } = {},
): Promise<string> {
  const crl = await x509.X509CrlGenerator.create({
    issuer: ca.cert.subject,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: ALG,
    thisUpdate: validity.thisUpdate ?? new Date(Date.now() - DAY),
    nextUpdate: validity.nextUpdate ?? new Date(Date.now() + 30 * DAY),
    entries: revokedSerials.map((serialNumber) => ({
      serialNumber,
      revocationDate: new Date(Date.now() - DAY),
    })),
    extensions: [await x509.AuthorityKeyIdentifierExtension.create(ca.cert, false)],
  });
  return x509.PemConverter.encode(crl.rawData, 'X509 CRL'); // the label OpenSSL reads
}
