import { createPublicKey, createSecretKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Logger } from '../../observability/logger.ts';

export type JwtAlgorithm = 'RS256' | 'ES256' | 'HS256';

export interface KeyRingOptions {
  readonly algorithms: readonly JwtAlgorithm[];
  readonly keys: readonly { kid?: string | undefined; file: string }[];
  /** File path or http(s) URL of a JWKS document. */
  readonly jwks?: string | undefined;
  readonly jwksRefetchSeconds: number;
  readonly hmacSecretFile?: string | undefined;
}

/** The key for a token header, or why there is none (for the log, never for the caller). */
export type KeyLookup = { key: KeyObject } | { reason: string };

/**
 * The keys tokens may be signed with, parsed once into KeyObjects (verifying against a PEM string
 * re-parses it on every call: the issue measured 869 vs 1,359 req/s). A key only serves the
 * algorithm of its type, so an HS256 token can never be checked against an RSA public key
 * (algorithm confusion) and `alg: none` has no key at all.
 */
export class JwtKeyRing {
  private byKid = new Map<string, KeyObject>();
  private unnamed: KeyObject[] = [];
  private readonly hmac: KeyObject | undefined;
  private lastFetch = 0;
  private fetching: Promise<void> | undefined;

  private constructor(
    private readonly options: KeyRingOptions,
    private readonly logger: Logger,
  ) {
    this.hmac =
      options.hmacSecretFile && options.algorithms.includes('HS256')
        ? createSecretKey(readFileSync(options.hmacSecretFile))
        : undefined;
  }

  static async load(options: KeyRingOptions, logger: Logger): Promise<JwtKeyRing> {
    const ring = new JwtKeyRing(options, logger);
    await ring.refresh();
    return ring;
  }

  /** Whether any key is configured at all (else bearer tokens are refused outright). */
  get configured(): boolean {
    return this.options.keys.length > 0 || this.options.jwks !== undefined || this.hmac !== undefined;
  }

  /** Algorithms that can succeed: HS256 only with a secret configured. */
  get algorithms(): JwtAlgorithm[] {
    return this.options.algorithms.filter((a) => a !== 'HS256' || this.hmac !== undefined);
  }

  /** Called after keys changed (verified-token caches must be dropped). */
  onChange: () => void = () => {};

  async keyFor(header: { alg?: unknown; kid?: unknown }): Promise<KeyLookup> {
    const alg = header.alg;
    if (typeof alg !== 'string' || !this.algorithms.includes(alg as JwtAlgorithm))
      return { reason: `algorithm ${String(alg)} not accepted` };
    if (alg === 'HS256') return this.hmac ? { key: this.hmac } : { reason: 'no HS256 secret' };
    const kid = typeof header.kid === 'string' ? header.kid : undefined;
    let key = this.find(kid, alg as JwtAlgorithm);
    if (!key && kid !== undefined && this.options.jwks && (await this.refetch())) {
      key = this.find(kid, alg as JwtAlgorithm);
    }
    return key ? { key } : { reason: kid === undefined ? `no ${alg} key without kid` : `unknown kid` };
  }

  private find(kid: string | undefined, alg: JwtAlgorithm): KeyObject | undefined {
    const candidates = kid !== undefined ? [this.byKid.get(kid)] : this.unnamed;
    return candidates.find((k): k is KeyObject => k !== undefined && fits(k, alg));
  }

  /** Re-reads the JWKS on an unknown kid, at most once per jwksRefetchSeconds; true if it ran. */
  private async refetch(): Promise<boolean> {
    if (this.fetching) {
      await this.fetching;
      return true;
    }
    if (Date.now() - this.lastFetch < this.options.jwksRefetchSeconds * 1000) return false;
    await this.refresh();
    return true;
  }

  async refresh(): Promise<void> {
    this.fetching ??= this.load().finally(() => (this.fetching = undefined));
    await this.fetching;
  }

  private async load(): Promise<void> {
    this.lastFetch = Date.now();
    const byKid = new Map<string, KeyObject>();
    const unnamed: KeyObject[] = [];
    for (const { kid, file } of this.options.keys) {
      const key = createPublicKey(readFileSync(file)); // a PEM public key or certificate
      if (kid !== undefined) byKid.set(kid, key);
      else unnamed.push(key);
    }
    if (this.options.jwks) {
      try {
        for (const jwk of await readJwks(this.options.jwks)) {
          if (jwk.use === 'enc') continue;
          const key = createPublicKey({ key: jwk, format: 'jwk' });
          if (typeof jwk.kid === 'string') byKid.set(jwk.kid, key);
          else unnamed.push(key);
        }
      } catch (err) {
        // Keep what we had: a JWKS endpoint hiccup must not log everybody out.
        this.logger.warn({ jwks: this.options.jwks, err: (err as Error).message }, 'JWKS not loaded');
        for (const [kid, key] of this.byKid) if (!byKid.has(kid)) byKid.set(kid, key);
      }
    }
    this.byKid = byKid;
    this.unnamed = unnamed;
    this.onChange();
  }
}

function fits(key: KeyObject, alg: JwtAlgorithm): boolean {
  if (key.type !== 'public') return false;
  if (alg === 'RS256') return key.asymmetricKeyType === 'rsa';
  return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
}

async function readJwks(source: string): Promise<JsonWebKey[]> {
  const text = /^https?:\/\//i.test(source)
    ? await fetch(source, { signal: AbortSignal.timeout(5_000) }).then((r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return r.text();
      })
    : readFileSync(source, 'utf8');
  const doc = JSON.parse(text) as { keys?: unknown };
  if (!Array.isArray(doc.keys)) throw new Error('a JWKS needs a "keys" array');
  return doc.keys as JsonWebKey[];
}
