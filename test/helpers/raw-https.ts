import { connect } from 'node:tls';
import type { TestService } from './service.ts';

export interface RawAnswer {
  readonly status: number;
  /** The header block as received, lower-cased names. */
  readonly head: string;
  readonly body: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly json: any;
}

/**
 * One request written byte for byte over mTLS (duplicate headers, odd framing that Node's client
 * would not send), `Connection: close` added; resolves with the answer once the server closes.
 * `endBody: false` leaves the declared body unsent, as a caller that is still uploading.
 */
export function rawRequest(
  t: Pick<TestService, 'url' | 'ca' | 'cert' | 'key'>,
  head: readonly string[],
  body = '',
): Promise<RawAnswer> {
  const { hostname, port } = new URL(t.url);
  return new Promise((resolve, reject) => {
    // No client certificate where the service has none (its own PKI, client certificates off).
    const client = t.cert.length > 0 ? { cert: t.cert, key: t.key } : {};
    const socket = connect({ host: hostname, port: Number(port), ca: t.ca, ...client }, () =>
      socket.write(`${[...head, 'Connection: close'].join('\r\n')}\r\n\r\n${body}`),
    );
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const headBlock = split < 0 ? text : text.slice(0, split);
      const rest = split < 0 ? '' : text.slice(split + 4);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(headBlock)?.[1] ?? 0);
      let json: unknown;
      try {
        json = JSON.parse(rest);
      } catch {
        json = undefined;
      }
      resolve({ status, head: headBlock.toLowerCase(), body: rest, json });
    });
  });
}
