import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Dispatcher } from 'undici';
import type { Logger } from '../../observability/logger.ts';
import { type OutboundProxy, outboundDispatcher } from '../../outbound/proxy.ts';
import { EMPTY_KEY_SET, type KeySet, readJwks } from './jwks.ts';

export type JwtAlgorithm = 'RS256' | 'ES256' | 'HS256';

export interface KeyRingOptions {
  readonly algorithms: readonly JwtAlgorithm[];
  readonly keys: readonly { kid?: string | undefined; file: string }[];
  /** File path or http(s) URL of a JWKS document. */
  readonly jwks?: string | undefined;
  /** PEM CA bundle trusted for an https JWKS URL (an issuer with a private CA); default: public CAs. */
  readonly jwksCaFile?: string | undefined;
  /** The outbound proxy a JWKS URL is fetched through (NO_PROXY applies); default: direct. */
  readonly proxy?: OutboundProxy | undefined;
  readonly jwksRefetchSeconds: number;
  /** A JWKS older than this is re-read in the background (default: never). */
  readonly jwksMaxAgeSeconds?: number;
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
  /** Keys from PEM files (read once at start). */
  private readonly files: KeySet;
  /** Keys of the last JWKS document that could be read (kept while the JWKS source is failing). */
  private jwks: KeySet = EMPTY_KEY_SET;
  private readonly hmac: KeyObject | undefined;
  private lastFetch = 0;
  private fetching: Promise<void> | undefined;
  /** Connections for the JWKS URL: through the proxy, and/or trusting a private CA (read once at start). */
  private readonly jwksAgent: Dispatcher | undefined;

  private constructor(
    private readonly options: KeyRingOptions,
    private readonly logger: Logger,
  ) {
    this.files = readPemKeys(options.keys);
    this.jwksAgent = outboundDispatcher(
      options.proxy ?? { noProxy: '' },
      options.jwksCaFile ? { ca: readFileSync(options.jwksCaFile, 'utf8') } : undefined,
    );
    this.hmac =
      options.hmacSecretFile && options.algorithms.includes('HS256')
        ? readHmacSecret(options.hmacSecretFile)
        : undefined;
  }

  static async load(options: KeyRingOptions, logger: Logger): Promise<JwtKeyRing> {
    const ring = new JwtKeyRing(options, logger);
    if (options.jwks) await ring.refresh();
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
    } else if (this.stale()) void this.refresh(); // this token still uses the keys in hand
    return key ? { key } : { reason: kid === undefined ? `no ${alg} key without kid` : `unknown kid` };
  }

  private find(kid: string | undefined, alg: JwtAlgorithm): KeyObject | undefined {
    const candidates =
      kid !== undefined
        ? [this.files.byKid.get(kid), this.jwks.byKid.get(kid)]
        : [...this.files.unnamed, ...this.jwks.unnamed];
    return candidates.find((k): k is KeyObject => k !== undefined && fits(k, alg));
  }

  /**
   * Re-reads the JWKS on an unknown kid, at most once per jwksRefetchSeconds (counted from the
   * start of the last fetch, failed or not), so tokens with made-up kids cannot hammer the issuer.
   * Requests arriving during a fetch wait for it. True if a fetch ran (or was joined).
   */
  private async refetch(): Promise<boolean> {
    if (this.fetching) {
      await this.fetching;
      return true;
    }
    if (Date.now() - this.lastFetch < this.options.jwksRefetchSeconds * 1000) return false;
    await this.refresh();
    return true;
  }

  /** Closes the JWKS connections (if a private CA gave the ring its own). */
  close(): void {
    void this.jwksAgent?.close();
  }

  /** Whether the JWKS is due for a background re-read (so keys the issuer removed stop working). */
  private stale(): boolean {
    const maxAge = this.options.jwksMaxAgeSeconds;
    return (
      this.options.jwks !== undefined &&
      maxAge !== undefined &&
      this.fetching === undefined &&
      Date.now() - this.lastFetch >= maxAge * 1000
    );
  }

  /** Reads the JWKS now (joining a fetch in progress). Never throws: a failure keeps the old keys. */
  async refresh(): Promise<void> {
    this.fetching ??= this.fetchJwks().finally(() => (this.fetching = undefined));
    await this.fetching;
  }

  private async fetchJwks(): Promise<void> {
    const source = this.options.jwks;
    if (!source) return;
    this.lastFetch = Date.now();
    try {
      const { keys, skipped } = await readJwks(source, this.jwksAgent);
      if (skipped.length > 0)
        this.logger.warn({ jwks: source, skipped }, 'JWKS keys skipped (not usable public keys)');
      this.jwks = keys;
      this.onChange();
    } catch (err) {
      // Keep what we had: a JWKS endpoint hiccup must not log everybody out.
      this.logger.warn(
        {
          jwks: source,
          err: (err as Error).message,
          keptKeys: this.jwks.byKid.size + this.jwks.unnamed.length,
        },
        'JWKS not loaded; keeping the keys already known',
      );
    }
  }
}

/** PEM public keys or certificates, parsed once. */
function readPemKeys(keys: KeyRingOptions['keys']): KeySet {
  const byKid = new Map<string, KeyObject>();
  const unnamed: KeyObject[] = [];
  for (const { kid, file } of keys) {
    const key = createPublicKey(readFileSync(file));
    if (kid !== undefined) byKid.set(kid, key);
    else unnamed.push(key);
  }
  return { byKid, unnamed };
}

/** RFC 7518 3.2: an HS256 key must be at least as long as the hash (256 bits). */
const MIN_HMAC_BYTES = 32;

/**
 * The HS256 secret: the file's bytes, without a trailing line break (editors and `echo` add one).
 * Errors name the file, never its content.
 */
function readHmacSecret(file: string): KeyObject {
  let secret = readFileSync(file);
  let end = secret.length;
  while (end > 0 && (secret[end - 1] === 0x0a || secret[end - 1] === 0x0d)) end--;
  secret = secret.subarray(0, end);
  if (secret.length < MIN_HMAC_BYTES)
    throw new Error(
      `security.jwt.hmacSecretFile ${file} holds ${secret.length} bytes; HS256 needs at least ${MIN_HMAC_BYTES}`,
    );
  return createSecretKey(secret);
}

function fits(key: KeyObject, alg: JwtAlgorithm): boolean {
  if (key.type !== 'public') return false;
  if (alg === 'RS256') return key.asymmetricKeyType === 'rsa';
  return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
}
