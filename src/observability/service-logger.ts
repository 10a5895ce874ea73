import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino, type TransportTargetOptions } from 'pino';
import type { Config } from '../config/schema.ts';
import type { FluentdTransportOptions } from './fluentd-transport.ts';
import { createLogger, type Logger } from './logger.ts';

const require = createRequire(import.meta.url);

export interface ServiceLoggerOptions {
  /** Log to stdout as well (default true; tests that read the files or Fluentd turn it off). */
  readonly stdout?: boolean;
}

/** Loggers whose lines go through a transport thread, which closeServiceLogger flushes and ends. */
const threaded = new WeakSet<Logger>();

/** The settings the service's logger reads: its level and disk files, Fluentd, and the output mount. */
export type ServiceLoggerSettings = Pick<Config, 'logging' | 'fluentd'> & {
  readonly mounts: Pick<Config['mounts'], 'output'>;
};

/** Where Azure's disk logs go: `logs/` under the output mount. */
export function diskLogDir(config: Pick<ServiceLoggerSettings, 'mounts'>): string {
  return join(config.mounts.output, 'logs');
}

/**
 * The service's logger: JSON lines to stdout, as always; with `Logging:Disk:Format=json` also to
 * rotated files (pino-roll), with `Fluentd:Host` also to Fluentd. Extra destinations run in pino's
 * transport thread, so a slow disk or network never holds a request; without them stdout is
 * written directly, exactly as before.
 */
export function createServiceLogger(
  config: ServiceLoggerSettings,
  options: ServiceLoggerOptions = {},
): Logger {
  const level = config.logging.level;
  const targets: TransportTargetOptions[] = [];
  const disk = config.logging.disk;
  if (disk.format === 'json') {
    targets.push({
      target: require.resolve('pino-roll'),
      level,
      options: {
        // ner-gateway.<n>.json (pino-roll takes the extension from the name).
        file: join(diskLogDir(config), 'ner-gateway.json'),
        mkdir: true,
        // Synchronous writes (in the transport thread, off the request path): pino-roll checks the
        // size when a write completes, and asynchronous batches let a file grow far past it.
        sync: true,
        // -1 is Azure's "no size limit": daily files then, so maxFiles still bounds the folder.
        ...(disk.maxFileSize > 0 ? { size: `${disk.maxFileSize}m` } : { frequency: 'daily' }),
        limit: { count: disk.maxFiles },
      },
    });
  }
  const fluentd = config.fluentd;
  if (fluentd.host) {
    const options: FluentdTransportOptions = {
      host: fluentd.host,
      port: fluentd.port,
      tag: fluentd.tag,
      idleMs: fluentd.heartbeatMs,
      maxQueueBytes: fluentd.sendBufferSize,
      tls: fluentd.useTls,
      caFile: fluentd.caFile,
    };
    targets.push({ ...transportTarget('fluentd-transport', options), level });
  }
  if (targets.length === 0) return createLogger(level);
  if (options.stdout !== false) targets.unshift({ target: 'pino/file', level, options: { destination: 1 } });
  const logger = createLogger(level, pino.transport({ targets }));
  threaded.add(logger);
  return logger;
}

/** The transport stream of a logger made by createServiceLogger with files or Fluentd. */
function transportOf(logger: Logger): (NodeJS.WritableStream & { ref(): void }) | undefined {
  if (!threaded.has(logger)) return undefined;
  return (logger as unknown as Record<symbol, NodeJS.WritableStream & { ref(): void }>)[
    pino.symbols.streamSym
  ];
}

/** Resolves once the transport thread has loaded its destinations (lines before it are buffered, in one batch). */
export async function serviceLoggerReady(logger: Logger): Promise<void> {
  const stream = transportOf(logger) as (NodeJS.WritableStream & { ready?: boolean }) | undefined;
  if (stream && !stream.ready) await new Promise((resolve) => stream.once('ready', resolve));
}

/** Flushes a service logger's transport thread (files, Fluentd) and ends it; stdout-only loggers are left as they are. */
export async function closeServiceLogger(logger: Logger): Promise<void> {
  const stream = transportOf(logger);
  if (!stream) return;
  threaded.delete(logger); // a second call has nothing left to close
  // pino unrefs its transport thread so it never keeps a process alive: hold the loop until it ends.
  const hold = setInterval(() => {}, 1_000);
  try {
    await new Promise<void>((resolve) => {
      stream.once('close', resolve);
      stream.end();
    });
  } finally {
    clearInterval(hold);
  }
}

/**
 * A transport module next to this one, as pino's thread loads it: the compiled `.js` from dist;
 * from sources, the `.ts` through transport-bootstrap.mjs, which registers tsx in the thread first.
 */
function transportTarget(name: string, options: object): { target: string; options: object } {
  if (!import.meta.url.endsWith('.ts'))
    return { target: fileURLToPath(new URL(`./${name}.js`, import.meta.url)), options };
  return {
    target: fileURLToPath(new URL('./transport-bootstrap.mjs', import.meta.url)),
    options: { module: new URL(`./${name}.ts`, import.meta.url).href, options },
  };
}
