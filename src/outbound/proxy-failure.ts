/**
 * An operator's sentence when a call failed at the outbound proxy rather than at its target, or
 * undefined. undici reports a refused tunnel as "Proxy response (407) !== 200 when HTTP Tunneling"
 * and a refused plain-http request as "Proxy Authentication Required (407)".
 */
export function proxyFailureMessage(err: unknown): string | undefined {
  const text = messages(err).join(' ');
  const status =
    /Proxy response \((\d{3})\)/.exec(text)?.[1] ??
    (/Proxy Authentication Required/.test(text) ? '407' : undefined);
  if (!status) return undefined;
  if (status === '407') return 'the HTTP proxy refused its credentials (HTTP 407): check HTTP_PROXY_CREDS';
  return `the HTTP proxy could not open a connection to it (HTTP ${status} from the proxy)`;
}

/** The messages of an error and its causes. */
function messages(err: unknown): string[] {
  const out: string[] = [];
  for (let e = err as { message?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; i++) {
    if (typeof e.message === 'string') out.push(e.message);
    e = e.cause as typeof e;
  }
  return out;
}
