/**
 * What `/status` tells operators when the billing endpoint cannot be used: what happened, in words,
 * never a library's error name or errno (those go to the log only).
 */
const CONNECT_FAILURES: readonly [RegExp, string][] = [
  [/^ECONNREFUSED$/, 'refused the connection (is the Billing URL and port right, and the endpoint up?)'],
  [/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME)$/, 'host name could not be resolved (check the Billing URL and DNS)'],
  [
    /^(TimeoutError|AbortError|ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/,
    'did not answer in time',
  ],
  [
    /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/,
    "TLS certificate was not accepted (check the endpoint's certificate and the trusted CAs)",
  ],
  [/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED)$/, 'closed the connection unexpectedly'],
  [/^(EHOSTUNREACH|ENETUNREACH|ENETDOWN)$/, 'network is unreachable from this host'],
];

/** The error code a failed `fetch` carries (its cause's errno or undici code), else its name. */
export function failureCode(err: unknown): string {
  const e = err as { name?: string; code?: string; cause?: { code?: string; name?: string } };
  return e.cause?.code ?? e.code ?? e.cause?.name ?? e.name ?? 'unknown';
}

/** An operator's sentence for a failed connection to `what` ("the billing endpoint", "the token endpoint"). */
export function connectFailureMessage(what: string, code: string): string {
  const found = CONNECT_FAILURES.find(([pattern]) => pattern.test(code));
  return `${what} ${found ? found[1] : 'could not be reached'}`;
}

/** An operator's sentence for an HTTP error answer of `what`. */
export function httpFailureMessage(what: string, status: number): string {
  if (status === 401 || status === 403)
    return `${what} refused the credentials (HTTP ${status}): check ApiKey (and the OAuth client, if set)`;
  if (status === 429) return `${what} is throttling requests (HTTP 429)`;
  if (status >= 500) return `${what} is failing or busy (HTTP ${status})`;
  return `${what} answered HTTP ${status}`;
}
