import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/version.ts';

/** Runs `npm run keys` (scripts/keys.ts) for real against `file` and returns its JSON output. */
export function keysCli(file: string, ...args: string[]): Record<string, string> {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(PROJECT_ROOT, 'scripts/keys.ts'), ...args, '--file', file],
    { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return out.trim() ? (JSON.parse(out) as Record<string, string>) : {};
}
