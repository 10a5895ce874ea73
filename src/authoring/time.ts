import { randomUUID } from 'node:crypto';

/** A timestamp as Azure's authoring API writes it: ISO 8601, UTC, whole seconds (`2022-04-18T13:53:03Z`). */
export function azureTime(at: Date = new Date()): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A `date` field (`2023-10-28`). */
export function azureDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** .NET ticks (100 ns since 0001-01-01) at 1970-01-01. */
const EPOCH_TICKS = 621_355_968_000_000_000n;

/**
 * A job id in Azure's form, `<guid>_<ticks of the UTC day>` (`4d37982f-…_637858368000000000`): unique by
 * its GUID; the suffix only mimics what Azure's clients see.
 */
export function newJobId(at: Date = new Date()): string {
  const day = BigInt(Math.floor(at.getTime() / 86_400_000) * 86_400_000);
  return `${randomUUID()}_${(EPOCH_TICKS + day * 10_000n).toString()}`;
}

/** A trained model's id in Azure's form: `<label>-<yyyyMMddTHHmmss>-<32 hex digits>`. */
export function newModelId(label: string, at: Date = new Date()): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').slice(0, 15);
  return `${label}-${stamp}-${randomUUID().replace(/-/g, '')}`;
}
