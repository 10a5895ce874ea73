import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Dispatcher, fetch } from 'undici';

/** Public keys by `kid`, and those without one. */
export interface KeySet {
  readonly byKid: ReadonlyMap<string, KeyObject>;
  readonly unnamed: readonly KeyObject[];
}

export const EMPTY_KEY_SET: KeySet = { byKid: new Map(), unnamed: [] };

/** Longest a JWKS fetch may take: requests with an unknown `kid` wait for it. */
const FETCH_TIMEOUT_MS = 5_000;
/** A JWKS is a few kilobytes; anything far larger is not one. */
const MAX_JWKS_BYTES = 1 << 20;

/**
 * Reads a JWKS document (file path or http(s) URL) into public keys. Keys for encryption
 * (`use: enc`) and keys Node cannot import as public keys (e.g. symmetric `oct` entries) are skipped
 * and reported in `skipped`; a document that cannot be read or parsed at all throws.
 */
export async function readJwks(
  source: string,
  dispatcher?: Dispatcher,
): Promise<{ keys: KeySet; skipped: string[] }> {
  const doc = JSON.parse(await readSource(source, dispatcher)) as { keys?: unknown };
  if (!Array.isArray(doc.keys)) throw new Error('a JWKS needs a "keys" array');
  const byKid = new Map<string, KeyObject>();
  const unnamed: KeyObject[] = [];
  const skipped: string[] = [];
  for (const [i, jwk] of (doc.keys as JsonWebKey[]).entries()) {
    const name = typeof jwk.kid === 'string' ? jwk.kid : `#${i}`;
    if (jwk.use === 'enc') continue;
    let key: KeyObject;
    try {
      key = createPublicKey({ key: jwk, format: 'jwk' });
    } catch {
      skipped.push(name);
      continue;
    }
    if (key.type !== 'public') {
      skipped.push(name);
      continue;
    }
    if (typeof jwk.kid === 'string') byKid.set(jwk.kid, key);
    else unnamed.push(key);
  }
  return { keys: { byKid, unnamed }, skipped };
}

/** `dispatcher`: how to reach an https source (e.g. trusting a private CA); default: public CAs. */
async function readSource(source: string, dispatcher?: Dispatcher): Promise<string> {
  if (!/^https?:\/\//i.test(source)) return readFileSync(source, 'utf8');
  const res = await fetch(source, {
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    headers: { accept: 'application/json' },
    // A redirect could lead off https (or off the configured issuer) to keys nobody vetted.
    redirect: 'error',
    ...(dispatcher ? { dispatcher } : {}),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  // Read no further than the limit: a hostile or broken endpoint must not fill memory.
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += chunk.byteLength;
    if (size > MAX_JWKS_BYTES) throw new Error('JWKS document too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
