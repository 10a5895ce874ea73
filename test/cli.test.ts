/**
 * Every command-line tool of the project answers `--help` with its usage (exit 0), and an unknown
 * option, a missing value or a missing argument with one line on stderr and exit code 2, never a
 * stack trace (issue 20). Each tool runs as a child process, as `npm run <tool>` runs it.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { REPO } from './helpers/child-service.ts';
import { nodeArgsFor } from './helpers/entry-point.ts';

const dir = mkdtempSync(join(tmpdir(), 'nergw-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface ToolRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a tool; env without the gateway's settings, the key store in a temp dir. */
function run(script: string, args: readonly string[], env: Record<string, string> = {}): Promise<ToolRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...nodeArgsFor(script), ...args],
      {
        cwd: REPO,
        env: { PATH: process.env.PATH ?? '', NERGW_SECURITY__KEYSTOREFILE: join(dir, 'keys.json'), ...env },
        encoding: 'utf8',
        timeout: 120_000,
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Asserts the one-line usage error: exit 2, a single stderr line that names the tool, no stack. */
function assertUsageError(r: ToolRun, tool: string, what: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, new RegExp(`^${tool}: `));
  assert.match(lines[0]!, what);
  assert.doesNotMatch(r.stderr, /\n\s+at |ERR_PARSE_ARGS/);
}

const TOOLS: [script: string, name: string][] = [
  ['scripts/keys.ts', 'keys'],
  ['scripts/billing-stub.ts', 'billing-stub'],
  ['scripts/bench-model.ts', 'bench:model'],
  ['scripts/eval-taxonomy.ts', 'eval:taxonomy'],
  ['scripts/agree-datetime.ts', 'agree-datetime'],
  ['scripts/agree-quantity.ts', 'agree-quantity'],
  ['scripts/demo-upstream.ts', 'demo-upstream'],
  ['scripts/healthcheck.ts', 'healthcheck'],
  ['scripts/dev-certs.ts', 'dev-certs'],
  ['bench/run.ts', 'bench'],
  ['bench/compare-revisions.ts', 'compare-revisions'],
  ['bench/compare-pipelines.ts', 'compare-pipelines'],
  ['scripts/train.ts', 'train'],
  ['scripts/eval.ts', 'eval'],
];

// Each test spawns Node processes that mostly wait on tsx's compile: a few at a time keep the file short.
describe('command-line tools', { concurrency: 4 }, () => {
  for (const [script, name] of TOOLS) {
    test(`${name}: --help prints the usage and exits 0`, async () => {
      // Every tool parses its options with src/cli/args.ts: `-h` is checked once, on keys.
      for (const help of name === 'keys' ? ['--help', '-h'] : ['--help']) {
        const r = await run(script, [help]);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /^usage: /);
        assert.equal(r.stderr, '');
      }
    });

    test(`${name}: an unknown option is one line and exit 2`, async () => {
      assertUsageError(await run(script, ['--no-such-option']), name, /Unknown option '--no-such-option'/);
    });
  }

  test('a missing value or argument is one line and exit 2', async () => {
    assertUsageError(await run('scripts/keys.ts', []), 'keys', /no command/);
    assertUsageError(await run('scripts/keys.ts', ['create']), 'keys', /create needs a principal/);
    assertUsageError(await run('scripts/keys.ts', ['frobnicate']), 'keys', /unknown command frobnicate/);
    assertUsageError(await run('scripts/keys.ts', ['rotate', 'x', '--key']), 'keys', /argument missing/);
    const stub = { BILLING_STUB_API_KEY: 'k' };
    assertUsageError(
      await run('scripts/billing-stub.ts', ['--port'], stub),
      'billing-stub',
      /argument missing/,
    );
    assertUsageError(
      await run('scripts/billing-stub.ts', ['--port', 'abc'], stub),
      'billing-stub',
      /--port must be a number/,
    );
    assertUsageError(await run('scripts/billing-stub.ts', []), 'billing-stub', /BILLING_STUB_API_KEY/);
    assertUsageError(await run('scripts/agree-datetime.ts', []), 'agree-datetime', /no FILE given/);
    assertUsageError(await run('bench/compare-pipelines.ts', []), 'compare-pipelines', /one git revision/);
    assertUsageError(await run('scripts/agree-quantity.ts', []), 'agree-quantity', /no FILE given/);
    assertUsageError(await run('scripts/eval-taxonomy.ts', ['--set', 'nope']), 'eval:taxonomy', /--set nope/);
    assertUsageError(await run('scripts/dev-certs.ts', ['a', 'b']), 'dev-certs', /one folder at most/);
    assertUsageError(await run('scripts/train.ts', ['--lr', 'abc']), 'train', /--lr must be a number/);
    assertUsageError(
      await run('scripts/train.ts', ['--corpora', 'nope:1']),
      'train',
      /unknown corpus "nope"/,
    );
    assertUsageError(await run('scripts/train.ts', ['--capitalised', 'maybe']), 'train', /use yes or no/);
    assertUsageError(await run('scripts/eval.ts', ['--corpus', 'nope']), 'eval', /unknown corpus "nope"/);
    assertUsageError(await run('scripts/eval.ts', ['--limit=-3']), 'eval', /--limit must be a number/);
  });

  test('a tool still works: keys list', async () => {
    const r = await run('scripts/keys.ts', ['list']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });
});
