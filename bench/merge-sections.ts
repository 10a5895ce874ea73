/**
 * BENCHMARKS.md holds sections from several scripts (bench/run.ts, bench/train-custom.ts, the jobs
 * benchmark): a run replaces the sections it measured, by their `## ` heading, and keeps the others.
 */
export function mergeSections(previous: string, fresh: readonly string[]): string[] {
  const heading = (section: string): string => section.split('\n', 1)[0]!.trim();
  const old = previous
    .split(/\n(?=## )/)
    .slice(1)
    .map((s) => s.trimEnd() + '\n');
  const freshByHeading = new Map(fresh.map((s) => [heading(s), s]));
  const merged = old.map((s) => freshByHeading.get(heading(s)) ?? s);
  const kept = new Set(old.map(heading));
  return [...merged, ...fresh.filter((s) => !kept.has(heading(s)))];
}
