/**
 * Issue 5: metering on vs off in the same run. Two servers started alike, one with
 * `Metering:Enabled=false`, one metering every request into its ledger before answering and
 * delivering to an in-process billing stub; each scenario runs off, on, on, off, twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBillingStub } from '../src/billing-stub/server.ts';
import {
  combine,
  fmt,
  type LoadResult,
  NER_PATH,
  nerBodies,
  rps,
  runLoad,
  SECONDS,
  type Server,
  startServer,
} from './harness.ts';

interface MeteringRow {
  scenario: string;
  connections: number;
  docsPerRequest: number;
  off: LoadResult;
  on: LoadResult;
}

export async function meteringSection(): Promise<string> {
  const apiKey = 'bench-billing-key';
  const stub = createBillingStub({
    apiKey,
    periodSeconds: 3600,
    expireSeconds: 86_400,
    maxBatch: 25,
    faults: { errorRate: 0, timeoutRate: 0, dropRate: 0 },
  });
  await new Promise<void>((resolve) => stub.server.listen(0, '127.0.0.1', resolve));
  const stubPort = (stub.server.address() as { port: number }).port;
  const offDir = mkdtempSync(join(tmpdir(), 'nergw-bench-off-'));
  const onDir = mkdtempSync(join(tmpdir(), 'nergw-bench-on-'));
  const rows: MeteringRow[] = [];
  let off: Server | undefined;
  let on: Server | undefined;
  try {
    off = await startServer(offDir, ['Metering:Enabled=false']);
    on = await startServer(onDir, [`Billing=http://127.0.0.1:${stubPort}/api`, `ApiKey=${apiKey}`]);
    const target = (s: Server) => ({ url: s.url, ...s.tls, path: NER_PATH, method: 'POST' as const });
    for (const s of [off, on]) {
      await runLoad({ ...target(s), bodies: nerBodies(5), connections: 16, seconds: 2 });
    }
    for (const s of [
      { connections: 16, docs: 1 },
      { connections: 16, docs: 5 },
      { connections: 64, docs: 1 },
    ]) {
      console.error(`metering off vs on: NER ${s.docs} doc(s)/request @ ${s.connections} connections ...`);
      const run = (server: Server): Promise<LoadResult> =>
        runLoad({
          ...target(server),
          bodies: nerBodies(s.docs),
          connections: s.connections,
          seconds: SECONDS,
        });
      // off, on, on, off, twice: a machine that speeds up or slows down during the runs favours neither.
      let offResult: LoadResult | undefined;
      let onResult: LoadResult | undefined;
      const [a, b] = [off, on];
      for (const server of [a, b, b, a, a, b, b, a]) {
        const r = await run(server);
        if (server === a) offResult = offResult ? combine(offResult, r) : r;
        else onResult = onResult ? combine(onResult, r) : r;
      }
      rows.push({
        scenario: `NER ${s.docs} doc${s.docs > 1 ? 's' : ''}/request`,
        connections: s.connections,
        docsPerRequest: s.docs,
        off: offResult!,
        on: onResult!,
      });
    }
  } finally {
    off?.stop();
    on?.stop();
    await new Promise((r) => setTimeout(r, 500));
    stub.server.close();
    rmSync(offDir, { recursive: true, force: true });
    rmSync(onDir, { recursive: true, force: true });
  }
  const overheads = rows.map((m) => 1 - rps(m.on) / rps(m.off));
  const lines = rows.map(
    (m, i) =>
      `| ${m.scenario} | ${m.connections} | ${fmt(rps(m.off) * m.docsPerRequest)} | ${fmt(rps(m.on) * m.docsPerRequest)} | ${fmt(m.off.p99, 1)} | ${fmt(m.on.p99, 1)} | ${fmt(100 * overheads[i]!, 1)}% |`,
  );
  return `## Metering on vs off (issue 5)

Two servers started alike: one with \`Metering:Enabled=false\`, one writing every request's usage ahead into its SQLite ledger (WAL, synchronous=FULL, one commit per inference batch in the ledger thread), answering only once it is committed, and delivering to an in-process billing stub. Each scenario runs off, on, on, off, twice (the four runs of each side summed; p99 is the worst of them).

| Scenario | Connections | docs/s off | docs/s on | p99 ms off | p99 ms on | overhead |
|---|---:|---:|---:|---:|---:|---:|
${lines.join('\n')}

- Metering overhead on documents/s, worst scenario: **${fmt(100 * Math.max(...overheads), 1)}%** (target < 5%).
`;
}
