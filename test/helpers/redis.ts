/**
 * A real redis-server on a free loopback port, started and stopped by the test (no persistence,
 * unless an append-only file folder is given).
 * `.ci/run` installs the binary (apt package redis-server) when it is missing.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { freePort } from './child-service.ts';

export function redisAvailable(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export class RedisServer {
  private proc: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    /** `requirepass`: clients must authenticate with it (the URL carries it). */
    readonly password?: string,
    /** Folder of the append-only file (`appendonly yes`, fsync every write): state survives a restart. */
    readonly dataDir?: string,
  ) {}

  get url(): string {
    const auth = this.password === undefined ? '' : `:${encodeURIComponent(this.password)}@`;
    return `redis://${auth}127.0.0.1:${this.port}`;
  }

  /** A server on a free port that is not running yet (`resume()` starts it). */
  static async reserve(): Promise<RedisServer> {
    return new RedisServer(await freePort());
  }

  static async start(options: { password?: string; dataDir?: string } = {}): Promise<RedisServer> {
    const redis = new RedisServer(await freePort(), options.password, options.dataDir);
    await redis.resume();
    return redis;
  }

  /** Starts redis-server (again) on the same port; resolves once it accepts connections. */
  async resume(): Promise<void> {
    const proc = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        ...(this.dataDir === undefined
          ? ['--appendonly', 'no']
          : ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.dataDir]),
        ...(this.password === undefined ? [] : ['--requirepass', this.password]),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.proc = proc;
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${out}`)), 30_000);
      proc.stdout!.setEncoding('utf8').on('data', (s: string) => {
        out += s;
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}):\n${out}`));
      });
    });
    proc.stdout!.resume();
  }

  /** Kills the server (an outage as the gateway sees it) and waits for it to be gone. */
  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const proc = this.proc;
    this.proc = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill(signal);
    await exited;
  }
}
