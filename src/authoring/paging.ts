import type { Request } from 'express';
import { authoringErrors } from './failures.ts';

/** A non-negative int32 query parameter (`top`, `skip`, `maxpagesize`), if given. */
function intParam(req: Request, name: string, min: number): number | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  const n = typeof raw === 'string' && /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min && n <= 2 ** 31 - 1))
    throw authoringErrors.invalid(`${name} must be an integer from ${min} to ${2 ** 31 - 1}.`, name);
  return n;
}

/**
 * One page of a list, Azure.Core style: `skip` items skipped, at most `top` items in all, at most
 * `maxpagesize` per page; `nextLink` (the same URL with the next `skip`) while items remain.
 */
export function page<T>(
  req: Request,
  items: readonly T[],
  selfUrl: string,
): { value: T[]; nextLink?: string } {
  const skip = intParam(req, 'skip', 0) ?? 0;
  const top = intParam(req, 'top', 1);
  const size = intParam(req, 'maxpagesize', 1);
  const end = Math.min(items.length, top === undefined ? Infinity : skip + top);
  const pageEnd = Math.min(end, size === undefined ? Infinity : skip + size);
  const value = items.slice(skip, pageEnd);
  if (pageEnd >= end) return { value };
  const next = new URL(selfUrl);
  next.searchParams.set('skip', String(pageEnd));
  if (top !== undefined) next.searchParams.set('top', String(end - pageEnd));
  return { value, nextLink: next.toString() };
}
