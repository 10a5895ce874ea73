/**
 * The real entry point (`src/main.ts`), or another script of the project such as the billing stub,
 * as a child process (compiled when dist/ is current, else through tsx: entry-point.ts), for tests that need whole processes (start-up, signals,
 * crashes, several replicas). `killAll()` in an `after` hook ends every one left.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeArgsFor } from './entry-point.ts';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = join(REPO, 'src', 'main.ts');
/**
 * How long a child gateway may take to start (or to log, or exit): generous, because under a CPU hog
 * (issue 20: `npm test` on a busy shared machine) a start that takes 2 s idle took over 20 s. A hang
 * still fails the test; only slowness no longer does.
 */
export const START_TIMEOUT_MS = 60_000;

const children = new Set<ChildProcess>();

/** SIGKILLs every child process still running. */
export function killAll(): void {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** The inherited environment without anything that would configure the service. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (
      /^(eula|billing|apikey|projectname|exportedmodelname)$/i.test(k) ||
      /^(NERGW_|BILLING_STUB_|OTEL_)/i.test(k)
    )
      continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/**
 * Ports below Linux's ephemeral range (32768-60999): a port the kernel hands out for `listen(0)` or an
 * outgoing connection may be taken by another test between freePort() and the child's listen, as a
 * run once saw (EADDRINUSE at a gateway's start while other test files ran beside it).
 */
const FIXED_PORTS = { from: 20_000, to: 32_000 };

/** Whether a loopback port can be listened on now. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/**
 * A free loopback port (for processes that must come back on the same port after a kill), chosen at
 * random below the ephemeral range (FIXED_PORTS), or by the kernel if none of 50 tries is free.
 */
export async function freePort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = FIXED_PORTS.from + Math.floor(Math.random() * (FIXED_PORTS.to - FIXED_PORTS.from));
    if (await canListen(port)) return port;
  }
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a value (not undefined) or the time is up. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = START_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export class ChildService {
  readonly proc: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<Exit>;
  private waiters: (() => void)[] = [];

  /** `script` defaults to the service's entry point. */
  constructor(args: readonly string[], env: NodeJS.ProcessEnv, script = MAIN) {
    this.proc = spawn(process.execPath, [...nodeArgsFor(script), ...args], {
      cwd: REPO,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(this.proc);
    this.proc.stdout!.setEncoding('utf8').on('data', (s: string) => {
      this.stdout += s;
      this.notify();
    });
    this.proc.stderr!.setEncoding('utf8').on('data', (s: string) => {
      this.stderr += s;
      this.notify();
    });
    this.exited = new Promise((resolve) => {
      this.proc.on('close', (code, signal) => {
        resolve({ code, signal });
        this.notify();
      });
    });
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  get alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** pino JSON lines of stdout (a line cut by a kill is skipped). */
  logs(): Record<string, unknown>[] {
    return this.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  }

  /** Waits (bounded) for the first JSON log line with this `msg`. */
  waitForLine(msg: string, timeoutMs = START_TIMEOUT_MS): Promise<Record<string, unknown>> {
    return this.waitFor(`"${msg}"`, () => this.logs().find((l) => l.msg === msg), timeoutMs);
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.alive) this.proc.kill(signal);
    await this.exited;
  }

  /** Waits (bounded) until `check` returns a value, the process exits, or time runs out. */
  async waitFor<T>(what: string, check: () => T | undefined, timeoutMs = START_TIMEOUT_MS): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) {
        throw new Error(
          `process exited (${this.proc.exitCode ?? this.proc.signalCode}) before ${what}\n${this.output()}`,
        );
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}\n${this.output()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The port from the `ner-gateway listening` log line. */
  async listening(): Promise<{ url: URL; line: Record<string, unknown> }> {
    const line = await this.waitFor('the listening log line', () =>
      this.logs().find((l) => l.msg === 'ner-gateway listening'),
    );
    return { url: new URL(String(line.url)), line };
  }

  async exit(timeoutMs = START_TIMEOUT_MS): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`did not exit within ${timeoutMs} ms\n${this.output()}`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  output(): string {
    return `--- stdout\n${this.stdout}\n--- stderr\n${this.stderr}`;
  }
}
