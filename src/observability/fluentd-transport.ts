/**
 * The pino transport that ships log lines to Fluentd with the forward protocol (@fluent-org/logger).
 * It runs in pino's transport thread: serialising, queueing and the network stay off the request path.
 */
import { readFileSync } from 'node:fs';
import { FluentClient } from '@fluent-org/logger';
import build from 'pino-abstract-transport';

/** What src/observability/service-logger.ts passes (plain data: it crosses into the transport thread). */
export interface FluentdTransportOptions {
  readonly host: string;
  readonly port: number;
  readonly tag: string;
  /** Idle time before the connection is closed (reopened with the next line). */
  readonly idleMs: number;
  /** Bytes queued while the server is unreachable; lines beyond are dropped. */
  readonly maxQueueBytes: number;
  readonly tls: boolean;
  readonly caFile?: string | undefined;
}

export default function fluentdTransport(opts: FluentdTransportOptions) {
  const client = new FluentClient(opts.tag, {
    socket: {
      host: opts.host,
      port: opts.port,
      timeout: opts.idleMs,
      ...(opts.tls ? { tls: opts.caFile ? { ca: readFileSync(opts.caFile) } : {} } : {}),
    },
    // Event times with milliseconds (Fluentd's EventTime), as the log lines carry them.
    milliseconds: true,
    // An unreachable server holds lines up to this, then drops them; the socket reconnects by itself.
    sendQueueMaxLimit: { size: opts.maxQueueBytes },
    disconnect: { waitForPending: true, waitForPendingDelay: 2_000 },
  });
  return build(
    async (source: AsyncIterable<Record<string, unknown>>) => {
      for await (const line of source) {
        const { time, ...record } = line;
        const at = typeof time === 'number' ? time : Date.now();
        // Rejected when the line is dropped (queue full, shut down): logging must never throw.
        client.emit(record, at).catch(() => {});
      }
    },
    { close: async () => client.disconnect() },
  );
}
