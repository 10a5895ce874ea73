import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { hashKey, writeKeyFile } from '../../src/security/keys/file.ts';
import { PROJECT_ROOT } from '../../src/version.ts';
import { nodeArgsFor } from './entry-point.ts';

/** Runs `npm run keys` (scripts/keys.ts) for real against `file` and returns its JSON output. */
export function keysCli(file: string, ...args: string[]): Record<string, string> {
  const out = execFileSync(process.execPath, [...nodeArgsFor('scripts/keys.ts'), ...args, '--file', file], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return out.trim() ? (JSON.parse(out) as Record<string, string>) : {};
}

/** Subscription key of the principal `test-key` in every test service and gateway (test-only). */
export const TEST_PRINCIPAL = 'test-key';

/** Writes a key store (unless `file` exists) in which `key` is key1 of the principal `test-key`. */
export async function writeTestKeyStore(file: string, key: string): Promise<void> {
  if (existsSync(file)) return;
  await writeKeyFile(file, {
    version: 1,
    principals: {
      [TEST_PRINCIPAL]: { scopes: [], key1: { sha256: hashKey(key), created: new Date().toISOString() } },
    },
  });
}
