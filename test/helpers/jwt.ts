import { createHmac, type KeyObject, sign } from 'node:crypto';

const b64 = (v: object | string): string =>
  Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/**
 * A compact JWS made by hand, so tests can also make what a well-behaved library refuses to:
 * `alg: none`, HS256 keyed with an RSA public key (algorithm confusion), missing claims.
 */
export function signJwt(
  header: { alg: string; kid?: string; typ?: string; [param: string]: unknown },
  payload: Record<string, unknown>,
  key?: KeyObject | string | Buffer,
): string {
  const input = `${b64({ typ: 'JWT', ...header })}.${b64(payload)}`;
  let signature = '';
  if (header.alg === 'HS256')
    signature = createHmac('sha256', key as string | Buffer)
      .update(input)
      .digest('base64url');
  else if (header.alg === 'RS256')
    signature = sign('sha256', Buffer.from(input), key as KeyObject).toString('base64url');
  else if (header.alg === 'ES256')
    signature = sign('sha256', Buffer.from(input), {
      key: key as KeyObject,
      dsaEncoding: 'ieee-p1363',
    }).toString('base64url');
  return `${input}.${signature}`;
}

/** Standard claims for `sub`, valid from a minute ago for an hour. */
export function claims(sub: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { sub, iat: now - 60, nbf: now - 60, exp: now + 3600, ...extra };
}
