/**
 * What the API hands the inference pool with each request, so that metering (fed by the pool's
 * `completed` hook) can attribute usage without knowing anything of HTTP.
 */
export interface UsageContext {
  readonly operation: 'EntityRecognition' | 'CustomEntityRecognition';
  /** Principal id (see src/http/principal.ts). */
  readonly principal: string;
  /** Pool model id: `default` or `custom/<project>/<deployment>`. */
  readonly model: string;
}

export function isUsageContext(value: unknown): value is UsageContext {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.operation === 'string' && typeof v.principal === 'string' && typeof v.model === 'string';
}
