import type { LevelWithSilent } from 'pino';

/**
 * The log level of a failure answered with `status`, wherever it is logged (the HTTP edge, a job's
 * task): a 500 (a model error, a bug) is an error; another 5xx, which the service means (busy,
 * shutting down, billing unreachable), a warning; the caller's own mistake (4xx) only debug.
 */
export function failureLevel(status: number): Extract<LevelWithSilent, 'error' | 'warn' | 'debug'> {
  if (status === 500) return 'error';
  return status > 500 ? 'warn' : 'debug';
}
