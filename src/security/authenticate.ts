import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ApiError } from '../http/errors.ts';
import type { Logger } from '../observability/logger.ts';
import { type CertificateIdentity, type ClientCertMode, peerCertificate } from './certificates.ts';
import { authErrors } from './auth-failures.ts';
import type { FailedAuthLimiter } from './failed-auth.ts';
import { type JwtAuthenticator, TokenRejected } from './jwt/authenticator.ts';
import type { KeyStore } from './keys/store.ts';
import { ANONYMOUS, type Principal, setPrincipal } from '../http/principal.ts';
import { repeatedHeader } from './repeated-header.ts';
import type { RevokedSerials } from './revocation.ts';
import type { RoutePolicies, RoutePolicy } from './routes.ts';

export interface AuthenticateDeps {
  readonly policies: RoutePolicies;
  /** Exact paths served to anyone (Kubernetes probes). */
  readonly anonymousPaths: readonly string[];
  /** `required`: every non-anonymous request needs a valid client certificate. */
  readonly clientCertMode: ClientCertMode;
  readonly keys: KeyStore;
  readonly jwt: JwtAuthenticator;
  readonly certificates: CertificateIdentity;
  readonly revoked: RevokedSerials;
  /** Wrong keys and tokens per client address (429 once over the limit). */
  readonly failures: FailedAuthLimiter;
  readonly logger: Logger;
}

const KEY_HEADER = 'ocp-apim-subscription-key';
/** Credential headers that must come once: with two, which one a layer reads is anyone's guess. */
const CREDENTIAL_HEADERS: ReadonlyMap<string, string> = new Map([
  ['authorization', 'Authorization'],
  [KEY_HEADER, 'Ocp-Apim-Subscription-Key'],
]);
const CREDENTIAL_NAMES: ReadonlySet<string> = new Set(CREDENTIAL_HEADERS.keys());

/**
 * Authenticates every request against the policy of its path and attaches the principal:
 * a subscription key if the header is present, else a bearer token if Authorization is present,
 * else the client certificate. A credential that is present but wrong is a 401, never a fallback
 * to another method; one sent twice is a 400. Then the route's principals and scopes decide (403).
 */
export function authenticate(deps: AuthenticateDeps): RequestHandler {
  const anonymous = new Set(deps.anonymousPaths);
  const deny = (req: Request, next: NextFunction, err: ApiError, reason: string): void => {
    // Never the credential itself: only which check failed.
    deps.logger.info({ method: req.method, path: req.path, status: err.status, reason }, 'access denied');
    next(err);
  };

  return (req: Request, res: Response, next: NextFunction): void => {
    if (anonymous.has(req.path)) return next();
    const policy = deps.policies.match(req.path);
    if (!policy)
      return deny(req, next, authErrors.forbidden('Access denied: no policy allows this path.'), 'no policy');

    const peer = peerCertificate(req, deps.revoked);
    if (peer.state === 'invalid') return deny(req, next, authErrors.certificate(peer.reason), peer.reason);
    if (peer.state === 'none' && (deps.clientCertMode === 'required' || policy.requireClientCertificate)) {
      return deny(req, next, authErrors.certificate('no client certificate was presented'), 'no certificate');
    }

    const accept = (principal: Principal): void => {
      const withCert =
        peer.state === 'valid' && !principal.methods.includes('certificate')
          ? { ...principal, methods: [...principal.methods, 'certificate' as const] }
          : principal;
      const refusal = authorize(withCert, policy);
      if (refusal) return deny(req, next, authErrors.forbidden(refusal), 'not authorized');
      setPrincipal(res, withCert);
      next();
    };

    const repeated = repeatedHeader(req.rawHeaders, CREDENTIAL_NAMES);
    if (repeated) {
      const name = CREDENTIAL_HEADERS.get(repeated)!;
      return deny(req, next, authErrors.ambiguous(name), `more than one ${name} header`);
    }
    const methods = policy.methods;
    const key = req.headers[KEY_HEADER];
    const guessing = key !== undefined || req.headers.authorization !== undefined;
    // `req.ip` honours X-Forwarded-For only from server.trustProxy.
    const client = guessing ? (req.ip ?? req.socket.remoteAddress ?? 'unknown') : '';
    if (guessing) {
      const wait = deps.failures.blockedFor(client);
      if (wait > 0) return deny(req, next, authErrors.tooManyFailures(wait), 'too many failed attempts');
    }
    const wrong = (err: ApiError, reason: string): void => {
      deps.failures.failed(client);
      deny(req, next, err, reason);
    };
    if (key !== undefined) {
      const principal =
        methods.includes('subscription-key') && typeof key === 'string' ? deps.keys.verify(key) : undefined;
      return principal
        ? accept(principal)
        : wrong(authErrors.invalidKey(methods), 'invalid subscription key');
    }
    if (req.headers.authorization !== undefined) {
      if (!methods.includes('jwt'))
        return deny(req, next, authErrors.invalidToken(methods), 'bearer not accepted');
      deps.jwt.authenticate(req, res).then(accept, (err: unknown) => {
        if (err instanceof TokenRejected) return wrong(authErrors.invalidToken(methods), err.message);
        // A token library error that is not about the token (e.g. a JWKS fetch): still a 401, logged.
        deps.logger.warn({ err: (err as Error).message }, 'token check failed');
        deny(req, next, authErrors.invalidToken(methods), 'token check failed');
      });
      return;
    }
    if (peer.state === 'valid' && methods.includes('certificate')) {
      const principal = deps.certificates.principalOf(peer.cert);
      return principal
        ? accept(principal)
        : deny(req, next, authErrors.unmappedCertificate(), 'certificate not mapped');
    }
    if (methods.includes('anonymous')) return accept(ANONYMOUS);
    deny(req, next, authErrors.missingCredentials(methods), 'no credentials');
  };
}

/** Why the route refuses this principal, or undefined if it may pass. */
function authorize(principal: Principal, policy: RoutePolicy): string | undefined {
  if (policy.principals.length > 0 && !policy.principals.includes(principal.id))
    return `Access denied: principal '${principal.id}' is not allowed on this route.`;
  const missing = policy.scopes.filter((s) => !principal.scopes.includes(s));
  if (missing.length > 0) return `Access denied: missing required scope(s): ${missing.join(', ')}.`;
  return undefined;
}
