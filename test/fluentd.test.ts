/**
 * Azure's `Fluentd:*` settings: log lines shipped with the Fluentd forward protocol, checked by a
 * protocol-level receiver written here (msgpack over TCP, and over TLS for `Fluentd:UseTLS`).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { describe, test } from 'node:test';
// The decoder of @fluent-org/logger's own dependency: the receiver reads the bytes independently.
import { decodeMulti, decodeMultiStream, ExtensionCodec } from '@msgpack/msgpack';
import { loadConfig } from '../src/config/load.ts';
import {
  closeServiceLogger,
  createServiceLogger,
  serviceLoggerReady,
} from '../src/observability/service-logger.ts';
import { ensureDevCerts } from '../src/security/dev-certs.ts';

/** One event as the receiver decoded it. */
interface Received {
  readonly tag: string;
  readonly timeMs: number;
  readonly record: Record<string, unknown>;
}

/** Fluentd's EventTime (ext type 0): seconds and nanoseconds, big-endian. */
const codec = new ExtensionCodec();
codec.register({
  type: 0,
  encode: () => null,
  decode: (data: Uint8Array) => {
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    return view.getUint32(0) * 1000 + Math.floor(view.getUint32(4) / 1e6);
  },
});

/** The forward protocol's modes: Message [tag, time, record], Forward [tag, [[time, record]…]], PackedForward [tag, bin]. */
function events(message: unknown): Received[] {
  assert.ok(Array.isArray(message), 'a forward-protocol message is an array');
  const [tag, second, third] = message as [string, unknown, unknown];
  assert.equal(typeof tag, 'string');
  const entry = (e: unknown): Received => {
    const [timeMs, record] = e as [number, Record<string, unknown>];
    return { tag, timeMs: timeMs < 1e11 ? timeMs * 1000 : timeMs, record };
  };
  if (typeof second === 'number') return [entry([second, third])];
  if (Array.isArray(second)) return second.map(entry);
  assert.ok(second instanceof Uint8Array, 'PackedForward entries are a msgpack stream in a bin');
  return [...decodeMulti(second, { extensionCodec: codec })].map(entry);
}

interface Receiver {
  readonly port: number;
  readonly received: Received[];
  /** Whether the connections were TLS. */
  readonly tls: boolean[];
  close(): Promise<void>;
}

async function startReceiver(tlsOptions?: { cert: Buffer; key: Buffer }): Promise<Receiver> {
  const received: Received[] = [];
  const tls: boolean[] = [];
  const sockets = new Set<Socket>();
  const onConnection = (socket: Socket): void => {
    sockets.add(socket);
    tls.push('encrypted' in socket);
    socket.on('close', () => sockets.delete(socket));
    void (async () => {
      try {
        for await (const message of decodeMultiStream(socket, { extensionCodec: codec }))
          received.push(...events(message));
      } catch {
        socket.destroy(); // a connection closed mid-message
      }
    })();
  };
  const server: Server = tlsOptions
    ? createTlsServer(tlsOptions, onConnection)
    : createTcpServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    tls,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('Fluentd (forward protocol)', () => {
  test('Fluentd:Host/Port: log lines arrive tagged, with their fields and millisecond times', async () => {
    const receiver = await startReceiver();
    const config = loadConfig({
      files: [],
      env: { FLUENTD__HOST: '127.0.0.1', Fluentd__Port: String(receiver.port) },
      argv: ['Logging:Console:LogLevel:Default=Information'],
    });
    const logger = createServiceLogger(config, { stdout: false });
    try {
      await serviceLoggerReady(logger);
      const before = Date.now();
      logger.info({ principal: 'p1', status: 200 }, 'request served');
      logger.debug('below the level: not shipped');
      logger.warn({ reason: 'test' }, 'something to look at');
      await waitFor(() => receiver.received.length >= 2, 'two events');
      const [first, second] = receiver.received;
      assert.equal(first?.tag, 'ner-gateway');
      assert.equal(first?.record.msg, 'request served');
      assert.equal(first?.record.principal, 'p1');
      assert.equal(first?.record.level, 30);
      assert.equal(first?.record.service, 'ner-gateway');
      assert.ok(!('time' in (first?.record ?? {})), 'the time travels as the event time');
      assert.ok(first!.timeMs >= before - 1000 && first!.timeMs <= Date.now() + 1000, String(first?.timeMs));
      assert.equal(second?.record.msg, 'something to look at');
      assert.equal(second?.record.level, 40);
      await closeServiceLogger(logger);
      assert.equal(receiver.received.length, 2, 'the debug line stayed below the level');
      assert.deepEqual(receiver.tls, [false]);
    } finally {
      await closeServiceLogger(logger);
      await receiver.close();
    }
  });

  test('Fluentd:UseTLS=true with Fluentd:CaFile: the lines travel over TLS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nergw-fluentd-'));
    const certs = await ensureDevCerts(join(dir, 'certs'));
    const receiver = await startReceiver({
      cert: readFileSync(certs.serverCert),
      key: readFileSync(certs.serverKey),
    });
    const config = loadConfig({
      files: [],
      env: {},
      argv: [
        'Fluentd:Host=localhost',
        `Fluentd:Port=${receiver.port}`,
        'Fluentd:UseTLS=true',
        `Fluentd:CaFile=${certs.ca}`,
        'Fluentd:Tag=gateway.logs',
      ],
    });
    const logger = createServiceLogger(config, { stdout: false });
    try {
      await serviceLoggerReady(logger);
      logger.error({ code: 'E1' }, 'over tls');
      await waitFor(() => receiver.received.length >= 1, 'one event over TLS');
      assert.equal(receiver.received[0]?.tag, 'gateway.logs');
      assert.equal(receiver.received[0]?.record.code, 'E1');
      assert.ok(receiver.tls.length > 0 && receiver.tls.every(Boolean));
    } finally {
      await closeServiceLogger(logger);
      await receiver.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
