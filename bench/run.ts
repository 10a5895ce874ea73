/**
 * `npm run bench`: builds the service, then measures it the way it runs (`node dist/src/main.js`,
 * the `npm start` path) under load from a separate process, and writes BENCHMARKS.md.
 * Sections: core (issue 2), security (issue 4), metering (issue 5), proxy and memory (issue 6),
 * entities (issue 15), jobs (issue 19: `jobs.store` memory vs redis), tracing (issue 18: OpenTelemetry off vs on);
 * `BENCH_ONLY=core,proxy` runs some of them, `BENCH_SECONDS` sets the length of each measurement,
 * `BENCH_SERVER_NODE_ARGS` adds Node flags to every server started (e.g. `--cpu-prof`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseCli } from '../src/cli/args.ts';
import { PROJECT_ROOT } from '../src/version.ts';
import { coreSection } from './core.ts';
import { entitiesSection } from './entities.ts';
import { fmt, MODEL, SECONDS } from './harness.ts';
import { jobsSection } from './jobs.ts';
import { mergeSections, reportHeader } from './merge-sections.ts';
import { memorySection } from './memory.ts';
import { meteringSection } from './metering.ts';
import { proxySection } from './proxy.ts';
import { securitySection } from './security.ts';
import { tracingSection } from './tracing.ts';

const REPORT = join(PROJECT_ROOT, 'BENCHMARKS.md');
const SECTIONS: Record<string, () => Promise<string>> = {
  core: coreSection,
  security: securitySection,
  metering: meteringSection,
  proxy: proxySection,
  memory: memorySection,
  entities: entitiesSection,
  jobs: jobsSection,
  tracing: tracingSection,
};

async function main(): Promise<void> {
  parseCli(
    {
      name: 'bench',
      usage: `usage: npm run bench

  Builds the service and measures it; replaces its sections of BENCHMARKS.md (others' sections stay). Run it on an idle machine.
  BENCH_ONLY=core,security,metering,proxy,memory,entities,jobs,tracing   sections to run (default all)
  BENCH_SECONDS=<n>                                                 length of each measurement
  BENCH_SERVER_NODE_ARGS='<flags>'                                  Node flags for every server started
  -h, --help                                                        this help`,
    },
    { options: {} },
  );
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const chosen = Object.keys(SECTIONS).filter((name) => !only || only.includes(name));
  if (chosen.length === 0) throw new Error(`BENCH_ONLY names none of: ${Object.keys(SECTIONS).join(', ')}`);
  if (!existsSync(join(MODEL, 'manifest.json')) && !existsSync(join(MODEL, 'config.json'))) {
    throw new Error(`no model at ${MODEL}`);
  }
  console.error('building (tsc) ...');
  execFileSync(
    process.execPath,
    [join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(PROJECT_ROOT, 'tsconfig.build.json')],
    { stdio: 'inherit' },
  );
  const sections: string[] = [];
  for (const name of chosen) sections.push(await SECTIONS[name]!());

  const cpu = cpus();
  const previous = existsSync(REPORT) ? readFileSync(REPORT, 'utf8') : '';
  const header = `# Benchmarks

Command: \`npm run bench\` (BENCH_SECONDS=${SECONDS} per measurement${only ? `, BENCH_ONLY=${chosen.join(',')}` : ''}). Written by bench/run.ts on ${new Date().toISOString().slice(0, 10)}.

Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${fmt(totalmem() / 2 ** 30, 0)} GiB RAM, ${platform()} ${release()}, Node ${process.version}.
Server: \`node dist/src/main.js\` (the \`npm start\` path) with default settings unless a section says otherwise (inference workers = cores − 1, 1 ONNX thread each; dev PKI, client certificates required; authentication and rate limiting on; metering only where a section gives it a billing endpoint).
Load: a separate Node process (bench/load.ts, undici) over HTTPS with keep-alive, to 127.0.0.1; both share the machine with the server.
Documents: two English news-style sentences (~220 characters) each. Model: \`${MODEL.replace(PROJECT_ROOT + '/', '')}\`.

`;
  const report =
    reportHeader(previous, header, only !== undefined) + mergeSections(previous, sections).join('\n');
  writeFileSync(REPORT, report);
  console.log(report);
}

await main();
