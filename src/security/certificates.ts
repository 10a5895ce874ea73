import type { PeerCertificate, TLSSocket } from 'node:tls';
import type { Request } from 'express';
import type { z } from 'zod';
import type { CertificateMappingSchema } from '../config/schema.ts';
import type { Principal } from '../http/principal.ts';
import type { RevokedSerials } from './revocation.ts';

export type ClientCertMode = 'off' | 'optional' | 'required';
export type CertificateMapping = z.infer<typeof CertificateMappingSchema>;
export type CertificateIdentityMode = 'cn' | 'san' | 'fingerprint' | 'mapped';

/** What the TLS layer established about the caller's certificate. */
export type PeerCert =
  | { readonly state: 'none' }
  | { readonly state: 'invalid'; readonly reason: string }
  | { readonly state: 'valid'; readonly cert: PeerCertificate };

const NONE: PeerCert = Object.freeze({ state: 'none' });

/**
 * The verified client certificate of a request's connection. Cached per connection; checked again
 * against the CRL after each CRL reload, so a revoked certificate loses access on connections it
 * had already opened too.
 */
export function peerCertificate(req: Request, revoked: RevokedSerials): PeerCert {
  const socket = req.socket as Partial<TLSSocket> & object;
  if (socket.encrypted !== true) return NONE; // plain HTTP behind a trusted TLS proxy
  let seen = cache.get(socket);
  if (!seen || seen.generation !== revoked.generation) {
    seen = { generation: revoked.generation, result: inspect(socket as TLSSocket, revoked) };
    cache.set(socket, seen);
  }
  return seen.result;
}

const cache = new WeakMap<object, { generation: number; result: PeerCert }>();

function inspect(socket: TLSSocket, revoked: RevokedSerials): PeerCert {
  const cert = socket.getPeerCertificate?.();
  if (!cert || !cert.subject) return NONE;
  if (!socket.authorized)
    return { state: 'invalid', reason: String(socket.authorizationError ?? 'certificate not trusted') };
  if (revoked.has(cert.serialNumber)) return { state: 'invalid', reason: 'CERT_REVOKED' };
  return { state: 'valid', cert };
}

const normaliseFingerprint = (f: string): string => f.replace(/:/g, '').toUpperCase();

/** SAN values without their type prefix (`DNS:a.example`, `URI:spiffe://...` -> the value). */
/** The certificate's SANs as `type:value` (Node writes IP SANs as `IP Address:`; mappings say `IP:`). */
function sanEntries(cert: PeerCertificate): string[] {
  return (cert.subjectaltname ?? '')
    .split(', ')
    .filter(Boolean)
    .map((entry) => entry.replace(/^IP Address:/, 'IP:'));
}

function sanValues(cert: PeerCertificate): string[] {
  return sanEntries(cert).map((entry) => entry.slice(entry.indexOf(':') + 1));
}

/** A mapping's `DNS:x` matches a DNS SAN x only, never a URI or email SAN that reads x. */
function sanMatches(mapping: string, entries: readonly string[]): boolean {
  const colon = mapping.indexOf(':');
  const type = mapping.slice(0, colon).toLowerCase();
  const value = mapping.slice(colon + 1);
  return entries.some((e) => {
    const c = e.indexOf(':');
    return e.slice(0, c).toLowerCase() === type && e.slice(c + 1) === value;
  });
}

/** Client certificate -> principal: explicit mappings first, then the configured attribute. */
export class CertificateIdentity {
  /** Per certificate object, which peerCertificate() keeps per connection: mapped once, not per request. */
  private readonly resolved = new WeakMap<PeerCertificate, Principal | null>();

  constructor(
    private readonly mode: CertificateIdentityMode,
    private readonly mappings: readonly CertificateMapping[],
  ) {}

  principalOf(cert: PeerCertificate): Principal | undefined {
    let known = this.resolved.get(cert);
    if (known === undefined) {
      known = this.resolve(cert) ?? null;
      this.resolved.set(cert, known);
    }
    return known ?? undefined;
  }

  private resolve(cert: PeerCertificate): Principal | undefined {
    const cn = firstString(cert.subject?.CN);
    const entries = sanEntries(cert);
    const fingerprint = normaliseFingerprint(cert.fingerprint256 ?? '');
    const mapped = this.mappings.find(
      (m) =>
        (m.cn !== undefined && m.cn === cn) ||
        (m.san !== undefined && sanMatches(m.san, entries)) ||
        (m.fingerprint !== undefined && normaliseFingerprint(m.fingerprint) === fingerprint),
    );
    if (mapped) return principal(mapped.principal, mapped.scopes);
    const id =
      this.mode === 'cn'
        ? cn
        : this.mode === 'san'
          ? sanValues(cert)[0]
          : this.mode === 'fingerprint'
            ? fingerprint
            : undefined;
    return id ? principal(id, []) : undefined;
  }
}

function firstString(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function principal(id: string, scopes: readonly string[]): Principal {
  return Object.freeze({
    id,
    methods: Object.freeze(['certificate'] as const),
    scopes: Object.freeze([...scopes]),
  });
}
