/**
 * A tiny upstream app for the compose demo and the proxy benchmark: `GET /health` answers ok, any
 * other request gets its method, path and headers back as JSON (credential-like header values masked,
 * so the demo shows that an upstream key arrived without revealing it). Port: `--port N`, env
 * DEMO_UPSTREAM_PORT, default 8080.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Cli, numberOption, parseCli } from '../src/cli/args.ts';

const CLI: Cli = {
  name: 'demo-upstream',
  usage: `usage: npx tsx scripts/demo-upstream.ts [--port <n>] [--host <addr>]

  --port <n>       (DEMO_UPSTREAM_PORT, default 8080)
  --host <addr>    listening address
  -h, --help       this help`,
};
const { values } = parseCli(CLI, { options: { port: { type: 'string' }, host: { type: 'string' } } });
const port = numberOption(CLI, 'port', values.port ?? process.env.DEMO_UPSTREAM_PORT ?? '8080', {
  min: 0,
  max: 65535,
});
const host = values.host ?? '::';
const SECRET_LIKE = /key|token|authorization|cookie|secret/i;

const server = createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [k, SECRET_LIKE.test(k) ? '***' : v]),
  );
  // Drain any request body (never buffered) before answering.
  req.resume();
  req.on('end', () => {
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ app: 'demo-upstream', method: req.method, path: req.url, headers }));
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, host, () => {
  const actual = (server.address() as AddressInfo).port;
  console.log(JSON.stringify({ msg: 'demo-upstream listening', port: actual }));
});
const stop = (): void => void server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
