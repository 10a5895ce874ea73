/**
 * What a connection may hold without sending a request, and how requests Node's parser refuses are
 * answered: a real gateway process, real TLS and TCP sockets on loopback.
 */
import assert from 'node:assert/strict';
import { connect as tcpConnect, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { killAll } from './helpers/child-service.ts';
import { type Gateway, startGateway } from './helpers/gateway.ts';

const FIRST_REQUEST_MS = 1_000;
let gw: Gateway;
let port: number;

before(async () => {
  gw = await startGateway([`Server:HeadersTimeoutMs=${FIRST_REQUEST_MS}`, 'Server:MaxConnections=6']);
  port = Number(new URL(gw.url).port);
});
after(async () => {
  await gw?.stop();
  killAll();
});

function openTls(): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, ...gw.tls, servername: 'localhost' }, () =>
      resolve(socket),
    );
    socket.once('error', reject);
  });
}

/** Milliseconds until the server closes `socket`; fails after `limitMs`. */
function closedWithin(socket: Socket, limitMs: number): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still open after ${limitMs} ms`)), limitMs);
    socket.resume();
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(Date.now() - started);
    });
    socket.on('error', () => undefined);
  });
}

/** Writes a raw request and reads the whole answer (the server closes after an error answer). */
function rawExchange(socket: Socket, request: string): Promise<string> {
  return new Promise((resolve) => {
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (c: string) => (answer += c));
    socket.once('close', () => resolve(answer));
    socket.on('error', () => undefined);
    socket.write(request);
  });
}

test('a connection that never sends a request is closed: after the TLS handshake, or without one', async () => {
  const silentTls = await openTls();
  assert.ok((await closedWithin(silentTls, FIRST_REQUEST_MS * 4)) >= FIRST_REQUEST_MS * 0.9);
  const silentTcp = tcpConnect({ host: '127.0.0.1', port });
  await new Promise((resolve) => silentTcp.once('connect', resolve));
  await closedWithin(silentTcp, FIRST_REQUEST_MS * 4);
});

test('a connection that sent its first request in time keeps living as keep-alive allows', async () => {
  const get = async (path: string): Promise<number> => {
    const res = await fetchOnAgent(path);
    return res;
  };
  const fetchOnAgent = (path: string): Promise<number> =>
    new Promise((resolve, reject) => {
      import('node:https').then(({ request }) => {
        const req = request(`${gw.url}${path}`, { agent: gw.agent }, (res) => {
          res.resume();
          res.once('end', () => resolve(res.statusCode ?? 0));
        });
        req.once('error', reject);
        req.end();
      }, reject);
    });
  assert.equal(await get('/status'), 200);
  // Past the first-request limit, within keep-alive (5 s): the same socket is still served.
  await new Promise((r) => setTimeout(r, FIRST_REQUEST_MS * 1.5));
  const sockets = Object.values(gw.agent.freeSockets).flat().length;
  assert.equal(sockets, 1, 'the kept-alive socket is still open');
  assert.equal(await get('/status'), 200);
});

test("requests Node's parser refuses are answered in the Azure envelope", async () => {
  const huge = await rawExchange(
    await openTls(),
    `GET /status HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
  );
  assert.match(huge, /^HTTP\/1\.1 431 /);
  assert.match(huge, /\{"error":\{"code":"431","message":"The request line or headers are too large\."\}\}$/);
  const garbage = await rawExchange(await openTls(), 'NOT HTTP AT ALL\r\n\r\n');
  assert.match(garbage, /^HTTP\/1\.1 400 /);
  assert.match(garbage, /"code":"InvalidRequest"/);
});

test('connections beyond server.maxConnections are closed as they arrive', async () => {
  gw.agent.destroy(); // no kept-alive sockets of earlier tests in the count
  const held: TLSSocket[] = [];
  for (let i = 0; i < 6; i++) held.push(await openTls());
  const extra = tcpConnect({ host: '127.0.0.1', port });
  assert.ok((await closedWithin(extra, 2_000)) < FIRST_REQUEST_MS / 2, 'closed at once, not timed out');
  for (const s of held) s.destroy();
});
