import { ApiError } from '../http/errors.ts';
import type { AuthMethod } from '../http/principal.ts';

const REALM = 'ner-gateway';

/** The `WWW-Authenticate` challenges of the methods a route accepts. */
export function challenges(methods: readonly AuthMethod[], tokenError = false): string {
  const out: string[] = [];
  if (methods.includes('subscription-key'))
    out.push(`AzureApiManagementKey realm="${REALM}", name="Ocp-Apim-Subscription-Key", type="header"`);
  if (methods.includes('jwt'))
    out.push(`Bearer realm="${REALM}"${tokenError ? ', error="invalid_token"' : ''}`);
  if (out.length === 0) out.push('Mutual');
  return out.join(', ');
}

/** 401/403 bodies as Azure's gateway shapes them: the status as a string code, no innererror. */
export const authErrors = {
  missingCredentials: (methods: readonly AuthMethod[]) =>
    ApiError.gateway(
      401,
      'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
      { 'WWW-Authenticate': challenges(methods) },
    ),
  invalidKey: (methods: readonly AuthMethod[]) =>
    ApiError.gateway(
      401,
      'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
      { 'WWW-Authenticate': challenges(methods) },
    ),
  invalidToken: (methods: readonly AuthMethod[]) =>
    ApiError.gateway(
      401,
      'Access denied due to invalid or expired access token. Make sure to provide a valid token issued for this resource.',
      { 'WWW-Authenticate': challenges(methods, true) },
    ),
  certificate: (reason: string) =>
    ApiError.gateway(401, `Access denied: a valid client certificate is required (${reason}).`, {
      'WWW-Authenticate': 'Mutual',
    }),
  unmappedCertificate: () =>
    ApiError.gateway(401, 'Access denied: the client certificate is not mapped to a principal.', {
      'WWW-Authenticate': 'Mutual',
    }),
  forbidden: (message: string) => ApiError.gateway(403, message),
  ambiguous: (header: string) =>
    ApiError.gateway(400, `The request has more than one ${header} header: send exactly one credential.`),
  tooManyFailures: (retryAfterSeconds: number) =>
    ApiError.gateway(
      429,
      `Too many failed authentication attempts from this address. Please retry after ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`,
      { 'Retry-After': String(retryAfterSeconds) },
    ),
};
