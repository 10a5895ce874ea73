/**
 * The PROXY protocol (`server.proxyProtocol`): a TLS-passthrough balancer relays each caller's address
 * in a header before the TLS handshake. The parser against the specification's examples, then a real
 * gateway over real TLS: the relayed address is the one limits count, a trusted connection without a
 * header is closed, and the balancer's own LOCAL connections (health checks) are served.
 */
import assert from 'node:assert/strict';
import { connect as tcpConnect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { connect as tlsConnect } from 'node:tls';
import { parseProxyHeader } from '../src/server/proxy-protocol.ts';
import { API, startTestService, type TestService } from './helpers/service.ts';

const V2_SIGNATURE = Buffer.from('0d0a0d0a000d0a515549540a', 'hex');

/** A PROXY v2 header: PROXY command over TCP/IPv4 from `src`, or LOCAL. */
function v2(src?: { address: string; port: number }): Buffer {
  if (!src) return Buffer.concat([V2_SIGNATURE, Buffer.from([0x20, 0x00, 0x00, 0x00])]);
  const body = Buffer.alloc(12);
  src.address.split('.').forEach((octet, i) => body.writeUInt8(Number(octet), i));
  Buffer.from([127, 0, 0, 1]).copy(body, 4);
  body.writeUInt16BE(src.port, 8);
  body.writeUInt16BE(443, 10);
  return Buffer.concat([V2_SIGNATURE, Buffer.from([0x21, 0x11, 0x00, 12]), body]);
}

test('parses PROXY v1 and v2 headers, asks for more bytes when cut short, refuses anything else', () => {
  const line = Buffer.from('PROXY TCP4 203.0.113.7 127.0.0.1 40000 443\r\nrest');
  assert.deepEqual(parseProxyHeader(line), { peer: { address: '203.0.113.7', port: 40000 }, length: 44 });
  assert.equal(parseProxyHeader(line.subarray(0, 20)), undefined);
  assert.deepEqual(parseProxyHeader(Buffer.from('PROXY TCP6 2001:db8::1 ::1 5000 443\r\n'))?.peer, {
    address: '2001:db8::1',
    port: 5000,
  });
  assert.deepEqual(parseProxyHeader(Buffer.from('PROXY UNKNOWN\r\n')), { peer: null, length: 15 });

  const header = v2({ address: '198.51.100.4', port: 51000 });
  assert.deepEqual(parseProxyHeader(Buffer.concat([header, Buffer.from([0x16, 0x03])])), {
    peer: { address: '198.51.100.4', port: 51000 },
    length: 28,
  });
  assert.equal(parseProxyHeader(header.subarray(0, 10)), undefined);
  assert.equal(parseProxyHeader(header.subarray(0, 20)), undefined);
  assert.deepEqual(parseProxyHeader(v2()), { peer: null, length: 16 }, 'LOCAL');
  const v6 = Buffer.alloc(36);
  v6.writeUInt16BE(0x2001, 0);
  v6.writeUInt16BE(0x0db8, 2);
  v6.writeUInt16BE(0x0001, 14);
  v6.writeUInt16BE(6000, 32);
  const v6Header = Buffer.concat([V2_SIGNATURE, Buffer.from([0x21, 0x21, 0x00, 36]), v6]);
  assert.deepEqual(parseProxyHeader(v6Header)?.peer, { address: '2001:db8::1', port: 6000 });

  const mapped = Buffer.alloc(36);
  mapped.writeUInt16BE(0xffff, 10);
  Buffer.from([203, 0, 113, 9]).copy(mapped, 12);
  const mappedHeader = Buffer.concat([V2_SIGNATURE, Buffer.from([0x21, 0x21, 0x00, 36]), mapped]);
  assert.equal(parseProxyHeader(mappedHeader)?.peer?.address, '::ffff:203.0.113.9', 'as Node reports it');

  // A TLS ClientHello, an HTTP request, a malformed or overlong header: not a PROXY header.
  assert.throws(() => parseProxyHeader(Buffer.from([0x16, 0x03, 0x01])), /did not start/);
  assert.throws(() => parseProxyHeader(Buffer.from('GET / HTTP/1.1\r\n')), /did not start/);
  assert.throws(
    () => parseProxyHeader(Buffer.from('PROXY TCP4 not-an-address 1.2.3.4 1 2\r\n')),
    /malformed/,
  );
  assert.throws(() => parseProxyHeader(Buffer.from(`PROXY TCP4 ${'9'.repeat(120)}`)), /too long/);
  assert.throws(() => parseProxyHeader(Buffer.from(`PROXY TCP4 1.2.3.4 5.6.7.8 1 2${' '.repeat(90)}\r\n`)));
  assert.throws(() => parseProxyHeader(Buffer.from('PROXY TCP4 1.2.3.4 5.6.7.8 0x50 443\r\n')), /malformed/);
  assert.throws(() => parseProxyHeader(Buffer.from('PROXY TCP4 1.2.3.4 5.6.7.8 70000 443\r\n')), /malformed/);
  const dgram = Buffer.from(v2({ address: '198.51.100.4', port: 1 }));
  dgram[13] = 0x12; // IPv4 over UDP
  assert.throws(() => parseProxyHeader(dgram), /transport/);
  const short = Buffer.concat([V2_SIGNATURE, Buffer.from([0x21, 0x11, 0x00, 4]), Buffer.alloc(4)]);
  assert.throws(() => parseProxyHeader(short), /address block/);
  assert.throws(
    () => parseProxyHeader(Buffer.concat([V2_SIGNATURE, Buffer.from([0x31, 0x11, 0, 12])])),
    /version/,
  );
});

describe('a gateway behind a balancer that speaks the PROXY protocol', () => {
  let t: TestService;
  before(async () => {
    t = await startTestService({
      args: [
        'Server:ProxyProtocolFrom=loopback', // the "balancer" is this test, on loopback
        'Security:FailedAuthLimit=2',
        'Security:FailedAuthWindowSeconds=60',
      ],
    });
  });
  after(() => t.close());

  /** One HTTPS request on a connection that starts with `header`: the answer's status, 0 if closed. */
  function requestVia(
    header: Buffer | undefined,
    path: string,
    headers: Record<string, string> = {},
  ): Promise<number> {
    return new Promise((resolve) => {
      const port = Number(new URL(t.url).port);
      const raw = tcpConnect(port, '127.0.0.1', () => {
        if (header) raw.write(header);
        const secure = tlsConnect({
          socket: raw,
          ca: t.ca,
          cert: t.cert,
          key: t.key,
          servername: 'localhost',
        });
        let answer = '';
        secure.on('secureConnect', () => {
          const lines = Object.entries({ Host: 'localhost', Connection: 'close', ...headers }).map(
            ([k, v]) => `${k}: ${v}\r\n`,
          );
          secure.write(`GET ${path} HTTP/1.1\r\n${lines.join('')}\r\n`);
        });
        secure.on('data', (d: Buffer) => (answer += d.toString('latin1')));
        secure.on('error', () => resolve(0));
        secure.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
      });
      raw.on('error', () => resolve(0));
    });
  }

  test('limits count the relayed caller, not the balancer, and a relayed caller cannot name another', async () => {
    // A private address, and an X-Forwarded-For of its own each time: not believed.
    const guesser = v2({ address: '10.1.2.3', port: 40001 });
    const wrongKey = (i: number) => ({
      'Ocp-Apim-Subscription-Key': 'sk-wrong',
      'X-Forwarded-For': `198.18.0.${i}`,
    });
    assert.equal(await requestVia(guesser, API, wrongKey(1)), 401);
    assert.equal(await requestVia(guesser, API, wrongKey(2)), 401);
    assert.equal(await requestVia(guesser, API, wrongKey(3)), 429, 'the guesser is blocked');
    // Another caller through the same balancer (v1 this time) is not.
    const other = Buffer.from('PROXY TCP4 203.0.113.2 127.0.0.1 40002 443\r\n');
    assert.equal(await requestVia(other, API, wrongKey(4)), 401);
    assert.equal(await requestVia(other, '/status', { 'Ocp-Apim-Subscription-Key': t.subscriptionKey }), 200);
  });

  test("the balancer's own LOCAL connections are served; a trusted connection without a header is closed", async () => {
    assert.equal(await requestVia(v2(), '/ready'), 200);
    assert.equal(await requestVia(undefined, '/ready'), 0);
  });

  test("a header that relays no address keeps the balancer's, which is not trusted for X-Forwarded-For either", async () => {
    const unknown = Buffer.from('PROXY UNKNOWN\r\n');
    const wrongKey = (i: number) => ({
      'Ocp-Apim-Subscription-Key': 'sk-wrong',
      'X-Forwarded-For': `198.18.1.${i}`,
    });
    assert.equal(await requestVia(unknown, API, wrongKey(1)), 401);
    assert.equal(await requestVia(unknown, API, wrongKey(2)), 401);
    assert.equal(await requestVia(unknown, API, wrongKey(3)), 429);
  });

  test('a balancer connection reset in the middle of its header is closed; the gateway keeps serving', async () => {
    const port = Number(new URL(t.url).port);
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((resolve) => {
        const raw = tcpConnect(port, '127.0.0.1', () => {
          raw.write('PROXY TCP4 1.2', () => setTimeout(() => raw.resetAndDestroy(), 20));
        });
        raw.on('error', () => undefined);
        raw.on('close', () => resolve());
      });
    }
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(await requestVia(v2({ address: '203.0.113.9', port: 1 }), '/ready'), 200);
  });
});
