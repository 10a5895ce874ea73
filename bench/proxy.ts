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
import type { LoadSpec } from './load.ts';
import { nginxVersion, startNginxProxy } from './nginx-proxy.ts';
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
  /** Through bench/bare-proxy.ts (calibration: a Node proxy that does nothing but proxy). */
  readonly bare?: LoadResult;
  /** Through nginx (calibration: a C proxy with the same TLS front door), when nginx is installed. */
  readonly nginx?: { readonly version: string; readonly result: LoadResult };
}

/** Load through bench/bare-proxy.ts with the gateway's certificates in `certs`. */
async function throughBareProxy(certs: string, upstreamPort: number, load: LoadSpec): Promise<LoadResult> {
  const bare = spawn(
    process.execPath,
    ['--import', 'tsx', join(PROJECT_ROOT, 'bench/bare-proxy.ts'), certs, `http://127.0.0.1:${upstreamPort}`],
    { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const port = await fromLog(bare, 'bare proxy', (m) =>
      m.msg === 'bare proxy listening' ? Number(m.port) : undefined,
    );
    const spec = { ...load, url: `https://127.0.0.1:${port}` };
    await runLoad({ ...spec, seconds: 1 });
    return await runLoad(spec);
  } finally {
    bare.kill('SIGTERM');
  }
}

/** Load through nginx (bench/nginx-proxy.ts) with the gateway's certificates, if nginx is installed. */
async function throughNginx(
  certs: string,
  upstreamPort: number,
  load: LoadSpec,
): Promise<Comparison['nginx'] | undefined> {
  const nginx = await startNginxProxy(certs, upstreamPort);
  if (!nginx) return undefined;
  try {
    const spec = { ...load, url: nginx.url };
    await runLoad({ ...spec, seconds: 1 });
    return { version: nginx.version, result: await runLoad(spec) };
  } finally {
    await nginx.stop();
  }
}

/** Loads `path` on the upstream directly, then through a gateway whose route `/apps/up` forwards to it. */
async function compare(
  label: string,
  upstreamPort: number,
  request: { path: string; method: 'GET' | 'POST'; bodies: string[] },
  calibrate = false,
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
    const result = { upstream: label, direct: await runLoad(direct), proxied: await runLoad(viaGateway) };
    const certs = join(dir, 'certs');
    const unprefixed = { ...viaGateway, path: request.path };
    console.error(`${label}: through nginx, if installed (calibration) ...`);
    const nginx = await throughNginx(certs, upstreamPort, unprefixed);
    if (!calibrate) return { ...result, ...(nginx ? { nginx } : {}) };
    console.error(`${label}: through the bare proxy (calibration) ...`);
    const bare = await throughBareProxy(certs, upstreamPort, unprefixed);
    return { ...result, bare, ...(nginx ? { nginx } : {}) };
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
    return await compare(
      'demo app (tiny JSON answer)',
      port,
      { path: '/hello', method: 'GET', bodies: [''] },
      true,
    );
  } finally {
    upstream.kill('SIGTERM');
  }
}

/** 1 document per request (the proxy's cost weighs most) and 5 (the core section's NER workload). */
async function nerUpstream(): Promise<Comparison[]> {
  const dir = mkdtempSync(join(tmpdir(), 'nergw-bench-upstream-'));
  let upstream: Server | undefined;
  try {
    upstream = await startServer(dir, [
      'Server:PlainHttp=true',
      'Security:Enabled=false',
      'Metering:Enabled=false',
      'RateLimits:Enabled=false',
    ]);
    const rows: Comparison[] = [];
    for (const docs of [1, 5]) {
      rows.push(
        await compare(`NER service (${docs} document${docs === 1 ? '' : 's'} per request)`, upstream.port, {
          path: NER_PATH,
          method: 'POST',
          bodies: nerBodies(docs),
        }),
      );
    }
    return rows;
  } finally {
    upstream?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function proxySection(): Promise<string> {
  const nginx = nginxVersion();
  const rows = [await trivialUpstream(), ...(await nerUpstream())];
  const row = (c: Comparison, path: string, r: LoadResult): string =>
    `| ${c.upstream} | ${path} | ${fmt(rps(r))} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${non200(r)} |`;
  const lines = (c: Comparison): string[] => [
    row(c, 'direct (HTTP)', c.direct),
    row(c, 'through the gateway (HTTPS + client certificate)', c.proxied),
    ...(c.bare ? [row(c, 'calibration: bare Node HTTPS server + http-proxy, nothing else', c.bare)] : []),
    ...(c.nginx ? [row(c, `calibration: ${c.nginx.version} (same TLS front door)`, c.nginx.result)] : []),
  ];
  const pct = (a: LoadResult, b: LoadResult): string => `${fmt((100 * rps(a)) / rps(b), 0)}%`;
  const ratio = (c: Comparison): string =>
    `${fmt(rps(c.proxied))} / ${fmt(rps(c.direct))} req/s = **${pct(c.proxied, c.direct)}**` +
    (c.bare
      ? ` (the bare proxy: ${pct(c.bare, c.direct)} of direct; the gateway: ${pct(c.proxied, c.bare)} of the bare proxy)`
      : '') +
    (c.nginx ? `; nginx: ${pct(c.nginx.result, c.direct)} of direct` : '');
  return `## Proxy overhead (issue 6)

Same requests, ${CONNECTIONS} connections, same run: directly to the upstream over plain HTTP, and through a gateway proxy route over HTTPS with a client certificate (authentication, rate limiting, security headers and header rewriting included). Upstream, gateway and load share the machine's cores, so the gateway's work is taken from the upstream's. Two calibration rows: bench/bare-proxy.ts is the least any Node proxy does (TLS with client certificates and http-proxy, nothing else); bench/nginx-proxy.ts is nginx, the proxy Microsoft recommends in front of the Azure containers, with the same TLS front door (client certificate verified, keep-alive upstream, \`worker_processes auto\`)${nginx ? '' : ' — not run: nginx is not installed here (Debian: `apt-get install nginx-light`)'}.

| Upstream | Path | req/s | p50 ms | p99 ms | non-200 |
|---|---|---:|---:|---:|---:|
${rows.flatMap(lines).join('\n')}

${rows.map((c) => `- ${c.upstream}: through the proxy vs direct: ${ratio(c)} (target ≥ 60%).`).join('\n')}
`;
}
