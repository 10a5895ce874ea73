import { type FSWatcher, unwatchFile, watch, watchFile } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

export interface FileWatch {
  close(): void;
}

/**
 * Calls `onChange` (debounced) when any of `files` changes. Watches the parent folders with
 * fs.watch, so an atomic replace (write a temporary file, rename it over the old one) is seen, and
 * polls with fs.watchFile as a fallback where fs.watch misses events (network mounts, some containers).
 */
export function watchFiles(files: readonly string[], onChange: () => void, pollMs: number): FileWatch {
  const paths = [...new Set(files.map((f) => resolve(f)))];
  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(onChange, 25);
    timer.unref();
  };
  const watchers: FSWatcher[] = [];
  const byDir = new Map<string, Set<string>>();
  for (const p of paths) {
    const names = byDir.get(dirname(p)) ?? new Set<string>();
    names.add(basename(p));
    byDir.set(dirname(p), names);
  }
  for (const [dir, names] of byDir) {
    try {
      const w = watch(dir, { persistent: false }, (_event, name) => {
        if (name === null || names.has(String(name))) schedule();
      });
      w.on('error', () => w.close()); // the poll below still runs
      watchers.push(w);
    } catch {
      // folder missing or not watchable: polling alone
    }
  }
  const poll = (cur: { mtimeMs: number; ino: number; size: number }, prev: typeof cur): void => {
    if (cur.mtimeMs !== prev.mtimeMs || cur.ino !== prev.ino || cur.size !== prev.size) schedule();
  };
  for (const p of paths) watchFile(p, { persistent: false, interval: pollMs }, poll);
  return {
    close() {
      clearTimeout(timer);
      for (const w of watchers) w.close();
      for (const p of paths) unwatchFile(p, poll);
    },
  };
}
