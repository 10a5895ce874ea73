/**
 * The billing check at start: a `Billing` that is not a metering API (Azure's own Language resource
 * URL, or an endpoint without the metering routes) is named in /status and the log at once, with
 * what Billing means here, instead of after the 2.5-hour grace period.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createBillingStub } from '../src/billing-stub/server.ts';
import { call, startTestService, type TestService } from './helpers/service.ts';

interface Status {
  apiStatus?: string;
  apiStatusMessage?: string;
}

async function status(t: TestService): Promise<Status> {
  return (await call(t, '/status')).json as Status;
}

async function waitForStatus(t: TestService, done: (s: Status) => boolean): Promise<Status> {
  const deadline = Date.now() + 30_000;
  let last = await status(t);
  while (!done(last) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await status(t);
  }
  return last;
}

describe('billing check at start', () => {
  let stub: Server;
  let origin: string;

  before(async () => {
    stub = createBillingStub({
      apiKey: 'stub-key',
      maxBatch: 25,
      faults: { errorRate: 0, timeoutRate: 0, dropRate: 0 },
      periodSeconds: 3600,
      expireSeconds: 86_400,
    }).server;
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  });

  after(async () => {
    stub.closeAllConnections();
    await new Promise((resolve) => stub.close(resolve));
  });

  test("Azure's Language resource URL as Billing: Mismatch in /status and the log before any report", async () => {
    const lines: string[] = [];
    const t = await startTestService({
      args: [
        'Billing=https://my-language.cognitiveservices.azure.com/',
        'ApiKey=0123456789abcdef0123456789abcdef',
        // A refused proxy port: the first delivery attempt never leaves the machine.
        'HTTP_PROXY=http://127.0.0.1:1',
        'Metering:RequestTimeoutMs=2000',
      ],
      logTo: { write: (line) => void lines.push(line) },
    });
    try {
      const s = await status(t);
      assert.equal(s.apiStatus, 'Mismatch');
      assert.match(
        s.apiStatusMessage ?? '',
        /my-language\.cognitiveservices\.azure\.com is an Azure AI resource/,
      );
      assert.match(s.apiStatusMessage ?? '', /metering API .*marketplaceapi\.microsoft\.com\/api/);
      const logged = lines.map((l) => JSON.parse(l) as { level: number; msg: string });
      assert.ok(logged.some((r) => r.level === 50 && /Azure AI resource endpoint/.test(r.msg)));
      // The failed first attempt keeps the explanation rather than replacing it with "refused".
      const later = await waitForStatus(t, () => lines.some((l) => l.includes('usage delivery failed')));
      assert.equal(later.apiStatus, 'Mismatch');
    } finally {
      await t.close();
    }
  });

  test('an endpoint without the metering routes (HTTP 404) is Mismatch after the first attempt at start', async () => {
    const t = await startTestService({
      // The stub's origin without /api: it answers 404 for /usageEvents.
      args: [`Billing=${origin}`, 'ApiKey=stub-key'],
    });
    try {
      const s = await waitForStatus(t, (x) => x.apiStatus === 'Mismatch');
      assert.equal(s.apiStatus, 'Mismatch');
      assert.match(s.apiStatusMessage ?? '', /does not speak the metering API \(HTTP 404/);
    } finally {
      await t.close();
    }
  });

  test('the metering API itself is Valid', async () => {
    const t = await startTestService({ args: [`Billing=${origin}/api`, 'ApiKey=stub-key'] });
    try {
      assert.equal((await waitForStatus(t, (x) => x.apiStatus === 'Valid')).apiStatus, 'Valid');
    } finally {
      await t.close();
    }
  });
});
