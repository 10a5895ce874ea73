import type { Request, Response } from 'express';
import { Passport } from 'passport';
import { ExtractJwt, Strategy as JwtStrategy, type VerifiedCallback } from 'passport-jwt';
import { GatewayError } from '../../errors/base.ts';
import type { Principal } from '../../http/principal.ts';
import type { JwtKeyRing } from './key-ring.ts';
import { TokenCache } from './token-cache.ts';

export interface JwtSettings {
  readonly issuer: readonly string[];
  readonly audience: readonly string[];
  readonly clockToleranceSeconds: number;
  readonly principalClaim: string;
  readonly cacheSize: number;
}

/** Why a token was refused: for the log only (the caller gets the generic 401). */
export class TokenRejected extends GatewayError {
  readonly code = 'TOKEN_REJECTED';
}

const fromHeader = ExtractJwt.fromAuthHeaderAsBearerToken();

/**
 * Bearer tokens checked by passport-jwt (jsonwebtoken underneath): signature with the key the
 * ring picks for the header's `alg` and `kid`, then `iss`, `aud`, `exp`, `nbf` with a small clock
 * tolerance. `exp` is required. Scopes come from `scp`/`scope` (space separated) and `roles`.
 */
export class JwtAuthenticator {
  private readonly passport = new Passport();
  private readonly cache: TokenCache;

  constructor(
    private readonly settings: JwtSettings,
    private readonly keys: JwtKeyRing,
  ) {
    if (keys.configured && (settings.issuer.length === 0 || settings.audience.length === 0))
      throw new Error(
        'security.jwt.issuer and security.jwt.audience must be set when JWT keys are configured',
      );
    this.cache = new TokenCache(settings.cacheSize);
    keys.onChange = () => this.cache.clear();
    this.passport.use(
      'jwt',
      new JwtStrategy(
        {
          jwtFromRequest: fromHeader,
          secretOrKeyProvider: (_req: Request, raw: string, done) => {
            const header = decodeHeader(raw);
            if (!header) return done(new TokenRejected('malformed token'));
            // RFC 7515 §4.1.11: extensions listed in `crit` must be understood; none is here.
            if ('crit' in header) return done(new TokenRejected('unsupported critical header parameter'));
            keys.keyFor(header).then(
              (found) =>
                'key' in found
                  ? done(null, found.key as unknown as Buffer) // jsonwebtoken takes KeyObjects as they are
                  : done(new TokenRejected(found.reason)),
              (err: unknown) => done(err),
            );
          },
          issuer: [...settings.issuer],
          audience: [...settings.audience],
          algorithms: keys.algorithms,
          jsonWebTokenOptions: { clockTolerance: settings.clockToleranceSeconds },
        },
        (payload: Record<string, unknown>, done: VerifiedCallback) => {
          const principal = principalFrom(payload, settings.principalClaim);
          if (typeof principal === 'string') return done(null, false, new TokenRejected(principal));
          done(null, principal, { exp: payload.exp });
        },
      ),
    );
  }

  /** The principal of a valid bearer token; throws TokenRejected otherwise. */
  async authenticate(req: Request, res: Response): Promise<Principal> {
    if (!this.keys.configured) throw new TokenRejected('JWT authentication is not configured');
    const token = fromHeader(req);
    if (!token) throw new TokenRejected('not a bearer token');
    const cacheKey = TokenCache.keyOf(token);
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const principal = await new Promise<Principal>((resolve, reject) => {
      this.passport.authenticate(
        'jwt',
        { session: false },
        (err: unknown, user: Principal | false, info: unknown) => {
          if (err) return reject(err instanceof Error ? err : new Error(String(err)));
          if (!user) return reject(new TokenRejected(info instanceof Error ? info.message : 'invalid token'));
          const exp = (info as { exp: number }).exp;
          this.cache.set(cacheKey, user, exp * 1000);
          resolve(user);
        },
      )(req, res, (err?: unknown) => reject(err instanceof Error ? err : new TokenRejected('invalid token')));
    });
    return principal;
  }
}

function decodeHeader(raw: string): { alg?: unknown; kid?: unknown } | undefined {
  const dot = raw.indexOf('.');
  if (dot <= 0) return undefined;
  try {
    const header = JSON.parse(Buffer.from(raw.slice(0, dot), 'base64url').toString('utf8')) as unknown;
    return typeof header === 'object' && header !== null ? header : undefined;
  } catch {
    return undefined;
  }
}

function words(v: unknown): string[] {
  if (typeof v === 'string') return v.split(' ').filter(Boolean);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The principal a verified payload names, or why it names none. */
function principalFrom(payload: Record<string, unknown>, claim: string): Principal | string {
  if (typeof payload.exp !== 'number') return 'token has no exp';
  const id = payload[claim];
  if (typeof id !== 'string' || id === '') return `token has no ${claim}`;
  const scopes = [...new Set([...words(payload.scp), ...words(payload.scope), ...words(payload.roles)])];
  return Object.freeze({ id, methods: Object.freeze(['jwt'] as const), scopes: Object.freeze(scopes) });
}
