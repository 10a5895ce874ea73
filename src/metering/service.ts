import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config/schema.ts';
import type { UsageRequest, UsageReservations } from '../inference/reservations.ts';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import { tracePromise } from '../observability/tracing/index.ts';
import { outboundDispatcher } from '../outbound/proxy.ts';
import { BillingClient } from './billing-client.ts';
import { BillingState, type BillingStatus } from './billing-state.ts';
import { DeadLetterFile } from './dead-letter.ts';
import { InFlight } from './in-flight.ts';
import { Deliverer, type DelivererOptions } from './deliverer.ts';
import { Ledger } from './ledger.ts';
import type { UsageEntry } from './ledger-types.ts';
import { ClientCredentialsToken } from './oauth.ts';
import { monthRange } from './period.ts';
import { OrphanLedgers } from './orphans.ts';
import { DIMENSIONS, requestRecords } from './records.ts';
import { BillingSink, type MeterIdentity, RecordFolderSink, type UsageSink } from './sinks.ts';
import { type UsageLog, UsageRecordFolder, usageLog } from './usage-records.ts';
import { isUsageContext } from './usage.ts';

/** Metering as the service sees it: the pool's usage reservations, the connectivity rule, and the usage logs. */
export interface Metering {
  readonly mode: BillingStatus['mode'];
  /** The ledger's side of the pool's usage contract (reserve, flush, commit, release); absent when metering is off. */
  readonly reservations?: UsageReservations;
  /** True while analysis requests must be refused (billing unreachable beyond the grace period). */
  refusing(): boolean;
  status(): BillingStatus;
  /** Disconnected mode: usage of one month (or all of it) in the containers' usage-log shape. */
  usageLog(month?: { month: number; year: number }): Promise<UsageLog>;
  /**
   * Usage recorded outside the pool, each entry at most once per ledger by its `key`; resolves once
   * committed (the async jobs on Redis, README "Scale out"). Absent when metering is off.
   */
  readonly keyed?: KeyedLedger & {
    /**
     * `handler` runs with each ledger no running process holds, while this process delivers it
     * (orphans.ts): usage owed to a replica that is gone goes into its own ledger.
     */
    onFreeLedger(handler: (ledger: KeyedLedger) => Promise<void>): void;
  };
  close(): Promise<void>;
}

/** A ledger as keyed usage sees it: its own id (the resourceId stored in it) and keyed recording. */
export interface KeyedLedger {
  /** Unique per ledger. */
  readonly ledgerId: string;
  record(entries: readonly UsageEntry[]): Promise<void>;
}

function keyedLedger(ledger: Ledger): KeyedLedger {
  return {
    ledgerId: ledger.resourceId,
    record(entries) {
      const committed = Promise.all(entries.map((e) => ledger.record(e)));
      ledger.flush();
      return committed.then(() => undefined);
    },
  };
}

function inactive(message: string): Metering {
  return {
    mode: 'off',
    refusing: () => false,
    status: () => ({ mode: 'off', status: 'Unknown', message, refusing: false }),
    usageLog: () => Promise.resolve(usageLog([], [])),
    close: () => Promise.resolve(),
  };
}

/**
 * The settings metering reads: its own section, Azure's Billing endpoint and ApiKey, the outbound
 * proxy, and the request timeout (how long a request's usage may stay in flight).
 */
export type MeteringSettings = Pick<Config, 'metering' | 'outbound'> & {
  readonly azure: Pick<Config['azure'], 'billing' | 'apiKey'>;
  readonly server: Pick<Config['server'], 'requestTimeoutMs'>;
};

/**
 * Starts metering from its settings: off (disabled, or no Billing endpoint and key), connected
 * (delivery to the Billing endpoint) or disconnected (usage records in the output folder).
 */
export async function startMetering(
  config: MeteringSettings,
  logger: Logger,
  metrics: Metrics,
): Promise<Metering> {
  const m = config.metering;
  const { billing, apiKey } = config.azure;
  if (!m.enabled) return inactive('Metering is disabled (metering.enabled=false); usage is not counted.');
  if (!m.disconnected && !(billing && apiKey)) {
    logger.warn('no Billing endpoint and ApiKey configured: usage is not metered');
    return inactive('No Billing endpoint or ApiKey configured; usage is not reported.');
  }

  const init = {
    dir: m.dataDir,
    bucketSeconds: m.bucketSeconds,
    resourceId: newResourceId(billing),
    durability: m.durability,
    syncIntervalMs: m.syncIntervalMs,
  };
  const ledger = await Ledger.open(init, (err) =>
    logger.error({ err: err.message }, 'usage ledger: flushing to disk failed; retrying'),
  );
  const identityOf = (l: Ledger): MeterIdentity => ({
    resourceId: m.resourceId ?? l.resourceId,
    planId: m.planId,
  });
  const identity = identityOf(ledger);
  const folder = new UsageRecordFolder(m.outputDir);
  let state: BillingState | undefined;
  let sinkFor: (identity: MeterIdentity) => UsageSink;
  // Billing and its OAuth token go through the outbound proxy, if one is configured.
  const dispatcher = m.disconnected ? undefined : outboundDispatcher(config.outbound);
  if (m.disconnected) {
    const records = new RecordFolderSink(folder);
    sinkFor = () => records;
  } else {
    state = new BillingState(m.graceSeconds * 1000, (await ledger.lastContact()) ?? Date.now());
    const token =
      m.tokenUrl && m.clientId && m.clientSecret
        ? new ClientCredentialsToken({
            tokenUrl: m.tokenUrl,
            clientId: m.clientId,
            clientSecret: m.clientSecret,
            timeoutMs: m.requestTimeoutMs,
            ...(m.scope ? { scope: m.scope } : {}),
            ...(dispatcher ? { dispatcher } : {}),
          })
        : undefined;
    const client = new BillingClient({
      endpoint: billing!,
      apiKey: apiKey!,
      timeoutMs: m.requestTimeoutMs,
      ...(token ? { token } : {}),
      ...(dispatcher ? { dispatcher } : {}),
    });
    // The billing check at start: an Azure resource URL is named now, not when the grace period ends
    // (the first delivery cycle, which runs at once, also classifies a 404 from the endpoint).
    if (client.mismatch) {
      state.failed('Mismatch', client.mismatch);
      logger.error({ billing: new URL(billing!).origin }, client.mismatch);
    }
    sinkFor = (id) => new BillingSink(client, id);
  }
  const delivery: DelivererOptions = {
    intervalMs: m.deliveryIntervalSeconds * 1000,
    retryBaseMs: m.retryBaseMs,
    retryMaxMs: m.retryMaxMs,
    batchSize: m.batchSize,
    retentionSeconds: m.retentionHours * 3600,
    // Longer than a request can run (sync requests time out; job tasks queue behind a bounded
    // queue), but a fraction of the period, so tests with second-long periods stay fast.
    settleMs: Math.min(config.server.requestTimeoutMs + 30_000, m.bucketSeconds * 250),
  };
  const inFlight = new InFlight();
  const deliverer = new Deliverer(
    ledger,
    sinkFor(identity),
    identity,
    state,
    new DeadLetterFile(join(ledger.dir, 'dead-letter.jsonl')),
    logger,
    { ...delivery, inFlightSince: () => inFlight.oldest() },
  );
  // Ledgers of replicas that are gone, in the same data folder (compose): delivered from here. Not
  // in disconnected mode: record files are one per period and meter, so another ledger's usage of
  // the same hour would replace this one's (disconnected mode is one container per output folder).
  const freeLedgerHandlers: ((ledger: KeyedLedger) => Promise<void>)[] = [];
  const orphans = m.disconnected
    ? undefined
    : new OrphanLedgers({
        init,
        ownDir: ledger.dir,
        identityOf,
        sinkFor,
        deliverer: delivery,
        logger,
        onOpen: async (free) => {
          for (const handler of freeLedgerHandlers) await handler(keyedLedger(free));
        },
      });
  metrics.meteringSource({
    totals: () => ledger.totals(),
    reachable: () => !state || state.snapshot().status === 'Valid',
  });
  deliverer.start();
  orphans?.start();
  const mode = m.disconnected ? 'disconnected' : 'connected';
  logger.info(
    {
      mode,
      durability: m.durability,
      ledger: ledger.dir,
      resourceId: identity.resourceId,
      ...(m.disconnected ? { outputDir: m.outputDir } : {}),
    },
    'metering started',
  );

  // Usage is written ahead at admission, so its fsync overlaps with the inference; a request that
  // finally fails withdraws it (same instant, so the same period) before its error is sent. Its
  // period is not reported until the request's usage is final (InFlight).
  const reservations: UsageReservations = {
    reserve: (request) => {
      const entry = usageEntry(request);
      if (!entry) return undefined;
      inFlight.add(request);
      const written = ledger.record(entry);
      return tracePromise(
        'ledger commit',
        { 'nergw.records': entry.records },
        written,
        request.correlation,
      ).catch((err: unknown) => {
        inFlight.delete(request); // never durable: the pool neither commits nor releases it
        throw err;
      });
    },
    // One commit per batch: the first flush of a batch sends what was gathered, the others find nothing.
    flush: () => ledger.flush(),
    commit: (request) => inFlight.delete(request),
    release: (request) => {
      const entry = usageEntry(request);
      if (!entry) return undefined;
      const withdrawn = ledger.record({
        ...entry,
        records: -entry.records,
        documents: -entry.documents,
        requests: -1,
      });
      ledger.flush(); // the error answer waits on it
      return withdrawn.finally(() => inFlight.delete(request));
    },
  };

  return {
    mode,
    reservations,
    keyed: {
      ...keyedLedger(ledger),
      onFreeLedger: (handler) => void freeLedgerHandlers.push(handler),
    },
    refusing: () => state?.refusing() ?? false,
    status: () =>
      state?.snapshot() ?? {
        mode: 'disconnected',
        status: 'Valid',
        message: 'Disconnected: usage records are written to the output folder.',
        refusing: false,
      },
    async usageLog(month) {
      const range = month
        ? monthRange(month.month, month.year)
        : { fromSec: 0, toSec: Number.MAX_SAFE_INTEGER };
      return usageLog(await folder.read(month), await ledger.unreported(range.fromSec, range.toSec));
    },
    async close() {
      await Promise.all([deliverer.stop(), orphans?.stop()]);
      await ledger.close();
      await dispatcher?.close();
    },
  };
}

/**
 * The resourceId a new ledger takes when `metering.resourceId` is not set: the billing host, this
 * machine's host name (distinct per container and per pod) and a random suffix (distinct for two
 * processes on one host). The ledger stores it, so it stays with the ledger's unreported usage.
 */
function newResourceId(billing: string | undefined): string {
  const host = billing ? new URL(billing).hostname : 'disconnected';
  return `${host}-${hostname()}-${randomBytes(4).toString('hex')}`;
}

/** The usage of one admitted request, or undefined if it carries no usage context. */
function usageEntry({ texts, meta, admittedAtMs }: UsageRequest): UsageEntry | undefined {
  if (!isUsageContext(meta)) return undefined;
  return {
    dimension: DIMENSIONS[meta.operation],
    operation: meta.operation,
    model: meta.model,
    principal: meta.principal,
    records: requestRecords(texts),
    documents: texts.length,
    requests: 1,
    atMs: admittedAtMs,
  };
}
