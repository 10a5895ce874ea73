import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/version.ts';

/**
 * Runs `fn` with `revision` checked out in a temporary git worktree that shares this checkout's
 * node_modules (`root`), and a scratch folder beside it (`work`); removes both afterwards.
 */
export async function withWorktree<T>(
  revision: string,
  fn: (root: string, work: string) => Promise<T>,
): Promise<T> {
  const work = mkdtempSync(join(tmpdir(), 'nergw-revisions-'));
  const root = join(work, 'before');
  execFileSync('git', ['worktree', 'add', '--detach', root, revision], {
    cwd: PROJECT_ROOT,
    stdio: 'ignore',
  });
  try {
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'));
    return await fn(root, work);
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', root], { cwd: PROJECT_ROOT, stdio: 'ignore' });
    rmSync(work, { recursive: true, force: true });
  }
}
