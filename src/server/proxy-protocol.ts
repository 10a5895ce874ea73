import { isIPv4, isIPv6, type Server, type Socket } from 'node:net';
import { GatewayError } from '../errors/base.ts';

/** What a PROXY protocol header says of the connection: the caller's address, or nothing (LOCAL). */
export interface ProxiedPeer {
  readonly address: string;
  readonly port: number;
}

/** `undefined`: more bytes are needed; `peer: null`: a header that relays no address (LOCAL, UNKNOWN). */
export type ParseResult = { peer: ProxiedPeer | null; length: number } | undefined;

export class ProxyProtocolError extends GatewayError {
  readonly code = 'PROXY_PROTOCOL_INVALID';
}

const V2_SIGNATURE = Buffer.from([0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a]);
const V1_PREFIX = Buffer.from('PROXY ');
/** The longest v1 line the specification allows, CRLF included. */
const V1_MAX = 107;
const V1_LINE = /^PROXY (TCP4|TCP6) (\S+) (\S+) (\d{1,5}) (\d{1,5})$/;
/** Address blocks plus TLVs (unique ids, authority, TLS facts): a few hundred bytes in practice. */
const V2_MAX_BODY = 4096;

/**
 * Parses a PROXY protocol header (version 1, text, or version 2, binary; haproxy's specification)
 * at the start of `buf`. Throws ProxyProtocolError on anything that is not a well-formed one.
 */
export function parseProxyHeader(buf: Buffer): ParseResult {
  const prefix = (sig: Buffer): boolean => buf.subarray(0, sig.length).equals(sig.subarray(0, buf.length));
  if (prefix(V2_SIGNATURE)) return buf.length < 16 ? undefined : parseV2(buf);
  if (prefix(V1_PREFIX)) return parseV1(buf);
  throw new ProxyProtocolError('the connection did not start with a PROXY protocol header');
}

function parseV1(buf: Buffer): ParseResult {
  const end = buf.subarray(0, V1_MAX).indexOf('\r\n');
  if (end < 0) {
    if (buf.length >= V1_MAX) throw new ProxyProtocolError('PROXY v1 header too long');
    return undefined;
  }
  const line = buf.subarray(0, end).toString('latin1');
  if (line === 'PROXY UNKNOWN' || line.startsWith('PROXY UNKNOWN ')) return { peer: null, length: end + 2 };
  const m = V1_LINE.exec(line);
  const isIP = m?.[1] === 'TCP4' ? isIPv4 : isIPv6;
  const port = Number(m?.[4]);
  if (!m || !isIP(m[2]!) || !isIP(m[3]!) || port > 65535 || Number(m[5]) > 65535) {
    throw new ProxyProtocolError('malformed PROXY v1 header');
  }
  return { peer: { address: m[1] === 'TCP6' ? m[2]!.toLowerCase() : m[2]!, port }, length: end + 2 };
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
  const transport = buf[13]! & 0x0f;
  const body = buf.subarray(16, length);
  if (family === 0x0) return { peer: null, length }; // UNSPEC: nothing to relay, as the spec allows
  if (transport !== 0x1) throw new ProxyProtocolError('PROXY v2 header for a transport other than TCP');
  if (family === 0x1 && body.length >= 12) {
    return { peer: { address: [...body.subarray(0, 4)].join('.'), port: body.readUInt16BE(8) }, length };
  }
  if (family === 0x2 && body.length >= 36) {
    return { peer: { address: ipv6Text(body.subarray(0, 16)), port: body.readUInt16BE(32) }, length };
  }
  throw new ProxyProtocolError('malformed PROXY v2 address block');
}

/** The text Node reports for an IPv6 address: IPv4-mapped as `::ffff:a.b.c.d`, else RFC 5952. */
function ipv6Text(bytes: Buffer): string {
  const mapped = bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (mapped) return `::ffff:${[...bytes.subarray(12)].join('.')}`;
  const groups = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2).toString(16));
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
 * within `timeoutMs` from now. Rejects on a malformed header, an error, the end of the stream or the
 * timeout.
 */
export function readProxyHeader(socket: Socket, timeoutMs: number): Promise<ProxiedPeer | null> {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const done = (): void => {
      clearTimeout(timer);
      socket.off('readable', onReadable);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      socket.off('error', onError);
    };
    const fail = (err: Error): void => {
      done();
      reject(err);
    };
    const timer = setTimeout(
      () => fail(new ProxyProtocolError('no PROXY protocol header in time')),
      timeoutMs,
    );
    const onEnd = (): void => fail(new ProxyProtocolError('the connection ended before its PROXY header'));
    const onError = (err: Error): void => fail(err);
    const onReadable = (): void => {
      let chunk: Buffer | null;
      while ((chunk = socket.read() as Buffer | null) !== null) buf = Buffer.concat([buf, chunk]);
      let parsed: ParseResult;
      try {
        parsed = parseProxyHeader(buf);
      } catch (err) {
        return fail(err as Error);
      }
      if (!parsed) return;
      done();
      const rest = buf.subarray(parsed.length);
      if (rest.length > 0) socket.unshift(rest);
      resolve(parsed.peer);
    };
    socket.on('readable', onReadable);
    socket.once('end', onEnd);
    socket.once('close', onEnd);
    socket.on('error', onError);
  });
}

/** The caller's address, as every reader of `socket.remoteAddress` (logs, limits, forwarding) sees it. */
function setPeer(socket: Socket, peer: ProxiedPeer): void {
  const family = isIPv4(peer.address) ? 'IPv4' : 'IPv6';
  const fields = { remoteAddress: peer.address, remotePort: peer.port, remoteFamily: family };
  for (const [name, value] of Object.entries(fields)) {
    Object.defineProperty(socket, name, { value, configurable: true });
  }
}

/** One TCP connection, as both its raw and its TLS socket report it (unique while it is open). */
function connectionKey(socket: Socket): string {
  return `${socket.remoteAddress}|${socket.remotePort}|${socket.localAddress}|${socket.localPort}`;
}

export interface ProxyProtocolOptions {
  /** The balancers that send the header (`server.proxyProtocolFrom`). */
  readonly from: (address: string) => boolean;
  /** How long such a connection has to send its header. */
  readonly timeoutMs: number;
  /** A balancer connection that sent no valid header: it is closed. */
  readonly onRefused: (err: Error, from: string) => void;
}

/**
 * Makes `server` (HTTP or HTTPS) take the PROXY protocol from the balancers it names, e.g. haproxy's
 * `send-proxy-v2` in TLS passthrough, where no X-Forwarded-For can be added: a connection from a
 * balancer must begin with a PROXY header, and the caller's address it carries becomes the
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
  // A TLS socket reports the connection's own addresses: the relayed one is found by connection.
  const relayed = new Map<string, ProxiedPeer>();
  server.on('connection', (socket: Socket) => {
    const from = socket.remoteAddress ?? '';
    if (!options.from(from)) return handOver(socket);
    const key = connectionKey(socket);
    // Until the server's handlers are attached, an error (a reset) would have no listener.
    const beforeHandOver = (): void => void socket.destroy();
    socket.on('error', beforeHandOver);
    readProxyHeader(socket, options.timeoutMs).then(
      (peer) => {
        if (peer) {
          relayed.set(key, peer);
          socket.once('close', () => {
            if (relayed.get(key) === peer) relayed.delete(key);
          });
          setPeer(socket, peer);
        }
        handOver(socket);
        socket.off('error', beforeHandOver);
      },
      (err: Error) => {
        options.onRefused(err, from);
        socket.destroy();
      },
    );
  });
  server.prependListener('secureConnection', (socket: Socket) => {
    const peer = relayed.get(connectionKey(socket));
    if (peer) setPeer(socket, peer);
  });
}
