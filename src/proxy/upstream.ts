import { readFileSync } from 'node:fs';
import {
  Agent as HttpAgent,
  type ClientRequest,
  type IncomingMessage,
  request as httpRequest,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import { parse as parseUrl } from 'node:url';
import type { Response } from 'express';
import { createProxyMiddleware, debugProxyErrorsPlugin, type Plugin } from 'http-proxy-middleware';
import { responseHeaders } from './headers.ts';
import { type ApiError } from '../http/errors.ts';
import { sendError, sendErrorOnSocket } from '../http/send-error.ts';
import type { Logger } from '../observability/logger.ts';
import type { OutboundProxy } from '../outbound/proxy.ts';
import { tunnelAgent } from '../outbound/tunnel-agent.ts';
import {
  BodyTooLargeError,
  CallerGoneError,
  CallerTimeoutError,
  UpstreamProtocolError,
  UpstreamTimeoutError,
} from './errors.ts';
import { bodyTooLarge, callerTooSlow, isConnectFailure, upstreamError } from './failures.ts';
import type { ProxyRoute } from '../config/proxy.ts';

/** Only these methods are retried, and only without a body: a streamed body cannot be replayed. */
const RETRYABLE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * A reason phrase Node will send: its client accepts control characters there that its server
 * refuses (with a throw that would end the process), so anything else is dropped.
 */
const SENDABLE_REASON = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Answers before the request body was all read (a refusal, an upstream failure): the connection
 * closes, rather than drain up to everything the caller still sends.
 */
function answerEarly(req: IncomingMessage, res: Response, err: ApiError): void {
  if (!req.complete) res.setHeader('Connection', 'close');
  sendError(res, err);
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/** A chunked body: its size is known only once it has streamed through. */
function isChunked(req: IncomingMessage): boolean {
  return req.headers['content-length'] === undefined && req.headers['transfer-encoding'] !== undefined;
}

/** A chunked body being counted on its way upstream; `proxyReq` once http-proxy has made it. */
interface CountedBody {
  over: boolean;
  proxyReq?: ClientRequest;
}

/** The forwarding half of one proxy route: connection pool, timeouts, retries, error mapping. */
export interface Upstream {
  /** Forwards one request whose url is already relative to the route prefix; streams both ways. */
  web(req: IncomingMessage, res: Response): void;
  /**
   * Forwards an authorised websocket upgrade. `outcome` is called once: 101 when the upstream
   * switched protocols, the upstream's status when it refused, 502/504 on failure, 499 when the
   * caller left first.
   */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, outcome?: (status: number) => void): void;
  /** One health probe of `healthPath`: true for a 2xx/3xx answer within the timeout. */
  probe(path: string, headers: Readonly<Record<string, string>>): Promise<boolean>;
  close(): void;
}

/** `outbound`: the outbound proxy, used when the route opts in (`useOutboundProxy`). */
export function createUpstream(route: ProxyRoute, logger: Logger, outbound?: OutboundProxy): Upstream {
  const target = new URL(route.target);
  const secure = target.protocol === 'https:';
  const tls = secure
    ? {
        ...(route.ca ? { ca: readFileSync(route.ca) } : {}),
        ...(route.clientCert ? { cert: readFileSync(route.clientCert) } : {}),
        ...(route.clientKey ? { key: readFileSync(route.clientKey) } : {}),
      }
    : {};
  // Keep-alive to the upstream: without an agent http-proxy sends `Connection: close` on every request.
  const agent =
    (route.useOutboundProxy &&
      outbound &&
      tunnelAgent(target, outbound, { timeoutMs: route.timeoutMs, tls })) ||
    (secure ? new HttpsAgent({ keepAlive: true, ...tls }) : new HttpAgent({ keepAlive: true }));
  const attempts = new WeakMap<IncomingMessage, number>();
  const upgraded = new WeakSet<Duplex>();
  const outcomes = new WeakMap<Duplex, (status: number) => void>();
  const settle = (socket: Duplex, status: number): void => {
    const outcome = outcomes.get(socket);
    outcomes.delete(socket);
    outcome?.(status);
  };
  const counted = new WeakMap<IncomingMessage, CountedBody>();
  const limit = route.maxBodyBytes;

  /** Closes both ends of an open websocket once neither has carried a byte for the route's idle time. */
  const closeWhenIdle = (caller: Duplex, upstream: Duplex): void => {
    if (route.websocketIdleMs === 0) return;
    // Socket timers count inactivity in both directions, and each side's traffic passes the other.
    for (const side of [caller, upstream] as (Duplex & { setTimeout?: (ms: number) => void })[]) {
      side.setTimeout?.(route.websocketIdleMs);
      side.once('timeout', () => {
        caller.destroy();
        upstream.destroy();
      });
    }
  };

  /** Cutting the upstream request ends in `onError`, which answers 413. */
  const cut = (proxyReq: ClientRequest): void => void proxyReq.destroy(new BodyTooLargeError());

  /** Counts a chunked body as it streams; past the limit it stops flowing upstream. */
  const countBody = (req: IncomingMessage): void => {
    const body: CountedBody = { over: false };
    counted.set(req, body);
    let seen = 0;
    const count = (chunk: Buffer): void => {
      seen += chunk.length;
      if (seen <= limit) return;
      req.off('data', count);
      req.unpipe();
      body.over = true;
      if (body.proxyReq) cut(body.proxyReq);
    };
    req.on('data', count);
  };

  /**
   * An idle timer on the upstream connection. That connection also idles when the caller is the
   * slow side (an upload that pauses, an answer it does not read), so the blame is settled when it
   * fires: whichever side holds the data back.
   */
  const armTimeout = (proxyReq: ClientRequest, req?: IncomingMessage, res?: Response): void => {
    proxyReq.setTimeout(route.timeoutMs, () => {
      const uploadStalled = req !== undefined && !req.complete && !proxyReq.writableNeedDrain;
      const notReading = res?.writableNeedDrain === true;
      proxyReq.destroy(uploadStalled || notReading ? new CallerTimeoutError() : new UpstreamTimeoutError());
    });
  };

  const onError = (err: Error, req: IncomingMessage, res: Response | Duplex): void => {
    if (!('setHeader' in res)) {
      // Websocket: before the switch, answer in the envelope; after it, just close both ends.
      if (upgraded.has(res)) return void res.destroy();
      const refusal = upstreamError(err, route.prefix);
      settle(res, refusal.status);
      sendErrorOnSocket(res, refusal);
      return;
    }
    const attempt = attempts.get(req) ?? 0;
    if (
      attempt < route.retries &&
      isConnectFailure(err) &&
      RETRYABLE_METHODS.has(req.method ?? '') &&
      !hasBody(req) &&
      !res.headersSent &&
      !req.socket.destroyed
    ) {
      attempts.set(req, attempt + 1);
      setTimeout(
        () => {
          // The caller may have left while we waited: nothing to try again for.
          if (!req.socket.destroyed) forward(req, res);
        },
        20 * (attempt + 1),
      ).unref();
      return;
    }
    // The caller's body outgrew the limit, or the caller was too slow: the caller's doing, in the
    // audit log as a 413 or 408, not a warning about the upstream.
    if (err instanceof CallerGoneError) return;
    const tooLarge = err instanceof BodyTooLargeError;
    const tooSlow = err instanceof CallerTimeoutError;
    if (!tooLarge && !tooSlow) {
      logger.warn(
        {
          prefix: route.prefix,
          code: (err as NodeJS.ErrnoException).code ?? err.name,
          attempts: attempt + 1,
        },
        'upstream request failed',
      );
    }
    // Mid-stream failure: the status line is gone, so the only honest signal is a cut connection.
    if (res.headersSent) return void res.destroy();
    if (tooLarge) answerEarly(req, res, bodyTooLarge(route.prefix, limit));
    else answerEarly(req, res, tooSlow ? callerTooSlow() : upstreamError(err, route.prefix));
  };

  const events: Plugin = (proxy) => {
    // http-proxy's `deleteLength` pass gives a DELETE/OPTIONS without Content-Length a
    // `Content-Length: 0` and drops its Transfer-Encoding, yet still streams the body: a chunked body
    // would reach the upstream as raw bytes after an empty request, i.e. as a request of its own
    // (smuggled past authentication, header hygiene and the body limit). Node frames it correctly.
    const passes = proxy as unknown as { webPasses: { name: string }[] };
    passes.webPasses = passes.webPasses.filter((pass) => pass.name !== 'deleteLength');
    // Emitted in the same tick as http-proxy pipes the body upstream, so counting sees every chunk.
    proxy.on('start', (req) => {
      if (isChunked(req)) countBody(req);
    });
    proxy.on('proxyReq', (proxyReq, req, res) => {
      armTimeout(proxyReq, req, res as Response);
      // The caller left before its answer was complete: free the upstream connection now.
      (res as Response).once('close', () => {
        if (!(res as Response).writableFinished) proxyReq.destroy(new CallerGoneError());
      });
      const body = counted.get(req);
      if (body) {
        body.proxyReq = proxyReq;
        if (body.over) cut(proxyReq);
      }
      // A plain request never asks to switch protocols (Upgrade is dropped), so a 101 is a broken or
      // hostile upstream. Without a listener Node would detach the socket and never settle the request.
      proxyReq.once('upgrade', (_switched, socket) => {
        socket.destroy();
        onError(new UpstreamProtocolError('switched protocols on a plain request'), req, res as Response);
      });
    });
    proxy.on('proxyReqWs', (proxyReq, req, socket) => {
      armTimeout(proxyReq);
      // The caller left during the handshake: stop waiting for the upstream's answer.
      socket.once('close', () => {
        if (!upgraded.has(socket)) proxyReq.destroy();
      });
      proxyReq.once('upgrade', (_res, upstreamSocket) => {
        upgraded.add(socket);
        settle(socket, 101);
        closeWhenIdle(socket, upstreamSocket);
      });
      // http-proxy relays a refusal (any answer but 101) to the caller as it is, once this listener
      // (registered before its own) has run. A status outside 200–599 is a broken upstream: marking
      // the answer `upgrade` makes http-proxy skip it, and the caller gets a 502 instead.
      proxyReq.once('response', (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status <= 599) return settle(socket, status);
        (res as IncomingMessage & { upgrade: boolean }).upgrade = true;
        res.destroy();
        onError(new UpstreamProtocolError(`status ${status}`), req, socket);
      });
    });
    // The gateway writes the answer itself (selfHandleResponse): http-proxy would copy a status
    // Node refuses to send (a throw that ends the process) and the upstream's connection headers.
    proxy.on('proxyRes', (proxyRes, req, res) => {
      const out = res as Response;
      // The upstream died mid-body: cut the caller's connection instead of ending the body cleanly.
      proxyRes.once('aborted', () => {
        if (!out.writableEnded) out.destroy();
      });
      const status = proxyRes.statusCode ?? 0;
      // RFC 9110 §15: a status is 100–599; Node's client reads any three digits. Informational
      // answers never arrive here (Node consumes them), so only 200–599 is passed on.
      if (status < 200 || status > 599) {
        onError(new UpstreamProtocolError(`status ${status}`), req, out);
        return void proxyRes.destroy();
      }
      const headers = responseHeaders(proxyRes.headers, out);
      try {
        for (const [name, value] of headers) out.setHeader(name, value);
      } catch (err) {
        // A header Node's client took but its server will not send (its parser refuses the same
        // bytes today): uncaught here, the throw would end the process. None of them goes out.
        for (const [name] of headers) out.removeHeader(name);
        onError(new UpstreamProtocolError(`unsendable header: ${(err as Error).message}`), req, out);
        return void proxyRes.destroy();
      }
      out.statusCode = status;
      if (proxyRes.statusMessage && SENDABLE_REASON.test(proxyRes.statusMessage)) {
        out.statusMessage = proxyRes.statusMessage;
      }
      proxyRes.pipe(out);
    });
    // Express set up `res` (web) before proxying; for upgrades it is the client socket.
    proxy.on('error', (err, req, res) => onError(err, req, res as Response | Duplex));
  };

  const middleware = createProxyMiddleware({
    // Parsed once here: given the string, http-proxy runs url.parse on it for every request.
    target: parseUrl(route.target),
    agent,
    changeOrigin: true,
    secure: true,
    xfwd: false,
    selfHandleResponse: true,
    ejectPlugins: true,
    plugins: [debugProxyErrorsPlugin, events],
  });

  // http-proxy-middleware hands what http-proxy throws (e.g. Node refusing a header) to `next`.
  const forward = (req: IncomingMessage, res: Response): void =>
    void middleware(req, res, (err?: unknown) => onError(asError(err), req, res));

  return {
    web(req, res) {
      // A declared length over the limit is refused before the upstream is contacted.
      if (Number(req.headers['content-length'] ?? 0) > limit) {
        return answerEarly(req, res, bodyTooLarge(route.prefix, limit));
      }
      forward(req, res);
    },
    upgrade(req, socket, head, outcome) {
      if (outcome) {
        outcomes.set(socket, outcome);
        socket.once('close', () => settle(socket, 499));
      }
      void middleware.upgrade(req, socket as never, head);
    },
    probe(path, headers) {
      const url = new URL(target.pathname.replace(/\/$/, '') + path, target);
      const request = secure ? httpsRequest : httpRequest;
      return new Promise((resolve) => {
        const req = request(url, { agent, headers, timeout: route.timeoutMs }, (res) => {
          res.resume();
          resolve((res.statusCode ?? 500) < 400);
        });
        req.on('timeout', () => req.destroy(new UpstreamTimeoutError()));
        req.on('error', () => resolve(false));
        req.end();
      });
    },
    close: () => agent.destroy(),
  };
}
