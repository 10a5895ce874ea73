import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

/**
 * Serial numbers revoked by the configured CRL. OpenSSL checks the CRL at each handshake; this
 * set lets the request path refuse a certificate revoked after its connection was opened.
 * (Serials are compared without their issuer: the CRL file is expected to cover the CAs of one
 * client CA bundle, whose serials are random 64+ bit numbers.)
 */
export class RevokedSerials {
  private serials = new Set<string>();
  /** Bumped on every update, so per-connection results are re-checked. */
  generation = 0;

  has(serialNumber: string | undefined): boolean {
    return serialNumber !== undefined && this.serials.has(normalise(serialNumber));
  }

  /** Replaces the set from PEM CRL text (one or more CRLs); throws if it cannot be parsed. */
  update(crlPem: string | undefined): void {
    const serials = new Set<string>();
    if (crlPem) {
      for (const der of x509.PemConverter.decode(crlPem)) {
        for (const entry of new x509.X509Crl(der).entries) serials.add(normalise(entry.serialNumber));
      }
    }
    this.serials = serials;
    this.generation++;
  }
}

const normalise = (serial: string): string => serial.toUpperCase().replace(/^0+(?=.)/, '');
