import { hostname } from 'node:os';
import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { DIMENSIONS } from '../../../metering/records.ts';
import type { UsageEntry } from '../../../metering/ledger-types.ts';
import { connectRedis, waitReady } from '../../../redis/connection.ts';
import type { ApiContext } from '../../context.ts';
import { ApiError } from '../../../http/errors.ts';
import type { JobServiceDeps } from '../index.ts';
import { isTerminal, type JobRecord } from '../model.ts';
import { cancelledOutcome, finalStatus, runJobTask, type TaskResult, type TaskRun } from '../runner.ts';
import { type JobService, principalFull, storeFull } from '../service.ts';
import { decodeJob, encodeJob, type StoredTask, taskField } from './codec.ts';
import { JobCommands } from './commands.ts';
import { drainOwed, UsageOutbox } from './usage-outbox.ts';

/** The BullMQ queue every replica takes jobs from. */
const QUEUE = 'analyze-text';
/** Attempts of a job whose run failed for want of Redis (task failures are results, not retries). */
const ATTEMPTS = 5;
/** How often this replica's ledger list is drained besides right after each task. */
const DRAIN_INTERVAL_MS = 5_000;
/** How often a task waiting for room in the inference queue re-reads whether its job was cancelled. */
const CANCEL_CHECK_MS = 200;

function now(): string {
  return new Date().toISOString();
}

/** This process, as BullMQ names the worker running a job: `<host name>:<pid>`. */
export function workerName(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * Jobs in Redis (`jobs.store: redis`), shared by every replica: any replica accepts a job, answers
 * for it and cancels it; a BullMQ queue hands each job to one replica's worker at a time, and a
 * replica that dies leaves its job's lock to expire, after which another replica's stalled-job
 * check takes it over. A task's result and its usage are committed together, once (scripts.ts
 * COMMIT_TASK), so a task run again after a crash is never billed twice (README "Scale out").
 */
export class RedisJobService implements JobService {
  private readonly prefix: string;
  private readonly commands: JobCommands;
  private readonly queue: Queue;
  private readonly worker: Worker;
  private readonly outbox: UsageOutbox | undefined;
  private readonly lostCheck: NodeJS.Timeout;

  private constructor(
    private readonly ctx: ApiContext,
    private readonly redis: Redis,
    private readonly deps: JobServiceDeps,
  ) {
    const jobs = ctx.config.jobs;
    const url = jobs.redisUrl ?? ctx.config.rateLimits.redisUrl!;
    this.prefix = jobs.redisKeyPrefix;
    this.commands = new JobCommands(redis);
    const bull = { prefix: `${this.prefix}bull`, connection: { url, connectionName: 'ner-gateway-jobs' } };
    // The producer fails fast while Redis is away (the submit answers 503); the worker waits for it.
    this.queue = new Queue(QUEUE, {
      ...bull,
      connection: { ...bull.connection, enableOfflineQueue: false, maxRetriesPerRequest: 1 },
    });
    this.queue.on('error', () => undefined); // the store's own connection logs the outage
    this.worker = new Worker(QUEUE, (job) => this.process(job), {
      ...bull,
      connection: { ...bull.connection, maxRetriesPerRequest: null },
      // BullMQ records it on each job it hands out (`processedBy`): which replica runs a job.
      name: workerName(),
      concurrency: jobs.concurrency,
      lockDuration: jobs.lockSeconds * 1000,
      stalledInterval: jobs.stalledCheckSeconds * 1000,
      maxStalledCount: jobs.maxStalls,
    });
    this.worker.on('error', (err) =>
      deps.logger.debug({ err: { message: err.message } }, 'job worker error'),
    );
    this.worker.on('stalled', (jobId) =>
      deps.logger.warn({ jobId }, 'job taken over from a replica that stopped'),
    );
    this.worker.on('failed', (job, err) => {
      if (job && (job.attemptsMade >= ATTEMPTS || /stalled/i.test(err.message))) void this.giveUp(job, err);
    });
    const keyed = deps.metering.keyed;
    this.outbox = keyed
      ? new UsageOutbox(redis, this.usageKey(keyed.ledgerId), keyed, deps.logger, DRAIN_INTERVAL_MS)
      : undefined;
    this.lostCheck = setInterval(
      () =>
        void this.requeueLost().catch((err: unknown) =>
          deps.logger.debug({ err: { message: (err as Error).message } }, 'lost-job check failed'),
        ),
      jobs.lockSeconds * 1000,
    );
    this.lostCheck.unref();
    // Usage a crash left owed to this ledger (a previous process on it) goes in now; usage owed to
    // ledgers no process holds goes in when this replica delivers them.
    void this.outbox?.drain();
    keyed?.onFreeLedger((free) =>
      drainOwed(redis, this.usageKey(free.ledgerId), free).catch((err: unknown) =>
        deps.logger.warn(
          { err: { message: (err as Error).message }, ledger: free.ledgerId },
          'job usage owed to a free ledger not yet in it; will retry',
        ),
      ),
    );
  }

  /** Connects (waiting up to `jobs.redisTimeoutMs` for Redis; the service starts either way). */
  static async open(ctx: ApiContext, deps: JobServiceDeps): Promise<RedisJobService> {
    const jobs = ctx.config.jobs;
    const url = jobs.redisUrl ?? ctx.config.rateLimits.redisUrl!;
    const redis = connectRedis({ url, timeoutMs: jobs.redisTimeoutMs }, deps.logger);
    if (!(await waitReady(redis, jobs.redisTimeoutMs))) {
      deps.logger.warn('job store: Redis is not reachable yet; job requests answer 503 until it is');
    }
    return new RedisJobService(ctx, redis, deps);
  }

  /** The list of usage owed to one ledger. */
  private usageKey(ledgerId: string): string {
    return `${this.prefix}usage:${ledgerId}`;
  }

  private jobKey(id: string): string {
    return `${this.prefix}job:${id}`;
  }

  async submit(job: JobRecord): Promise<void> {
    const { meta, input } = encodeJob(job);
    const limits = this.ctx.config.jobs;
    const admitted = await this.store(() =>
      this.commands.run(
        'admit',
        this.prefix,
        Date.now(),
        job.jobId,
        job.principal,
        job.weight,
        limits.maxJobs,
        limits.maxStoredCharacters,
        limits.maxUnfinishedPerPrincipal,
        meta,
        input,
        job.status,
        job.lastUpdatedDateTime,
        job.expiresAt,
      ),
    );
    if (admitted === 'principal') throw principalFull();
    if (admitted === 'full') throw storeFull();
    try {
      await this.enqueue(job.jobId);
    } catch (err) {
      await this.commands.run('dropJob', this.prefix, job.jobId).catch(() => undefined);
      throw this.unavailable(err);
    }
  }

  /** Queues a stored job (idempotent: BullMQ keeps one queue entry per job id). */
  private enqueue(jobId: string): Promise<unknown> {
    return this.queue.add(
      'job',
      { jobId },
      {
        jobId,
        attempts: ATTEMPTS,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: true,
        removeOnFail: true,
      },
    );
  }

  /**
   * Queues again the jobs that were stored but never queued: a replica that died between the two
   * steps of a submit (before its 202) leaves one: `notStarted` for longer than `jobs.lockSeconds`
   * and unknown to BullMQ. Checked every `jobs.lockSeconds`.
   */
  private async requeueLost(): Promise<void> {
    const before = Date.now() - this.ctx.config.jobs.lockSeconds * 1000;
    for (const id of await this.redis.hkeys(`${this.prefix}unfinished`)) {
      const [status, meta] = await this.redis.hmget(this.jobKey(id), 'status', 'meta');
      if (status !== 'notStarted' || !meta) continue;
      const created = Date.parse((JSON.parse(meta) as { createdDateTime: string }).createdDateTime);
      if (created > before || (await this.queue.getJob(id))) continue;
      this.deps.logger.warn({ jobId: id }, 'job stored but never queued; queued now');
      await this.enqueue(id);
    }
  }

  async get(jobId: string, principal: string): Promise<JobRecord | undefined> {
    const job = await this.read(jobId);
    return job?.principal === principal ? job : undefined;
  }

  async cancel(jobId: string, principal: string): Promise<JobRecord | undefined> {
    const job = await this.get(jobId, principal);
    if (!job || isTerminal(job.status)) return job;
    await this.store(() => this.commands.run('cancel', this.jobKey(jobId), now()));
    return this.get(jobId, principal);
  }

  async close(): Promise<void> {
    clearInterval(this.lostCheck);
    // Running jobs finish here if they can within the grace period; else their locks expire and
    // another replica takes them over.
    const grace = new Promise<'late'>((resolve) =>
      setTimeout(() => resolve('late'), this.ctx.config.server.shutdownGraceMs).unref(),
    );
    if ((await Promise.race([this.worker.close(), grace])) === 'late') await this.worker.close(true);
    await this.outbox?.close();
    await this.queue.close().catch(() => undefined);
    this.redis.disconnect();
  }

  private async read(jobId: string): Promise<JobRecord | undefined> {
    const hash = await this.store(() => this.redis.hgetall(this.jobKey(jobId)));
    const job = decodeJob(hash);
    return job && job.expiresAt > Date.now() ? job : undefined;
  }

  /** Runs a Redis call of the request path: Redis away is a 503 with Retry-After, not a 500. */
  private async store<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      throw this.unavailable(err);
    }
  }

  /** The cause goes with the 503: the edge logs it once ('request failed'), as for every 5xx. */
  private unavailable(err: unknown): ApiError {
    return ApiError.unavailable('The job store is unavailable; retry later.', 5, { cause: err });
  }

  /** One job on this replica: its tasks that have no result yet, one after another, then its end. */
  private async process(bull: Job): Promise<void> {
    const id = String(bull.id);
    const status = await this.commands.run('start', this.jobKey(id), now());
    const job = status ? decodeJob(await this.redis.hgetall(this.jobKey(id))) : undefined;
    if (!job) return; // expired or evicted meanwhile
    const cancel = new AbortController();
    if (job.status === 'cancelling') cancel.abort();
    const run: TaskRun = {
      jobId: job.jobId,
      apiVersion: job.apiVersion,
      principal: job.principal,
      documents: job.documents ?? [],
      expiresAt: job.expiresAt,
      cancelled: cancel.signal,
      watchCancel: () => this.watchCancel(id, cancel),
      metered: false,
      logger: this.deps.logger,
    };
    for (let i = 0; i < job.tasks.length && !cancel.signal.aborted; i++) {
      if (job.outcomes[i]) continue; // committed by an earlier attempt
      const result = await runJobTask(this.ctx, run, job.tasks[i]!, i);
      if ((await this.commit(job, i, result)) < 0) return; // gone
      job.outcomes[i] = result.outcome;
      if ((await this.redis.hget(this.jobKey(id), 'status')) === 'cancelling') cancel.abort();
    }
    await this.finish(job, finalStatus(false, job.outcomes));
  }

  /**
   * While a task of job `id` waits for room in the inference queue: re-reads the job's status every
   * CANCEL_CHECK_MS (a cancel is a status, set through any replica) and aborts `cancel` once it is
   * `cancelling`. Returns the function that stops it.
   */
  private watchCancel(id: string, cancel: AbortController): () => void {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const next = (): void => {
      if (!stopped) timer = setTimeout(check, CANCEL_CHECK_MS);
    };
    const check = (): void => {
      this.redis.hget(this.jobKey(id), 'status').then(
        (status) => (status === 'cancelling' ? cancel.abort() : next()),
        next, // Redis away: read again; room in the queue or the job's expiry still end the wait
      );
    };
    next();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }

  /** Commits a task's result with its usage (scripts.ts COMMIT_TASK); 1 stored, 0 already there, -1 gone. */
  private async commit(job: JobRecord, index: number, result: TaskResult): Promise<number> {
    const stored: StoredTask = { outcome: result.outcome, ...(result.error ? { error: result.error } : {}) };
    const usage = this.outbox ? usageOf(job, index, result) : undefined;
    const committed = Number(
      await this.commands.run(
        'commitTask',
        this.jobKey(job.jobId),
        taskField(index),
        JSON.stringify(stored),
        now(),
        this.outbox?.key ?? '',
        usage ? JSON.stringify(usage) : '',
      ),
    );
    if (committed === 1 && usage) await this.outbox!.drain();
    return committed;
  }

  private finish(job: JobRecord, status: JobRecord['status']): Promise<unknown> {
    return this.commands.run(
      'finish',
      this.prefix,
      job.jobId,
      Date.now(),
      now(),
      status,
      job.tasks.length,
      JSON.stringify({ outcome: cancelledOutcome() } satisfies StoredTask),
    );
  }

  /** A job BullMQ gave up on (Redis kept failing under it, or it stalled too often): its open tasks fail. */
  private async giveUp(bull: Job, err: Error): Promise<void> {
    try {
      const job = decodeJob(await this.redis.hgetall(this.jobKey(String(bull.id))));
      if (!job || isTerminal(job.status)) return;
      this.deps.logger.error({ jobId: job.jobId, err: { message: err.message } }, 'job abandoned');
      for (let i = 0; i < job.tasks.length; i++) {
        if (job.outcomes[i]) continue;
        const failed: TaskResult = {
          outcome: { status: 'failed', lastUpdateDateTime: now(), results: { documents: [], errors: [] } },
          error: {
            code: 'InternalServerError',
            message: 'Internal error while processing the task.',
            target: `#/tasks/items/${i}`,
          },
        };
        await this.commit(job, i, failed);
        job.outcomes[i] = failed.outcome;
      }
      await this.finish(job, finalStatus(false, job.outcomes));
    } catch (e) {
      this.deps.logger.warn({ err: { message: (e as Error).message } }, 'could not end an abandoned job');
    }
  }
}

/** What a succeeded task costs (its statistics count the records), keyed by job and task. */
function usageOf(job: JobRecord, index: number, result: TaskResult): Omit<UsageEntry, 'atMs'> | undefined {
  const records = result.outcome.results.statistics?.transactionsCount ?? 0;
  if (result.outcome.status !== 'succeeded' || !result.usage || records === 0) return undefined;
  return {
    dimension: DIMENSIONS[result.usage.operation],
    operation: result.usage.operation,
    model: result.usage.model,
    principal: job.principal,
    records,
    documents: result.outcome.results.documents.length,
    requests: 1,
    key: `${job.jobId}/${index}`,
  };
}
