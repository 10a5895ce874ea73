/**
 * Command-line arguments for the project's tools, on `node:util` parseArgs: `--help` (or `-h`) prints
 * the tool's usage and exits 0; an unknown option, a missing value or argument prints one line to
 * stderr and exits 2 (never a stack trace).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Cli {
  /** The tool's name, as messages start (`keys: …`). */
  readonly name: string;
  /** What `--help` prints: the usage line(s), then the options. */
  readonly usage: string;
}

/** Exit code for a command line the tool cannot use (as sysexits' EX_USAGE is for BSD tools, and Node's own). */
export const USAGE_EXIT_CODE = 2;

/** Prints `<name>: <message> (see --help)` to stderr and exits 2. */
export function usageError(cli: Cli, message: string): never {
  process.stderr.write(`${cli.name}: ${message} (see --help)\n`);
  process.exit(USAGE_EXIT_CODE);
}

/** Whether `args` asks for help: `--help` or `-h` before any `--` terminator. */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/**
 * Parses `config.args` (default: the process's arguments) strictly, as `parseArgs` does, after
 * answering `--help`; a parse error becomes a one-line usage error.
 */
export function parseCli<T extends ParseArgsConfig>(cli: Cli, config: T): ReturnType<typeof parseArgs<T>> {
  const args = config.args ?? process.argv.slice(2);
  if (asksForHelp(args)) {
    process.stdout.write(`${cli.usage.trimEnd()}\n`);
    process.exit(0);
  }
  try {
    return parseArgs<T>({ ...config, args, strict: true } as T);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_'))
      usageError(cli, (err as Error).message);
    throw err;
  }
}

/** A numeric option's value (`--port 5099`), or a usage error naming the option. */
export function numberOption(
  cli: Cli,
  option: string,
  raw: string,
  range: { min?: number; max?: number } = {},
): number {
  const n = raw.trim() === '' ? NaN : Number(raw);
  const { min = -Infinity, max = Infinity } = range;
  if (!Number.isFinite(n) || n < min || n > max) {
    const bounds = Number.isFinite(min) || Number.isFinite(max) ? ` from ${min} to ${max}` : '';
    usageError(cli, `--${option} must be a number${bounds}, not '${raw}'`);
  }
  return n;
}
