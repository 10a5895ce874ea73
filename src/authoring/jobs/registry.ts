import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { GatewayError } from '../../errors/base.ts';
import type { Logger } from '../../observability/logger.ts';
import { authoringErrors, jobError } from '../failures.ts';
import { listNames, readJson, writeJson } from '../files.ts';
import { azureTime, newJobId } from '../time.ts';
import { isTerminal, type JobKind, type JobRecord } from '../types.ts';
import type { Gate } from './serial.ts';

/** The work of one job; it throws to fail the job and watches `signal` to be cancelled. */
export type JobWork = (job: JobRecord, signal: AbortSignal) => Promise<void>;

/** Thrown by work that stopped because its job was cancelled. */
export class JobCancelled extends GatewayError {
  readonly code = 'JOB_CANCELLED';
  constructor() {
    super('cancelled');
  }
}

const PROGRESS_WRITE_MS = 1_000;
const RESULT_SUFFIX = '.result.json';

/**
 * Every authoring job, in memory and in `<dataDir>/jobs/<jobId>.json`, until it expires (Azure keeps
 * a job's status 7 days). A job left unfinished by a stopped process is `failed` at the next start:
 * its work is gone with the process (the folders it wrote are swapped in atomically, never half).
 */
export class JobRegistry {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly running = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private readonly lastWrite = new Map<string, number>();

  constructor(
    private readonly dataDir: string,
    private readonly ttlSeconds: number,
    private readonly logger: Logger,
  ) {
    for (const name of listNames(this.folder)) {
      if (name.endsWith(RESULT_SUFFIX)) continue;
      let job: JobRecord | undefined;
      try {
        job = readJson<JobRecord>(join(this.folder, name));
      } catch (err) {
        logger.warn({ file: name, err: (err as Error).message }, 'authoring: unreadable job record skipped');
      }
      if (!job) continue;
      this.jobs.set(job.jobId, job);
      if (!isTerminal(job.status)) {
        this.finish(job, 'failed', {
          code: 'InternalServerError',
          message: 'The service stopped while this job was running; submit it again.',
        });
      }
    }
    this.prune();
  }

  private get folder(): string {
    return join(this.dataDir, 'jobs');
  }

  /** A new job, `notStarted`, persisted before its id is handed out. */
  async create(kind: JobKind, projectName: string, details: Partial<JobRecord> = {}): Promise<JobRecord> {
    this.prune();
    const now = new Date();
    const job: JobRecord = {
      ...details,
      jobId: newJobId(now),
      kind,
      projectName,
      createdDateTime: azureTime(now),
      lastUpdatedDateTime: azureTime(now),
      expirationDateTime: azureTime(new Date(now.getTime() + this.ttlSeconds * 1000)),
      status: 'notStarted',
      warnings: [],
      errors: [],
    };
    this.jobs.set(job.jobId, job);
    await this.persist(job);
    return job;
  }

  /** The job `jobId` if it is of one of these kinds (and of this project). */
  find(jobId: string, kinds: readonly JobKind[], projectName?: string): JobRecord | undefined {
    const job = this.jobs.get(jobId);
    if (!job || !kinds.includes(job.kind)) return undefined;
    return projectName === undefined || job.projectName === projectName ? job : undefined;
  }

  /** The job `jobId` of this kind and project, or Azure's 404. */
  get(jobId: string, kind: JobKind, projectName?: string): JobRecord {
    const job = this.find(jobId, [kind], projectName);
    if (!job) throw authoringErrors.jobNotFound(jobId);
    return job;
  }

  list(kind: JobKind, projectName: string): JobRecord[] {
    return [...this.jobs.values()].filter((j) => j.kind === kind && j.projectName === projectName);
  }

  /** Where a job keeps its result (an export's project file); removed with the job. */
  resultFile(jobId: string): string {
    return join(this.folder, `${jobId}${RESULT_SUFFIX}`);
  }

  readResult(jobId: string): unknown {
    return readJson<unknown>(this.resultFile(jobId));
  }

  /** Unfinished jobs of a project (of one kind, if given). */
  active(projectName: string, kind?: JobKind): JobRecord[] {
    return [...this.jobs.values()].filter(
      (j) =>
        j.projectName === projectName && !isTerminal(j.status) && (kind === undefined || j.kind === kind),
    );
  }

  /**
   * Starts `work` in the background: `running` (once `gate` lets it through; `notStarted` until
   * then), then succeeded, failed or cancelled.
   */
  start(job: JobRecord, work: JobWork, gate?: Gate): void {
    const abort = new AbortController();
    const attempt = async (): Promise<void> => {
      if (abort.signal.aborted || isTerminal(job.status)) return;
      this.touch(job, { status: 'running' }, true);
      try {
        // Work that returns has committed its result: a cancel that came too late changes nothing.
        await work(job, abort.signal);
        this.finish(job, 'succeeded');
      } catch (err) {
        if (err instanceof JobCancelled || abort.signal.aborted) return this.finish(job, 'cancelled');
        const body = jobError(err);
        if (body.code === 'InternalServerError')
          this.logger.error({ err, jobId: job.jobId, kind: job.kind }, 'authoring job failed');
        this.finish(job, 'failed', body);
      }
    };
    const done = (gate ? gate.run(attempt) : attempt()).finally(() => this.running.delete(job.jobId));
    this.running.set(job.jobId, { abort, done });
  }

  /** Cancels a job: at once if it has not started, else it stops at its next check (`cancelling`). */
  cancel(job: JobRecord): void {
    if (isTerminal(job.status) || job.status === 'cancelling') return;
    const run = this.running.get(job.jobId);
    run?.abort.abort();
    if (job.status === 'notStarted') return this.finish(job, 'cancelled');
    this.touch(job, { status: 'cancelling' }, true);
  }

  /**
   * Cancels a job and, if its work had begun, waits until it has stopped (a job still waiting at its
   * gate, perhaps behind the caller, just never begins).
   */
  async cancelAndWait(job: JobRecord): Promise<void> {
    const begun = job.status === 'running' || job.status === 'cancelling';
    const run = this.running.get(job.jobId);
    this.cancel(job);
    if (begun) await run?.done;
  }

  /** Records a change; progress is written at most once a second, state changes at once. */
  touch(job: JobRecord, changes: Partial<JobRecord>, writeNow = false): void {
    Object.assign(job, changes, { lastUpdatedDateTime: azureTime() });
    const last = this.lastWrite.get(job.jobId) ?? 0;
    if (writeNow || Date.now() - last >= PROGRESS_WRITE_MS) void this.persist(job);
  }

  /** Cancels every running job and waits for them to stop. */
  async close(): Promise<void> {
    const runs = [...this.running.values()];
    for (const run of runs) run.abort.abort();
    await Promise.all(runs.map((r) => r.done));
  }

  private finish(job: JobRecord, status: JobRecord['status'], error?: JobRecord['errors'][number]): void {
    this.touch(job, { status, errors: error ? [...job.errors, error] : job.errors }, true);
  }

  private async persist(job: JobRecord): Promise<void> {
    this.lastWrite.set(job.jobId, Date.now());
    try {
      await writeJson(join(this.folder, `${job.jobId}.json`), job);
    } catch (err) {
      this.logger.error({ err, jobId: job.jobId }, 'authoring: job record not written');
    }
  }

  /** Drops jobs past their expiration (finished ones only: a running job keeps its record). */
  private prune(): void {
    const now = Date.now();
    for (const job of this.jobs.values()) {
      if (!isTerminal(job.status) || Date.parse(job.expirationDateTime) > now) continue;
      this.jobs.delete(job.jobId);
      this.lastWrite.delete(job.jobId);
      void rm(join(this.folder, `${job.jobId}.json`), { force: true });
      void rm(this.resultFile(job.jobId), { force: true });
    }
  }
}
