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

/**
 * The text before the first section: a run of every section writes `fresh`; a run of some of them
 * (BENCH_ONLY) keeps the header there, since it describes the run that wrote the file (each section names
 * its own command, date and load).
 */
export function reportHeader(previous: string, fresh: string, partial: boolean): string {
  const firstSection = previous.indexOf('\n## ');
  return partial && firstSection >= 0 ? previous.slice(0, firstSection + 1) : fresh;
}
