import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type StubRules, StubLedger } from './ledger.ts';

/** Fault injection: the share (0–1) of metering calls that fail each way. */
export interface Faults {
  /** Answer 503 without processing. */
  errorRate: number;
  /** Process the batch, then never answer (the client times out: a lost acknowledgement). */
  timeoutRate: number;
  /** Drop the connection without processing or answering. */
  dropRate: number;
}

export interface StubOptions extends StubRules {
  readonly apiKey: string;
  /** Most events per batchUsageEvent call (25). */
  readonly maxBatch: number;
  readonly faults: Faults;
  /** JSON file that keeps accepted events across restarts. */
  readonly stateFile?: string;
  /** OAuth2 client credentials the token endpoint accepts; without them only the key is accepted. */
  readonly clientId?: string;
  readonly clientSecret?: string;
}

const API_VERSION = '2018-08-31';
const BODY_LIMIT = 1 << 20;

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function problem(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, { code, message, target: null, details: [] });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > BODY_LIMIT) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function isLoopback(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? '';
  return a === '127.0.0.1' || a === '::1' || a === '::ffff:127.0.0.1';
}

/**
 * A strict local stand-in for the Azure Marketplace metering API (api-version 2018-08-31):
 * `POST /api/batchUsageEvent`, `POST /api/usageEvent`, `GET /api/usageEvents`, an optional OAuth2
 * client-credentials token endpoint, and loopback-only admin endpoints for tests
 * (`GET /admin/summary`, `PUT /admin/faults`).
 */
export function createBillingStub(opts: StubOptions): { server: Server; ledger: StubLedger; faults: Faults } {
  const ledger = new StubLedger(opts, opts.stateFile);
  const faults: Faults = { ...opts.faults };
  const tokens = new Set<string>();

  const authorized = (req: IncomingMessage): boolean => {
    const key = req.headers['ocp-apim-subscription-key'];
    if (typeof key === 'string' && safeEqual(key, opts.apiKey)) return true;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    return bearer !== undefined && tokens.has(bearer);
  };

  /** Draws the fault (if any) this call suffers. */
  const inject = (): 'drop' | 'error' | 'timeout' | undefined => {
    const r = Math.random();
    if (r < faults.dropRate) return 'drop';
    if (r < faults.dropRate + faults.errorRate) return 'error';
    if (r < faults.dropRate + faults.errorRate + faults.timeoutRate) return 'timeout';
    return undefined;
  };

  const metering = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    ledger.counters.requests++;
    if (!authorized(req)) return problem(res, 403, 'Forbidden', 'Missing or invalid credentials.');
    if (url.searchParams.get('api-version') !== API_VERSION)
      return problem(res, 400, 'BadArgument', `api-version must be ${API_VERSION}.`);
    const fault = inject();
    if (fault) ledger.counters.faults++;
    if (fault === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault === 'error') return problem(res, 503, 'ServiceUnavailable', 'Injected failure.');
    const hold = fault === 'timeout';

    if (req.method === 'GET' && url.pathname === '/api/usageEvents') {
      const from = Date.parse(url.searchParams.get('usageStartDate') ?? '');
      if (Number.isNaN(from)) return problem(res, 400, 'BadArgument', 'usageStartDate is required.');
      const to = Date.parse(url.searchParams.get('usageEndDate') ?? '') || Infinity;
      const events = ledger.events.filter((e) => {
        const t = Date.parse(e.effectiveStartTime);
        return t >= from && t < to;
      });
      return send(res, 200, events);
    }
    if (req.method !== 'POST') return problem(res, 404, 'NotFound', 'Unknown route.');
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return problem(res, 400, 'BadArgument', 'The body must be JSON.');
    }
    if (url.pathname === '/api/batchUsageEvent') {
      const items = (body as { request?: unknown }).request;
      if (!Array.isArray(items) || items.length === 0)
        return problem(res, 400, 'BadArgument', 'request must be a non-empty array.');
      if (items.length > opts.maxBatch)
        return problem(res, 400, 'BadArgument', `A batch takes at most ${opts.maxBatch} usage events.`);
      const result = items.map((item) => ledger.submit(item));
      ledger.save();
      if (hold) return;
      return send(res, 200, { count: result.length, result });
    }
    if (url.pathname === '/api/usageEvent') {
      const r = ledger.submit(body);
      ledger.save();
      if (hold) return;
      if (r.status === 'Accepted') return send(res, 200, r);
      if (r.status === 'Duplicate') return send(res, 409, r.error);
      return send(res, 400, r.error);
    }
    return problem(res, 404, 'NotFound', 'Unknown route.');
  };

  const token = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const form = new URLSearchParams(await readBody(req));
    const ok =
      opts.clientId !== undefined &&
      opts.clientSecret !== undefined &&
      form.get('grant_type') === 'client_credentials' &&
      safeEqual(form.get('client_id') ?? '', opts.clientId) &&
      safeEqual(form.get('client_secret') ?? '', opts.clientSecret);
    if (!ok) return send(res, 401, { error: 'invalid_client' });
    const value = randomBytes(24).toString('base64url');
    tokens.add(value);
    send(res, 200, { token_type: 'Bearer', expires_in: 3600, access_token: value });
  };

  const admin = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (!isLoopback(req)) return problem(res, 403, 'Forbidden', 'Admin endpoints are loopback only.');
    if (req.method === 'GET' && url.pathname === '/admin/summary') {
      const byDimension: Record<string, number> = {};
      const byResource: Record<string, number> = {};
      for (const e of ledger.events) {
        byDimension[e.dimension] = (byDimension[e.dimension] ?? 0) + e.quantity;
        byResource[e.resourceId] = (byResource[e.resourceId] ?? 0) + e.quantity;
      }
      const quantity = Object.values(byDimension).reduce((a, b) => a + b, 0);
      return send(res, 200, {
        accepted: { events: ledger.events.length, quantity, byDimension, byResource },
        ...ledger.counters,
      });
    }
    if (req.method === 'PUT' && url.pathname === '/admin/faults') {
      const next = JSON.parse(await readBody(req)) as Partial<Faults>;
      for (const k of ['errorRate', 'timeoutRate', 'dropRate'] as const)
        if (typeof next[k] === 'number') faults[k] = next[k];
      return send(res, 200, faults);
    }
    return problem(res, 404, 'NotFound', 'Unknown route.');
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    const handler = url.pathname.startsWith('/admin/')
      ? admin
      : url.pathname === '/oauth2/token' && req.method === 'POST'
        ? token
        : metering;
    handler(req, res, url).catch(() => {
      if (!res.headersSent) problem(res, 400, 'BadArgument', 'Bad request.');
    });
  });
  return { server, ledger, faults };
}
