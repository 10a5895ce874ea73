/**
 * Container HEALTHCHECK: GET /livez on the local gateway (the slim image has no curl). Exits 0 when
 * alive. The probe path is anonymous; the server certificate is not verified (it is our own process).
 * Port and scheme follow NERGW_SERVER__PORT / NERGW_SERVER__PLAINHTTP as the gateway reads them.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { parseCli } from '../src/cli/args.ts';

parseCli(
  {
    name: 'healthcheck',
    usage: `usage: node dist/scripts/healthcheck.js

  GET /livez on the local gateway; exit 0 when alive, 1 otherwise.
  Port and scheme: NERGW_SERVER__PORT (default 5000), NERGW_SERVER__PLAINHTTP.
  -h, --help    this help`,
  },
  { options: {} },
);

const port = Number(process.env.NERGW_SERVER__PORT ?? 5000);
const plain = /^(1|true|yes|on)$/i.test(process.env.NERGW_SERVER__PLAINHTTP ?? '');
const request = plain ? httpRequest : httpsRequest;
const req = request(
  { host: '127.0.0.1', port, path: '/livez', timeout: 3_000, rejectUnauthorized: false },
  (res) => {
    res.resume();
    process.exit(res.statusCode === 200 ? 0 : 1);
  },
);
req.on('timeout', () => req.destroy(new Error('timeout')));
req.on('error', () => process.exit(1));
req.end();
