/**
 * Calibration for the proxy section, not part of the service: the least a Node proxy can do, a bare
 * HTTPS server (same certificates, client certificate required) handing every request to http-proxy
 * with a keep-alive agent. No Express, authentication, limits, headers or metrics: the gap between
 * this and the gateway is what the gateway's own work costs. Loopback only; stops on SIGTERM.
 *
 *   node --import tsx bench/bare-proxy.ts <certificate dir> <upstream url>
 */
import { Agent } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import httpProxy from 'http-proxy';

const [certs, target] = process.argv.slice(2) as [string, string];
const proxy = httpProxy.createProxyServer({ target, agent: new Agent({ keepAlive: true }) });
proxy.on('error', (_err, _req, res) => {
  if ('writeHead' in res && !res.headersSent) res.writeHead(502);
  res.end();
});
const server = createServer(
  {
    cert: readFileSync(join(certs, 'server.crt')),
    key: readFileSync(join(certs, 'server.key')),
    ca: readFileSync(join(certs, 'dev-ca.crt')),
    requestCert: true,
    rejectUnauthorized: true,
  },
  (req, res) => proxy.web(req, res),
);
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ msg: 'bare proxy listening', port: (server.address() as AddressInfo).port }));
});
process.on('SIGTERM', () => process.exit(0));
