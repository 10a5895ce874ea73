/**
 * Calibration for the proxy section, not part of the service: nginx, the proxy Microsoft recommends
 * in front of the Azure containers, set up as the gateway's front door is (TLS 1.2+, client
 * certificate verified against the same dev CA, keep-alive to the upstream, no access log), so the
 * gateway's proxy is compared with a C proxy on the same machine, cores and load. Used only when an
 * `nginx` binary is found (Debian: `apt-get install nginx-light`); loopback only.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/helpers/child-service.ts';

export interface NginxProxy {
  readonly url: string;
  /** e.g. `nginx/1.22.1` */
  readonly version: string;
  stop(): Promise<void>;
}

const BINARY = process.env.BENCH_NGINX ?? 'nginx';

/** `nginx/1.22.1` from `nginx -v` (printed on stderr), or undefined when nginx is not installed. */
export function nginxVersion(): string | undefined {
  const run = spawnSync(BINARY, ['-v'], { encoding: 'utf8' });
  return run.status === 0 ? /nginx\/[\w.]+/.exec(run.stderr)?.[0] : undefined;
}

async function accepting(port: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Starts nginx in the foreground (`daemon off`) with the gateway's certificates in `certs`. */
export async function startNginxProxy(certs: string, upstreamPort: number): Promise<NginxProxy | undefined> {
  const version = nginxVersion();
  if (!version) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'nergw-bench-nginx-'));
  mkdirSync(join(dir, 'logs'));
  const port = await freePort();
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((t) => `${t}_temp_path ${join(dir, t)};`)
    .join(' ');
  writeFileSync(
    join(dir, 'nginx.conf'),
    `daemon off;
worker_processes auto;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'logs/error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  ${temp}
  upstream app { server 127.0.0.1:${upstreamPort}; keepalive 64; }
  server {
    listen 127.0.0.1:${port} ssl;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_certificate ${join(certs, 'server.crt')};
    ssl_certificate_key ${join(certs, 'server.key')};
    ssl_client_certificate ${join(certs, 'dev-ca.crt')};
    ssl_verify_client on;
    keepalive_requests 1000000;
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
`,
  );
  const child = spawn(BINARY, ['-c', join(dir, 'nginx.conf'), '-p', dir], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    child.kill('SIGQUIT');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  // nginx prints nothing once it is up: wait until its port accepts connections.
  if (!(await accepting(port, 5_000))) {
    let log = '';
    try {
      log = readFileSync(join(dir, 'logs/error.log'), 'utf8');
    } catch {
      // nothing logged
    }
    await stop();
    throw new Error(`nginx did not start: ${log}`);
  }
  return {
    url: `https://127.0.0.1:${port}`,
    version,
    stop,
  };
}
