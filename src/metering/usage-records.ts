import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { PeriodUsage } from './ledger-types.ts';
import { periodStartIso } from './period.ts';

/** One closed period as a disconnected container's usage record file. */
interface RecordFile extends PeriodUsage {
  readonly effectiveStartTime: string;
}

/** `GET /records/usage-logs/...`: the shape Azure's disconnected containers answer with. */
export interface UsageLog {
  readonly type: 'CommerceUsageResponse';
  readonly apiType: string;
  readonly serviceName: string;
  readonly meters: { name: string; quantity: number; billedUnit: number }[];
}

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The output folder of disconnected mode: `<dir>/usage-records/<YYYY>/<MM>/<period>_<dimension>.json`,
 * one file per closed period and dimension, written atomically (temp file, fsync, rename). Writing
 * the same period again replaces the file with the same content, so a crash before the ledger marks
 * it written cannot count it twice.
 */
export class UsageRecordFolder {
  private readonly root: string;

  constructor(dir: string) {
    this.root = join(dir, 'usage-records');
  }

  async write(p: PeriodUsage): Promise<void> {
    const start = periodStartIso(p.bucket);
    const folder = join(this.root, start.slice(0, 4), start.slice(5, 7));
    await mkdir(folder, { recursive: true });
    const name = `${start.replace(/[-:]/g, '').replace('.000', '')}_${p.dimension}.json`;
    const record: RecordFile = {
      bucket: p.bucket,
      dimension: p.dimension,
      quantity: p.quantity,
      effectiveStartTime: start,
    };
    await writeFileAtomic(join(folder, name), JSON.stringify(record) + '\n');
    await fsyncPath(folder); // the rename itself survives a power cut only once the folder is synced
  }

  /** Records of one month (`month` 1–12), or all of them. */
  async read(month?: { month: number; year: number }): Promise<PeriodUsage[]> {
    const folders: string[] = [];
    if (month) folders.push(join(this.root, String(month.year), String(month.month).padStart(2, '0')));
    else {
      for (const year of await listDir(this.root))
        for (const m of await listDir(join(this.root, year))) folders.push(join(this.root, year, m));
    }
    const out: PeriodUsage[] = [];
    for (const folder of folders) {
      for (const name of await listDir(folder)) {
        if (!name.endsWith('.json') || name.startsWith('.')) continue;
        const r = JSON.parse(await readFile(join(folder, name), 'utf8')) as RecordFile;
        out.push({ bucket: r.bucket, dimension: r.dimension, quantity: r.quantity });
      }
    }
    return out;
  }
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/**
 * Sums periods per meter. `written` (the folder) wins over `pending` (the ledger's not yet written
 * periods) for the same period and dimension, so a period caught between the two counts once.
 */
export function usageLog(written: readonly PeriodUsage[], pending: readonly PeriodUsage[]): UsageLog {
  const periods = new Map<string, PeriodUsage>();
  for (const p of [...pending, ...written]) periods.set(`${p.bucket}|${p.dimension}`, p);
  const meters = new Map<string, number>();
  for (const p of periods.values()) meters.set(p.dimension, (meters.get(p.dimension) ?? 0) + p.quantity);
  return {
    type: 'CommerceUsageResponse',
    apiType: 'textanalytics',
    serviceName: 'ner-gateway',
    meters: [...meters].map(([name, quantity]) => ({ name, quantity, billedUnit: quantity })),
  };
}
