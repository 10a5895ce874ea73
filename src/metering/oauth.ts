import { type Dispatcher, fetch, type Response } from 'undici';
import { proxyFailureMessage } from '../outbound/proxy-failure.ts';
import { BillingUnavailableError } from './errors.ts';
import { connectFailureMessage, failureCode, httpFailureMessage } from './failure-messages.ts';

const TOKEN_ENDPOINT = 'the OAuth token endpoint';

export interface TokenSource {
  get(): Promise<string>;
}

export interface ClientCredentials {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scope?: string;
  readonly timeoutMs: number;
  /** How to reach the token endpoint (the outbound proxy); default: direct. */
  readonly dispatcher?: Dispatcher;
}

/** OAuth2 client-credentials bearer tokens, cached until a minute before they expire. */
export class ClientCredentialsToken implements TokenSource {
  private token: { value: string; expires: number } | undefined;

  constructor(private readonly creds: ClientCredentials) {}

  async get(): Promise<string> {
    if (this.token && Date.now() < this.token.expires) return this.token.value;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.creds.clientId,
      client_secret: this.creds.clientSecret,
      ...(this.creds.scope ? { scope: this.creds.scope } : {}),
    });
    let res: Response;
    try {
      res = await fetch(this.creds.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
        signal: AbortSignal.timeout(this.creds.timeoutMs),
        ...(this.creds.dispatcher ? { dispatcher: this.creds.dispatcher } : {}),
      });
    } catch (err) {
      const code = failureCode(err);
      const viaProxy = proxyFailureMessage(err);
      const message = viaProxy
        ? `${TOKEN_ENDPOINT}: ${viaProxy}`
        : connectFailureMessage(TOKEN_ENDPOINT, code);
      throw new BillingUnavailableError('CouldNotConnect', message, code);
    }
    if (!res.ok) {
      await res.arrayBuffer().catch(() => undefined);
      const message = httpFailureMessage(TOKEN_ENDPOINT, res.status);
      throw new BillingUnavailableError('Invalid', message, `HTTP ${res.status}`);
    }
    const body = (await res.json()) as { access_token?: string; expires_in?: number | string };
    if (!body.access_token)
      throw new BillingUnavailableError('Invalid', `${TOKEN_ENDPOINT} returned no access_token`);
    const lifetime = Number(body.expires_in ?? 300);
    this.token = { value: body.access_token, expires: Date.now() + Math.max(0, lifetime - 60) * 1000 };
    return this.token.value;
  }
}
