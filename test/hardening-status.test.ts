/**
 * `/status` tells operators why billing cannot be used in words (issue 20), never the internal error
 * (`TypeError`, `ECONNREFUSED`): a closed port, an endpoint that does not speak HTTP, one that refuses
 * the key. Real services whose Billing points at loopback servers.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer, type Server as NetServer } from 'node:net';
import { after, describe, test } from 'node:test';
import { eventually, freePort } from './helpers/child-service.ts';
import { call, startTestService, type TestService } from './helpers/service.ts';

const INTERNAL = /TypeError|ECONN|ENOTFOUND|UND_ERR|fetch failed|Error\b/;

/** A service metering into `billing`; its ledger in its own temp dir. */
async function meteredInto(billing: string): Promise<TestService> {
  const t = await startTestService({
    args: [
      `Billing=${billing}`,
      'ApiKey=some-billing-key',
      'Metering:DeliveryIntervalSeconds=0.2',
      'Metering:RetryBaseMs=50',
      'Metering:RetryMaxMs=400',
      'Metering:RequestTimeoutMs=2000',
    ],
  });
  return t;
}

async function statusOnceFailed(t: TestService, apiStatus: string): Promise<{ message: string }> {
  return eventually(`/status to report ${apiStatus}`, async () => {
    const s = (await call(t, '/status')).json;
    return s?.apiStatus === apiStatus ? s.billing : undefined;
  });
}

const listen = async (server: Server | NetServer): Promise<number> => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
};

describe('/status billing messages', () => {
  const services: TestService[] = [];
  const servers: (Server | NetServer)[] = [];
  after(async () => {
    for (const s of services) await s.close();
    for (const s of servers) s.close();
  });

  test('a closed port: the endpoint refused the connection', async () => {
    const t = await meteredInto(`http://127.0.0.1:${await freePort()}/api`);
    services.push(t);
    const billing = await statusOnceFailed(t, 'CouldNotConnect');
    assert.doesNotMatch(billing.message, INTERNAL);
    assert.match(billing.message, /^Usage cannot be reported: the billing endpoint refused the connection/);
    assert.match(billing.message, /serving during the grace period\.$/);
  });

  test('an endpoint that does not speak HTTP: it could not be reached, without the error name', async () => {
    const garbage = createNetServer((s) => s.end('NOT HTTP\r\n\r\n\0\0'));
    servers.push(garbage);
    const t = await meteredInto(`http://127.0.0.1:${await listen(garbage)}/api`);
    services.push(t);
    const billing = await statusOnceFailed(t, 'CouldNotConnect');
    assert.doesNotMatch(billing.message, INTERNAL);
    assert.match(
      billing.message,
      /the billing endpoint (could not be reached|closed the connection unexpectedly)/,
    );
  });

  test('an endpoint that refuses the key: check ApiKey', async () => {
    const refusing = createServer((_req, res) => res.writeHead(401).end());
    servers.push(refusing);
    const t = await meteredInto(`http://127.0.0.1:${await listen(refusing)}/api`);
    services.push(t);
    const billing = await statusOnceFailed(t, 'Invalid');
    assert.match(billing.message, /refused the credentials \(HTTP 401\): check ApiKey/);
  });
});
