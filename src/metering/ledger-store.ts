import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LedgerBusyError } from './errors.ts';
import type { LedgerDurability } from './ledger-protocol.ts';
import type { LedgerTotals, PeriodUsage, ReportOutcome, UsageEntry } from './ledger-types.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS usage (
  bucket INTEGER NOT NULL,
  dimension TEXT NOT NULL,
  operation TEXT NOT NULL,
  model TEXT NOT NULL,
  principal TEXT NOT NULL,
  records INTEGER NOT NULL,
  documents INTEGER NOT NULL,
  requests INTEGER NOT NULL,
  PRIMARY KEY (bucket, dimension, operation, model, principal)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS reports (
  bucket INTEGER NOT NULL,
  dimension TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('delivered', 'dead')),
  detail TEXT,
  at INTEGER NOT NULL,
  PRIMARY KEY (bucket, dimension)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS identity (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS recorded_keys (key TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;
`;

/** The database file in a ledger's folder. */
export const LEDGER_FILE = 'usage-ledger.sqlite3';

/**
 * The durable usage ledger: SQLite in WAL mode with `synchronous=FULL`, so a transaction that
 * returned is on disk and survives `kill -9` (and power loss). Usage is kept aggregated per period,
 * dimension, operation, model and principal; a period+dimension is reported once, after the period
 * closed, and its `reports` row is the proof. Synchronous: it runs in the ledger worker thread.
 * The database is locked exclusively for as long as it is open (released by the OS when the
 * process dies, even by SIGKILL), so two processes can never share one ledger.
 */
export class LedgerStore {
  private readonly db: Database.Database;
  private readonly addUsage: Database.Statement;
  private readonly addReport: Database.Statement;
  private readonly bumpMeta: Database.Statement;
  private readonly addKey: Database.Statement;
  private readonly addEntries: (entries: readonly UsageEntry[]) => void;

  constructor(
    dir: string,
    private readonly bucketSeconds: number,
    durability: LedgerDurability,
  ) {
    mkdirSync(dir, { recursive: true });
    // No busy wait: a held ledger is another replica's, and the caller moves on to the next one.
    this.db = new Database(join(dir, LEDGER_FILE), { timeout: 0 });
    try {
      this.db.pragma('locking_mode = EXCLUSIVE');
      this.db.pragma('auto_vacuum = INCREMENTAL');
      this.db.pragma('journal_mode = WAL');
      // FULL: every commit fsyncs the WAL. NORMAL: commits reach the OS (safe from any process
      // crash) and only checkpoints fsync; SQLite never corrupts in either.
      this.db.pragma(durability === 'fsync' ? 'synchronous = FULL' : 'synchronous = NORMAL');
      // Takes the exclusive lock now; in EXCLUSIVE locking mode it is kept until close.
      this.db.exec('BEGIN EXCLUSIVE; COMMIT');
      this.db.exec(SCHEMA);
    } catch (err) {
      this.db.close();
      if ((err as { code?: string }).code === 'SQLITE_BUSY') {
        throw new LedgerBusyError(`the ledger in ${dir} is in use by another process`);
      }
      throw err;
    }
    this.addUsage = this.db.prepare(
      `INSERT INTO usage (bucket, dimension, operation, model, principal, records, documents, requests)
       VALUES (@bucket, @dimension, @operation, @model, @principal, @records, @documents, @requests)
       ON CONFLICT DO UPDATE SET records = records + excluded.records,
         documents = documents + excluded.documents, requests = requests + excluded.requests`,
    );
    this.addReport = this.db.prepare(
      `INSERT OR IGNORE INTO reports (bucket, dimension, quantity, state, detail, at)
       VALUES (@bucket, @dimension, @quantity, @state, @detail, @at)`,
    );
    this.addKey = this.db.prepare(`INSERT OR IGNORE INTO recorded_keys (key, at) VALUES (?, ?)`);
    // Made once: better-sqlite3 builds a transaction function's wrappers on every `transaction()`.
    // A keyed entry counts only if its key is new, decided in the same transaction as its usage.
    this.addEntries = this.db.transaction((entries: readonly UsageEntry[]) => {
      const now = Date.now();
      const fresh = entries.filter((e) => e.key === undefined || this.addKey.run(e.key, now).changes > 0);
      for (const row of this.rowsOf(fresh)) this.addUsage.run(row);
    });
    this.bumpMeta = this.db.prepare(
      `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT DO UPDATE SET value = value + excluded.value`,
    );
  }

  /**
   * Records entries in one transaction (group commit), each in the period of its own instant. The
   * deliverer only reports a period once it has been closed for `settleMs` (longer than a request
   * can take), so nothing written ahead or withdrawn can still change a reported quantity.
   */
  record(entries: readonly UsageEntry[]): void {
    this.addEntries(entries);
  }

  /** Entries summed per period, dimension, operation, model and principal: one upsert per distinct key. */
  private rowsOf(entries: readonly UsageEntry[]): Iterable<Record<string, unknown>> {
    type Row = Omit<UsageEntry, 'atMs' | 'key'> & { bucket: number };
    const rows = new Map<string, { -readonly [K in keyof Row]: Row[K] }>();
    for (const e of entries) {
      const bucket = this.bucketOf(e.atMs);
      const key = `${bucket}\u0000${e.dimension}\u0000${e.operation}\u0000${e.model}\u0000${e.principal}`;
      const row = rows.get(key);
      if (row) {
        row.records += e.records;
        row.documents += e.documents;
        row.requests += e.requests;
      } else {
        const { atMs: _, key: _k, ...rest } = e;
        rows.set(key, { ...rest, bucket });
      }
    }
    return rows.values();
  }

  /** Closed periods not yet reported, oldest first, summed per dimension. */
  closedUnreported(nowMs: number, limit: number): PeriodUsage[] {
    return this.db
      .prepare(
        `SELECT u.bucket AS bucket, u.dimension AS dimension, SUM(u.records) AS quantity FROM usage u
         WHERE u.bucket < ? AND NOT EXISTS
           (SELECT 1 FROM reports r WHERE r.bucket = u.bucket AND r.dimension = u.dimension)
         GROUP BY u.bucket, u.dimension ORDER BY u.bucket, u.dimension LIMIT ?`,
      )
      .all(this.bucketOf(nowMs), limit) as PeriodUsage[];
  }

  /** Every unreported period (open ones included) between two instants, summed per dimension. */
  unreported(fromSec: number, toSec: number): PeriodUsage[] {
    return this.db
      .prepare(
        `SELECT u.bucket AS bucket, u.dimension AS dimension, SUM(u.records) AS quantity FROM usage u
         WHERE u.bucket >= ? AND u.bucket < ? AND NOT EXISTS
           (SELECT 1 FROM reports r WHERE r.bucket = u.bucket AND r.dimension = u.dimension)
         GROUP BY u.bucket, u.dimension ORDER BY u.bucket, u.dimension`,
      )
      .all(fromSec, toSec) as PeriodUsage[];
  }

  /** Marks periods reported; a period already marked keeps its first outcome. */
  settle(outcomes: readonly ReportOutcome[], nowMs = Date.now()): void {
    this.db.transaction(() => {
      for (const o of outcomes) {
        const added = this.addReport.run({
          bucket: o.bucket,
          dimension: o.dimension,
          quantity: o.quantity,
          state: o.state,
          detail: o.detail ?? null,
          at: nowMs,
        });
        if (added.changes > 0) this.bumpMeta.run(o.state === 'delivered' ? 'delivered' : 'dead', o.quantity);
      }
    })();
  }

  totals(): LedgerTotals {
    const meta = new Map(
      (this.db.prepare('SELECT key, value FROM meta').all() as { key: string; value: number }[]).map((r) => [
        r.key,
        r.value,
      ]),
    );
    const pending = this.db
      .prepare(
        `SELECT COALESCE(SUM(records), 0) AS n FROM usage u WHERE NOT EXISTS
           (SELECT 1 FROM reports r WHERE r.bucket = u.bucket AND r.dimension = u.dimension)`,
      )
      .get() as { n: number };
    return { pending: pending.n, delivered: meta.get('delivered') ?? 0, deadLettered: meta.get('dead') ?? 0 };
  }

  /**
   * The identity this ledger reports under: the first `candidate` ever offered, kept in the ledger
   * itself, so it follows the ledger (and its unreported usage) rather than the process or host.
   */
  resourceId(candidate: string): string {
    this.db.prepare(`INSERT OR IGNORE INTO identity (key, value) VALUES ('resourceId', ?)`).run(candidate);
    return (this.db.prepare(`SELECT value FROM identity WHERE key = 'resourceId'`).get() as { value: string })
      .value;
  }

  /** Last successful exchange with the billing endpoint (epoch ms), kept across restarts. */
  lastContact(): number | undefined {
    const row = this.db.prepare(`SELECT value FROM meta WHERE key = 'lastContact'`).get() as
      { value: number } | undefined;
    return row?.value;
  }

  setLastContact(ms: number): void {
    this.db
      .prepare(
        `INSERT INTO meta (key, value) VALUES ('lastContact', ?) ON CONFLICT DO UPDATE SET value = excluded.value`,
      )
      .run(ms);
  }

  /** Drops reported periods older than the retention and gives the pages back to the file system. */
  compact(olderThanSec: number): number {
    const removed = this.db.transaction(() => {
      const usage = this.db
        .prepare(
          `DELETE FROM usage WHERE bucket < ? AND EXISTS
             (SELECT 1 FROM reports r WHERE r.bucket = usage.bucket AND r.dimension = usage.dimension)`,
        )
        .run(olderThanSec).changes;
      this.db.prepare('DELETE FROM reports WHERE bucket < ?').run(olderThanSec);
      this.db.prepare('DELETE FROM recorded_keys WHERE at < ?').run(olderThanSec * 1000);
      return usage;
    })();
    this.db.pragma('incremental_vacuum');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return removed;
  }

  /** The write-ahead log, where a commit lands first. */
  get walFile(): string {
    return `${this.db.name}-wal`;
  }

  close(): void {
    this.db.close();
  }

  private bucketOf(ms: number): number {
    return Math.floor(ms / 1000 / this.bucketSeconds) * this.bucketSeconds;
  }
}
