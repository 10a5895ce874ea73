/**
 * Issue 6: the same requests sent directly to an upstream (plain HTTP, as the gateway reaches it)
 * and through the gateway's proxy route (HTTPS + client certificate), same run, 64 connections.
 * Two upstreams: the demo app of the compose file, which answers a tiny JSON at once (the proxy's
 * cost per request laid bare), and a NER service doing real work per request, as an unsecured
 * Azure Language container would (another ner-gateway with security off, on plain HTTP).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/version.ts';
import {
  fmt,
  fromLog,
  type LoadResult,
  NER_PATH,
  nerBodies,
  non200,
  rps,
  runLoad,
  SECONDS,
  type Server,
  startServer,
} from './harness.ts';

const CONNECTIONS = 64;

interface Comparison {
  readonly upstream: string;
  readonly direct: LoadResult;
  readonly proxied: LoadResult;
}

/** Loads `path` on the upstream directly, then through a gateway whose route `/apps/up` forwards to it. */
async function compare(
  label: string,
  upstreamPort: number,
  request: { path: string; method: 'GET' | 'POST'; bodies: string[] },
): Promise<Comparison> {
  const dir = mkdtempSync(join(tmpdir(), 'nergw-bench-proxy-'));
  const route = { prefix: '/apps/up', target: `http://127.0.0.1:${upstreamPort}` };
  let gateway: Server | undefined;
  try {
    gateway = await startServer(dir, [`Proxy:Routes=${JSON.stringify([route])}`]);
    const load = { ...request, connections: CONNECTIONS, seconds: SECONDS };
    const viaGateway = { ...load, url: gateway.url, ...gateway.tls, path: `/apps/up${request.path}` };
    const direct = { ...load, url: `http://127.0.0.1:${upstreamPort}` };
    console.error(`proxy (${label}) warm-up ...`);
    await runLoad({ ...viaGateway, seconds: 1 });
    await runLoad({ ...direct, seconds: 1 });
    console.error(`${label}: direct, then through the gateway proxy @ ${CONNECTIONS} connections ...`);
    return { upstream: label, direct: await runLoad(direct), proxied: await runLoad(viaGateway) };
  } finally {
    gateway?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function trivialUpstream(): Promise<Comparison> {
  const upstream = spawn(
    process.execPath,
    [join(PROJECT_ROOT, 'dist/scripts/demo-upstream.js'), '--port', '0', '--host', '127.0.0.1'],
    { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const port = await fromLog(upstream, 'demo upstream', (m) =>
      m.msg === 'demo-upstream listening' ? Number(m.port) : undefined,
    );
    return await compare('demo app (tiny JSON answer)', port, {
      path: '/hello',
      method: 'GET',
      bodies: [''],
    });
  } finally {
    upstream.kill('SIGTERM');
  }
}

async function nerUpstream(): Promise<Comparison> {
  const dir = mkdtempSync(join(tmpdir(), 'nergw-bench-upstream-'));
  let upstream: Server | undefined;
  try {
    upstream = await startServer(dir, [
      'Server:PlainHttp=true',
      'Security:Enabled=false',
      'Metering:Enabled=false',
      'RateLimits:Enabled=false',
    ]);
    return await compare('NER service (1 document per request)', upstream.port, {
      path: NER_PATH,
      method: 'POST',
      bodies: nerBodies(1),
    });
  } finally {
    upstream?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function proxySection(): Promise<string> {
  const rows = [await trivialUpstream(), await nerUpstream()];
  const line = (c: Comparison): string[] => [
    `| ${c.upstream} | direct (HTTP) | ${fmt(rps(c.direct))} | ${fmt(c.direct.p50, 1)} | ${fmt(c.direct.p99, 1)} | ${non200(c.direct)} |`,
    `| ${c.upstream} | through the gateway (HTTPS + client certificate) | ${fmt(rps(c.proxied))} | ${fmt(c.proxied.p50, 1)} | ${fmt(c.proxied.p99, 1)} | ${non200(c.proxied)} |`,
  ];
  const ratio = (c: Comparison): string =>
    `${fmt(rps(c.proxied))} / ${fmt(rps(c.direct))} req/s = **${fmt((100 * rps(c.proxied)) / rps(c.direct), 0)}%**`;
  return `## Proxy overhead (issue 6)

Same requests, ${CONNECTIONS} connections, same run: directly to the upstream over plain HTTP, and through a gateway proxy route over HTTPS with a client certificate (authentication, rate limiting and header rewriting included). Upstream, gateway and load share the machine's cores.

| Upstream | Path | req/s | p50 ms | p99 ms | non-200 |
|---|---|---:|---:|---:|---:|
${rows.flatMap(line).join('\n')}

${rows.map((c) => `- ${c.upstream}: through the proxy vs direct: ${ratio(c)} (target ≥ 60%).`).join('\n')}
`;
}
