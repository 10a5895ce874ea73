/**
 * A forward HTTP proxy on 127.0.0.1 for tests: absolute-form requests for http targets, CONNECT tunnels
 * (to loopback only) for https ones; with `credentials` it answers 407 to anything without them.
 */
import { createServer, type IncomingMessage, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** What the proxy saw. */
export interface ProxyLog {
  /** Absolute-form request targets (plain http through the proxy). */
  readonly forwards: string[];
  /** CONNECT authorities (https through a tunnel). */
  readonly connects: string[];
  /** Proxy-Authorization of every request and CONNECT (undefined when absent). */
  readonly auth: (string | undefined)[];
}

export interface ForwardProxy {
  readonly url: string;
  readonly log: ProxyLog;
  close(): Promise<void>;
}

/** A forward proxy; with `credentials` it answers 407 to anything without them. */
export async function startForwardProxy(credentials?: string): Promise<ForwardProxy> {
  const log: ProxyLog = { forwards: [], connects: [], auth: [] };
  const expected = credentials ? `Basic ${Buffer.from(credentials).toString('base64')}` : undefined;
  const authorized = (req: IncomingMessage): boolean => {
    const auth = req.headers['proxy-authorization'];
    log.auth.push(auth);
    return expected === undefined || auth === expected;
  };
  const sockets = new Set<Duplex>();
  const server = createServer((req, res) => {
    if (!authorized(req)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
      return;
    }
    log.forwards.push(req.url ?? '');
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = httpRequest(new URL(req.url ?? ''), { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    if (!authorized(req)) {
      socket.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n',
      );
      return;
    }
    const authority = req.url ?? '';
    log.connects.push(authority);
    const colon = authority.lastIndexOf(':');
    const host = authority.slice(0, colon);
    // Nothing beyond the machine: a test must never reach the internet through its own proxy.
    if (host !== '127.0.0.1' && host !== 'localhost') {
      socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    const upstream = connect(Number(authority.slice(colon + 1)), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    close: () => closeServer(server, sockets),
  };
}

export function closeServer(server: Server, sockets: Set<Duplex> = new Set()): Promise<void> {
  for (const s of sockets) s.destroy();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
