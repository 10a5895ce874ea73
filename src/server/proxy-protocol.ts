import { isIPv4, isIPv6, type Socket } from 'node:net';
import type { Server } from 'node:net';

/** What a PROXY protocol header says of the connection: the caller's address, or nothing (LOCAL). */
export interface ProxiedPeer {
  readonly address: string;
  readonly port: number;
}

/** `undefined`: more bytes are needed; `null`: a header that relays no address (LOCAL, UNKNOWN). */
export type ParseResult = { peer: ProxiedPeer | null; length: number } | undefined;

export class ProxyProtocolError extends Error {
  override name = 'ProxyProtocolError';
}

const V2_SIGNATURE = Buffer.from([0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a]);
const V1_PREFIX = Buffer.from('PROXY ');
/** The longest v1 line the specification allows, CRLF included. */
const V1_MAX = 107;
/** v2 address blocks are small; anything larger is not a balancer talking. */
const V2_MAX_BODY = 512;

/**
 * Parses a PROXY protocol header (version 1, text, or version 2, binary; haproxy's specification)
 * at the start of `buf`. Throws ProxyProtocolError on anything that is not one.
 */
export function parseProxyHeader(buf: Buffer): ParseResult {
  const prefix = (sig: Buffer): boolean => buf.subarray(0, sig.length).equals(sig.subarray(0, buf.length));
  if (prefix(V2_SIGNATURE)) return buf.length < 16 ? undefined : parseV2(buf);
  if (prefix(V1_PREFIX)) return parseV1(buf);
  throw new ProxyProtocolError('the connection did not start with a PROXY protocol header');
}

function parseV1(buf: Buffer): ParseResult {
  const end = buf.indexOf('\r\n');
  if (end < 0) {
    if (buf.length >= V1_MAX) throw new ProxyProtocolError('PROXY v1 header too long');
    return undefined;
  }
  const [, family, src, , sport] = buf.subarray(0, end).toString('latin1').split(' ');
  if (family === 'UNKNOWN') return { peer: null, length: end + 2 };
  const port = Number(sport);
  const valid = (family === 'TCP4' && isIPv4(src ?? '')) || (family === 'TCP6' && isIPv6(src ?? ''));
  if (!valid || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ProxyProtocolError('malformed PROXY v1 header');
  }
  return { peer: { address: src!, port }, length: end + 2 };
}

function parseV2(buf: Buffer): ParseResult {
  const versionCommand = buf[12]!;
  if (versionCommand >> 4 !== 2) throw new ProxyProtocolError('unsupported PROXY protocol version');
  const bodyLength = buf.readUInt16BE(14);
  if (bodyLength > V2_MAX_BODY) throw new ProxyProtocolError('PROXY v2 header too long');
  const length = 16 + bodyLength;
  if (buf.length < length) return undefined;
  const command = versionCommand & 0x0f;
  if (command === 0x0) return { peer: null, length }; // LOCAL: the balancer's own connection (health checks)
  if (command !== 0x1) throw new ProxyProtocolError('unsupported PROXY v2 command');
  const family = buf[13]! >> 4;
  const body = buf.subarray(16, length);
  if (family === 0x1 && body.length >= 12) {
    return { peer: { address: [...body.subarray(0, 4)].join('.'), port: body.readUInt16BE(8) }, length };
  }
  if (family === 0x2 && body.length >= 36) {
    const groups = Array.from({ length: 8 }, (_, i) => body.readUInt16BE(i * 2).toString(16));
    return { peer: { address: compressIPv6(groups), port: body.readUInt16BE(32) }, length };
  }
  return { peer: null, length }; // UNSPEC or UNIX: no TCP address to relay
}

/** `0:0:0:0:0:ffff:…` → the canonical text (longest zero run as `::`), as Node reports addresses. */
function compressIPv6(groups: string[]): string {
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.len && j - i > 1) best = { at: i, len: j - i };
    i = j;
  }
  if (best.at < 0) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.len).join(':')}`;
}

/**
 * Reads the PROXY header off `socket` (leaving what follows it, e.g. a TLS ClientHello, unread),
 * within `timeoutMs`. Rejects, without touching the socket, on a malformed header or a timeout.
 */
export function readProxyHeader(socket: Socket, timeoutMs: number): Promise<ProxiedPeer | null> {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const done = (): void => {
      clearTimeout(timer);
      socket.off('readable', onReadable);
      socket.off('close', onClose);
    };
    const timer = setTimeout(() => {
      done();
      reject(new ProxyProtocolError('no PROXY protocol header in time'));
    }, timeoutMs);
    const onClose = (): void => {
      done();
      reject(new ProxyProtocolError('the connection closed before its PROXY protocol header'));
    };
    const onReadable = (): void => {
      let chunk: Buffer | null;
      while ((chunk = socket.read() as Buffer | null) !== null) buf = Buffer.concat([buf, chunk]);
      let parsed: ParseResult;
      try {
        parsed = parseProxyHeader(buf);
      } catch (err) {
        done();
        return reject(err as Error);
      }
      if (!parsed) return;
      done();
      const rest = buf.subarray(parsed.length);
      if (rest.length > 0) socket.unshift(rest);
      resolve(parsed.peer);
    };
    socket.on('readable', onReadable);
    socket.once('close', onClose);
  });
}

/** The caller's address, as every reader of `socket.remoteAddress` (logs, limits, forwarding) sees it. */
function setPeer(socket: Socket, peer: ProxiedPeer): void {
  const family = isIPv4(peer.address) ? 'IPv4' : 'IPv6';
  for (const [name, value] of Object.entries({
    remoteAddress: peer.address,
    remotePort: peer.port,
    remoteFamily: family,
  })) {
    Object.defineProperty(socket, name, { value, configurable: true });
  }
}

export interface ProxyProtocolOptions {
  /** Balancers allowed to relay callers' addresses (`server.trustProxy`). */
  readonly trusted: (address: string) => boolean;
  /** How long a trusted connection has to send its header. */
  readonly timeoutMs: number;
  /** A trusted connection that sent no valid header: it is closed. */
  readonly onRefused: (err: Error, from: string) => void;
}

/**
 * Makes `server` (HTTP or HTTPS) take the PROXY protocol from trusted balancers, e.g. haproxy's
 * `send-proxy-v2` in TLS passthrough, where no X-Forwarded-For can be added: a connection from a
 * trusted address must begin with a PROXY header, and the caller's address it carries becomes the
 * connection's `remoteAddress`. Connections from any other address are direct and are not read for
 * one, so nobody else can claim an address.
 */
export function acceptProxyProtocol(server: Server, options: ProxyProtocolOptions): void {
  // The server's own connection handling (TLS or HTTP) runs once the header is off the socket.
  const handlers = server.listeners('connection') as ((socket: Socket) => void)[];
  for (const handler of handlers) server.removeListener('connection', handler);
  const handOver = (socket: Socket): void => {
    for (const handler of handlers) handler.call(server, socket);
  };
  // A TLS socket reports the balancer's address of its own: relayed addresses by balancer port.
  const relayed = new Map<string, ProxiedPeer>();
  server.on('connection', (socket: Socket) => {
    const from = socket.remoteAddress ?? '';
    if (!options.trusted(from)) return handOver(socket);
    const key = `${from}|${socket.remotePort}`;
    readProxyHeader(socket, options.timeoutMs).then(
      (peer) => {
        if (peer) {
          relayed.set(key, peer);
          socket.once('close', () => relayed.delete(key));
          setPeer(socket, peer);
        }
        handOver(socket);
      },
      (err: Error) => {
        options.onRefused(err, from);
        socket.destroy();
      },
    );
  });
  server.on('secureConnection', (socket: Socket) => {
    const peer = relayed.get(`${socket.remoteAddress}|${socket.remotePort}`);
    if (peer) setPeer(socket, peer);
  });
}
