/**
 * Issue 6: the same GET against the demo upstream (the compose file's), directly over plain HTTP (as
 * the gateway reaches it) and through the gateway's proxy route (HTTPS + client certificate).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/version.ts';
import { fmt, fromLog, type LoadResult, non200, rps, runLoad, SECONDS, startServer } from './harness.ts';

const CONNECTIONS = 64;

export async function proxySection(): Promise<string> {
  const upstream = spawn(
    process.execPath,
    [join(PROJECT_ROOT, 'dist/scripts/demo-upstream.js'), '--port', '0', '--host', '127.0.0.1'],
    { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const dir = mkdtempSync(join(tmpdir(), 'nergw-bench-proxy-'));
  try {
    const port = await fromLog(upstream, 'demo upstream', (m) =>
      m.msg === 'demo-upstream listening' ? Number(m.port) : undefined,
    );
    const route = { prefix: '/apps/bench', target: `http://127.0.0.1:${port}` };
    const server = await startServer(dir, [`Proxy:Routes=${JSON.stringify([route])}`]);
    let direct: LoadResult;
    let proxied: LoadResult;
    try {
      const get = { method: 'GET' as const, bodies: [''], connections: CONNECTIONS, seconds: SECONDS };
      const viaGateway = { ...get, url: server.url, ...server.tls, path: '/apps/bench/hello' };
      console.error('proxy warm-up ...');
      await runLoad({ ...viaGateway, seconds: 1 });
      console.error(`upstream direct @ ${CONNECTIONS} connections ...`);
      direct = await runLoad({ ...get, url: `http://127.0.0.1:${port}`, path: '/hello' });
      console.error(`upstream through the gateway proxy @ ${CONNECTIONS} connections ...`);
      proxied = await runLoad(viaGateway);
    } finally {
      server.stop();
    }
    const row = (label: string, r: LoadResult): string =>
      `| ${label} | ${fmt(rps(r))} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${non200(r)} |`;
    return `## Proxy overhead (issue 6)

GET of a small JSON answer from the demo upstream (scripts/demo-upstream.ts, plain HTTP on 127.0.0.1), ${CONNECTIONS} connections, same run.

| Path | req/s | p50 ms | p99 ms | non-200 |
|---|---:|---:|---:|---:|
${row('direct to the upstream (HTTP)', direct)}
${row('through the gateway proxy (HTTPS + client certificate)', proxied)}

- Proxy throughput vs direct: ${fmt(rps(proxied))} / ${fmt(rps(direct))} req/s = **${fmt((100 * rps(proxied)) / rps(direct), 0)}%** (target ≥ 60%).
`;
  } finally {
    upstream.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
