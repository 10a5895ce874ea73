import { isIP } from 'node:net';
import { checkServerIdentity, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { Request } from 'express';

/** A Host header that is only a host name or IP literal and an optional port. */
const HOST = /^(?<name>[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\[[0-9A-Fa-f:.]{2,45}\])(?::(?<port>\d{1,5}))?$/;

export interface LinkBaseOptions {
  /** `server.publicUrl`: when set, every link starts with it. */
  readonly publicUrl?: string | undefined;
  /** `server.allowedHosts`: `name` (no port, or the port the connection reached) or `name:port`. */
  readonly allowedHosts: readonly string[];
}

/** Whether `address` (a socket's, or an IP literal) is a loopback address. */
export function isLoopbackAddress(address: string): boolean {
  const plain = address.replace(/^::ffff:/i, '');
  return plain === '::1' || (isIP(plain) === 4 && plain.startsWith('127.'));
}

/**
 * The base URL of the links the API hands to clients (`Operation-Location`, `nextLink`), or
 * undefined when the request's `Host` names no host this server answers for.
 *
 * A client follows these links with its key or token (the SDK's poller does), so they must never
 * name a host the caller could choose: `server.publicUrl` when set; else the request's own Host, but
 * only a name the server certificate covers (RFC 6125, as a client checks it), a name in
 * `server.allowedHosts`, or a loopback name on a loopback connection; and only with no port or the
 * port the connection reached (other ports only as allow-listed `name:port`).
 */
export function linkBase(options: LinkBaseOptions): (req: Request) => string | undefined {
  const fixed = options.publicUrl?.replace(/\/+$/, '');
  const allowed = new Set(options.allowedHosts.map((h) => h.toLowerCase()));
  return (req) => {
    if (fixed) return fixed;
    const host = req.headers.host;
    const parts = host === undefined ? undefined : HOST.exec(host)?.groups;
    if (!parts) return undefined;
    const name = parts.name!.toLowerCase();
    const port = parts.port;
    if (port !== undefined && allowed.has(`${name}:${port}`)) return `${req.protocol}://${host}`;
    if (port !== undefined && Number(port) !== req.socket.localPort) return undefined;
    return allowed.has(name) || covered(req, name) ? `${req.protocol}://${host}` : undefined;
  };
}

/** Whether the connection's own certificate names `name`, or both are loopback. */
function covered(req: Request, name: string): boolean {
  const bare = name.startsWith('[') ? name.slice(1, -1) : name;
  const local = req.socket.localAddress ?? '';
  if (isLoopbackAddress(local) && (bare === 'localhost' || isLoopbackAddress(bare))) return true;
  const socket = req.socket as Partial<TLSSocket>;
  const cert = socket.encrypted ? socket.getCertificate?.() : undefined;
  // The connection's own certificate (reloads included), in the shape checkServerIdentity reads.
  if (!cert || !('subject' in cert)) return false;
  return checkServerIdentity(bare, cert as PeerCertificate) === undefined;
}
