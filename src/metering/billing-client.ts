import { randomUUID } from 'node:crypto';
import { type Dispatcher, fetch, type Response } from 'undici';
import { traceCall } from '../observability/tracing/index.ts';
import { proxyFailureMessage } from '../outbound/proxy-failure.ts';
import { azureResourceEndpoint, mismatchMessage } from './billing-endpoint.ts';
import { BatchRejectedError, BillingUnavailableError } from './errors.ts';
import { connectFailureMessage, failureCode, httpFailureMessage } from './failure-messages.ts';
import type { BillingFailure } from './billing-state.ts';
import type { TokenSource } from './oauth.ts';

/** One Marketplace metering event (api-version 2018-08-31). */
export interface UsageEvent {
  readonly resourceId: string;
  readonly quantity: number;
  readonly dimension: string;
  /** ISO 8601 UTC: the start of the hour the usage belongs to. */
  readonly effectiveStartTime: string;
  readonly planId: string;
}

/** One item of a `batchUsageEvent` answer. */
export interface UsageEventResult {
  readonly status: string;
  readonly resourceId?: string;
  readonly dimension?: string;
  readonly effectiveStartTime?: string;
  readonly quantity?: number;
  readonly usageEventId?: string;
  readonly error?: {
    readonly code?: string;
    readonly message?: string;
    readonly additionalInfo?: { readonly acceptedMessage?: { readonly quantity?: number } };
  };
}

const ENDPOINT = 'the billing endpoint';

export interface BillingClientOptions {
  /** The `Billing` setting: the metering API base (e.g. https://marketplaceapi.microsoft.com/api). */
  readonly endpoint: string;
  readonly apiKey: string;
  readonly timeoutMs: number;
  readonly token?: TokenSource;
  /** How to reach the endpoint (the outbound proxy); default: direct. */
  readonly dispatcher?: Dispatcher;
}

const API_VERSION = '2018-08-31';

/** The Marketplace metering API calls the gateway makes: `batchUsageEvent` and a connectivity probe. */
export class BillingClient {
  private readonly base: string;
  /** Set when `Billing` names an Azure AI resource rather than a metering API: every failure says so. */
  readonly mismatch: string | undefined;

  constructor(private readonly opts: BillingClientOptions) {
    this.base = opts.endpoint.replace(/\/+$/, '');
    this.mismatch = azureResourceEndpoint(opts.endpoint) ? mismatchMessage(opts.endpoint) : undefined;
  }

  /** Sends up to 25 events; resolves with the per-event results (inspect every one). */
  async batchUsageEvent(events: readonly UsageEvent[]): Promise<UsageEventResult[]> {
    const res = await this.send('POST', `/batchUsageEvent?api-version=${API_VERSION}`, { request: events });
    if (res.status === 400)
      throw new BatchRejectedError(`billing endpoint rejected the batch: ${await res.text()}`);
    await this.assertOk(res);
    const body = (await res.json()) as { result?: UsageEventResult[] };
    if (!Array.isArray(body.result))
      throw new BillingUnavailableError(
        'BillingEndpointBusy',
        `${ENDPOINT} sent an answer that is not understood`,
      );
    return body.result;
  }

  /** Proves the endpoint is reachable and the credentials valid (used when there is nothing to send). */
  async probe(since: Date): Promise<void> {
    const res = await this.send(
      'GET',
      `/usageEvents?api-version=${API_VERSION}&usageStartDate=${encodeURIComponent(since.toISOString())}`,
    );
    await this.assertOk(res);
    await res.arrayBuffer();
  }

  private async send(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {
      'x-ms-requestid': randomUUID(),
      'x-ms-correlationid': randomUUID(),
      'ocp-apim-subscription-key': this.opts.apiKey,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      if (this.opts.token) headers.authorization = `Bearer ${await this.opts.token.get()}`;
      const url = `${this.base}${path}`;
      return await traceCall('billing', method, url, headers, () =>
        fetch(url, {
          method,
          headers,
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(this.opts.timeoutMs),
          ...(this.opts.dispatcher ? { dispatcher: this.opts.dispatcher } : {}),
        }),
      );
    } catch (err) {
      if (err instanceof BillingUnavailableError) throw err;
      const code = failureCode(err);
      if (this.mismatch) throw new BillingUnavailableError('Mismatch', this.mismatch, code);
      const viaProxy = proxyFailureMessage(err);
      const message = viaProxy ? `${ENDPOINT}: ${viaProxy}` : connectFailureMessage(ENDPOINT, code);
      throw new BillingUnavailableError('CouldNotConnect', message, code);
    }
  }

  private async assertOk(res: Response): Promise<void> {
    if (res.ok) return;
    await res.arrayBuffer().catch(() => undefined);
    const detail = `HTTP ${res.status}`;
    if (this.mismatch) throw new BillingUnavailableError('Mismatch', this.mismatch, detail);
    // The metering API has both paths: a 404 means the URL is some other service.
    if (res.status === 404 || res.status === 405)
      throw new BillingUnavailableError('Mismatch', mismatchMessage(this.opts.endpoint, res.status), detail);
    const kind: BillingFailure = res.status === 401 || res.status === 403 ? 'Invalid' : 'BillingEndpointBusy';
    throw new BillingUnavailableError(kind, httpFailureMessage(ENDPOINT, res.status), detail);
  }
}
