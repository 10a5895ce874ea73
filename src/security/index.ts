import type { RequestHandler } from 'express';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../observability/logger.ts';
import { authenticate } from './authenticate.ts';
import { CertificateIdentity, type ClientCertMode } from './certificates.ts';
import { FailedAuthLimiter } from './failed-auth.ts';
import { JwtAuthenticator } from './jwt/authenticator.ts';
import { JwtKeyRing } from './jwt/key-ring.ts';
import { KeyStore } from './keys/store.ts';
import type { RevokedSerials } from './revocation.ts';
import { RoutePolicies } from './routes.ts';

export interface Security {
  /** The authentication middleware (placed right after helmet). */
  readonly handler: RequestHandler;
  close(): void;
}

export interface SecurityOptions {
  readonly clientCertMode: ClientCertMode;
  /** Kept current by the TLS reloader from tls.crlFile. */
  readonly revoked: RevokedSerials;
}

/** Assembles the "who is calling" layer from config: key store, JWT keys, certificate mapping, policies. */
export async function createSecurity(
  config: Pick<Config, 'security' | 'outbound' | 'server'>,
  logger: Logger,
  options: SecurityOptions,
): Promise<Security> {
  const sec = config.security;
  if (!sec.enabled) {
    logger.warn('security.enabled is false: every request is anonymous');
    const handler: RequestHandler = (_req, _res, next) => next();
    return { handler, close() {} };
  }
  if (options.clientCertMode === 'off' && sec.routes.some((r) => r.requireClientCertificate))
    logger.warn(
      'a route requires client certificates but tls.clientCertificates is off: it will refuse everyone',
    );
  const jwtConfig = sec.jwt;
  const keyRing = await JwtKeyRing.load(
    {
      algorithms: jwtConfig.algorithms,
      keys: jwtConfig.keys,
      jwks: jwtConfig.jwks,
      jwksCaFile: jwtConfig.jwksCaFile,
      proxy: config.outbound,
      jwksRefetchSeconds: jwtConfig.jwksRefetchSeconds,
      jwksMaxAgeSeconds: jwtConfig.jwksMaxAgeSeconds,
      hmacSecretFile: jwtConfig.hmacSecretFile,
    },
    logger,
  );
  const keys = KeyStore.open(sec.keyStoreFile, logger, sec.reloadPollMs);
  const handler = authenticate({
    policies: new RoutePolicies(sec.routes),
    anonymousPaths: config.server.anonymousPaths,
    clientCertMode: options.clientCertMode,
    keys,
    jwt: new JwtAuthenticator(jwtConfig, keyRing),
    certificates: new CertificateIdentity(sec.certificateIdentity, sec.certificateMappings),
    revoked: options.revoked,
    failures: new FailedAuthLimiter(sec.failedAuthLimit, sec.failedAuthWindowSeconds * 1000),
    logger,
  });
  return {
    handler,
    close: () => {
      keys.close();
      keyRing.close();
    },
  };
}
