/**
 * `npx tsx bench/compare-revisions.ts <git revision>`: the same end-to-end loads against this checkout
 * and another revision, in one run (issue 21: a restructuring must show no regression beyond noise).
 * The other revision is checked out in a temporary git worktree sharing this node_modules, both are
 * built (`tsconfig.build.json`) and run as `node dist/src/main.js` with the same model, lists and
 * settings (or, with --own-models, each with its own model folder and lists); each scenario alternates between them (before, after, after, before, per round) so a
 * machine that speeds up or slows down favours neither. Prints a Markdown table.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { numberOption, parseCli, usageError } from '../src/cli/args.ts';
import { PROJECT_ROOT } from '../src/version.ts';
import {
  alternating,
  fmt,
  type LoadResult,
  NER_PATH,
  nerBodies,
  RICH_NER_PATH,
  richNerBodies,
  non200,
  rps,
  runLoad,
  SECONDS,
  type Server,
  startServer,
} from './harness.ts';
import { withWorktree } from './worktree.ts';

const CLI = {
  name: 'compare-revisions',
  usage: `usage: npx tsx bench/compare-revisions.ts <git revision> [--rounds <n>]

  Runs the same end-to-end loads against this checkout and <git revision> in one run, alternating.
  --rounds <n>   alternations per scenario (default 2); BENCH_SECONDS sets each measurement (default 5)
  --documents plain|rich
                 plain (default): the throughput benchmark's documents at api-version 2023-04-01; rich: the
                 entity benchmark's (dates, amounts, roles, addresses, ...) at 2025-11-01, with metadata
  --own-models   each revision serves its own models/default and entity lists (default: this checkout's,
                 for both; a model folder newer than the other revision's loader needs this)
  -h, --help     this help`,
};

const SCENARIOS = [
  { name: 'trivial route (GET /livez)', connections: 64, docs: 0 },
  { name: 'NER 1 doc/request', connections: 16, docs: 1 },
  { name: 'NER 5 docs/request', connections: 16, docs: 5 },
  { name: 'NER 1 doc/request', connections: 64, docs: 1 },
];

function build(root: string): void {
  execFileSync(
    process.execPath,
    [join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}

async function main(): Promise<void> {
  const { positionals, values } = parseCli(CLI, {
    allowPositionals: true,
    options: {
      rounds: { type: 'string', default: '2' },
      documents: { type: 'string', default: 'plain' },
      'own-models': { type: 'boolean', default: false },
    },
  });
  const revision = positionals[0];
  if (!revision || positionals.length > 1) usageError(CLI, 'give one git revision to compare with');
  const rounds = numberOption(CLI, '--rounds', values.rounds, { min: 1, max: 20 });
  const rich = values.documents === 'rich';
  if (!rich && values.documents !== 'plain') usageError(CLI, '--documents: plain or rich');
  const path = rich ? RICH_NER_PATH : NER_PATH;
  const bodies = rich ? richNerBodies : nerBodies;
  await withWorktree(revision, async (before, work) => {
    const servers: Server[] = [];
    try {
      console.error(`building ${revision} and this checkout ...`);
      build(before);
      build(PROJECT_ROOT);
      for (const [name, root] of [
        ['before', before],
        ['after', PROJECT_ROOT],
      ] as const) {
        // With --own-models each revision serves its own models/default and entity lists.
        const own = values['own-models']
          ? [
              `Models:Default=${join(root, 'models/default')}`,
              `Entities:Lists=${join(root, 'models/entities')}`,
            ]
          : [];
        const server = await startServer(mkdtempSync(join(work, `${name}-`)), own, process.env, root);
        servers.push(server);
        await warmUp(server, path, bodies(5));
      }
      const rows: string[] = [];
      for (const s of SCENARIOS) {
        console.error(`${s.name} @ ${s.connections} connections ...`);
        const load = (server: Server): Promise<LoadResult> => {
          const base = { url: server.url, seconds: SECONDS, connections: s.connections, ...server.tls };
          return runLoad(
            s.docs === 0
              ? { ...base, path: '/livez', method: 'GET', bodies: [''] }
              : { ...base, path, method: 'POST', bodies: bodies(s.docs) },
          );
        };
        const [old, now] = await alternating(servers, rounds, load);
        const change = (rps(now!) / rps(old!) - 1) * 100;
        rows.push(
          `| ${s.name} | ${s.connections} | ${fmt(rps(old!))} | ${fmt(rps(now!))} | ${change >= 0 ? '+' : ''}${fmt(change, 1)}% | ${fmt(old!.p99, 1)} | ${fmt(now!.p99, 1)} | ${non200(old!) + non200(now!)} |`,
        );
      }
      console.log(`Revisions: before = \`${revision}\`, after = this checkout; ${rounds} rounds of ${SECONDS} s per revision and scenario, alternating; ${rich ? 'rich documents at 2025-11-01' : 'plain documents at 2023-04-01'}.

| Scenario | Connections | req/s before | req/s after | change | p99 ms before | p99 ms after | non-200 |
|---|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}`);
    } finally {
      for (const server of servers) server.stop();
    }
  });
}

/** A short NER load: JIT, the worker's session and TLS sessions warm before measuring. */
function warmUp(server: Server, path: string, bodies: string[]): Promise<LoadResult> {
  return runLoad({
    url: server.url,
    seconds: 2,
    connections: 16,
    ...server.tls,
    path,
    method: 'POST',
    bodies,
  });
}

await main();
