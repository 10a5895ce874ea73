/**
 * Disconnected mode: no network delivery; closed periods become usage record files in the output
 * folder, and `/records/usage-logs/` (all) and `/records/usage-logs/{MM}/{YYYY}` return what was
 * served, in the disconnected containers' shape, across a restart.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { eventually } from './helpers/child-service.ts';
import { API, call, nerBody, startTestService, type TestService } from './helpers/service.ts';

const dir = mkdtempSync(join(tmpdir(), 'nergw-disconnected-'));
const services: TestService[] = [];
after(async () => {
  for (const s of services) await s.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const args = [
  'Metering:Disconnected=true',
  `Metering:DataDir=${join(dir, 'ledger')}`,
  `Metering:OutputDir=${join(dir, 'output')}`,
  'Metering:BucketSeconds=1',
  'Metering:DeliveryIntervalSeconds=0.2',
];

function quantity(log: { meters: { name: string; quantity: number }[] }): number {
  return log.meters.find((m) => m.name === 'ner-text-records')?.quantity ?? 0;
}

it(
  'serves usage logs of what was served, per month and in total, across a restart',
  { timeout: 180_000 },
  async () => {
    let t = await startTestService({ args });
    services.push(t);
    let expected = 0;
    for (let i = 0; i < 5; i++) {
      const r = await call(t, API, {
        body: nerBody([{ id: '1', text: 'Ada Lovelace lived in London. '.repeat(40 + i * 20) }]),
      });
      assert.equal(r.status, 200);
      expected += Math.ceil((30 * (40 + i * 20)) / 1000);
    }
    // Usage of the still-open period is included straight away.
    const all = (await call(t, '/records/usage-logs/')).json;
    assert.equal(all.type, 'CommerceUsageResponse');
    assert.equal(all.serviceName, 'ner-gateway');
    assert.equal(quantity(all), expected);
    assert.equal(all.meters[0].billedUnit, expected);

    const now = new Date();
    const mm = String(now.getUTCMonth() + 1).padStart(2, '0');
    const month = `/records/usage-logs/${mm}/${now.getUTCFullYear()}`;
    assert.equal(quantity((await call(t, month)).json), expected);
    assert.deepEqual(
      (await call(t, `/records/usage-logs/${mm}/${now.getUTCFullYear() - 1}`)).json.meters,
      [],
    );
    const bad = await call(t, '/records/usage-logs/13/2024');
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.innererror.code, 'InvalidParameterValue');

    // Closed periods are written to the output folder.
    await eventually('the records to be written', async () => {
      const m = await call(t, '/metrics');
      return /^nergw_metering_records\{state="pending"\} 0$/m.test(m.text) ? true : undefined;
    });
    const files = readdirSync(join(dir, 'output/usage-records', String(now.getUTCFullYear()), mm));
    assert.ok(files.length >= 1 && files.every((f) => f.endsWith('_ner-text-records.json')));
    const status = (await call(t, '/status')).json;
    assert.equal(status.billing.mode, 'disconnected');

    await t.close();
    t = await startTestService({ args });
    services.push(t);
    assert.equal(quantity((await call(t, '/records/usage-logs')).json), expected);
    assert.equal(quantity((await call(t, month)).json), expected);
  },
);

it('does not serve usage logs when connected', async () => {
  const t = await startTestService();
  services.push(t);
  assert.equal((await call(t, '/records/usage-logs/')).status, 404);
});
