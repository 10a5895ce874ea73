/**
 * Issue 5: metering on vs off in the same run. Three servers started alike, one with
 * `Metering:Enabled=false` and two metering every request into their ledger before answering and
 * delivering to an in-process billing stub, one per `metering.durability`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  alternating,
  fmt,
  type LoadResult,
  NER_PATH,
  nerBodies,
  rps,
  runLoad,
  SECONDS,
  type Server,
  startBillingStub,
  startServer,
} from './harness.ts';

/** The metered servers, by `metering.durability`. */
const MODES = ['fsync', 'process'] as const;
type Mode = (typeof MODES)[number];

interface MeteringRow {
  scenario: string;
  connections: number;
  docsPerRequest: number;
  off: LoadResult;
  on: Record<Mode, LoadResult>;
}

export async function meteringSection(): Promise<string> {
  const stub = await startBillingStub();
  const dirs = ['off', ...MODES].map((name) => mkdtempSync(join(tmpdir(), `nergw-bench-${name}-`)));
  const rows: MeteringRow[] = [];
  const servers: Server[] = [];
  try {
    const off = await startServer(dirs[0]!, ['Metering:Enabled=false']);
    servers.push(off);
    const on = {} as Record<Mode, Server>;
    for (const [i, mode] of MODES.entries()) {
      on[mode] = await startServer(dirs[i + 1]!, [...stub.args, `Metering:Durability=${mode}`]);
      servers.push(on[mode]);
    }
    const target = (s: Server) => ({ url: s.url, ...s.tls, path: NER_PATH, method: 'POST' as const });
    for (const s of servers) {
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
      // off, fsync, process, process, fsync, off, twice
      const [offResult, fsync, inProcess] = await alternating([off, on.fsync, on.process], 2, run);
      rows.push({
        scenario: `NER ${s.docs} doc${s.docs > 1 ? 's' : ''}/request`,
        connections: s.connections,
        docsPerRequest: s.docs,
        off: offResult!,
        on: { fsync: fsync!, process: inProcess! },
      });
    }
  } finally {
    for (const s of servers) s.stop();
    await new Promise((r) => setTimeout(r, 500));
    stub.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
  const overhead = (m: MeteringRow, mode: Mode): number => 1 - rps(m.on[mode]) / rps(m.off);
  const docs = (m: MeteringRow, r: LoadResult): string => fmt(rps(r) * m.docsPerRequest);
  const lines = rows.map(
    (m) =>
      `| ${m.scenario} | ${m.connections} | ${docs(m, m.off)} | ${docs(m, m.on.fsync)} | ${docs(m, m.on.process)} | ${fmt(m.off.p99, 1)} | ${fmt(m.on.fsync.p99, 1)} | ${fmt(m.on.process.p99, 1)} | ${fmt(100 * overhead(m, 'fsync'), 1)}% | ${fmt(100 * overhead(m, 'process'), 1)}% |`,
  );
  const worst = (mode: Mode): string => fmt(100 * Math.max(...rows.map((m) => overhead(m, mode))), 1);
  return `## Metering on vs off (issue 5)

Three servers started alike: one with \`Metering:Enabled=false\`, and two writing every request's usage ahead into their SQLite ledger (WAL), answering only once it is committed (one commit per inference batch), and delivering to an in-process billing stub: \`metering.durability=process\` (the default: synchronous=NORMAL on the HTTP thread, survives any process crash; the WAL is flushed to disk in the background every second) and \`fsync\` (synchronous=FULL, every commit fsync'd before the answer, in the ledger thread: survives power loss too). Each scenario runs off, fsync, process, process, fsync, off, twice (the four runs of each server summed; p99 is the worst of them).

| Scenario | Connections | docs/s off | docs/s fsync | docs/s process | p99 ms off | p99 ms fsync | p99 ms process | overhead fsync | overhead process |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${lines.join('\n')}

- Metering overhead on documents/s, worst scenario: **${worst('process')}%** with \`durability=process\` (the default), **${worst('fsync')}%** with \`durability=fsync\` (target < 5%).
`;
}
