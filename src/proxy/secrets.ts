import { readFileSync } from 'node:fs';
import { validateHeaderValue } from 'node:http';
import type { SecretValue } from '../config/proxy.ts';
import { GatewayError } from '../errors/base.ts';

/** Thrown when a referenced secret cannot be read; names the reference, never the value. */
export class SecretError extends GatewayError {
  readonly code = 'SECRET_UNREADABLE';
}

/** Resolves a configured value: literal, `{ env: NAME }` or `{ file: path }` (trailing newline dropped). */
export function resolveSecret(value: SecretValue, env: NodeJS.ProcessEnv = process.env): string {
  if (typeof value === 'string') return value;
  if ('env' in value) {
    const v = env[value.env];
    if (v === undefined || v === '') throw new SecretError(`environment variable ${value.env} is not set`);
    return v;
  }
  try {
    return readFileSync(value.file, 'utf8').replace(/\r?\n$/, '');
  } catch (err) {
    throw new SecretError(
      `cannot read secret file ${value.file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
      { cause: err },
    );
  }
}

/**
 * A secret sent as a header value. Checked at start, where a stray line break in a secret file says
 * which header is wrong; per request, Node would refuse the header and the request would fail.
 */
export function resolveHeaderSecret(name: string, value: SecretValue, env?: NodeJS.ProcessEnv): string {
  const resolved = resolveSecret(value, env);
  try {
    validateHeaderValue(name, resolved);
  } catch {
    throw new SecretError(`the value for header ${name} is not a valid header value (control characters?)`);
  }
  return resolved;
}
